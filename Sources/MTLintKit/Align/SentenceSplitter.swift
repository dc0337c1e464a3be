/// The sentences the aligner pairs, found on the bytes by the core of Unicode's sentence rules
/// (UAX #29), as ICU's sentence iterator applies them, at a fraction of its cost: an article
/// pair needs the sentences of both sides, and ICU's pass over them cost more than all the
/// source-aware rules together.
///
/// - A full stop ends a sentence only before white space and then no lower-case letter
///   ("3.5", "e.g. this" go on), and not after an abbreviation of the language
///   (`dictionaries/<lang>/abbreviations.txt`: "Oct. 31") or a single letter ("U.K. officials"),
///   as ICU's `ss=standard` suppressions do; "!", "?" and "…" before white space or the end.
/// - The full-width marks of Chinese and Japanese (。！？) end one at once.
/// - Quotation marks and closing brackets after the mark stay with the sentence.
/// - A line break inside a paragraph is a space (hard-wrapped text); a blank line ends a sentence.
enum SentenceSplitter {
    static func sentences(of text: [UInt8], abbreviations: Abbreviations) -> [Span] {
        text.withUnsafeBufferPointer { sentences(of: $0, abbreviations: abbreviations) }
    }

    /// A language's abbreviations, case-folded, and a bitmap of the hashes of those in ASCII: nearly every
    /// word before a full stop is none, and the bitmap says so without building its string.
    struct Abbreviations: Sendable {
        let words: Set<String>
        let longest: Int
        private var bitmap = [UInt64](repeating: 0, count: 64)

        init(_ words: Set<String>) {
            self.words = words
            longest = words.reduce(0) { max($0, $1.utf8.count) }
            for word in words where word.utf8.allSatisfy({ $0 < 0x80 }) { set(FNV.hash(word.utf8)) }
        }

        /// The abbreviations of a language in a run's dictionaries, built once.
        static func of(_ language: String, in dictionaries: Dictionaries) -> Abbreviations {
            dictionaries.derived("abbreviations:\(language)") { Abbreviations(dictionaries.wordList("\(language)/abbreviations.txt")) }
        }

        /// Whether an ASCII word, lower-cased, is one of them.
        func contains(ascii bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count <= longest else { return false }
            let bit = FNV.hash(bytes.lazy.map(CaseFolding.asciiLower)) & 4095
            guard bitmap[Int(bit >> 6)] & (1 << (bit & 63)) != 0 else { return false }
            return words.contains(String(decoding: bytes.map(CaseFolding.asciiLower), as: UTF8.self))
        }

        private mutating func set(_ hash: UInt64) { bitmap[Int((hash & 4095) >> 6)] |= 1 << (hash & 63) }
    }

    private static func sentences(of text: UnsafeBufferPointer<UInt8>, abbreviations: Abbreviations) -> [Span] {
        var spans: [Span] = []
        var start = 0, index = 0
        while index < text.count {
            // To the next byte that may start a mark (. ! ? and the first bytes of … 。！？: E2, E3, EF) or
            // be a line break, sixteen bytes at a time.
            index = ByteScan.next(anyOf: markStarts, text, from: index)
            guard index < text.count else { break }
            let byte = text[index]
            if byte == 0x0A, isBlankLineAhead(text, from: index + 1) {
                // A paragraph ends: the sentence takes the line breaks and blank lines with it.
                var end = index + 1
                while end < text.count && (text[end] == 0x0A || text[end] == 0x0D || text[end] == 0x20 || text[end] == 0x09) { end += 1 }
                if end > start { spans.append(Span(start: start, end: end)) }
                start = end
                index = end
                continue
            }
            guard let (markEnd, fullWidth) = terminator(text, at: index) else { index += 1; continue }
            var end = markEnd
            // More marks ("?!", "..."), then closing quotes and brackets.
            while end < text.count, let (next, _) = terminator(text, at: end) { end = next }
            while end < text.count, let next = closer(text, at: end) { end = next }
            let isFullStop = byte == 0x2E
            let spaceEnd = skipSpace(text, from: end)
            if fullWidth || spaceEnd == text.count || (spaceEnd > end && !(isFullStop && (startsLowercase(text, at: spaceEnd)
                                                                                      || isAbbreviation(before: index, in: text, abbreviations)))) {
                if spaceEnd > start { spans.append(Span(start: start, end: spaceEnd)) }
                start = spaceEnd
            }
            index = max(end, index + 1)
        }
        if text.count > start { spans.append(Span(start: start, end: text.count)) }
        return spans
    }

    private static let markStarts: [UInt8] = [0x0A, 0x2E, 0x21, 0x3F, 0xE2, 0xE3, 0xEF]

    /// The end of a sentence mark at `index`, and whether it is a full-width one.
    @inline(__always)
    private static func terminator(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> (end: Int, fullWidth: Bool)? {
        switch text[index] {
        case 0x2E, 0x21, 0x3F: return (index + 1, false)  // . ! ?
        case 0xE2 where index + 2 < text.count && text[index + 1] == 0x80 && text[index + 2] == 0xA6: return (index + 3, false)  // …
        case 0xE3 where index + 2 < text.count && text[index + 1] == 0x80 && text[index + 2] == 0x82: return (index + 3, true)  // 。
        case 0xEF where index + 2 < text.count && text[index + 1] == 0xBC && (text[index + 2] == 0x81 || text[index + 2] == 0x9F):
            return (index + 3, true)  // ！ ？
        default: return nil
        }
    }

    /// The end of a quotation mark or closing bracket at `index` (Unicode's Close class, which
    /// takes every quotation mark: German closes with “ and ‘).
    private static func closer(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let byte = text[index]
        if byte < 0x80 { return byte == 0x22 || byte == 0x27 || byte == 0x29 || byte == 0x5D || byte == 0x7D ? index + 1 : nil }
        let scalar = ByteScan.scalar(text, index)
        return closers.contains(scalar.value) ? index + scalar.length : nil
    }

    /// « » ‹ › ‘ ’ ‚ “ ” „ 」 』 ） ］ 】 》 〉
    private static let closers: Set<UInt32> = [0xAB, 0xBB, 0x2039, 0x203A, 0x2018, 0x2019, 0x201A, 0x201C, 0x201D, 0x201E,
                                               0x300D, 0x300F, 0xFF09, 0xFF3D, 0x3011, 0x300B, 0x3009]

    /// Past spaces, tabs, no-break spaces and single line breaks (not a blank line).
    private static func skipSpace(_ text: UnsafeBufferPointer<UInt8>, from index: Int) -> Int {
        var index = index
        while index < text.count {
            switch text[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A where !isBlankLineAhead(text, from: index + 1): index += 1
            case 0xC2 where index + 1 < text.count && text[index + 1] == 0xA0: index += 2
            default: return index
            }
        }
        return index
    }

    /// Whether only spaces stand between `index` and the next line break (or the end).
    private static func isBlankLineAhead(_ text: UnsafeBufferPointer<UInt8>, from index: Int) -> Bool {
        var index = index
        while index < text.count && (text[index] == 0x20 || text[index] == 0x09 || text[index] == 0x0D) { index += 1 }
        return index == text.count || text[index] == 0x0A
    }

    /// Whether the word before the full stop at `dot` is a single letter or a listed abbreviation.
    private static func isAbbreviation(before dot: Int, in text: UnsafeBufferPointer<UInt8>, _ abbreviations: Abbreviations) -> Bool {
        var start = dot
        // Letters: ASCII ones, and every byte of a multi-byte character (names of other scripts).
        while start > 0 && (text[start - 1] >= 0x80 || (text[start - 1] | 0x20 >= 0x61 && text[start - 1] | 0x20 <= 0x7A)) { start -= 1 }
        guard start < dot, start == 0 || text[start - 1] < 0x80 else { return false }
        let bytes = UnsafeBufferPointer(rebasing: text[start..<dot])
        // ASCII folds on its bytes; ICU is for the rest.
        if bytes.allSatisfy({ $0 < 0x80 }) { return bytes.count == 1 || abbreviations.contains(ascii: bytes) }
        let word = String(decoding: bytes, as: UTF8.self)
        return word.unicodeScalars.count == 1 || abbreviations.words.contains(CaseFolding.fold(word))
    }

    /// Whether the letter at `index` is lower-case (ASCII on the byte, the rest through Unicode).
    private static func startsLowercase(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = text[index]
        if byte < 0x80 { return byte >= 0x61 && byte <= 0x7A }
        let scalar = ByteScan.scalar(text, index)
        return Unicode.Scalar(scalar.value)?.properties.isLowercase ?? false
    }
}
