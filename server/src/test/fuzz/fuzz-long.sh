#!/usr/bin/env bash
# Fuzzes one target for longer than the suite's bounded run: each round resumes from the corpus the earlier
# rounds grew (server/.cifuzz-corpus). A finding is saved under server/src/test/resources/.../<Test>Inputs/
# and from then on replays as a regression test in every `mvn verify`.
#   server/src/test/fuzz/fuzz-long.sh RequestFuzzTest 60     # one hour
set -euo pipefail
test=${1:?"which fuzz test: RequestFuzzTest, ExpressionFuzzTest, PartiqlFuzzTest or ItemCodecFuzzTest"}
minutes=${2:-30}
cd "$(dirname "$0")/../../../.."
mvn -B -q install -DskipTests -pl core,server
end=$(( $(date +%s) + minutes * 60 ))
round=0
while [ "$(date +%s)" -lt "$end" ]; do
  round=$((round + 1))
  echo "round $round of $test"
  mvn -B -q surefire:test@fuzz -pl server -Dtest="$test" 2>&1 | grep -E 'DONE|==[0-9]+==|FAIL|crash-' || true
  if grep -q 'FAILURE' server/target/surefire-reports/*"$test".txt 2>/dev/null; then
    echo "finding: see server/target/surefire-reports and the new file under server/src/test/resources"; exit 1
  fi
done
