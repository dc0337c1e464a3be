import ArgumentParser
import Foundation
import MTLintKit
import MTLintServer
import Synchronization

/// `mtlint serve`: reads the options and the configuration once, then hands over to MTLintServer.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve LanguageTool's HTTP API (/v2) and mtlint's own (/v1) until SIGINT or SIGTERM.",
        discussion: """
            Routes: POST /v2/check, GET /v2/languages (LanguageTool clients: point them at http://HOST:PORT/v2); \
            POST /v1/lint, POST /v1/fix, GET /v1/rules; GET /healthz, GET /metrics, GET /openapi.yaml, GET / (review page).
            The configuration (.mtlint.yml, --config, rule options) is read once, at start.
            By default the server listens on 127.0.0.1, this machine only.
            """
    )

    @Option(name: .customLong("host"), help: "Address to listen on; 127.0.0.1 is this machine only. Another address, such as 0.0.0.0, exposes the server to the network: do so on purpose, with --api-key.")
    var host = "127.0.0.1"

    @Option(name: .customLong("port"), help: "Port to listen on (0: any free port).")
    var port = 8081

    @Option(name: .customLong("api-key"), help: "Require 'Authorization: Bearer KEY' on every route but /healthz (default: the MTLINT_API_KEY environment variable, if set).")
    var apiKey: String?

    @Option(name: .customLong("max-body-bytes"), help: "Largest request body accepted; larger ones get 413.")
    var maxBodyBytes = 1_000_000

    @Option(name: .customLong("request-timeout"), help: "Seconds a request may take, body, waiting and lint included (503 or 504 after).")
    var requestTimeout = 10.0

    @Option(name: .customLong("idle-timeout"), help: "Seconds after which an idle connection is closed.")
    var idleTimeout = 30

    @Option(name: .customLong("max-concurrent-lints"), help: "Lints run at once; more requests wait (default: the number of cores).")
    var maxConcurrentLints: Int?

    @OptionGroup var rules: RuleOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be at least 1") }
        // A day at most: beyond it the durations would overflow, and no request should take that long.
        guard requestTimeout >= 0.001, requestTimeout <= 86_400 else {
            throw ValidationError("--request-timeout must be between 0.001 and 86400 seconds")
        }
        guard (1...86_400).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be between 1 and 86400 seconds") }
        if let maxConcurrentLints, maxConcurrentLints < 1 { throw ValidationError("--max-concurrent-lints must be at least 1") }
        if apiKey?.isEmpty == true { throw ValidationError("--api-key must not be empty") }
        if rules.sourceFile != nil || rules.sourceRoot != nil {
            throw ValidationError("--source and --source-root do not apply to serve: send the source with each request")
        }
    }

    func run() throws {
        let configuration = try rules.loadConfiguration()
        var options = ServerOptions(run: try rules.lintRun(configuration: configuration))
        options.host = host
        options.port = port
        options.apiKey = apiKey ?? ProcessInfo.processInfo.environment["MTLINT_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        options.maxBodyBytes = maxBodyBytes
        options.requestTimeout = .milliseconds(Int(requestTimeout * 1000))
        options.idleTimeout = .seconds(idleTimeout)
        options.maxConcurrentLints = maxConcurrentLints ?? rules.jobs
        if options.apiKey == nil && !["127.0.0.1", "::1", "localhost"].contains(host) {
            Output.standardError("mtlint: warning: listening on \(host) without an API key: anyone who can reach it can use it\n")
        }
        let serverOptions = options
        // The server runs on NIO's threads and Swift's task pool; this thread only waits for it to stop.
        let stopped = DispatchSemaphore(value: 0)
        let failure = Mutex<String?>(nil)
        Task.detached {
            do {
                try await MTLintServer.run(options: serverOptions) { port in
                    Output.standardError("mtlint: serving on http://\(serverOptions.host):\(port) (LanguageTool clients: http://\(serverOptions.host):\(port)/v2)\n")
                }
            } catch {
                failure.withLock { $0 = "\(error)" }
            }
            stopped.signal()
        }
        stopped.wait()
        if let message = failure.withLock({ $0 }) {
            Output.standardError("mtlint: serve: \(message)\n")
            throw ExitCode(2)
        }
    }
}
