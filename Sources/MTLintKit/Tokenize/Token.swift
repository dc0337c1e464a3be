/// What ICU's word break rule status says a token is.
public enum TokenKind: UInt8, Sendable {
    case punctuation   // UBRK_WORD_NONE, not white space: marks, symbols
    case number        // UBRK_WORD_NUMBER
    case letter        // UBRK_WORD_LETTER
    case kana          // UBRK_WORD_KANA
    case ideographic   // UBRK_WORD_IDEO

    init(ruleStatus: Int32) {
        switch ruleStatus {
        case 100..<200: self = .number
        case 200..<300: self = .letter
        case 300..<400: self = .kana
        case 400..<500: self = .ideographic
        default: self = .punctuation
        }
    }

    public var isWord: Bool { self != .punctuation }
}

/// A token of the text: a word, a number or a punctuation mark. White space
/// is not a token; rules see it in the bytes between tokens.
public struct Token: Sendable, Equatable {
    // 32-bit offsets (ICU's own limit) keep a token at 16 bytes: a 50 MB
    // document has some 10 million of them.
    private var start32: UInt32
    private var end32: UInt32
    public var kind: TokenKind
    /// The ICU script (UScriptCode) of the token's first code point.
    public var script: Script

    public init(start: Int, end: Int, kind: TokenKind, script: Script) {
        start32 = UInt32(start)
        end32 = UInt32(end)
        self.kind = kind
        self.script = script
    }

    public var start: Int { Int(start32) }
    public var end: Int { Int(end32) }
    public var range: Range<Int> { start..<end }
}

/// An ICU UScriptCode.
public struct Script: Hashable, Sendable, CustomStringConvertible {
    public let code: Int32
    public init(code: Int32) { self.code = code }

    public static let common = Script(code: 0)
    public static let inherited = Script(code: 1)
    public static let arabic = Script(code: 2)
    public static let cyrillic = Script(code: 8)
    public static let greek = Script(code: 14)
    public static let han = Script(code: 17)
    public static let hangul = Script(code: 18)
    public static let hebrew = Script(code: 19)
    public static let hiragana = Script(code: 20)
    public static let katakana = Script(code: 22)
    public static let latin = Script(code: 25)
    public static let thai = Script(code: 38)
    public static let devanagari = Script(code: 10)

    /// The ISO 15924 code, e.g. "Latn".
    public var description: String { shortName(code) }
}
