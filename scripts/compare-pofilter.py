#!/usr/bin/env python3
"""Side by side on the same units: pofilter's default checks (translate-toolkit) and mtlint's
source-aware rules, on the MQM files of ../shared/eval-dev written out as PO (msgid = source
segment, msgstr = translation). For each tool: units flagged, the share of flagged units with an
annotated error of the source classes (mistranslation-number, number-format, omission, untranslated)
against the base rate (the lift), and flags per 1,000 words on the human reference translations.

Usage: scripts/compare-pofilter.py [--mtlint PATH] FILE.jsonl.gz…   (pip install translate-toolkit==3.20.4)
"""
import argparse, collections, gzip, json, os, re, subprocess, sys, tempfile

CLASSES = {"mistranslation-number", "number-format", "omission", "untranslated"}

def po_escape(text):
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")

def write_po(path, lang, units):
    with open(path, "w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: %s\\n"\n\n' % lang)
        for key, (src, tgt) in units.items():
            out.write('msgctxt "%s"\nmsgid "%s"\nmsgstr "%s"\n\n' % (key, po_escape(src), po_escape(tgt)))

def pofilter_flagged(path):
    result = subprocess.run(["pofilter", "--nofuzzy", path], capture_output=True, text=True)
    return set(re.findall(r'^msgctxt "([^"]+)"', result.stdout, re.M))

def mtlint_flagged(binary, path, source_lang):
    result = subprocess.run([binary, "--format", "json", "--source-lang", source_lang, path], capture_output=True, text=True)
    report = json.loads(result.stdout)
    text = open(path, encoding="utf-8").read()
    starts = [(m.start(), m.group(1)) for m in re.finditer(r'^msgctxt "([^"]+)"', text, re.M)]
    flagged = collections.Counter()
    data = text.encode("utf-8")
    for finding in report["files"][0]["findings"]:
        if not finding["rule"] in ("number-mismatch", "untranslated-segment", "markup-mismatch", "omission", "entity-mismatch"):
            continue
        offset = len(data[:finding["offset"]].decode("utf-8"))
        key = [k for s, k in starts if s <= offset][-1]
        flagged[key] += 1
    return flagged

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mtlint", default=".build/release/mtlint")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="mtlint-pofilter-")
    for path in args.files:
        records = [json.loads(line) for line in gzip.open(path)]
        for group in ("human", "machine"):
            units, classes, words = {}, {}, 0
            for record in records:
                human = record["system"].startswith(("Human", "ref"))
                if human != (group == "human"):
                    continue
                for segment in record["segments"]:
                    if segment.get("text_uncertain"):
                        continue
                    key = "%s|%s|%d" % (record["system"], record["doc"], segment["seg"])
                    units[key] = (segment["src"], segment["tgt"])
                    words += len(segment["tgt"].split())
                for error in record["errors"]:
                    key = "%s|%s|%d" % (record["system"], record["doc"], error["seg"])
                    classes.setdefault(key, set()).add(error["class"])
            source_lang, target_lang = records[0]["lp"].split("-")
            po = os.path.join(folder, "%s.%s.po" % (os.path.basename(path), group))
            write_po(po, target_lang, units)
            base = sum(1 for key in units if classes.get(key, set()) & CLASSES) / max(1, len(units))
            for tool, flagged in (("pofilter", pofilter_flagged(po)), ("mtlint", mtlint_flagged(args.mtlint, po, source_lang))):
                hits = sum(1 for key in flagged if classes.get(key, set()) & CLASSES)
                any_error = sum(1 for key in flagged if classes.get(key))
                flags = sum(flagged.values()) if isinstance(flagged, collections.Counter) else len(flagged)
                lift = (hits / len(flagged)) / base if flagged and base else 0
                print("%-34s %-7s %-8s units %6d  flagged %5d (%5.1f%%)  on its classes %4d  lift %5.2f  "
                      "flags per 1,000 words %6.2f  on any annotated error %5.1f%%" % (
                          os.path.basename(path), group, tool, len(units), len(flagged), 100 * len(flagged) / max(1, len(units)),
                          hits, lift, 1000 * flags / max(1, words), 100 * any_error / max(1, len(flagged))))

if __name__ == "__main__":
    sys.exit(main())
