#!/usr/bin/env bash
# Start-up time of standalone mode and the latency of one request through the whole path
# (bridge -> Kafka -> streams -> Kafka -> worker -> simulator -> Kafka -> bridge), against the
# simulator with zero latency, compared with calling the simulator directly.
# Then the latency of exact cache hits: one deterministic request repeated through the bridge.
# Usage: bench/path-latency.sh [COUNT]   (default 100 sequential requests after WARMUP=2000 warm-up ones, so the JIT has compiled the path)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-100}
JAR=router-standalone/target/router-standalone.jar
[ -f "$JAR" ] || mvn -q -B package -DskipTests

DATA=$(mktemp -d)
LOG="$DATA/router.log"
export ROUTER_DATA_DIR="$DATA" ROUTER_PORT=18080 ROUTER_KAFKA_PORT=19092 ROUTER_CONTROLLER_PORT=19093 SIMULATOR_PORT=18091
started=$(date +%s%N)
java ${JAVA_OPTS:-@config/jvm.options} -jar "$JAR" > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$ROUTER_PORT/health/ready"; do
  kill -0 $PID 2>/dev/null || { cat "$LOG"; exit 1; }
  sleep 0.1
done
ready=$(date +%s%N)
first=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$ROUTER_PORT/v1/chat/completions" \
  -d '{"model":"auto","messages":[{"role":"user","content":"first request"}]}')
echo "start-up: JVM start to ready $(( (ready - started) / 1000000 )) ms; first request ${first}s"
grep -o 'standalone ready in [0-9]* ms' "$LOG" || true
java bench/PathLatency.java "http://127.0.0.1:$ROUTER_PORT/v1/chat/completions" \
  "http://127.0.0.1:$SIMULATOR_PORT/v1/chat/completions" "$COUNT" "${WARMUP:-2000}"
