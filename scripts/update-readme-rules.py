#!/usr/bin/env python3
"""Replaces the README's rule table with `mtlint rules --format md` (a test fails when it is stale).
Usage: scripts/update-readme-rules.py [MTLINT]   (default .build/debug/mtlint)"""
import subprocess, sys
binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/mtlint"
table = subprocess.run([binary, "rules", "--format", "md"], capture_output=True, text=True, check=True).stdout
readme = open("README.md", encoding="utf-8").read()
start = readme.index("| rule | family | severity |")
end = readme.index("\n\n", start)
open("README.md", "w", encoding="utf-8").write(readme[:start] + table.rstrip("\n") + readme[end:])
