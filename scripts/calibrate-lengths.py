#!/usr/bin/env python3
"""Calibrates omission's length thresholds per language pair (LengthThresholds.swift) on eval-dev.

For each pair, every segment's Gale-Church delta is computed as mtlint's UnitLengths does (letters
counted on the bytes, the document's own target/source ratio, variance 6.8, sources under 20
letters left out). For each threshold it prints, on the human references, flags per 1,000 words
(all, and on segments with no annotated error) and, on the machine translations, the segments
flagged, the share holding an omission error, the lift over the chance rate and the recall.

Usage: scripts/calibrate-lengths.py [EVAL_DEV_DIR]   (default ../shared/eval-dev)
"""
import collections, gzip, json, math, statistics, sys

EVAL_DEV = sys.argv[1] if len(sys.argv) > 1 else "../shared/eval-dev"
PAIRS = {"en-de": ["newstest2020_mqm.en-de", "ted2021_mqm.en-de"], "zh-en": ["newstest2020_mqm.zh-en", "ted2021_mqm.zh-en"]}
THRESHOLDS = [-1.2, -1.4, -1.6, -1.8, -2.0, -2.2, -2.5, -3.0]


def letters(text):
    """ASCII letters and digits, and every non-ASCII character (UnitLengths.letters)."""
    count = 0
    for byte in text.encode():
        if byte < 0x80:
            count += (0x30 <= byte <= 0x39) or (0x61 <= (byte | 0x20) <= 0x7A)
        else:
            count += byte & 0xC0 != 0x80
    return count


def segments(files):
    """(delta, is_human, has_omission_error, has_any_error, target_words) per judged segment."""
    for name in files:
        for line in gzip.open(f"{EVAL_DEV}/{name}.jsonl.gz", "rt"):
            record = json.loads(line)
            classes = collections.defaultdict(set)
            for error in record["errors"]:
                classes[error["seg"]].add(error["class"])
            lengths = [(letters(s["src"]), letters(s["tgt"])) for s in record["segments"]]
            source_total, target_total = sum(a for a, _ in lengths), sum(b for _, b in lengths)
            ratio = target_total / source_total if source_total and target_total and len(lengths) > 1 else 1
            for segment, (source, target) in zip(record["segments"], lengths):
                if source < 20 or target == 0:
                    continue
                delta = (target - source * ratio) / math.sqrt(source * 6.8 * ratio)
                yield (delta, record["system"].startswith("Human"), "omission" in classes[segment["seg"]],
                       bool(classes[segment["seg"]]), len(segment["tgt"].split()))


for pair, files in PAIRS.items():
    rows = list(segments(files))
    human = [r for r in rows if r[1]]
    machine = [r for r in rows if not r[1]]
    human_words = sum(r[4] for r in human)
    base = sum(r[2] for r in machine) / len(machine)
    errors = sum(r[2] for r in machine)
    print(f"{pair}: {len(rows)} segments; delta's standard deviation {statistics.pstdev(r[0] for r in human):.2f} on human "
          f"references, {statistics.pstdev(r[0] for r in machine):.2f} on MT; MT omission rate {base:.3f}")
    for threshold in THRESHOLDS:
        flagged_human = [r for r in human if r[0] < threshold]
        flagged = [r for r in machine if r[0] < threshold]
        hits = sum(r[2] for r in flagged)
        precision = hits / len(flagged) if flagged else 0
        print(f"  delta < {threshold:5.1f}: human {1000 * len(flagged_human) / human_words:.3f} per 1,000 words "
              f"({1000 * sum(not r[3] for r in flagged_human) / human_words:.3f} on no annotated error); "
              f"MT {len(flagged)} flagged, precision {precision:.2f}, lift {precision / base:.1f}, recall {hits / errors:.3f}")
