import Hummingbird

/// The routes around the APIs: health, metrics, the OpenAPI document and the review page.
struct ServiceRoutes: Sendable {
    let server: ServerState

    /// The review page runs its own inline script and styles, and nothing from elsewhere.
    static let contentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'"

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in Responses.text("ok") }
        router.get("/metrics") { _, _ in
            Responses.text(server.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/openapi.yaml") { _, _ in
            Responses.text(String(decoding: PackageResources.openapi_yaml, as: UTF8.self), contentType: "application/yaml; charset=utf-8")
        }
        router.get("/") { _, _ in
            var response = Responses.text(String(decoding: PackageResources.review_html, as: UTF8.self), contentType: "text/html; charset=utf-8")
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
            return response
        }
    }
}
