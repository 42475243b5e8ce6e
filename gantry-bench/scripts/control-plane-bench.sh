#!/usr/bin/env bash
# Control plane benchmarks (docs/benchmarks.md, "Control plane"): start-up time, SSE propagation
# to many SDK streams, OFREP throughput against a bare Jetty ceiling. Needs a JDK 21+, curl and
# wrk (Debian package). Builds the jars when missing. Not a test: prints figures.
#   gantry-bench/scripts/control-plane-bench.sh [connections=10000] [wrk-seconds=15]
set -euo pipefail
cd "$(dirname "$0")/../.."
connections="${1:-10000}"
seconds="${2:-15}"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -f gantry-cli/target/gantry.jar && -f gantry-bench/target/gantry-benchmarks.jar ]] \
  || ./mvnw -B -q -pl gantry-cli,gantry-bench -am package -DskipTests
port=18095; bare=18096
token="gat_bench-$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)"
data="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$data"; }
trap cleanup EXIT

echo "== start-up: launch to first 200 from /readyz (fresh data directory, examples loaded), 5 runs"
for i in 1 2 3 4 5; do
  d="$(mktemp -d)"; start=$(date +%s%N)
  "$java" --enable-native-access=ALL-UNNAMED -jar gantry-cli/target/gantry.jar serve --port "$port" --data-dir "$d" >/dev/null 2>&1 &
  p=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.02; done
  echo "run $i: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  kill "$p"; wait "$p" 2>/dev/null || true; rm -rf "$d"
done

GANTRY_ADMIN_TOKEN="$token" "$java" --enable-native-access=ALL-UNNAMED -jar gantry-cli/target/gantry.jar serve \
  --port "$port" --data-dir "$data" >/dev/null 2>&1 &
pids+=($!)
until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do sleep 0.05; done

echo "== SSE propagation: $connections streams, 5 flag changes"
"$java" -cp gantry-bench/target/gantry-benchmarks.jar dev.gantry.bench.server.SsePropagation \
  "http://127.0.0.1:$port/" "$token" "$connections" 5

echo "== OFREP single-flag evaluation, wrk -t2 -c64 -d${seconds}s"
key="$(curl -fs -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/environments/production/sdk-keys" \
  | sed -n 's/.*"key" *: *"\([^"]*\)".*/\1/p')"
curl -fs -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "http://127.0.0.1:$port/api/v1/environments/production/flags/new-checkout" \
  -d '{"type":"boolean","on":true,"salt":"s","variations":[{"name":"on","value":true},{"name":"off","value":false}],"offVariation":"off","rules":[{"id":"staff","clauses":[{"attribute":"email","op":"endsWith","values":["@gantry.dev"]}],"serve":{"variation":"on"}}],"fallthrough":{"split":[{"variation":"on","weight":50000},{"variation":"off","weight":50000}]}}'
GANTRY_SDK_KEY="$key" wrk -t2 -c64 -d5s -s gantry-bench/scripts/ofrep.lua "http://127.0.0.1:$port/ofrep/v1/evaluate/flags/new-checkout" >/dev/null  # warm-up
GANTRY_SDK_KEY="$key" wrk -t2 -c64 -d"${seconds}s" --latency -s gantry-bench/scripts/ofrep.lua \
  "http://127.0.0.1:$port/ofrep/v1/evaluate/flags/new-checkout"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

echo "== ceiling: bare Jetty 12, fixed body, same wrk settings"
"$java" -cp gantry-bench/target/gantry-benchmarks.jar dev.gantry.bench.server.BareJetty "$bare" >/dev/null 2>&1 &
pids+=($!)
until curl -fs -o /dev/null -X POST "http://127.0.0.1:$bare/"; do sleep 0.05; done
GANTRY_SDK_KEY=x wrk -t2 -c64 -d5s -s gantry-bench/scripts/ofrep.lua "http://127.0.0.1:$bare/" >/dev/null  # warm-up
GANTRY_SDK_KEY=x wrk -t2 -c64 -d"${seconds}s" --latency -s gantry-bench/scripts/ofrep.lua "http://127.0.0.1:$bare/"
