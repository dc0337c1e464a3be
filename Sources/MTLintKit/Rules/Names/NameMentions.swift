/// The name mentions of one document, found once and shared by the names rules.
struct NameMentions: Sendable {
    let index: NameIndex
    let scan: NameIndex.Scan
    let document: Document

    init(_ document: Document) {
        self.document = document
        let index = NameIndex.forLanguage(document.language.code, dictionaries: document.dictionaries)
        self.index = index
        scan = document.shared.value("names:scan") { index.scan(document) }
    }

    /// The mentions of a scan made for part of a document (`NameIndex.scan(_:within:)`).
    init(_ document: Document, scan: NameIndex.Scan) {
        self.document = document
        index = NameIndex.forLanguage(document.language.code, dictionaries: document.dictionaries)
        self.scan = scan
    }

    var all: [NameMention] { scan.mentions }

    func pattern(_ mention: NameMention) -> NamePattern { index.patterns[mention.pattern] }

    var garbled: [NameMention] { all.filter { pattern($0).role == .garbled } }

    /// Correct mentions (forms and variants) that no garbled match overlaps.
    var correct: [NameMention] {
        let garbledRanges = garbled.map(\.range)
        return all.filter { mention in
            pattern(mention).role != .garbled && !garbledRanges.contains { $0.overlaps(mention.range) }
        }
    }

    /// How often each entity is named correctly in the document.
    var entityCounts: [Int: Int] {
        correct.reduce(into: [:]) { counts, mention in counts[pattern(mention).entity, default: 0] += 1 }
    }

    func surface(_ mention: NameMention) -> String { document.string(mention.range) }

    /// "United States Army", "LNG Canada": a capitalised word right before or after
    /// makes the name part of an organisation's or a product's own name.
    func isPartOfLongerName(_ range: Range<Int>) -> Bool {
        let text = document.text
        func capital(at index: Int) -> Bool {
            guard index >= 0 && index < text.count else { return false }
            var start = index
            while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
            return text.withUnsafeBufferPointer { Unicode.Scalar(ScriptLookup.scalar(at: start, in: $0))?.properties.isUppercase ?? false }
        }
        let after = range.upperBound + 1 < text.count && text[range.upperBound] == 0x20 && capital(at: range.upperBound + 1)
        var before = false
        if range.lowerBound >= 2 && text[range.lowerBound - 1] == 0x20 {
            var wordStart = range.lowerBound - 1
            while wordStart > 0 && text[wordStart - 1] != 0x20 && text[wordStart - 1] != 0x0A { wordStart -= 1 }
            // A capital at a sentence start says nothing; one inside the sentence does.
            var sentenceStart = wordStart < 2
            if !sentenceStart {
                let mark = text[wordStart - 2]
                sentenceStart = mark == UInt8(ascii: ".") || mark == UInt8(ascii: "!") || mark == UInt8(ascii: "?")
            }
            before = wordStart < range.lowerBound - 1 && !sentenceStart && capital(at: wordStart)
        }
        return after || before
    }

}
