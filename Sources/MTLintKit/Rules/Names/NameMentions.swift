/// The name mentions of one document, found once and shared by the names rules.
struct NameMentions: Sendable {
    let index: NameIndex
    let all: [NameMention]
    let document: Document

    init(_ document: Document) {
        self.document = document
        let index = NameIndex.forLanguage(document.language.code, dictionaries: document.dictionaries)
        self.index = index
        all = document.shared.value("names:mentions") { index.mentions(in: document) }
    }

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
}
