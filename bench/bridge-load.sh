#!/usr/bin/env bash
# The HTTP bridge under load, in standalone mode against the built-in simulator:
#  1. latency added over calling the simulator directly, open loop at RATE req/s (default 200), zero upstream latency,
#     in ROUNDS (default 5) rounds that each measure the router and then the simulator; the figure is each path's
#     median over the rounds, subtracted (the median round is printed too, and the same medians over the rounds in which
#     the hypervisor took under 2% of the machine's CPU time);
#  2. the most answers per second closed-loop callers get (CONCURRENCY list, default 16,64,256);
#  3. time to the first streamed event, through the bridge and from the simulator directly;
#  4. heap with IN_FLIGHT (default 1000) calls waiting, held by SIMULATOR_LATENCY_MS=HOLD_MS (default 30000).
# Usage: bench/bridge-load.sh   (env: RATE SECONDS_MEASURED WARMUP ROUNDS THROUGHPUT_SECONDS CONCURRENCY TTFT_COUNT IN_FLIGHT HOLD_MS)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=router-standalone/target/router-standalone.jar
[ -f "$JAR" ] || mvn -q -B package -DskipTests
export ROUTER_PORT=${ROUTER_PORT:-28080} ROUTER_KAFKA_PORT=${ROUTER_KAFKA_PORT:-29092} ROUTER_CONTROLLER_PORT=${ROUTER_CONTROLLER_PORT:-29093} SIMULATOR_PORT=${SIMULATOR_PORT:-28091}
ROOT="http://127.0.0.1:$ROUTER_PORT"
SIM="http://127.0.0.1:$SIMULATOR_PORT"
PID=
# The load generator's own collector pauses count as latency on both paths: on a busy 2-core machine G1 paused it
# 20-90 ms at a time (median), the serial collector with a small young generation 5.5 ms.
LOAD="java -XX:+UseSerialGC -Xmn64m bench/BridgeLoad.java"

start_router() {
  DATA=$(mktemp -d)
  export ROUTER_DATA_DIR="$DATA"
  java ${JAVA_OPTS:-@config/jvm.options} -jar "$JAR" > "$DATA/router.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$ROOT/health/ready"; do
    kill -0 $PID 2>/dev/null || { cat "$DATA/router.log"; exit 1; }
    sleep 0.2
  done
}

stop_router() {
  kill $PID 2>/dev/null || true
  # A router stopping with calls held upstream can take long to let its workers go; do not wait for ever.
  for _ in $(seq 100); do kill -0 $PID 2>/dev/null || break; sleep 0.2; done
  kill -9 $PID 2>/dev/null || true
  wait $PID 2>/dev/null || true
  rm -rf "$DATA"
}
trap stop_router EXIT

echo "== zero upstream latency"
SIMULATOR_LATENCY_MS=0 start_router
$LOAD latency "$ROOT" "$SIM" "${RATE:-200}" "${SECONDS_MEASURED:-30}" "${WARMUP:-240}" "${ROUNDS:-5}"
$LOAD throughput "$ROOT" "${CONCURRENCY:-16,64,256}" "${THROUGHPUT_SECONDS:-20}"
$LOAD ttft "$ROOT" "$SIM" "${TTFT_COUNT:-500}" "${TTFT_WARMUP:-500}"
stop_router

echo "== upstream holding each call ${HOLD_MS:-30000} ms"
SIMULATOR_LATENCY_MS=${HOLD_MS:-30000} start_router
curl -s -o /dev/null "$ROOT/metrics"
$LOAD inflight "$ROOT" "$PID" "${IN_FLIGHT:-1000}"
