import MTLintKit

/// The languages the server offers LanguageTool clients: those the rules name and those the
/// language detector can tell, with English names (ICU's display names are not exposed by the
/// C shim, and these few do not change).
enum LanguageCatalog {
    static let names: [String: String] = [
        "ar": "Arabic", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
        "es": "Spanish", "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "it": "Italian",
        "ja": "Japanese", "ko": "Korean", "nb": "Norwegian Bokmål", "nl": "Dutch", "no": "Norwegian",
        "pl": "Polish", "pt": "Portuguese", "ru": "Russian", "sv": "Swedish", "th": "Thai", "tr": "Turkish",
        "uk": "Ukrainian", "zh": "Chinese",
    ]

    /// Primary language codes, sorted.
    static let codes: [String] = {
        let fromRules = RuleRegistry.all.flatMap { $0.description.languages }
        return Set(fromRules).union(names.keys).sorted()
    }()

    static func name(_ code: String) -> String { names[code] ?? code }

    /// The primary subtag of a tag LanguageTool clients send ("en-US" → "en"), when supported.
    static func supported(_ tag: String) -> String? {
        guard LanguageDetector.isValidTag(tag) else { return nil }
        let primary = String(tag.split(separator: "-").first ?? "").lowercased()
        return codes.contains(primary) ? primary : nil
    }

    /// `GET /v2/languages`: `[{"name", "code", "longCode"}]`.
    static var json: JSONValue {
        .array(codes.map { code in
            .object([("name", .string(name(code))), ("code", .string(code)), ("longCode", .string(code))])
        })
    }
}
