import Hummingbird
import Logging

/// Outermost middleware: turns errors into responses (a request never ends without one), then
/// logs one line per request and counts it in the metrics.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let path = request.uri.path
        var response: Response
        do {
            response = try await next(request, context)
        } catch let failure as RequestFailure {
            response = failure.response(path: path)
        } catch let error as any HTTPResponseError {
            response = Responses.error(error.status, error.status.reasonPhrase.lowercased(), path: path)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            response = Responses.error(.internalServerError, "internal error", path: path)
        }
        let duration = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.recordRequest(method: request.method.rawValue, route: route, status: response.status.code, duration: duration)
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)",
            "path": "\(path)",
            "status": "\(response.status.code)",
            "duration_ms": "\(String(format: "%.1f", milliseconds))",
        ])
        return response
    }
}
