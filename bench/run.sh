#!/usr/bin/env bash
# Runs every benchmark in sequence against the real engine and rewrites bench/RESULTS.md.
#
#   bash bench/run.sh                 # npm run bench
#   BENCH_REBUILD=1 bash bench/run.sh # rebuild out/ first (otherwise built only when missing)
#
# Everything a benchmark creates is labelled berth.bench.run=<run id>; whatever is left when this
# script ends (a crash, Ctrl-C) is removed here, and nothing else is touched. Budget misses do not
# fail the run (the figures are measurements); a benchmark that crashes does.
set -euo pipefail
cd "$(dirname "$0")/.."

export BENCH_RUN_ID="${BENCH_RUN_ID:-bench$(date +%s)}"
BENCH_OUT="$(mktemp -d)"
export BENCH_OUT
export BENCH_LOAD_START
BENCH_LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
CHROMIUM="${BENCH_CHROMIUM:-/usr/bin/chromium}"
export BENCH_CHROMIUM_VERSION
BENCH_CHROMIUM_VERSION="$("$CHROMIUM" --version 2>/dev/null | head -n1 || echo unknown)"

cleanup() {
  local left
  left="$(docker ps -aq --filter "label=berth.bench.run=$BENCH_RUN_ID" 2>/dev/null || true)"
  if [[ -n "$left" ]]; then
    echo "bench: removing $(wc -w <<<"$left") leftover containers of run $BENCH_RUN_ID"
    # shellcheck disable=SC2086  # one id per word
    docker rm -f $left >/dev/null || true
  fi
  left="$(docker volume ls -q --filter "label=berth.bench.run=$BENCH_RUN_ID" 2>/dev/null || true)"
  # shellcheck disable=SC2086  # one name per word
  [[ -n "$left" ]] && docker volume rm -f $left >/dev/null || true
  rm -rf "$BENCH_OUT"
}
trap cleanup EXIT

if ! docker info >/dev/null 2>&1; then
  echo "bench: the container engine is not reachable (is dockerd running?)" >&2
  exit 1
fi
docker image inspect berth-test/busybox:latest >/dev/null 2>&1 || bash scripts/build-test-image.sh
if [[ "${BENCH_REBUILD:-0}" == 1 || ! -f out/main/web.js || ! -f out/renderer/index.html ]]; then
  echo "bench: building out/ (electron-vite build)"
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npx --no -- electron-vite build
fi

start=$SECONDS
failed=()
for bench in event-latency list-scale idle-cpu logs-throughput logs-view stats-scale terminal volume-export pull images-list engine-restart; do
  echo
  echo "==> $bench"
  npx --no -- tsx "bench/$bench.ts" || failed+=("$bench")
done
export BENCH_TOTAL_SECONDS=$((SECONDS - start))

npx --no -- tsx bench/report.ts "$BENCH_OUT" bench/RESULTS.md
left="$(docker ps -aq --filter "label=berth.bench.run=$BENCH_RUN_ID" | wc -l)"
echo "bench: run $BENCH_RUN_ID took ${BENCH_TOTAL_SECONDS} s; containers left behind before cleanup: $left"
if ((${#failed[@]})); then
  echo "bench: did not complete: ${failed[*]}" >&2
  exit 1
fi
