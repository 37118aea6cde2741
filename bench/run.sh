#!/usr/bin/env bash
# The benchmark: builds Tributary and gathers DynamoDB Local (both from Maven Central only), then runs every
# scenario against each in turn on this machine and writes docs/benchmarks.md. Arguments go to the
# harness (see: java -jar bench/target/tributary-bench.jar --help), e.g. --measure-ms 2000 or --million.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
mvn -B -q -f bench/dynamodb-local/pom.xml package
exec java -jar bench/target/tributary-bench.jar "$@"
