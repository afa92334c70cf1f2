#!/usr/bin/env bash
# Benchmarks (release build). Prints figures for the README's Performance section.
#   intake: signed, unique Greenhouse deliveries over loopback with wrk (64 connections, 2 threads),
#           each verified (HMAC-SHA256), deduped and committed durably (WAL, synchronous=FULL) before
#           its answer. Afterwards the stored count is checked against the 2xx count.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BENCH_BIN:-./.build/release/screener}
DURATION=${BENCH_DURATION:-15s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
WORK=$(mktemp -d)
trap 'kill $SERVER_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
SECRET=$(openssl rand -hex 24)
cat > "$WORK/screener.yaml" <<YAML
server: {host: 127.0.0.1, port: $PORT}
database: {path: $WORK/bench.sqlite}
profilesDirectory: ./webhooks
workers: {count: 0}
logging: {level: warning}
integrations:
  - name: bench-greenhouse
    profile: greenhouse
    secrets: ["env:BENCH_SECRET"]
YAML
# BENCH_ONLY=intake-floor runs the same load against `intake-floor` (scripts/intake-floor): the same
# SwiftNIO HTTP/1 pipeline answering 200 with no intake work, i.e. the HTTP stack's own cost.
if [ "${BENCH_ONLY:-}" = intake-floor ]; then
  swift build -c release --product intake-floor >/dev/null
  ./.build/release/intake-floor "$PORT" > "$WORK/server.log" 2>&1 &
else
  SCREENER_DATA_KEY=$(openssl rand -base64 32) BENCH_SECRET=$SECRET $BIN serve --config "$WORK/screener.yaml" > "$WORK/server.log" 2>&1 &
fi
SERVER_PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

BODY=$(python3 -c 'import json,sys; print(json.dumps(json.load(open("webhooks/greenhouse/samples/new_candidate_application.json")), separators=(",",":")))')
SIGNATURE=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex | awk '{print $NF}')
echo "== intake: wrk -t2 -c$CONNECTIONS -d$DURATION, $(nproc) cores, $(uname -m), body $(printf '%s' "$BODY" | wc -c) bytes"
# CPU accounting (clock ticks): the server's own, wrk's, and the whole machine's busy time, so that a
# run disturbed by other work on the machine can be recognised.
cpu_busy() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }
proc_cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
TIMER=(); command -v /usr/bin/time >/dev/null && TIMER=(/usr/bin/time -f "%U %S" -o "$WORK/wrk.cpu")
BUSY0=$(cpu_busy); SERVER0=$(proc_cpu $SERVER_PID)
BENCH_BODY=$BODY BENCH_SIGNATURE=$SIGNATURE BENCH_PATH=/v1/webhooks/bench-greenhouse BENCH_RUN=$RANDOM \
  "${TIMER[@]}" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench/intake.lua "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"
BUSY1=$(cpu_busy); SERVER1=$(proc_cpu $SERVER_PID)
kill -TERM $SERVER_PID; wait $SERVER_PID || true
STORED=$([ -f "$WORK/bench.sqlite" ] && python3 -c "import sqlite3; print(sqlite3.connect('$WORK/bench.sqlite').execute('select count(*) from raw_events').fetchone()[0])" || echo "none (intake-floor stores nothing)")
REQUESTS=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
NON2XX=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt"); NON2XX=${NON2XX:-0}
echo "stored events: $STORED (requests $REQUESTS, non-2xx $NON2XX)"
TICKS=$(getconf CLK_TCK)
WRK_TICKS=$([ -s "$WORK/wrk.cpu" ] && awk -v t="$TICKS" '{printf "%d", ($1+$2)*t}' "$WORK/wrk.cpu" || echo 0)
awk -v b=$((BUSY1-BUSY0)) -v s=$((SERVER1-SERVER0)) -v w="$WRK_TICKS" -v n="$REQUESTS" -v t="$TICKS" -v c="$(nproc)" -v d="${DURATION%s}" 'BEGIN {
  printf "cpu: server %.3f ms per request; wrk %.3f ms per request; machine busy %.0f%% of %d cores, of which other processes %.0f%%\n",
    1000*s/t/n, 1000*w/t/n, 100*b/t/(c*d), c, 100*(b-s-w)/t/(c*d) }'
case "${BENCH_ONLY:-}" in intake|intake-floor) exit 0 ;; esac

# Scoring: builtin fast path (profile×job scores/s), ranking 10,000 prepared profiles, and quality on
# the public data beside the checkout (skipped when ../shared/data is absent).
if [ -d ../shared/data ]; then
  swift build -c release --product scoring-quality >/dev/null
  python3 scripts/quality/extract_text.py ../shared/data "$WORK/quality.jsonl" >/dev/null
  echo "== scoring: builtin fast path and ranking (release, CPU time)"
  ./.build/release/scoring-quality bench "$WORK/quality.jsonl"
  echo "== scoring quality: builtin vs plain BM25"
  ./.build/release/scoring-quality quality "$WORK/quality.jsonl" ../shared/data
else
  echo "== scoring: skipped (../shared/data not found)"
fi

# Pipeline: accepted webhook → Standard Webhooks shortlist.updated callback, over loopback, with
# the builtin model and local resume URLs: latency paced at 10 deliveries/s, then sustained
# throughput unpaced (4 senders). The shortlist lists every candidate, so each callback grows.
swift build -c release --product pipeline-bench >/dev/null
echo "== pipeline: webhook to callback (release)"
./.build/release/pipeline-bench 100 4 10 2>/dev/null | grep '^pipeline:'
./.build/release/pipeline-bench 200 4 0 2>/dev/null | grep '^pipeline:'

# Parsing: documents per second per format (livecareer PDFs, vanetik DOCX): text extraction only and
# the full parse in process on one thread, then through the real ParseWorkerPool (two
# `screener parse-worker` children), with CPU per document, the workers' peak RSS and how much of
# the machine other processes took; `pdftotext -layout` over the same PDFs for comparison.
# `parse-bench dump DIR` writes every ParsedResume for a byte-for-byte diff between two builds.
if [ -d ../shared/data/livecareer-sample ] && [ -d ../shared/data/vanetik ]; then
  swift build -c release --product parse-bench >/dev/null
  echo "== parsing (release; median of ${BENCH_PARSE_ROUNDS:-3} rounds; OCR off)"
  ./.build/release/parse-bench bench --data ../shared/data --screener ./.build/release/screener --rounds "${BENCH_PARSE_ROUNDS:-3}"
else
  echo "== parsing: skipped (../shared/data/livecareer-sample or ../shared/data/vanetik not found)"
fi
