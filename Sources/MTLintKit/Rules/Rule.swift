/// The artefact families of DESIGN §1.
public enum RuleFamily: String, Sendable, CaseIterable, Codable {
    case names, sentenceJoin = "sentence-join", quotes, punctuation, repetition, encoding, script, source
    /// Findings about mtlint's own directives (an unused suppression).
    case meta
}

/// A rule: a description that documents and tests it, and a pure check.
public protocol Rule: Sendable {
    var description: RuleDescription { get }
    /// The findings in one analysed document, with the rule's default severity.
    func check(_ document: Document) -> [Finding]
}

extension Rule {
    public var id: String { description.id }

    /// A finding of this rule with its default severity.
    public func finding(_ range: Range<Int>, _ message: String, suggestions: [String] = [], fix: Fix? = nil) -> Finding {
        Finding(rule: description.id, family: description.family, severity: description.severity,
                message: message, start: range.lowerBound, end: range.upperBound,
                suggestions: suggestions, fix: fix)
    }
}

/// Everything a user and the test suite know about a rule, in one place.
public struct RuleDescription: Sendable {
    /// Stable kebab-case identifier used in reports and configuration.
    public var id: String
    public var family: RuleFamily
    public var severity: Severity
    /// Primary language codes the rule applies to; empty means every language.
    public var languages: [String]
    /// One line: what the rule flags.
    public var summary: String
    /// Why the pattern signals a translation artefact, and when it does not.
    public var rationale: String
    /// The safety of the rule's fixes, or nil when it never offers an edit.
    public var fixSafety: FixSafety?
    public var examples: [RuleExample]
    /// Opt-in rules (false) run only when `--enable`d or given a severity in the configuration.
    public var enabledByDefault: Bool = true
    /// A glossary the examples are checked with (the glossary rule's).
    public var glossary: Glossary? = nil
    /// Whether a finding depends on other units than the one it flags (the document's own
    /// conventions, names or length ratio): in a translation file linted in batches
    /// (`Batching`), such a rule judges one batch of units at a time.
    public var judgesWholeDocument = false

    public func applies(to language: String) -> Bool {
        languages.isEmpty || languages.contains(language)
    }
}

/// A text the rule must flag (spans marked ⟦like this⟧), optionally with the
/// text after its fixes, or a text it must leave alone (no markers).
public struct RuleExample: Sendable {
    public var language: String
    public var markedText: String
    public var fixed: String?
    /// For source-aware rules: the text translated, and its language; the example is one unit.
    public var source: String?
    public var sourceLanguage: String?
    public var file: String
    public var line: Int

    public static func triggers(_ markedText: String, lang: String, fixed: String? = nil,
                                source: String? = nil, sourceLang: String? = nil,
                                file: String = #filePath, line: Int = #line) -> RuleExample {
        RuleExample(language: lang, markedText: markedText, fixed: fixed, source: source, sourceLanguage: sourceLang, file: file, line: line)
    }

    public static func passes(_ text: String, lang: String, source: String? = nil, sourceLang: String? = nil,
                              file: String = #filePath, line: Int = #line) -> RuleExample {
        RuleExample(language: lang, markedText: text, fixed: nil, source: source, sourceLanguage: sourceLang, file: file, line: line)
    }

    public var isTriggering: Bool { markedText.unicodeScalars.contains("⟦") }

    /// The text without markers, and the expected spans as byte ranges of it.
    public var textAndSpans: (text: String, spans: [Range<Int>]) {
        var bytes: [UInt8] = []
        var spans: [Range<Int>] = []
        var spanStart = 0
        for scalar in markedText.unicodeScalars {
            if scalar == "⟦" {
                spanStart = bytes.count
            } else if scalar == "⟧" {
                spans.append(spanStart..<bytes.count)
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return (String(decoding: bytes, as: UTF8.self), spans)
    }
}
