import Foundation
import MTLintKit

/// The JSON body of `POST /v1/lint` and `POST /v1/fix`, read strictly: an unknown key, a value of
/// the wrong type or a bad language tag is a 400 with the reason (a typo such as `"lnag"` must
/// not be silently ignored), and `config` is data, never a path.
struct NativeRequest: Sendable {
    var text: String
    var language: String?
    var source: String?
    var sourceLanguage: String?
    var format: DocumentFormat = .plain
    /// `.mtlint.yml` settings for this request, over the server's.
    var config: Configuration?
    /// `/v1/fix` only.
    var unsafe = false
    var rules: Set<String> = []

    static let lintKeys: Set<String> = ["text", "lang", "source", "sourceLang", "format", "config"]
    static let fixKeys: Set<String> = lintKeys.union(["unsafe", "rules"])

    static let formats: [String: DocumentFormat] = [
        "txt": .plain, "md": .markdown, "html": .html, "xliff": .xliff, "po": .po, "tmx": .tmx,
    ]

    /// `.mtlint.yml` keys that name files or folders: a request cannot make the server read them.
    static let fileKeys: Set<String> = ["dictionaries", "glossary", "source-root"]

    init(json body: [UInt8], fix: Bool) throws(RequestFailure) {
        guard String(validating: body, as: UTF8.self) != nil else { throw .badRequest("the body is not valid UTF-8") }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: Data(body)) } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            throw .badRequest("the body is not valid JSON: \(detail ?? "\(error)")")
        }
        guard let object = root as? [String: Any] else { throw .badRequest("the body must be a JSON object") }
        let allowed = fix ? Self.fixKeys : Self.lintKeys
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .badRequest("unknown key '\(unknown)'; valid: \(allowed.sorted().joined(separator: ", "))")
        }
        func string(_ key: String) throws(RequestFailure) -> String? {
            guard let value = object[key], !(value is NSNull) else { return nil }
            guard let text = value as? String else { throw .badRequest("'\(key)' must be a string") }
            return text
        }
        guard let text = try string("text") else { throw .badRequest("'text' is missing") }
        self.text = text
        language = try string("lang")
        source = try string("source")
        sourceLanguage = try string("sourceLang")
        for (key, tag) in [("lang", language), ("sourceLang", sourceLanguage)] {
            if let tag, !LanguageDetector.isValidTag(tag) {
                throw .badRequest("'\(key)': '\(tag)' is not a BCP 47 language tag (e.g. en, fr, pt-BR)")
            }
        }
        if let name = try string("format") {
            guard let format = Self.formats[name] else {
                throw .badRequest("unknown format '\(name)'; valid: \(Self.formats.keys.sorted().joined(separator: ", "))")
            }
            self.format = format
        }
        if let value = object["config"], !(value is NSNull) {
            config = try Self.configuration(value)
        }
        if let value = object["unsafe"], !(value is NSNull) {
            // JSONSerialization reads true and 1 alike (NSNumber); JSONDecoder tells them apart.
            struct Flags: Decodable { var unsafe: Bool? }
            guard let flags = try? JSONDecoder().decode(Flags.self, from: Data(body)) else {
                throw .badRequest("'unsafe' must be true or false")
            }
            unsafe = flags.unsafe ?? false
        }
        if let value = object["rules"], !(value is NSNull) {
            guard let ids = value as? [String] else { throw .badRequest("'rules' must be an array of rule ids") }
            let known = Set(RuleRegistry.all.map(\.id))
            if let unknown = ids.first(where: { !known.contains($0) }) {
                throw .badRequest("unknown rule '\(unknown)'; GET /v1/rules lists them")
            }
            rules = Set(ids)
        }
    }

    /// A `config` object: the keys of `.mtlint.yml`, checked by the same parser (JSON is YAML).
    static func configuration(_ value: Any) throws(RequestFailure) -> Configuration {
        guard let object = value as? [String: Any] else { throw .badRequest("'config' must be an object (the keys of .mtlint.yml)") }
        if let key = object.keys.sorted().first(where: { fileKeys.contains($0) }) {
            throw .badRequest("'config': '\(key)' names files on the server, which a request may not do; "
                + "give dictionaries and glossaries in the server's own .mtlint.yml")
        }
        let json: Data
        do { json = try JSONSerialization.data(withJSONObject: object) } catch {
            throw .badRequest("'config' cannot be read: \(error)")
        }
        do { return try Configuration.parse(String(decoding: json, as: UTF8.self), path: "config") } catch {
            throw .badRequest("'config': \(error.message)")
        }
    }

    /// The server's options with this request's configuration and languages over them.
    func options(over base: LintOptions) -> LintOptions {
        var options = base
        if let config {
            let settings = config.options(for: ServerOptions.requestPath, commandLine: LintOptions())
            if let language = settings.language { options.language = language }
            if let sourceLanguage = settings.sourceLanguage { options.sourceLanguage = sourceLanguage }
            options.disabled.subtract(settings.enabled)
            options.disabled.formUnion(settings.disabled)
            options.enabled.subtract(settings.disabled)
            options.enabled.formUnion(settings.enabled)
            options.severities.merge(settings.severities) { $1 }
        }
        if let language { options.language = language }
        if let sourceLanguage { options.sourceLanguage = sourceLanguage }
        return options
    }

    var articleSource: (text: SourceText, format: DocumentFormat)? {
        source.map { (SourceText($0), format) }
    }
}
