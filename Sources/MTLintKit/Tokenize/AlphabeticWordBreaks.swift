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
    enum Class: UInt8 {
        case other, cr, lf, newline, space, extend, letter, numeric, midLetter, midNumLet, midNum, singleQuote, extendNumLet
    }

    static func tokens(of bytes: [UInt8], language: String) -> [Token]? {
        guard languages.contains(language) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> [Token]? in
            // Each character with the marks that extend it (WB4), as (class, start).
            var classes: [Class] = []
            var starts: [Int] = []
            classes.reserveCapacity(buffer.count)
            starts.reserveCapacity(buffer.count + 1)
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                let (scalar, length) = byte < 0x80 ? (UInt32(byte), 1) : ByteScan.scalar(buffer, index)
                guard let kind = byte < 0x80 ? asciiClasses[Int(byte)] : wordClass(scalar) else { return nil }
                if kind == .extend, let last = classes.last, last != .cr && last != .lf && last != .newline {
                    index += length
                    continue
                }
                classes.append(kind)
                starts.append(index)
                index += length
            }
            starts.append(buffer.count)

            var tokens: [Token] = []
            tokens.reserveCapacity(buffer.count / 4)
            var first = 0
            func close(at end: Int) {
                defer { first = end }
                let start = starts[first]
                let leading = ScriptLookup.scalar(at: start, in: buffer)
                let kind = status(classes[first..<end])
                if kind == .punctuation && Tokenizer.isWhiteSpace(leading) { return }
                tokens.append(Token(start: start, end: starts[end], kind: kind, script: ScriptLookup.script(of: leading)))
            }
            for position in 1..<max(1, classes.count) where breaks(classes, before: position) { close(at: position) }
            if !classes.isEmpty { close(at: classes.count) }
            return tokens
        }
    }

    /// Whether a word boundary stands between characters `position - 1` and `position`.
    private static func breaks(_ c: [Class], before position: Int) -> Bool {
        let left = c[position - 1], right = c[position]
        switch (left, right) {
        case (.cr, .lf): return false                                                         // WB3
        case (.cr, _), (.lf, _), (.newline, _), (_, .cr), (_, .lf), (_, .newline): return true // WB3a, WB3b
        case (.space, .space): return false                                                   // WB3d
        case (.letter, .letter), (.numeric, .numeric), (.letter, .numeric), (.numeric, .letter): return false  // WB5, WB8–10
        case (.letter, .midLetter), (.letter, .midNumLet), (.letter, .singleQuote):           // WB6
            return !(position + 1 < c.count && c[position + 1] == .letter)
        case (.midLetter, .letter), (.midNumLet, .letter), (.singleQuote, .letter):           // WB7
            return !(position >= 2 && c[position - 2] == .letter)
        case (.numeric, .midNum), (.numeric, .midNumLet), (.numeric, .singleQuote):           // WB12
            return !(position + 1 < c.count && c[position + 1] == .numeric)
        case (.midNum, .numeric), (.midNumLet, .numeric), (.singleQuote, .numeric):           // WB11
            return !(position >= 2 && c[position - 2] == .numeric)
        case (.letter, .extendNumLet), (.numeric, .extendNumLet), (.extendNumLet, .extendNumLet),
             (.extendNumLet, .letter), (.extendNumLet, .numeric): return false                // WB13a, WB13b
        default: return true                                                                  // WB999
        }
    }

    /// ICU's rule status for a token, that of the rule that matched last: a number when its last
    /// letter or digit is a digit ("v1.2", "CO2", "a_3"), a word when it is a letter ("21st", "3a").
    private static func status(_ classes: ArraySlice<Class>) -> TokenKind {
        for value in classes.reversed() {
            if value == .numeric { return .number }
            if value == .letter { return .letter }
        }
        return classes.count > 1 && classes.allSatisfy({ $0 == .extendNumLet }) ? .letter : .punctuation
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
        case 0x370...0x3FF, 0x1F00...0x1FFF, 0x400...0x482, 0x48A...0x52F:
            return Unicode.Scalar(scalar).map { $0.properties.isAlphabetic ? .letter : .other } ?? nil
        case 0x1680, 0x2000...0x2006, 0x2008...0x200A, 0x205F: return .space
        case 0x200C, 0x200D, 0x200E, 0x200F, 0x2060...0x2064: return .extend
        case 0x2018, 0x2019, 0x2024: return .midNumLet
        case 0x2027: return .midLetter
        case 0x2044: return .midNum
        case 0x202F, 0x203F, 0x2040, 0x2054: return .extendNumLet
        case 0x2007, 0x200B, 0x2010...0x2017, 0x201A...0x2023, 0x2025, 0x2026, 0x202A...0x202E, 0x2030...0x203B,
             0x203D...0x2043, 0x2045...0x2048, 0x204A...0x2053, 0x2055...0x205E, 0x20A0...0x20C0: return .other
        default: return nil
        }
    }
}
