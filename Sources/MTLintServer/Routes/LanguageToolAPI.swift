import Foundation
import Hummingbird
import MTLintKit

/// LanguageTool's HTTP API (v2), as its clients (LibreOffice, the browser extensions) call it:
/// `GET /v2/languages` and `POST /v2/check`. Offsets are UTF-16 code units; errors are plain text.
struct LanguageToolAPI: Sendable {
    let server: ServerState

    func register(on router: Router<BasicRequestContext>) {
        router.get("/v2/languages") { _, _ in Responses.json(LanguageCatalog.json) }
        router.post("/v2/check") { request, _ in try await check(request) }
        router.get("/v2/check") { request, _ in try await check(request) }
    }

    /// The parameters of one check, read and validated.
    struct CheckRequest: Sendable {
        var text: AnnotatedText
        /// The tag the text is linted as ("en-US"); its primary subtag names it in the answer.
        var language: String
        var options: LintOptions
        /// The rules that run; empty: none (`enabledOnly` with rules mtlint does not have).
        var rules: [any Rule]
    }

    func check(_ request: Request) async throws(RequestFailure) -> Response {
        let deadline = ContinuousClock.now + server.options.requestTimeout
        var form = try Self.form(request.uri.query.map { Array($0.utf8) } ?? [], what: "query string")
        if request.method == .post {
            let body = try await BodyReader.read(request, limit: server.options.maxBodyBytes, deadline: deadline)
            form = try Self.form(body, what: "form body").merged(with: form)
        }
        let check = try parse(form)
        let remaining = deadline - ContinuousClock.now
        let rules = check.rules
        let outcome = await server.pool.run(timeout: remaining) {
            LanguageToolMatches.lint(check.text, language: check.language, options: check.options, rules: rules)
        }
        switch outcome {
        case .failure(let failure): throw RequestFailure(failure, timeout: server.options.requestTimeout)
        case .success(let result):
            server.metrics.recordFindings(result.countsByRule)
            return Responses.json(LanguageToolMatches.response(result, check: check))
        }
    }

    static func form(_ bytes: [UInt8], what: String) throws(RequestFailure) -> Form {
        do { return try FormDecoder.decode(bytes) } catch {
            throw RequestFailure.badRequest("invalid \(what): \(error.description)")
        }
    }

    /// LanguageTool's parameters: text or data, language (or auto), motherTongue, enabledRules,
    /// disabledRules, enabledCategories, disabledCategories, enabledOnly, level.
    func parse(_ form: Form) throws(RequestFailure) -> CheckRequest {
        let text: AnnotatedText
        if let data = form.first("data") {
            do { text = try AnnotatedText(json: data) } catch { throw RequestFailure.badRequest(error.description) }
        } else if let plain = form.first("text") {
            text = AnnotatedText(plain: plain)
        } else {
            throw RequestFailure.badRequest("Missing 'text' or 'data' parameter")
        }
        // Text given in the query string is not counted by the body limit.
        if text.original.utf8.count > server.options.maxBodyBytes {
            throw RequestFailure(status: .contentTooLarge,
                                 message: "the text is longer than the limit of \(server.options.maxBodyBytes) bytes (--max-body-bytes)")
        }
        guard let given = form.first("language"), !given.isEmpty else {
            throw RequestFailure.badRequest("Missing 'language' parameter (a code from /v2/languages, or 'auto')")
        }
        let language: String
        if given == "auto" {
            language = LanguageDetector.detect(Array(text.text.utf8))
        } else if LanguageCatalog.supported(given) != nil {
            language = given
        } else {
            throw RequestFailure.badRequest("'\(given)' is not a language code known to mtlint; /v2/languages lists them")
        }
        var options = server.options.baseOptions
        options.language = language
        if let motherTongue = form.first("motherTongue"), !motherTongue.isEmpty {
            guard LanguageDetector.isValidTag(motherTongue) else {
                throw RequestFailure.badRequest("'motherTongue': '\(motherTongue)' is not a language code")
            }
            options.sourceLanguage = motherTongue
        }
        let level = form.first("level") ?? "default"
        guard level == "default" || level == "picky" else {
            throw RequestFailure.badRequest("'level' must be 'default' or 'picky', not '\(level)'")
        }
        let enabledOnly = form.first("enabledOnly") ?? "false"
        guard enabledOnly == "true" || enabledOnly == "false" else {
            throw RequestFailure.badRequest("'enabledOnly' must be 'true' or 'false', not '\(enabledOnly)'")
        }
        // LanguageTool's clients send their own rule ids (WHITESPACE_RULE, …): ids mtlint does not have are ignored.
        let enabled = Self.list(form.first("enabledRules")), disabled = Self.list(form.first("disabledRules"))
        let enabledFamilies = Self.list(form.first("enabledCategories")), disabledFamilies = Self.list(form.first("disabledCategories"))
        let rules: [any Rule]
        if enabledOnly == "true" {
            guard !enabled.isEmpty || !enabledFamilies.isEmpty else {
                throw RequestFailure.badRequest("'enabledOnly=true' needs 'enabledRules' or 'enabledCategories'")
            }
            rules = RuleRegistry.all.filter { enabled.contains($0.id) || enabledFamilies.contains(LanguageToolMatches.categoryID($0.description.family)) }
        } else {
            // picky: the opt-in rules run too.
            rules = RuleRegistry.all.filter { rule in
                let byDefault = rule.description.enabledByDefault || level == "picky"
                return options.isEnabled(rule.id, byDefault: byDefault) || enabled.contains(rule.id)
                    || enabledFamilies.contains(LanguageToolMatches.categoryID(rule.description.family))
            }
        }
        let running = rules.filter { !disabled.contains($0.id) && !disabledFamilies.contains(LanguageToolMatches.categoryID($0.description.family)) }
        options.onlyEnabled = Set(running.map(\.id))
        return CheckRequest(text: text, language: language, options: options, rules: running)
    }

    static func list(_ value: String?) -> Set<String> {
        Set((value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
