import Hummingbird

/// With an API key, every route but `/healthz` needs `Authorization: Bearer <key>` (401 otherwise).
/// The key is compared in constant time, so that response times do not reveal how much of a guess was right.
struct AuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let key: [UInt8]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/healthz" { return try await next(request, context) }
        let header = request.headers[.authorization] ?? ""
        let prefix = "Bearer "
        let given = header.hasPrefix(prefix) ? Array(header.utf8.dropFirst(prefix.utf8.count)) : []
        guard Self.constantTimeEqual(given, key) else {
            var response = Responses.error(.unauthorized, header.isEmpty ? "an API key is required (Authorization: Bearer <key>)"
                                                                         : "the API key is not valid", path: request.uri.path)
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }

    /// Equal bytes, in a time that depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
