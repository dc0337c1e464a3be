#!/usr/bin/env bash
# Speed of the source-aware layer (issue #12), on a release build, one core:
#  1. news pairs: the newstest2020 documents of ../shared/eval-dev (every system's translation,
#     three segments a paragraph) linted alone and with their sources, in one process, document
#     by document in turns (mtlint-bench --source-root, with --breakdown per rule);
#  2. article pairs through the command line: French man pages linted alone, then with their
#     English pages as sources (--source-root); the ratio is the bilingual speed relative to the
#     monolingual one (the pages are of other versions, so many source findings);
#  3. an XLIFF 1.2 file of 100,000 units built from English licence and man-page sentences.
# Usage: scripts/bilingual-speed.sh   (MTLINT=path/to/mtlint to use another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
mtlint=${MTLINT:-.build/release/mtlint}
[ -x "$mtlint" ] || swift build -c release --product mtlint >/dev/null
data=bench-data/bilingual
render() { zcat "$1" | preconv 2>/dev/null | groff -t -man -Tutf8 -P-cbou -rLL=2000n -rHY=0 -dAD=l 2>/dev/null; }
if [ ! -f "$data/.complete" ]; then
  rm -rf "$data" && mkdir -p "$data/fr" "$data/en"
  for page in /usr/share/man/fr/man[1-8]/*.gz; do
    section=$(basename "$(dirname "$page")"); name=$(basename "$page" .gz)
    english=/usr/share/man/$section/$name.gz
    [ -f "$english" ] || continue
    render "$page" > "$data/fr/$name.txt"; render "$english" > "$data/en/$name.txt"
  done
  python3 - "$data" <<'PY'
import glob, html, re, sys
data = sys.argv[1]
sentences = []
for path in sorted(glob.glob("/usr/share/common-licenses/*")) + sorted(glob.glob(data + "/en/*.txt")):
    try:
        text = open(path, encoding="utf-8").read()
    except (UnicodeDecodeError, IsADirectoryError):
        continue
    sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if 20 < len(s) < 300]
units = []
for i in range(100000):
    source = sentences[i % len(sentences)]
    target = sentences[(i * 7 + 3) % len(sentences)]
    units.append(f'<trans-unit id="u{i}"><source>{html.escape(source, quote=False)}</source>'
                 f'<target state="translated">{html.escape(target, quote=False)}</target></trans-unit>')
with open(data + "/units.xlf", "w", encoding="utf-8") as out:
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
              '<file source-language="en" target-language="fr" datatype="plaintext" original="x"><body>\n')
    out.write("\n".join(units))
    out.write("\n</body></file></xliff>\n")
PY
  touch "$data/.complete"
fi
# 1. News pairs from eval-dev, in process.
eval_dev=${EVAL_DEV:-../shared/eval-dev}
if [ -d "$eval_dev" ] && [ ! -f bench-data/news/.complete ]; then
  python3 - "$eval_dev" <<'PY'
import gzip, json, os, re, sys
for pair in ("en-de", "zh-en"):
    base = f"bench-data/news/{pair}"
    for side in ("target", "source"):
        os.makedirs(f"{base}/{side}", exist_ok=True)
    for line in gzip.open(f"{sys.argv[1]}/newstest2020_mqm.{pair}.jsonl.gz", "rt"):
        record = json.loads(line)
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{record['system']}.{record['doc']}") + ".txt"
        segments = record["segments"]
        for side, key in (("target", "tgt"), ("source", "src")):
            paragraphs = (" ".join(s[key] for s in segments[i:i + 3]) for i in range(0, len(segments), 3))
            open(f"{base}/{side}/{name}", "w", encoding="utf-8").write("\n\n".join(paragraphs) + "\n")
PY
  touch bench-data/news/.complete
fi
if [ -f bench-data/news/.complete ]; then
  swift build -c release --product mtlint-bench >/dev/null
  for pair in en-de:de:en zh-en:en:zh; do
    IFS=: read -r name target source <<< "$pair"
    echo "news $name:"
    taskset -c 1 .build/release/mtlint-bench --lang "$target" --source-lang "$source" --breakdown \
      --source-root "bench-data/news/$name/source" "bench-data/news/$name/target"
  done
fi

# 2. and 3. Through the command line, as a user runs it: a whole tree alone, then with its sources.
seconds() { local start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; echo "$(date +%s.%N) - $start" | bc; }
through_cli() {  # label, target language, source language, target tree, source tree
  for round in 1 2 3; do
    mono=$(seconds taskset -c 1 "$mtlint" --jobs 1 --no-config --lang "$2" --format json "$4")
    pair=$(seconds taskset -c 1 "$mtlint" --jobs 1 --no-config --lang "$2" --source-lang "$3" --format json "$4" --source-root "$5")
    echo "$1, round $round: $(du -sm --apparent-size "$4" | cut -f1) MB: alone ${mono}s, with sources ${pair}s, bilingual speed $(echo "scale=2; $mono / $pair" | bc) of monolingual"
  done
}
if [ -f bench-data/news/.complete ]; then
  through_cli "news en-de (command line)" de en bench-data/news/en-de/target bench-data/news/en-de/source
  through_cli "news zh-en (command line)" en zh bench-data/news/zh-en/target bench-data/news/zh-en/source
fi
through_cli "French man pages with their English pages" fr en "$data/fr" "$data/en"
xliff=$(seconds taskset -c 1 "$mtlint" --format json "$data/units.xlf")
echo "XLIFF of 100,000 units ($(du -m --apparent-size "$data/units.xlf" | cut -f1) MB): ${xliff}s"
