#!/usr/bin/env bash
# Speed benchmark (DESIGN §6): ~30 MB of English (man pages rendered with
# `man -P cat`, plus licence texts), linted by a release build, compared in one
# run with a plain ICU word+sentence pass over the same bytes, on one core.
# Usage: scripts/bench.sh [MEGABYTES]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
target_mb=${1:-30}
data=bench-data/en
if [ ! -f "$data/.complete-$target_mb" ]; then
  rm -rf "$data" && mkdir -p "$data"
  # Licence texts first, then English man pages until the target size is reached.
  cat /usr/share/common-licenses/* > "$data/licences.txt" 2>/dev/null || true
  size_mb() { du -sm --apparent-size "$data" | cut -f1; }
  i=0
  for page in $(find /usr/share/man/man1 /usr/share/man/man2 /usr/share/man/man3 /usr/share/man/man5 /usr/share/man/man7 /usr/share/man/man8 -maxdepth 1 -type f -name '*.gz' 2>/dev/null | sort); do
    # Checking the size is slow; do it every 50 pages.
    if [ $((i % 50)) -eq 0 ] && [ "$(size_mb)" -ge "$target_mb" ]; then break; fi
    name=$(basename "$page" .gz)
    MANWIDTH=80 man -P cat -l "$page" 2>/dev/null | col -bx > "$data/$name.txt" || rm -f "$data/$name.txt"
    i=$((i + 1))
  done
  # Repeat the set if the machine has too few man pages.
  while [ "$(size_mb)" -lt "$target_mb" ]; do
    n=$(ls "$data" | wc -l)
    for f in "$data"/*.txt; do cp "$f" "${f%.txt}.copy$n.txt"; done
  done
  touch "$data/.complete-$target_mb"
fi
swift build -c release --product mtlint-bench >/dev/null
# One core: the ratio is what counts, measured in one process.
taskset -c 0 .build/release/mtlint-bench --lang en --rounds 3 --without-family names --breakdown "$data"
# End to end: the mtlint process writing its JSON report, against reading the files + ICU, one core.
swift build -c release --product mtlint >/dev/null
taskset -c 0 .build/release/mtlint-bench --end-to-end --lang en --rounds 3 "$data"
# Both cores: many files on 1 and on 2 workers.
.build/release/mtlint-bench --lang en --rounds 3 --parallel "$data" | tail -1
# The --stream pipeline: 20,000 records of about 2 KB cut from the same text, on 1 and 2 workers.
.build/release/mtlint-bench --lang en --rounds 3 --stream 20000 "$data" | tail -2
