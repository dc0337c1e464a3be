/// ICU's word boundaries and rule statuses for text in the Latin, Greek and Cyrillic alphabets,
/// found on the bytes: Unicode's word rules (UAX #29) as ICU 72's root rules apply them, for the
/// characters such text holds. A pair's source is tokenized only to key its words for the
/// source-aware rules, and ICU's word pass over it cost as much as all of them together.
///
/// Any other character (another script, a symbol or emoji beyond Latin-1, General Punctuation and
/// the currency signs, a control character) gives nil: the caller asks ICU. `tokens` must equal
/// `Tokenizer.tokens` wherever it answers; a test compares the two on every text of the corpus.
enum AlphabeticWordBreaks {
    /// The languages whose ICU word rules are the root ones for these characters.
    static let languages: Set<String> = ["en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "cs", "ro", "el", "tr"]

    /// Word-break classes (UAX #29 Word_Break values) of the characters handled.
    enum Class: UInt8, CaseIterable {
        case other, cr, lf, newline, space, extend, letter, numeric, midLetter, midNumLet, midNum, singleQuote, extendNumLet
    }

    static func tokens(of bytes: [UInt8], language: String) -> [Token]? {
        guard languages.contains(language), bytes.count < Int(Int32.max) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> [Token]? in
            guard let characters = characters(of: buffer) else { return nil }
            let classes = classCount  // read once: a global's every use checks that it is initialised
            return characters.withUnsafeBufferPointer { c -> [Token] in decisions.withUnsafeBufferPointer { decisions in
                var tokens: [Token] = []
                tokens.reserveCapacity(buffer.count / 4)
                var first = 0
                for position in 1..<max(1, c.count) {
                    // Most characters are letters after letters, which never part (WB5).
                    if c[position].kind == .letter && c[position - 1].kind == .letter { continue }
                    if breaks(c, before: position, decisions, classes) {
                        append(c, first..<position, end: Int(c[position].start), buffer, to: &tokens)
                        first = position
                    }
                }
                if !c.isEmpty { append(c, first..<c.count, end: buffer.count, buffer, to: &tokens) }
                return tokens
            } }
        }
    }

    /// A character with the marks that extend it (WB4): its class and where it starts.
    struct ClassifiedCharacter {
        var start: Int32
        var kind: Class
    }

    /// The text's characters, marks folded into the character before them; nil at a character not handled.
    private static func characters(of buffer: UnsafeBufferPointer<UInt8>) -> [ClassifiedCharacter]? {
        var characters: [ClassifiedCharacter] = []
        characters.reserveCapacity(buffer.count)
        // Read once: a global's every use checks that it is initialised, and this loop runs for every byte.
        let asciiClasses = asciiClasses
        var index = 0
        while index < buffer.count {
            let byte = buffer[index]
            if byte < 0x80 {
                guard let kind = asciiClasses[Int(byte)] else { return nil }
                characters.append(ClassifiedCharacter(start: Int32(index), kind: kind))
                index += 1
                continue
            }
            let (scalar, length) = ByteScan.scalar(buffer, index)
            guard let kind = wordClass(scalar) else { return nil }
            if kind == .extend, let last = characters.last?.kind, last != .cr && last != .lf && last != .newline {
                index += length
                continue
            }
            characters.append(ClassifiedCharacter(start: Int32(index), kind: kind))
            index += length
        }
        return characters
    }

    /// The token of characters `range` (white space is not one), with its kind and the script of its first character.
    private static func append(_ c: UnsafeBufferPointer<ClassifiedCharacter>, _ range: Range<Int>, end: Int,
                               _ buffer: UnsafeBufferPointer<UInt8>, to tokens: inout [Token]) {
        let start = Int(c[range.lowerBound].start), last = Int(c[range.upperBound - 1].start)
        // ICU's status is the tag of the rule that joined the last character: a letter makes a word, a digit a
        // number ("v1.2", "CO2", "21st"), a connector what it follows ("a3_" a number, "0__" a word).
        var kind: TokenKind
        switch (range.count > 1 ? c[range.upperBound - 2].kind : .other, c[range.upperBound - 1].kind) {
        case (_, .letter), (.letter, .extendNumLet), (.extendNumLet, .extendNumLet): kind = .letter
        case (_, .numeric), (.numeric, .extendNumLet): kind = .number
        default: kind = .punctuation
        }
        // A token that ends on a connector with a mark on it ("a_\u{301}") has no status.
        if c[range.upperBound - 1].kind == .extendNumLet && end - last > ByteScan.length(buffer[last]) { kind = .punctuation }
        let leading = buffer[start] < 0x80 ? UInt32(buffer[start]) : ScriptLookup.scalar(at: start, in: buffer)
        if kind == .punctuation && Tokenizer.isWhiteSpace(leading) { return }
        tokens.append(Token(start: start, end: end, kind: kind, script: ScriptLookup.script(of: leading)))
    }

    /// What the rules say between two characters: break, join, or join when the character after the
    /// right one (WB6, WB12) or before the left one (WB7, WB11) is a letter or a digit.
    enum Decision: UInt8 { case breaks, joins, joinsBeforeLetter, joinsAfterLetter, joinsBeforeDigit, joinsAfterDigit }

    /// Unicode's word rules for a pair of classes (`decisions` holds them all, read once per character).
    private static func decision(_ left: Class, _ right: Class) -> Decision {
        switch (left, right) {
        case (.cr, .lf): .joins                                                                 // WB3
        case (.cr, _), (.lf, _), (.newline, _), (_, .cr), (_, .lf), (_, .newline): .breaks     // WB3a, WB3b
        case (.space, .space): .joins                                                           // WB3d
        case (.letter, .letter), (.numeric, .numeric), (.letter, .numeric), (.numeric, .letter): .joins  // WB5, WB8–10
        case (.letter, .midLetter), (.letter, .midNumLet), (.letter, .singleQuote): .joinsBeforeLetter   // WB6
        case (.midLetter, .letter), (.midNumLet, .letter), (.singleQuote, .letter): .joinsAfterLetter    // WB7
        case (.numeric, .midNum), (.numeric, .midNumLet), (.numeric, .singleQuote): .joinsBeforeDigit    // WB12
        case (.midNum, .numeric), (.midNumLet, .numeric), (.singleQuote, .numeric): .joinsAfterDigit     // WB11
        case (.letter, .extendNumLet), (.numeric, .extendNumLet), (.extendNumLet, .extendNumLet),
             (.extendNumLet, .letter), (.extendNumLet, .numeric): .joins                        // WB13a, WB13b
        default: .breaks                                                                        // WB999
        }
    }

    private static let classCount = Class.allCases.count
    private static let decisions: [Decision] = (0..<(classCount * classCount)).map { pair in
        decision(Class(rawValue: UInt8(pair / classCount))!, Class(rawValue: UInt8(pair % classCount))!)
    }

    /// Whether a word boundary stands between characters `position - 1` and `position`.
    @inline(__always)
    private static func breaks(_ c: UnsafeBufferPointer<ClassifiedCharacter>, before position: Int,
                               _ decisions: UnsafeBufferPointer<Decision>, _ classCount: Int) -> Bool {
        switch decisions[Int(c[position - 1].kind.rawValue) * classCount + Int(c[position].kind.rawValue)] {
        case .breaks: return true
        case .joins: return false
        case .joinsBeforeLetter: return !(position + 1 < c.count && c[position + 1].kind == .letter)
        case .joinsAfterLetter: return !(position >= 2 && c[position - 2].kind == .letter)
        case .joinsBeforeDigit: return !(position + 1 < c.count && c[position + 1].kind == .numeric)
        case .joinsAfterDigit: return !(position >= 2 && c[position - 2].kind == .numeric)
        }
    }

    private static let asciiClasses: [Class?] = (0..<128).map { value -> Class? in
        switch UInt8(value) {
        case 0x0D: .cr
        case 0x0A: .lf
        case 0x0B, 0x0C: .newline
        case 0x09: .other
        case 0x00...0x1F, 0x7F: nil
        case 0x20: .space
        case 0x30...0x39: .numeric
        // ICU's root rules add "@" to the letters (e-mail addresses, handles) and take ":" out of MidLetter.
        case 0x41...0x5A, 0x61...0x7A, 0x40: .letter
        case 0x2E: .midNumLet
        case 0x2C, 0x3B: .midNum
        case 0x27: .singleQuote
        case 0x5F: .extendNumLet
        default: .other
        }
    }

    /// The class of a character beyond ASCII, nil when it is not one of those handled.
    private static func wordClass(_ scalar: UInt32) -> Class? {
        switch scalar {
        case 0x85, 0x2028, 0x2029: return .newline
        case 0x80...0x9F: return nil
        case 0xAA, 0xB5, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF, 0x2BC: return .letter
        case 0xB7: return .midLetter
        case 0xAD: return .extend
        case 0xA0...0xBF, 0xD7, 0xF7: return .other
        case 0x300...0x36F, 0x483...0x489: return .extend
        case 0x37E: return .midNum
        case 0x387: return .midLetter
        // Letters of the Greek and Cyrillic blocks; their other signs (accents, numeral signs) go to ICU.
        case 0x370...0x3FF, 0x1F00...0x1FFF, 0x400...0x482, 0x48A...0x52F:
            return Unicode.Scalar(scalar)?.properties.isAlphabetic == true ? .letter : nil
        case 0x1680, 0x2000...0x2006, 0x2008...0x200A, 0x205F: return .space
        case 0x200C, 0x200D, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064: return .extend
        case 0x2018, 0x2019, 0x2024: return .midNumLet
        case 0x2027: return .midLetter
        case 0x2044: return .midNum
        case 0x202F, 0x203F, 0x2040, 0x2054: return .extendNumLet
        case 0x2007, 0x200B, 0x2010...0x2017, 0x201A...0x2023, 0x2025, 0x2026, 0x2030...0x203B,
             0x203D...0x2043, 0x2045...0x2048, 0x204A...0x2053, 0x2055...0x205E, 0x20A0...0x20C0: return .other
        default: return nil
        }
    }
}
