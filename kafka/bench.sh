#!/usr/bin/env bash
# Change-to-consumer latency and throughput through the Kafka Connect source (KafkaPipelineBench):
#   kafka/bench.sh [RATE/s] [SECONDS] [BACKLOG] [TASKS]     (defaults 500 20 200000 4; build first: mvn -B -q install -DskipTests)
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
java -Xmx2g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" io.tributary.kafka.KafkaPipelineBench "$@"
