#!/usr/bin/env bash
# A cross-check of the benchmark with a load tool that is not ours: wrk (Debian package wrk), one thread and
# 16 connections, identical raw requests, against Tributary (durable, the default) and DynamoDB Local in
# memory, one after the other on this machine. Tables have a NEW_AND_OLD_IMAGES stream. Prints requests/s and
# the p50/p99 latency wrk reports for each scenario, after a warm-up of the same length.
# Usage: bench/wrk/run.sh [seconds per measurement, default 10]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-10}
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
command -v curl > /dev/null || { echo "curl is needed: apt-get install -y curl" >&2; exit 1; }
(cd "$root" && mvn -B -q install -DskipTests && mvn -B -q -f bench/dynamodb-local/pom.xml package) >&2
export WRK_DIR=$here
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2> /dev/null; rm -rf "$work"' EXIT

call() {  # call PORT ACTION BODY
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$1/" -H "Content-Type: application/x-amz-json-1.0" \
    -H "X-Amz-Target: DynamoDB_20120810.$2" \
    -H "Authorization: AWS4-HMAC-SHA256 Credential=wrk/20261127/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0" \
    -d "$3"
}

prepare() {  # prepare PORT: the two tables, the query partition and the item the reads and updates use
  local stream='"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},"BillingMode":"PAY_PER_REQUEST"'
  call "$1" CreateTable '{"TableName":"wrk","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],'"$stream"'}'
  call "$1" CreateTable '{"TableName":"wrk-query","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}],'"$stream"'}'
  local attributes='"name":{"S":"Alice Example"},"email":{"S":"alice@example.com"},"age":{"N":"42"},"city":{"S":"Springfield"},"bio":{"S":"'$(printf 'x%.0s' $(seq 90))'"}'
  for batch in 0 1 2 3; do
    local puts=
    for i in $(seq $((batch * 25)) $((batch * 25 + 24))); do
      puts+="${puts:+,}"'{"PutRequest":{"Item":{"pk":{"S":"part#1"},"sk":{"S":"item#'$(printf %03d "$i")'"},'"$attributes"'}}}'
    done
    call "$1" BatchWriteItem '{"RequestItems":{"wrk-query":['"$puts"']}}'
  done
  call "$1" PutItem '{"TableName":"wrk","Item":{"pk":{"S":"user#000001"},'"$attributes"'}}'
}

measure() {  # measure NAME PORT: every scenario, warm-up then measurement
  for scenario in put-same put-new get update query; do
    wrk -t1 -c16 -d"${seconds}s" -s "$here/$scenario.lua" "http://127.0.0.1:$2/" > /dev/null
    wrk -t1 -c16 -d"${seconds}s" --latency -s "$here/$scenario.lua" "http://127.0.0.1:$2/" \
      | awk -v name="$1" -v scenario="$scenario" '
          /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 } /Non-2xx/ { errors = $NF } /^Requests\/sec/ { rate = $2 }
          END { printf "| %s | %s | %.0f | %s | %s | %d |\n", name, scenario, rate, p50, p99, errors }'
  done
}

wait_for() {
  for _ in $(seq 200); do call "$1" ListTables '{}' && return 0; sleep 0.1; done
  echo "the server on port $1 did not answer" >&2; exit 1
}

echo "| server | scenario | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|---|"
"$root/tributary" server --port 8101 --data-dir "$work/tributary" > "$work/tributary.log" 2>&1 &
server=$!
wait_for 8101 && prepare 8101 && measure "Tributary durable" 8101
kill "$server"; wait "$server" 2> /dev/null || true
lib="$root/bench/dynamodb-local/target/lib"
cd "$work"  # DynamoDB Local writes a metadata file into its working directory
java -Djava.library.path="$lib" -cp "$lib/*" com.amazonaws.services.dynamodbv2.local.main.ServerRunner \
  -port 8102 -sharedDb -inMemory > "$work/dynamodb-local.log" 2>&1 &
server=$!
wait_for 8102 && prepare 8102 && measure "DynamoDB Local in memory" 8102
