#!/usr/bin/env python3
"""Random documents through the built mtlint: `--format json -`, `fix -` and
`fix --unsafe -`, each fix run twice. Fails on a crash (a signal, a Swift
fatal error), an exit code outside 0-2, a report that is not JSON, a fix that
loses the input or is not idempotent, or output that is not UTF-8.

Usage: scripts/fuzz.py [--binary PATH] [--count N] [--seed S]
"""
import argparse, json, os, random, subprocess, sys

PIECES = [
    "The minister said the the talks ended.", "Il a dit « oui »… puis il est parti.", "Der Präsident sagte: „Nein.“",
    "Он сказал, что переговоры завершены.", "金正恩在平壤会见了代表团。", "cafÃ©", "â€™", "Ã¢â‚¬â„¢", "â€", "Ã»",
    "\u201cquote\u201d", "\u201c", "\u201d", "\u00ab", "\u00bb", "\"", "'", " , ", " . ", "...", ". . . .", "!!", "??",
    "\ufffd", "\u2047", "&amp;", "&#8217;", "\u0085", "\u0093", "Kim Jong-un", "Kim Jong Un", "Korea North",
    "Corée du Nord", "which sorely needs them. in his war.", "<!-- mtlint-disable -->", "<!-- mtlint-enable -->",
    "<!-- mtlint-disable-next-line repeated-word -->", "`code the the`", "```\nthe the\n```", "    indented the the",
    "# Heading", "[link](http://example.com/the the)", "https://example.com/a?b=c", "👩🏽‍🚀", "e\u0301", "שלום",
    "Frаnce", "in the region in the region in the region", "mot:", "vraiment?", "\t", "\u00a0", "\u202f", "\u200b",
]

def document(rng):
    parts = []
    for _ in range(rng.randint(0, 40)):
        roll = rng.random()
        if roll < 0.7:
            parts.append(rng.choice(PIECES))
        elif roll < 0.8:
            parts.append("".join(chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0x2fff), rng.randint(0x1f300, 0x1f6ff)])) for _ in range(rng.randint(1, 12))))
        elif roll < 0.9:
            parts.append(rng.choice(["\n", "\r\n", "\n\n", "\r"]))
        else:
            parts.append(" " * rng.randint(1, 5))
        parts.append(rng.choice([" ", "", "\n"]))
    data = "".join(parts).encode("utf-8")
    roll = rng.random()
    if roll < 0.05:
        data = b"\xef\xbb\xbf" + data
    elif roll < 0.10 and data:
        cut = rng.randrange(len(data))
        data = data[:cut] + bytes([rng.randint(0x80, 0xff)]) + data[cut:]  # likely invalid UTF-8
    elif roll < 0.12:
        data = data * rng.randint(50, 400)  # long documents
    return data

def run(binary, arguments, data):
    return subprocess.run([binary] + arguments, input=data, capture_output=True, timeout=120)

def check(binary, data, failures):
    def fail(what, result=None):
        detail = result.stderr.decode("utf-8", "replace")[-400:] if result else ""
        failures.append((what, data, detail))
    def sane(result, what):
        if result.returncode < 0 or result.returncode > 2 or b"Fatal error" in result.stderr:
            fail(f"{what}: exit {result.returncode}", result)
            return False
        return True
    lint = run(binary, ["--format", "json", "--lang", "en", "-"], data)
    if sane(lint, "lint"):
        try:
            json.loads(lint.stdout)
        except ValueError:
            fail("lint: the report is not JSON", lint)
    for flags in ([], ["--unsafe"]):
        once = run(binary, ["fix", "--lang", "en"] + flags + ["-"], data)
        if not sane(once, f"fix {flags}"):
            continue
        try:
            once.stdout.decode("utf-8")
            valid = True
        except UnicodeDecodeError:
            valid = False
        if once.returncode == 2:
            if once.stdout != data:
                fail(f"fix {flags}: unreadable input not passed through unchanged", once)
            continue
        if not valid:
            fail(f"fix {flags}: output is not UTF-8", once)
            continue
        if data.strip() and not once.stdout.strip():
            fail(f"fix {flags}: the text was lost", once)
        twice = run(binary, ["fix", "--lang", "en"] + flags + ["-"], once.stdout)
        if sane(twice, f"fix {flags} again") and twice.stdout != once.stdout:
            fail(f"fix {flags}: a second fix changed the text again", twice)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/debug/mtlint")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failures = []
    for _ in range(args.count):
        check(args.binary, document(rng), failures)
    for what, data, detail in failures[:20]:
        print(f"FAIL {what}\n  input: {data[:300]!r}\n  {detail}")
    print(f"fuzz: {args.count} documents, seed {args.seed}: {len(failures)} failures")
    return 1 if failures else 0

if __name__ == "__main__":
    sys.exit(main())
