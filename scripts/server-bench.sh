#!/usr/bin/env bash
# Load on `mtlint serve` (issue #15): wrk on loopback, 2 threads and 64 connections for 30 s,
# POST /v2/check with a 2 KB and a 20 KB English article, full default linting.
# Prints wrk's requests/s, latency percentiles and errors, and the server's peak memory.
# Usage: scripts/server-bench.sh [SECONDS]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
command -v wrk >/dev/null || { echo "server-bench: needs wrk (apt-get install wrk)" >&2; exit 2; }
swift build -c release --product mtlint >/dev/null
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# Articles cut from the licence texts, with a doubled word and a garbled name in each paragraph.
python3 - "$work" <<'PY'
import sys, urllib.parse, glob
words = " ".join(open(f, encoding="utf-8", errors="replace").read() for f in sorted(glob.glob("/usr/share/common-licenses/*"))[:6]).split()
for size in (2_000, 20_000):
    text, i = "", 0
    while len(text.encode()) < size:
        text += " ".join(words[i:i + 60]) + ". The the leader of South Korea North said so.\n\n"
        i += 60
    body = urllib.parse.urlencode({"text": text[:size], "language": "en-US"})
    open(f"{sys.argv[1]}/body-{size // 1000}k.txt", "w").write(body)
PY
port=18081
.build/release/mtlint serve --no-config --port $port >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

for size in 2k 20k; do
  cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local f = io.open("$work/body-$size.txt"); wrk.body = f:read("*a"); f:close()
LUA
  echo "== /v2/check, $size article, 2 threads, 64 connections, ${seconds}s"
  wrk -t2 -c64 -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/v2/check" \
    | grep -E "Requests/sec|Transfer/sec|requests in|Non-2xx|Socket errors|50%|90%|99%"
done
echo "server peak memory: $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')"
