import Foundation
import Testing

/// `mtlint serve` as a user starts and stops it: the server itself is tested in process (MTLintServerTests).
@Suite struct ServeCLITests {
    @Test func helpSaysItListensOnLoopbackByDefault() throws {
        let result = try CLI.run(["serve", "--help"])
        #expect(result.status == 0)
        let help = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("127.0.0.1 is this machine only. Another address, such as 0.0.0.0, exposes the server to the network"))
        #expect(help.contains("(default: 127.0.0.1)"))
        #expect(help.contains("MTLINT_API_KEY"))
    }

    @Test func optionsThatDoNotApplyAreUsageErrors() throws {
        let source = try CLI.run(["serve", "--source", "a.txt"])
        #expect(source.status == 2)
        #expect(source.stderr.contains("--source and --source-root do not apply to serve"))
        let port = try CLI.run(["serve", "--port", "70000"])
        #expect(port.status == 2)
        #expect(port.stderr.contains("--port must be between 0 and 65535"))
        let timeout = try CLI.run(["serve", "--request-timeout", "1e300"])
        #expect(timeout.status == 2)
        #expect(timeout.stderr.contains("--request-timeout must be between 0.001 and 86400 seconds"))
    }

    /// Starts on a free port, answers /healthz over a real socket, and exits 0 on SIGTERM.
    @Test func servesAndStopsOnSIGTERM() throws {
        let folder = try TemporaryFolder()
        let script = """
            "$MTLINT" serve --port 0 --no-config 2> "$DIR/err" &
            pid=$!
            for i in $(seq 200); do grep -q "serving on" "$DIR/err" && break; sleep 0.05; done
            port=$(sed -n 's/.*serving on http:\\/\\/127.0.0.1:\\([0-9]*\\) .*/\\1/p' "$DIR/err" | head -n 1)
            exec 3<>"/dev/tcp/127.0.0.1/$port"
            printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3
            timeout 5 cat <&3
            kill -TERM "$pid"
            wait "$pid"
            echo "exit $?"
            """
        let result = try CLI.run(["-c", script], executable: URL(fileURLWithPath: "/bin/bash"),
                                 environment: ["MTLINT": CLI.binary.path, "DIR": folder.url.path])
        #expect(result.stdout.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(result.stdout.contains("\r\n\r\nok"))
        #expect(result.stdout.hasSuffix("exit 0\n"))
    }
}
