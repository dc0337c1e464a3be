import Synchronization

/// The input format, which decides what is prose.
public enum DocumentFormat: String, Sendable {
    case plain, markdown

    public static func forPath(_ path: String) -> DocumentFormat {
        let lower = path.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown") ? .markdown : .plain
    }
}

/// One analysed input: what every rule reads. Offsets are UTF-8 bytes of the
/// original file; `text` is the original with non-prose (code, URLs, tags)
/// blanked out byte for byte, so the two share every offset.
public struct Document: Sendable {
    public let source: SourceText
    public let text: [UInt8]
    public let language: LanguageProfile
    public let tokens: [Token]
    public let paragraphs: [Paragraph]
    /// The word lists of this run (built-in plus the user's).
    public let dictionaries: Dictionaries
    /// Analyses that several rules share (e.g. the name mentions), computed on first use.
    public let shared = ComputedOnce()

    public init(source: SourceText, format: DocumentFormat, language: LanguageProfile,
                dictionaries: Dictionaries = .shared) throws {
        self.source = source
        self.language = language
        self.dictionaries = dictionaries
        text = ProseMask.mask(source.bytes, markdown: format == .markdown)
        tokens = try Tokenizer.tokens(of: text, locale: language.icuLocale)
        paragraphs = Tokenizer.paragraphs(of: text)
    }

    /// ICU's sentences, computed on first use: the sentence pass costs a third of the
    /// tokenizing time and no default rule needs it (the sentence-join rules look at the
    /// full stops themselves). An ICU failure here, after the word pass succeeded, gives none.
    public var sentences: [Span] {
        shared.value("sentences") { (try? Tokenizer.sentences(of: text, locale: language.icuLocale)) ?? [] }
    }

    /// The original text of a byte range.
    public func string(_ range: Range<Int>) -> String { source.text(range) }

    public var wordCount: Int { tokens.reduce(0) { $0 + ($1.kind.isWord ? 1 : 0) } }

    /// Compares two tokens' text ignoring case (ASCII fast path, ICU folding otherwise).
    public func sameWordIgnoringCase(_ a: Token, _ b: Token) -> Bool {
        // Most pairs differ in their first letter: reject them at once.
        let x = text[a.start], y = text[b.start]
        if x < 0x80 && y < 0x80 && (x | 0x20) != (y | 0x20) { return false }
        let length = a.end - a.start
        if length == b.end - b.start {
            var asciiOnly = true
            for offset in 0..<length {
                let x = text[a.start + offset], y = text[b.start + offset]
                if (x | y) >= 0x80 { asciiOnly = false; break }
                let lower = x | 0x20
                if x != y && !(lower == y | 0x20 && lower >= 0x61 && lower <= 0x7A) { return false }
            }
            if asciiOnly { return true }
        } else if !text[a.range].contains(where: { $0 >= 0x80 }) || !text[b.range].contains(where: { $0 >= 0x80 }) {
            return false  // folding changes lengths only for non-ASCII letters such as "ß"
        }
        return CaseFolding.fold(text[a.range]) == CaseFolding.fold(text[b.range])
    }
}

/// Values computed once per key and then shared: a document's analyses that several rules
/// use (`Document.shared`), and what is derived from a dictionary set (`Dictionaries.derived`).
public final class ComputedOnce: Sendable {
    /// Values are boxed: a class cast is cheap, where casting `any Sendable` back to an
    /// array is a dynamic cast that showed up in the profile (seven lookups a document).
    private final class Box<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
    private let values = Mutex<[String: AnyObject & Sendable]>([:])

    public func value<Value: Sendable>(_ key: String, _ compute: () -> Value) -> Value {
        if let known = values.withLock({ $0[key] }) as? Box<Value> { return known.value }
        let value = compute()
        values.withLock { $0[key] = Box(value) }
        return value
    }
}
