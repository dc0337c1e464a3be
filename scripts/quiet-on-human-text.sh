#!/usr/bin/env bash
# False alarms on human translations (issue #13): flags per 1,000 words of
#  1. Debian's man pages, section 1, in French, German and Russian (and any other language given;
#     install the manpages-fr, manpages-de and manpages-ru packages first),
#     each page rendered as the issue prescribes, one paragraph per line, concatenated. A page
#     installed under several names (a symlink: rview and rvim are vim.1.gz) is rendered once;
#     `--with-aliases` renders every name, as a plain concatenation of the folder would;
#  2. the French gettext catalogues (/usr/share/locale/fr/LC_MESSAGES/*.mo, decompiled to PO with
#     msgunfmt), linted as translation files: each message with its source, all default rules.
# Usage: scripts/quiet-on-human-text.sh [--with-aliases] [LANG...]   (default: fr de ru)
#        MTLINT=path/to/mtlint to use another binary.
set -euo pipefail
cd "$(dirname "$0")/.."
mtlint=${MTLINT:-.build/release/mtlint}
[ -x "$mtlint" ] || swift build -c release --product mtlint >/dev/null
aliases=no
if [ "${1:-}" = "--with-aliases" ]; then aliases=yes; shift; fi
languages=("$@"); [ ${#languages[@]} -gt 0 ] || languages=(fr de ru)
work=bench-data/human; mkdir -p "$work"

rate() {  # the JSON report on stdin: flags, words, flags per 1,000 words, flags per rule
  python3 -c '
import json, sys, collections
report = json.load(sys.stdin)
findings = [f["rule"] for file in report["files"] for f in file["findings"]]
words = sum(file.get("words", 0) for file in report["files"])
rules = ", ".join(f"{rule} {count}" for rule, count in collections.Counter(findings).most_common())
print(f"{len(findings)} flags, {words} words: {1000 * len(findings) / max(1, words):.3f} per 1,000 words ({rules})")'
}

for lang in "${languages[@]}"; do
  # The translated pages come from Debian's manpages-LANG package (manpages-l10n); without it only
  # the few pages other packages ship are there. The cache is named by the number of pages.
  if ! dpkg -s "manpages-$lang" >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "manpages-$lang" >/dev/null 2>&1; then
      echo "installed manpages-$lang" >&2
    else
      echo "note: manpages-$lang is not installed (apt-get install manpages-$lang); only other packages' pages are rendered" >&2
    fi
  fi
  pages=$(ls /usr/share/man/"$lang"/man1/*.gz 2>/dev/null | wc -l)
  text="$work/man-$lang-$aliases-$pages.txt"
  if [ ! -s "$text" ]; then
    : > "$text"
    for page in /usr/share/man/"$lang"/man1/*.gz; do
      [ "$aliases" = yes ] || [ ! -L "$page" ] || continue
      zcat "$page" | preconv 2>/dev/null | groff -t -man -Tutf8 -P-cbou -rLL=2000n -rHY=0 -dAD=l 2>/dev/null >> "$text" || true
    done
  fi
  echo "man pages ($lang, section 1$([ "$aliases" = yes ] && echo ', every alias')): $("$mtlint" lint --no-config --lang "$lang" --format json "$text" | rate)"
done

catalogues="$work/catalogues-fr"
if [ ! -f "$catalogues/.complete" ]; then
  rm -rf "$catalogues" && mkdir -p "$catalogues"
  for mo in /usr/share/locale/fr/LC_MESSAGES/*.mo; do
    msgunfmt --no-wrap "$mo" -o "$catalogues/$(basename "$mo" .mo).po" 2>/dev/null || rm -f "$catalogues/$(basename "$mo" .mo).po"
  done
  touch "$catalogues/.complete"
fi
# A catalogue that is not UTF-8 is reported (exit 2) and left out; the others are counted.
echo "French catalogues ($(ls "$catalogues"/*.po | wc -l) files): $("$mtlint" lint --no-config --format json "$catalogues" 2>/dev/null | rate)"
