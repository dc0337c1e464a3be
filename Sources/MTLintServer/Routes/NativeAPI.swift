import Hummingbird
import MTLintKit

/// mtlint's own API: `/v1/lint` answers with the CLI's JSON report for one file, `/v1/fix` with the
/// fixed text, the fixes applied and the findings that remain (as `fix --stream` writes them),
/// `/v1/rules` with `mtlint rules --format json`.
struct NativeAPI: Sendable {
    let server: ServerState

    func register(on router: Router<BasicRequestContext>) {
        router.post("/v1/lint") { request, _ in try await lint(request) }
        router.post("/v1/fix") { request, _ in try await fix(request) }
        router.get("/v1/rules") { _, _ in Responses.json(RuleDocs.json(RuleRegistry.all)) }
    }

    func lint(_ request: Request) async throws(RequestFailure) -> Response {
        let deadline = ContinuousClock.now + server.options.requestTimeout
        let body = try NativeRequest(json: try await BodyReader.read(request, limit: server.options.maxBodyBytes, deadline: deadline), fix: false)
        let linter = Linter(options: body.options(over: server.options.baseOptions))
        let result = try await run(until: deadline) {
            linter.lint(SourceText(body.text), path: ServerOptions.requestPath, format: body.format, articleSource: body.articleSource)
        }
        if let error = result.error { throw RequestFailure.badRequest("the text could not be read as \(body.format.rawValue): \(error.description)") }
        server.metrics.recordFindings(Dictionary(result.findings.map { ($0.rule, 1) }, uniquingKeysWith: +))
        return Responses.json(JSONReporter.render(LintReport(results: [result])))
    }

    func fix(_ request: Request) async throws(RequestFailure) -> Response {
        let deadline = ContinuousClock.now + server.options.requestTimeout
        let body = try NativeRequest(json: try await BodyReader.read(request, limit: server.options.maxBodyBytes, deadline: deadline), fix: true)
        // The fixer only returns bytes: nothing here writes a file.
        let fixer = Fixer(linter: Linter(options: body.options(over: server.options.baseOptions)), includeUnsafe: body.unsafe, onlyRules: body.rules)
        let outcome = try await run(until: deadline) {
            fixer.fix(SourceText(body.text), path: ServerOptions.requestPath, format: body.format, articleSource: body.articleSource)
        }
        if let error = outcome.remaining.error {
            throw RequestFailure.badRequest("the text could not be read as \(body.format.rawValue): \(error.description)")
        }
        let remaining = LintReport(results: [outcome.remaining]).files[0].findings
        server.metrics.recordFindings(Dictionary(remaining.map { ($0.finding.rule, 1) }, uniquingKeysWith: +))
        let answer = JSONValue.object([
            ("text", .string(String(decoding: outcome.bytes, as: UTF8.self))),
            ("applied", .array(StreamProcessor.appliedObjects(outcome))),
            ("remaining", .array(remaining.map { JSONReporter.findingObject($0) })),
        ])
        return Responses.json(answer.serialized(pretty: true) + "\n")
    }

    private func run<Value: Sendable>(until deadline: ContinuousClock.Instant, _ work: @escaping @Sendable () -> Value) async throws(RequestFailure) -> Value {
        switch await server.pool.run(timeout: deadline - ContinuousClock.now, work) {
        case .success(let value): return value
        case .failure(let failure): throw RequestFailure(failure, timeout: server.options.requestTimeout)
        }
    }
}
