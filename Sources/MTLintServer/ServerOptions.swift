import MTLintKit

/// How `mtlint serve` runs: where it listens, its limits, and the lint configuration,
/// fixed at start (`.mtlint.yml` and the command line's rule options, read once).
public struct ServerOptions: Sendable {
    public var host = "127.0.0.1"
    public var port = 8081
    /// When set, every route but `/healthz` needs `Authorization: Bearer <key>`.
    public var apiKey: String?
    /// Largest request body accepted (413 above it).
    public var maxBodyBytes = 1_000_000
    /// Time a request may take from its arrival: reading its body, waiting for a lint slot and linting.
    public var requestTimeout: Duration = .seconds(10)
    /// A connection with nothing to read or write for this long is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// Lints run at once on the lint threads; more requests wait in line.
    public var maxConcurrentLints = 2
    /// The configuration and command-line rule options every request starts from.
    public var run: LintRun

    public init(run: LintRun) {
        self.run = run
    }

    /// The path a request's text is linted as: configuration overrides see this name, and
    /// the native report names its one file so.
    public static let requestPath = "<request>"

    /// The options every request starts from.
    var baseOptions: LintOptions { run.options(for: Self.requestPath) }
}
