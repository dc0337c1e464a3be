import ICUShim

/// What the sentence-join rules share: the per-language word lists of
/// `dictionaries/<lang>/` and a byte-level reader of the text around sentence
/// punctuation. The rules scan the bytes once for their trigger punctuation and
/// look at words only there, so the hot loop is a byte comparison.

/// The word lists of one language (case-folded); empty for languages without lists.
struct JoinLexicon: Sendable {
    /// Words written with a full stop that does not end a sentence ("approx", "bzw", "т").
    let abbreviations: Set<String>
    /// Articles, prepositions and conjunctions that cannot end a sentence ("the", "of", "und").
    let dangling: Set<String>
    /// Prepositions and adverbial heads that open a verbless fragment ("towards", "vers").
    let prepositions: Set<String>
    /// Auxiliaries, modals and common finite verbs ("will", "est", "wird").
    let verbs: Set<String>
    /// Subject pronouns and articles that open a sentence ("he", "they", "the").
    let starters: Set<String>
    /// Subordinating conjunctions and verbs taking a clause without "that" ("when", "said").
    let subordinators: Set<String>

    init(language: String, lists: Dictionaries) {
        abbreviations = lists.wordList("\(language)/abbreviations.txt")
        dangling = lists.wordList("\(language)/dangling-words.txt")
        prepositions = lists.wordList("\(language)/fragment-openers.txt")
        verbs = lists.wordList("\(language)/finite-verbs.txt")
        starters = lists.wordList("\(language)/sentence-starters.txt")
        subordinators = lists.wordList("\(language)/clause-openers.txt")
    }

    /// The lexicon of a language, built once per dictionary set: five rules ask for it on every document.
    static func of(_ language: String, in lists: Dictionaries) -> JoinLexicon {
        lists.derived("join-lexicon/\(language)") { JoinLexicon(language: language, lists: lists) }
    }

    var isEmpty: Bool { dangling.isEmpty && verbs.isEmpty }

    /// A function word or verb that continues a sentence when it follows a wrong full stop.
    func continues(_ word: String) -> Bool {
        dangling.contains(word) || prepositions.contains(word) || subordinators.contains(word)
            || starters.contains(word) || verbs.contains(word)
    }
}

/// The languages that have sentence-join word lists in `dictionaries/`.
let sentenceJoinLanguages = ["en", "fr", "de", "es", "it", "pt", "ru", "uk", "nl", "pl", "tr"]

/// The languages whose clauses sentence-fragment and run-on-sentences can read: all but Turkish,
/// which is verb-final and has postpositions, so a split-off phrase does not open with a
/// preposition, a short verbless sentence is grammatical ("Hava güzel."), and a new sentence's
/// subject is not followed by its verb.
let clauseShapeLanguages = sentenceJoinLanguages.filter { $0 != "tr" }

/// Reads scalars and words around an offset of a document's (masked) text.
struct JoinText {
    let bytes: UnsafeBufferPointer<UInt8>
    var count: Int { bytes.count }

    subscript(_ index: Int) -> UInt8 { bytes[index] }

    func scalar(at index: Int) -> UInt32 { ScriptLookup.scalar(at: index, in: bytes) }

    /// The offset of the next of these bytes at or after `index` (a C scan; memchr for one byte), or nil.
    func next(_ wanted: UInt8..., from index: Int) -> Int? {
        guard index < count, let base = bytes.baseAddress else { return nil }
        let found = mtl_find_any(base + index, Int64(count - index), wanted, Int32(wanted.count))
        return found < 0 ? nil : index + Int(found)
    }

    /// The byte length of the scalar starting at `index`.
    func scalarLength(at index: Int) -> Int {
        let lead = bytes[index]
        return lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }

    /// The start of the scalar that ends just before `index` (index > 0).
    func scalarStart(before index: Int) -> Int {
        var start = index - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    // MARK: Character classes (ASCII answered without Unicode tables)

    static func isWordScalar(_ value: UInt32) -> Bool {
        if value < 0x80 {
            let lower = value | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (value >= 0x30 && value <= 0x39)
        }
        guard let scalar = Unicode.Scalar(value) else { return false }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .decimalNumber: return true
        default: return properties.isAlphabetic
        }
    }

    static func isLetter(_ value: UInt32) -> Bool {
        if value < 0x80 { let lower = value | 0x20; return lower >= 0x61 && lower <= 0x7A }
        return Unicode.Scalar(value)?.properties.isAlphabetic ?? false
    }

    static func isLower(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x61 && value <= 0x7A }
        return Unicode.Scalar(value)?.properties.isLowercase ?? false
    }

    static func isUpper(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A }
        guard let properties = Unicode.Scalar(value)?.properties else { return false }
        return properties.isUppercase || properties.generalCategory == .titlecaseLetter
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    // MARK: Words

    /// The word (letters, digits, combining marks) that ends at `end`; empty when none.
    func word(endingAt end: Int) -> Range<Int> {
        var start = end
        while start > 0 {
            let previous = scalarStart(before: start)
            guard JoinText.isWordScalar(scalar(at: previous)) else { break }
            start = previous
        }
        return start..<end
    }

    /// The word that starts at `start`; empty when none.
    func word(startingAt start: Int) -> Range<Int> {
        var end = start
        while end < count && JoinText.isWordScalar(scalar(at: end)) { end += scalarLength(at: end) }
        return start..<end
    }

    func scalarCount(_ range: Range<Int>) -> Int {
        var count = 0
        for index in range where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    func isDigits(_ range: Range<Int>) -> Bool {
        !range.isEmpty && range.allSatisfy { JoinText.isDigit(bytes[$0]) }
    }

    func hasDigit(_ range: Range<Int>) -> Bool { range.contains { JoinText.isDigit(bytes[$0]) } }

    func startsLower(_ range: Range<Int>) -> Bool { !range.isEmpty && JoinText.isLower(scalar(at: range.lowerBound)) }
    func startsUpper(_ range: Range<Int>) -> Bool { !range.isEmpty && JoinText.isUpper(scalar(at: range.lowerBound)) }

    /// The last letter of the range is lower case ("ended", not "ASP").
    func endsLower(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        return JoinText.isLower(scalar(at: scalarStart(before: range.upperBound)))
    }

    /// Upper-case first letter followed by a lower-case one ("The", not "NET" or "I").
    func isCapitalised(_ range: Range<Int>) -> Bool {
        guard startsUpper(range) else { return false }
        let second = range.lowerBound + scalarLength(at: range.lowerBound)
        return second < range.upperBound && JoinText.isLower(scalar(at: second))
    }

    /// The case-folded text of a range (ASCII without calling ICU).
    func folded(_ range: Range<Int>) -> String {
        var ascii = true
        for index in range where bytes[index] >= 0x80 { ascii = false; break }
        if ascii {
            // Written straight into the string's storage: this runs for the words around every full stop.
            return String(unsafeUninitializedCapacity: range.count) { output in
                for (offset, index) in range.enumerated() {
                    let byte = bytes[index]
                    output[offset] = CaseFolding.asciiLower(byte)
                }
                return range.count
            }
        }
        return CaseFolding.fold(UnsafeBufferPointer(rebasing: bytes[range]))
    }

    // MARK: Space

    /// Horizontal white space: space, tab, no-break spaces.
    func horizontalSpaceLength(at index: Int) -> Int {
        let byte = bytes[index]
        if byte == 0x20 || byte == 0x09 { return 1 }
        if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0xA0 { return 2 }
        if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xAF || bytes[index + 2] == 0x89 { return 3 }
        return 0
    }

    /// Skips horizontal space (and, when allowed, one line break) from `index`.
    func skipSpace(from index: Int, lineBreaks allowed: Int = 0) -> (index: Int, lineBreaks: Int) {
        var index = index, breaks = 0
        while index < count {
            let length = horizontalSpaceLength(at: index)
            if length > 0 { index += length; continue }
            if bytes[index] == 0x0D { index += 1; continue }
            if bytes[index] == 0x0A && breaks < allowed { breaks += 1; index += 1; continue }
            break
        }
        return (index, breaks)
    }

    /// Skips horizontal space backwards from `index` (exclusive).
    func skipSpaceBackward(from index: Int) -> Int {
        var index = index
        while index > 0 && (bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09) { index -= 1 }
        return index
    }

    /// The byte before a word marks it as part of a path, address, option,
    /// identifier or abbreviation ("node.js", "-v.", "U.S", "~/.bashrc").
    func isTechnicalPrefix(before start: Int) -> Bool {
        guard start > 0 else { return false }
        switch bytes[start - 1] {
        case UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "-"), UInt8(ascii: "_"),
             UInt8(ascii: "@"), UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: "~"), UInt8(ascii: "$"),
             UInt8(ascii: "%"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "+"):
            return true
        default:
            return false
        }
    }

    /// The bytes after a word continue an identifier or call ("Foo.Bar.baz", "ls(1)", "a_b").
    func isTechnicalSuffix(after end: Int) -> Bool {
        guard end < count else { return false }
        switch bytes[end] {
        case UInt8(ascii: "("), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "@"),
             UInt8(ascii: "="), UInt8(ascii: "["), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "*"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: ":"):
            return end + 1 < count && JoinText.isWordScalar(scalar(at: end + 1))
        default:
            return false
        }
    }

    /// The words of the line before `end`, back to the previous sentence
    /// punctuation (. ! ? ; :) or the line start, the last one first; at most `limit`.
    func wordsBefore(_ end: Int, limit: Int, stopAtComma: Bool = false) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var index = end
        while index > 0 && words.count < limit {
            let byte = bytes[index - 1]
            if byte == 0x0A || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                || byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":") || (stopAtComma && byte == UInt8(ascii: ",")) { break }
            let start = scalarStart(before: index)
            if JoinText.isWordScalar(scalar(at: start)) {
                let word = self.word(endingAt: index)
                words.append(word)
                index = word.lowerBound
            } else {
                index = start
            }
        }
        return words
    }

    /// The text of a byte range, for messages and suggestions.
    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// "…needs them in his war.": the text around an edit with the edit applied,
    /// from a few words before it to the end of the sentence that follows.
    func joinedPreview(replacing range: Range<Int>, with replacement: String) -> String {
        var start = range.lowerBound, words = 0
        while start > 0 && words < 3 {
            let byte = bytes[start - 1]
            if byte == 0x0A || (byte == UInt8(ascii: ".") && start < range.lowerBound) { break }
            start -= 1
            if (byte == 0x20) { words += 1 }
        }
        while start < range.lowerBound && bytes[start] == 0x20 { start += 1 }
        var end = range.upperBound
        while end < count && end - range.upperBound < 80 {
            let byte = bytes[end]
            if byte == 0x0A { break }
            end += 1
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { break }
        }
        while end < count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        let head = start > 0 && bytes[start - 1] != 0x0A ? "…" : ""
        return head + string(start..<range.lowerBound) + replacement + string(range.upperBound..<end)
    }

    /// The first letter of a word in lower case, for joining a fragment.
    func lowercasingFirst(_ range: Range<Int>) -> String {
        let length = scalarLength(at: range.lowerBound)
        return string(range.lowerBound..<(range.lowerBound + length)).lowercased()
    }
}
