#!/usr/bin/env python3
"""`mtlint serve` against real LanguageTool clients and bad requests (CI: .ci/run).

- language_tool_python 3.4.0 (`LanguageTool('en-US', remote_server=URL)`: /v2/languages, then
  /v2/check) and pylanguagetool 0.11.0's command line, on a text with an emoji and CJK before the
  finding, where UTF-16 and UTF-8 offsets differ;
- the native API answers as the command line does;
- bad requests: a 100 MB body, a truncated body, invalid UTF-8, unknown parameters, an unknown
  language, enabledOnly without rules, a wrong or missing API key, 1,000 concurrent connections.
  Each gets its status, and the server keeps serving.

Usage: python3 tests/server/test_clients.py MTLINT_BINARY   (needs the two clients; see .ci/run)
"""
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

TEXT = "Party 🎉 in 東京 tonight. The the talks went on until late."
FLAGGED = "The the"


class Server:
    """`mtlint serve` on a free loopback port, for the length of a `with`."""

    def __init__(self, binary, *options):
        self.binary, self.options = binary, list(options)

    def __enter__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        # The request log goes to a file: a pipe nobody reads would fill and stall the server.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([self.binary, "serve", "--no-config", "--port", str(self.port)] + self.options,
                                        stdout=subprocess.DEVNULL, stderr=self.log, cwd=tempfile.gettempdir())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if request(self.url + "/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("the server did not answer /healthz within 30 s")

    def __exit__(self, *error):
        self.process.terminate()
        try:
            code = self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError("the server did not stop within 15 s of SIGTERM")
        self.log.seek(0)
        log = self.log.read().decode("utf-8", "replace")
        self.log.close()
        assert code == 0, f"the server exited with {code} on SIGTERM: {log[-2000:]}"


def request(url, data=None, headers=None, method=None):
    """(status, body text) of one request; error statuses are answers too."""
    body = data.encode("utf-8") if isinstance(data, str) else data
    call = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(call, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def form(**fields):
    return urllib.parse.urlencode(fields)


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def check_language_tool_python(server):
    import language_tool_python

    tool = language_tool_python.LanguageTool("en-US", remote_server=server.url)
    try:
        matches = tool.check(TEXT)
    finally:
        tool.close()
    repeated = [match for match in matches if match.rule_id == "repeated-word"]
    assert len(repeated) == 1, [match.rule_id for match in matches]
    match = repeated[0]
    # language_tool_python turns LanguageTool's UTF-16 offsets into Python's code points.
    assert match.offset == TEXT.index(FLAGGED), (match.offset, TEXT.index(FLAGGED))
    assert TEXT[match.offset:match.offset + match.error_length] == FLAGGED
    assert match.replacements[:1] == ["The"], match.replacements
    assert match.rule_issue_type and match.category and match.message
    print(f"language_tool_python: {len(matches)} matches, repeated-word at code point {match.offset}")


def check_pylanguagetool(server):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        handle.write(TEXT + "\n")
    command = os.path.join(os.path.dirname(sys.executable), "pylanguagetool")
    done = subprocess.run([command, "--api-url", server.url + "/v2/", "--lang", "en-US", "--no-color", "--rules",
                           handle.name], capture_output=True, text=True, timeout=60)
    os.unlink(handle.name)
    output = done.stdout + done.stderr
    # Its CLI exits 1 both for "matches found" and for a crash: look for the traceback too.
    assert "Traceback" not in output, output
    assert done.returncode == 1, (done.returncode, output)
    assert "repeated-word" in output and "detected" in output, output
    print("pylanguagetool: exit 1 with the repeated-word match, no traceback")


def check_offsets_in_utf16(server):
    status, body = request(server.url + "/v2/check", form(text=TEXT, language="en-US"), FORM)
    assert status == 200, (status, body)
    answer = json.loads(body)
    assert answer["software"]["name"] == "mtlint"
    assert answer["language"]["code"] == "en-US" and "detectedLanguage" in answer["language"]
    match = next(match for match in answer["matches"] if match["rule"]["id"] == "repeated-word")
    utf16 = len(TEXT[:TEXT.index(FLAGGED)].encode("utf-16-le")) // 2
    assert (match["offset"], match["length"]) == (utf16, 7), (match["offset"], utf16)
    context = match["context"]
    units = context["text"].encode("utf-16-le")  # LanguageTool's context offsets are UTF-16 too
    assert units[2 * context["offset"]:2 * (context["offset"] + context["length"])].decode("utf-16-le") == FLAGGED, context
    for key in ["message", "shortMessage", "replacements", "offset", "length", "context", "sentence", "type", "rule",
                "ignoreForIncompleteSentence", "contextForSureMatch"]:
        assert key in match, key
    for key in ["id", "description", "issueType", "category"]:
        assert key in match["rule"], key


def check_native_api_matches_the_command_line(server, binary):
    article = "The leader of South Korea North met officials. They they talked ,and left."
    status, body = request(server.url + "/v1/lint", json.dumps({"text": article, "lang": "en"}),
                           {"Content-Type": "application/json"})
    assert status == 200, (status, body)
    served = json.loads(body)["files"][0]
    command = subprocess.run([binary, "lint", "--no-config", "--lang", "en", "--format", "json", "-"], input=article,
                             capture_output=True, text=True)
    printed = json.loads(command.stdout)["files"][0]
    assert served["findings"] == printed["findings"], (served["findings"], printed["findings"])
    assert {finding["rule"] for finding in served["findings"]} >= {"garbled-name", "repeated-word"}
    status, body = request(server.url + "/v1/fix", json.dumps({"text": article, "lang": "en"}),
                           {"Content-Type": "application/json"})
    assert status == 200, (status, body)
    fixed = json.loads(body)
    fixed_by_command = subprocess.run([binary, "fix", "--no-config", "--lang", "en", "-"], input=article,
                                      capture_output=True, text=True).stdout
    assert fixed["text"] == fixed_by_command, (fixed["text"], fixed_by_command)
    print("native API: /v1/lint and /v1/fix answer as `mtlint lint` and `mtlint fix` do")


def raw(server, payload, read_timeout=30.0):
    """Sends bytes as they are and returns the status line (or '' when the server closed first)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=read_timeout) as connection:
        try:
            connection.sendall(payload)
        except OSError:
            pass
        try:
            return connection.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
        except OSError:
            return ""


def check_bad_requests(server):
    url = server.url + "/v2/check"
    # A 100 MB body: refused from its Content-Length, before it is read.
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as connection:
        connection.sendall(b"POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                           b"Content-Length: 100000000\r\n\r\ntext=")
        try:
            for _ in range(8):
                connection.sendall(b"a" * (1 << 20))
        except OSError:
            pass  # the server may close once it has answered
        status = connection.recv(4096).split(b"\r\n", 1)[0]
    assert b" 413" in status, status
    assert time.monotonic() - started < 10
    # A truncated body: the client goes away; the server carries on.
    raw(server, b"POST /v2/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 1000\r\n\r\ntext=Half", read_timeout=1.0)
    assert request(server.url + "/healthz")[0] == 200
    # Invalid UTF-8 in a form: a 400, not U+FFFD.
    status, body = request(url, "text=%FF%FEabc&language=en-US", FORM)
    assert status == 400 and body.startswith("Error:"), (status, body)
    # Unknown parameters are ignored, as LanguageTool does.
    status, body = request(url, form(text="Fine text.", language="en-US", preferredVariants="en-GB", foo="bar"), FORM)
    assert status == 200, (status, body)
    # An unknown language, enabledOnly without rules, no text at all.
    for fields in [dict(text="Fine.", language="xx-QQ"), dict(text="Fine.", language="en-US", enabledOnly="true"),
                   dict(language="en-US")]:
        status, body = request(url, form(**fields), FORM)
        assert status == 400 and body.startswith("Error:"), (fields, status, body)
    # Malformed JSON on the native API.
    status, body = request(server.url + "/v1/lint", "{\"text\": ", {"Content-Type": "application/json"})
    assert status == 400, (status, body)
    print("bad requests: 413, 400s with reasons, unknown parameters ignored, server still serving")


async def one_check(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    body = form(text="The the talks went on.", language="en-US").encode()
    writer.write(b"POST /v2/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    await writer.drain()
    status = (await reader.readline()).split(b" ")[1]
    await reader.read()
    writer.close()
    return int(status)


async def many_checks(port, count):
    return await asyncio.wait_for(asyncio.gather(*(one_check(port) for _ in range(count)), return_exceptions=True), 120)


def check_concurrent_connections(server, count=1000):
    started = time.monotonic()
    answers = asyncio.run(many_checks(server.port, count))
    statuses = [answer for answer in answers if isinstance(answer, int)]
    assert statuses.count(200) == count, {str(answer) for answer in answers if answer != 200}
    assert request(server.url + "/healthz")[0] == 200
    print(f"{count} concurrent connections: all 200 in {time.monotonic() - started:.1f} s")


def check_api_key(binary):
    with Server(binary, "--api-key", "s3cret") as server:
        check = server.url + "/v2/check"
        assert request(check, form(text="Fine.", language="en-US"), FORM)[0] == 401
        assert request(check, form(text="Fine.", language="en-US"), {**FORM, "Authorization": "Bearer wrong"})[0] == 401
        assert request(check, form(text="Fine.", language="en-US"), {**FORM, "Authorization": "Bearer s3cret"})[0] == 200
        assert request(server.url + "/v1/rules")[0] == 401
        assert request(server.url + "/healthz")[0] == 200
    print("API key: 401 without or with a wrong key, 200 with it, /healthz open")


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/mtlint")
    with Server(binary) as server:
        check_offsets_in_utf16(server)
        check_language_tool_python(server)
        check_pylanguagetool(server)
        check_native_api_matches_the_command_line(server, binary)
        check_bad_requests(server)
        check_concurrent_connections(server)
    check_api_key(binary)
    print("server client tests passed")


if __name__ == "__main__":
    main()
