#!/usr/bin/env python3
"""The native API of `mtlint serve` against its OpenAPI document (docs/openapi.yaml), with
schemathesis: no 5xx, declared status codes and content types, responses that match their
schemas, and 405 for methods a path does not serve. Requests the server refuses with a
documented 400 (an unknown rule id in `config`, say) are not counted as failures.

Usage: python3 tests/server/test_openapi.py MTLINT_BINARY ST_COMMAND   (schemathesis from PyPI)
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_clients import Server  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,unsupported_method"


def main():
    binary, schemathesis = os.path.abspath(sys.argv[1]), sys.argv[2]
    with Server(binary) as server:
        done = subprocess.run([schemathesis, "run", os.path.join(ROOT, "docs", "openapi.yaml"), "--url", server.url,
                               "--checks", CHECKS, "--max-examples", "60", "--seed", "1"],
                              capture_output=True, text=True, timeout=600)
    print(done.stdout[-1500:])
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    print("OpenAPI: the native API conforms to docs/openapi.yaml")


if __name__ == "__main__":
    main()
