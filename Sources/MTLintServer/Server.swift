import Hummingbird
import Logging
import MTLintKit
import NIOCore
import ServiceLifecycle

/// What every route shares: the options, the lint threads and the metrics.
final class ServerState: Sendable {
    let options: ServerOptions
    let pool: LintPool
    let metrics: ServerMetrics

    init(options: ServerOptions) {
        self.options = options
        pool = LintPool(threads: options.maxConcurrentLints)
        metrics = ServerMetrics()
    }
}

/// `mtlint serve`: the application (for tests, in process) and the running server.
public enum MTLintServer {
    /// The routes, behind the access log (and metrics) and, with a key, the API-key check.
    public static func router(options: ServerOptions) -> Router<BasicRequestContext> {
        router(state: ServerState(options: options))
    }

    static func router(state: ServerState) -> Router<BasicRequestContext> {
        let router = Router()
        // Middleware first: it wraps only the routes added after it.
        router.add(middleware: AccessMiddleware(metrics: state.metrics))
        if let key = state.options.apiKey { router.add(middleware: AuthMiddleware(key: Array(key.utf8))) }
        ServiceRoutes(server: state).register(on: router)
        LanguageToolAPI(server: state).register(on: router)
        NativeAPI(server: state).register(on: router)
        answerOtherMethodsWith405(router)
        return router
    }

    /// A known path asked with a method it does not serve gets 405 and the methods it does (RFC 9110), not 404.
    private static func answerOtherMethodsWith405(_ router: Router<BasicRequestContext>) {
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch, .options, .trace] + [HTTPRequest.Method("QUERY")].compactMap { $0 }
        let served = Dictionary(grouping: router.routes, by: { $0.path.description })
        for (path, routes) in served {
            let allowed = routes.map(\.method)
            let allow = allowed.map(\.rawValue).sorted().joined(separator: ", ")
            for method in methods where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ in
                    var response = Responses.error(.methodNotAllowed, "\(method.rawValue) is not served here; use \(allow)", path: path)
                    response.headers[.allow] = allow
                    return response
                }
            }
        }
    }

    /// The application: HTTP/1.1 with an idle timeout, on the options' address.
    public static func application(options: ServerOptions, logger: Logger? = nil,
                                   onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in })
        -> some ApplicationProtocol {
        application(state: ServerState(options: options), logger: logger, onServerRunning: onServerRunning)
    }

    static func application(state: ServerState, logger: Logger? = nil,
                            onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in })
        -> some ApplicationProtocol {
        let options = state.options
        let logger = logger ?? Logger(label: "mtlint.serve")
        let seconds = options.idleTimeout.components.seconds
        return Application(
            router: router(state: state),
            server: .http1(configuration: .init(idleTimeout: .seconds(max(1, seconds)))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "mtlint"),
            onServerRunning: onServerRunning,
            logger: logger
        )
    }

    /// Runs until SIGINT or SIGTERM, then stops accepting connections and lets the requests in
    /// flight finish (Hummingbird's graceful shutdown) before returning.
    /// `onListening` hears the port listened on (the one chosen when the options say 0).
    public static func run(options: ServerOptions, logger: Logger? = nil,
                           onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(options: options, logger: logger) { channel in
            await onListening(channel.localAddress?.port ?? options.port)
        }
        .runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
