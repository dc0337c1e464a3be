import Synchronization

/// The input format, which decides what is prose.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case plain, markdown
    /// Translation files: their targets are linted, each unit with its source.
    case po, xliff, tmx
    /// HTML pages: the prose of the body (and title) is extracted, tags and code left out.
    case html

    /// File name extensions (lower case) of each format.
    public var extensions: [String] {
        switch self {
        case .plain: ["txt"]
        case .markdown: ["md", "markdown"]
        case .po: ["po", "pot"]
        case .xliff: ["xlf", "xliff"]
        case .tmx: ["tmx"]
        case .html: ["html", "htm"]
        }
    }

    public var isTranslationFile: Bool { self == .po || self == .xliff || self == .tmx }

    /// Whether the linted text is extracted from the file (translation files, HTML), with a
    /// map back to the file's bytes, rather than the file masked in place.
    public var isExtracted: Bool { isTranslationFile || self == .html }

    /// The format a file name's extension names (case-insensitive); plain text for any other.
    /// Read on the name's bytes: it is asked several times for each of thousands of files.
    public static func forPath(_ path: String) -> DocumentFormat {
        let bytes = path.utf8
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), !bytes[dot...].contains(UInt8(ascii: "/")) else { return .plain }
        let suffix = bytes[bytes.index(after: dot)...]
        guard !suffix.isEmpty, suffix.count <= 8 else { return .plain }
        let lowered = String(decoding: suffix.map(CaseFolding.asciiLower), as: UTF8.self)
        return allCases.first { $0.extensions.contains(lowered) } ?? .plain
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
    /// Made without its words (`tokens` empty): a source article whose words most pairs never need
    /// (`SourceSide.tokens(ofUnit:)` tokenizes a unit's source on demand).
    let wordsDeferred: Bool
    public let paragraphs: [Paragraph]
    /// The word lists of this run (built-in plus the user's).
    public let dictionaries: Dictionaries
    /// A translation file's units (each target's range in `text`, with its source); empty for an article.
    public internal(set) var units: [TranslationUnit]
    /// The language of the units' sources, when there are units.
    public var sourceLanguage: LanguageProfile?
    /// For an article aligned with its source: the source article, and each unit's sentences in it.
    var alignedSource: SourceSide?
    /// Analyses that several rules share (e.g. the name mentions), computed on first use.
    public let shared = ComputedOnce()

    /// `units` pair parts of the text with their sources (an article with its source, aligned).
    /// `deferWords`: no word pass (`tokens` stays empty); a source article's rules tokenize the parts they need.
    /// `asSource`: the source side of a pair, whose alphabetic text is tokenized on its bytes (`AlphabeticWordBreaks`,
    /// ICU's boundaries at a fraction of the cost), since its words are only keyed for comparisons.
    public init(source: SourceText, format: DocumentFormat, language: LanguageProfile,
                dictionaries: Dictionaries = .shared, units: [TranslationUnit] = [], deferWords: Bool = false,
                asSource: Bool = false) throws {
        self.source = source
        self.language = language
        self.dictionaries = dictionaries
        text = ProseMask.mask(source.bytes, markdown: format == .markdown)
        self.units = units
        wordsDeferred = deferWords
        let alphabetic = asSource && !deferWords ? AlphabeticWordBreaks.tokens(of: text, language: language.code) : nil
        tokens = deferWords ? [] : try alphabetic ?? Tokenizer.tokens(of: text, locale: language.icuLocale)
        paragraphs = Tokenizer.paragraphs(of: text)
    }


    /// An article in any format that has no units: an HTML page's prose extracted (the page is
    /// read once), other formats masked in place. Without a language tag, the prose tells it.
    /// `asSource`: the source of a pair, whose words are tokenized only when a rule needs them if
    /// its language is segmented with a dictionary (Chinese, Japanese, Thai…).
    public static func article(_ source: SourceText, format: DocumentFormat, language tag: String?,
                               dictionaries: Dictionaries = .shared, asSource: Bool = false) throws -> Document {
        guard format == .html else {
            let language = LanguageProfile.forTag(tag ?? LanguageDetector.detect(source.bytes))
            return try Document(source: source, format: format, language: language, dictionaries: dictionaries,
                                deferWords: asSource && language.segmentsWithDictionary, asSource: asSource)
        }
        let page = HTMLReader.read(source.bytes)
        let language = LanguageProfile.forTag(tag ?? LanguageDetector.detect(page.text))
        return try Document(translations: page, language: language, dictionaries: dictionaries)
    }

    /// The targets of a translation file (or an HTML page's prose), its inline codes and placeholders hidden.
    public init(translations: TranslationFile, language: LanguageProfile, dictionaries: Dictionaries = .shared) throws {
        source = SourceText(String(decoding: translations.text, as: UTF8.self))
        self.language = language
        self.dictionaries = dictionaries
        var masked = ProseMask.mask(translations.text, markdown: false)
        masked.withUnsafeMutableBufferPointer { buffer in
            for range in translations.codes { ProseMask.blank(buffer, range) }
        }
        text = masked
        units = translations.units
        wordsDeferred = false
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

    /// A range without the white space at its ends (a unit's target, to report on it whole).
    public func trimmed(_ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        while start < end && isSpace(text[start]) { start += 1 }
        while end > start && isSpace(text[end - 1]) { end -= 1 }
        return start..<end
    }

    /// The tokens that lie wholly inside a byte range (tokens are in order: found by binary search).
    func tokens(in range: Range<Int>) -> ArraySlice<Token> {
        var low = 0, high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].start < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < tokens.count && tokens[end].end <= range.upperBound { end += 1 }
        return tokens[low..<end]
    }

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
