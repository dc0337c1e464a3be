#!/usr/bin/env bash
# Fix scaling benchmark (issue #11): English prose with a safe fix every ~130 bytes
# ("the the", " ,", "cafÃ©", "ended.The", "&amp;", "ministers,who"), at 1, 10 and 50 MB.
# Times `mtlint lint`, `mtlint fix` (on a copy) and `mtlint fix --diff` on one core with
# a release build, and prints fix time / lint time and the peak memory of each run.
# `fix` lints at least twice (before and after the edits), so 2–3× lint time is expected.
# Usage: scripts/fix-scaling.sh [MEGABYTES…]   (default 1 10 50)
#        MTLINT=path/to/mtlint to time another build.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1 10 50)
data=bench-data/fix
mkdir -p "$data"
if [ -z "${MTLINT:-}" ]; then
  swift build -c release --product mtlint >/dev/null
  MTLINT=.build/release/mtlint
fi
# One core for every run, so that the ratios compare like with like.
pin=()
command -v taskset >/dev/null && pin=(taskset -c 1)

# Deterministic text: sentences of common words, each line with one artefact at a random place.
generate() {  # MEGABYTES FILE
  awk -v bytes="$(($1 * 1000000))" 'BEGIN {
    srand(11)
    n = split("the summit ended in Hanoi after two days of talks between the leaders who agreed to meet again " \
              "soon while ministers said that progress on sanctions and trade was slow but real and the talks " \
              "will resume in spring with experts from both sides working on a joint statement", words, " ")
    n_bad = split("the the|said , and|a cafÃ© near|ended.The|Smith &amp; Sons|ministers,who|and and", bad, "|")
    total = 0; line_no = 0
    while (total < bytes) {
      line = ""
      for (w = 0; w < 12; w++) {
        word = words[int(rand() * n) + 1]
        if (w == 0) word = toupper(substr(word, 1, 1)) substr(word, 2)
        line = line (w ? " " : "") word
        if (w == 5) line = line " " bad[int(rand() * n_bad) + 1]
      }
      line = line " " line_no "."
      print line
      total += length(line) + 1; line_no++
      if (line_no % 8 == 0) { print ""; total++ }
    }
  }'  > "$2"
}

measure() {  # COMMAND… ; prints "seconds max-RSS-MB", the seconds marked "!" when the run failed
  local log
  log=$(mktemp)
  if [ -x /usr/bin/time ]; then
    "${pin[@]}" /usr/bin/time -v -o "$log" "$@" >/dev/null 2>>"$log.err" || true
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
                /Maximum resident set size/ { rss = $2 / 1024 }
                /terminated by signal/ || (/Exit status/ && $2 > 1) { failed = "!" }
                END { printf "%.2f%s %.0f\n", s, failed, rss }' "$log"
  else
    local start end
    start=$(date +%s.%N)
    "${pin[@]}" "$@" >/dev/null 2>>"$log.err" || true
    end=$(date +%s.%N)
    echo "$(echo "$end - $start" | bc) ?"
  fi
  rm -f "$log" "$log.err"
}

echo "mtlint: $MTLINT; times in seconds (peak RSS in MB); ! = the run failed (killed, out of memory)"
printf '%-6s %-24s %-24s %-24s %-8s %-8s\n' "size" "lint s (MB RSS)" "fix s (MB RSS)" "fix --diff s (MB RSS)" "fix/lint" "diff/lint"
for mb in "${sizes[@]}"; do
  file="$data/text-$mb.txt"
  [ -f "$file" ] || generate "$mb" "$file"
  read -r lint_s lint_rss < <(measure "$MTLINT" lint --lang en --no-config "$file")
  cp "$file" "$data/copy.txt"
  read -r fix_s fix_rss < <(measure "$MTLINT" fix --lang en --no-config "$data/copy.txt")
  read -r diff_s diff_rss < <(measure "$MTLINT" fix --diff --lang en --no-config "$file")
  rm -f "$data/copy.txt"
  printf '%-6s %-24s %-24s %-24s %-8s %-8s\n' "${mb}MB" "$lint_s ($lint_rss)" "$fix_s ($fix_rss)" "$diff_s ($diff_rss)" \
    "$(awk -v a="${fix_s%!}" -v b="$lint_s" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="${diff_s%!}" -v b="$lint_s" 'BEGIN { printf "%.2f", a / b }')"
done
