#!/usr/bin/env bash
# Control plane benchmarks (docs/benchmarks.md, "Control plane"): start-up time, SSE propagation
# to many SDK streams, OFREP throughput against a bare Jetty ceiling. Needs a JDK 21+, curl and
# wrk (Debian package). Builds the jars when missing. Not a test: prints figures.
#   gantry-bench/scripts/control-plane-bench.sh [connections=10000] [wrk-seconds=15] [ofrep-rounds=3]
#   OFREP_ONLY=1 gantry-bench/scripts/control-plane-bench.sh 0 10 5   # only the OFREP/ceiling comparison
set -euo pipefail
cd "$(dirname "$0")/../.."
connections="${1:-10000}"
seconds="${2:-15}"
rounds="${3:-3}"
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
[[ -n "${OFREP_ONLY:-}" ]] || for i in 1 2 3 4 5; do
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
[[ -n "${OFREP_ONLY:-}" ]] || "$java" -cp gantry-bench/target/gantry-benchmarks.jar dev.gantry.bench.server.SsePropagation \
  "http://127.0.0.1:$port/" "$token" "$connections" 5

echo "== OFREP single-flag evaluation vs bare Jetty ceiling, wrk -t2 -c64 -d${seconds}s, $rounds alternating rounds"
key="$(curl -fs -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/environments/production/sdk-keys" \
  | sed -n 's/.*"key" *: *"\([^"]*\)".*/\1/p')"
curl -fs -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  "http://127.0.0.1:$port/api/v1/environments/production/flags/new-checkout" \
  -d '{"type":"boolean","on":true,"salt":"s","variations":[{"name":"on","value":true},{"name":"off","value":false}],"offVariation":"off","rules":[{"id":"staff","clauses":[{"attribute":"email","op":"endsWith","values":["@gantry.dev"]}],"serve":{"variation":"on"}}],"fallthrough":{"split":[{"variation":"on","weight":50000},{"variation":"off","weight":50000}]}}'
"$java" -cp gantry-bench/target/gantry-benchmarks.jar dev.gantry.bench.server.BareJetty "$bare" >/dev/null 2>&1 &
pids+=($!)
until curl -fs -o /dev/null -X POST "http://127.0.0.1:$bare/"; do sleep 0.05; done
gantry_url="http://127.0.0.1:$port/ofrep/v1/evaluate/flags/new-checkout"
bare_url="http://127.0.0.1:$bare/"
rps() { GANTRY_SDK_KEY="$1" wrk -t2 -c64 -d"$2" -s gantry-bench/scripts/ofrep.lua "$3" | awk '/Requests\/sec/ {print int($2)}'; }
# the one request checked by hand: the answer is an evaluation, not an error
curl -fs -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
  -d '{"context":{"targetingKey":"user-42","email":"ana@example.com","plan":"pro"}}' "$gantry_url"; echo
rps "$key" 5s "$gantry_url" >/dev/null; rps x 5s "$bare_url" >/dev/null   # warm-up
for r in $(seq 1 "$rounds"); do
  g="$(rps "$key" "${seconds}s" "$gantry_url")"; b="$(rps x "${seconds}s" "$bare_url")"
  echo "round $r: gantry OFREP $g req/s, bare Jetty $b req/s, ratio $(( 100 * g / b )) %, load $(cut -d' ' -f1 /proc/loadavg)"
done
