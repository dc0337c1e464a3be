/// A glossary term of the source not translated as the glossary requires, or translated
/// with a variant it forbids.
public struct GlossaryTerm: Rule {
    public init() {}

    static let exampleGlossary = Glossary(entries: [
        .init(sourceLanguage: "en", targetLanguage: "fr", sourceTerm: "contract", required: ["contrat"], forbidden: ["convention"]),
        .init(sourceLanguage: "en", targetLanguage: "de", sourceTerm: "Federal Reserve", required: ["US-Notenbank", "Fed"]),
    ])

    public let description = RuleDescription(
        id: "glossary",
        family: .source,
        severity: .warning,
        languages: [],
        summary: "A term of the user's glossary translated otherwise than it requires, or with a variant it forbids.",
        rationale: """
            A newsroom or a client fixes how its recurring terms are translated — a body's official name, a \
            product, a legal term — and machine translation ignores that, choosing a different synonym from one \
            sentence to the next. With a glossary (`glossary:` in .mtlint.yml or `--glossary FILE`: tab-separated \
            source language, target language, source term, required translations and forbidden variants, \
            alternatives apart by |), each unit whose source contains a term of the language pair must contain \
            one of its required translations, and none of its forbidden variants. Terms match whatever their \
            case and accents (ICU folding), and a term's last word may carry an ending ("contrats" for \
            "contrat"); Chinese, Japanese and Korean terms match as written. Without a glossary the rule does \
            nothing.
            """,
        fixSafety: nil,
        examples: [
            .triggers("La ⟦convention⟧ a été signée lundi.", lang: "fr", source: "The contract was signed on Monday.", sourceLang: "en"),
            .triggers("⟦Die Notenbank erhöhte die Zinsen.⟧", lang: "de", source: "The Federal Reserve raised rates.", sourceLang: "en"),
            .passes("Les contrats ont été signés lundi.", lang: "fr", source: "The contracts were signed on Monday.", sourceLang: "en"),
            .passes("Die US-Notenbank erhöhte die Zinsen.", lang: "de", source: "The Federal Reserve raised rates.", sourceLang: "en"),
        ],
        glossary: exampleGlossary
    )

    public func check(_ document: Document) -> [Finding] {
        guard let sourceLanguage = document.sourceLanguage else { return [] }
        let entries = document.dictionaries.glossary.entries(from: sourceLanguage.code, to: document.language.code)
        guard !entries.isEmpty else { return [] }
        var findings: [Finding] = []
        for unit in document.units where !unit.target.isEmpty {
            let source = FoldedText(unit.source)
            let target = FoldedText(String(decoding: document.text[unit.target], as: UTF8.self))
            for entry in entries where source.find(entry.sourceTerm) != nil {
                if let variant = entry.forbidden.lazy.compactMap({ forbidden in target.find(forbidden).map { (forbidden, $0) } }).first {
                    let range = (unit.target.lowerBound + variant.1.lowerBound)..<(unit.target.lowerBound + variant.1.upperBound)
                    findings.append(finding(range, "the glossary translates \"\(entry.sourceTerm)\" as \(Self.listed(entry.required)), not \"\(variant.0)\"",
                                            suggestions: entry.required))
                } else if !entry.required.isEmpty && !entry.required.contains(where: { target.find($0) != nil }) {
                    let range = document.trimmed(unit.target)
                    guard !range.isEmpty else { continue }
                    findings.append(finding(range, "the source has \"\(entry.sourceTerm)\"; the glossary requires \(Self.listed(entry.required)) in its translation",
                                            suggestions: entry.required))
                }
            }
        }
        return findings
    }

    static func listed(_ terms: [String]) -> String { terms.map { "\"\($0)\"" }.joined(separator: " or ") }
}

/// A text's words folded for comparison (ICU case and accent folding), with their byte ranges.
struct FoldedText {
    let text: String
    let words: [(key: String, range: Range<Int>)]

    init(_ text: String) {
        self.text = text
        let bytes = Array(text.utf8)
        var words: [(String, Range<Int>)] = []
        func add(_ range: Range<Int>) { words.append((NameFolding.key(String(decoding: bytes[range], as: UTF8.self)), range)) }
        var start: Int?
        var offset = 0
        for scalar in text.unicodeScalars {
            let isWordPart = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            if isWordPart && start == nil { start = offset }
            if !isWordPart, let wordStart = start {
                add(wordStart..<offset)
                start = nil
            }
            offset += UTF8.width(scalar)
        }
        if let wordStart = start { add(wordStart..<offset) }
        self.words = words
    }

    /// The byte range of a term: its words in a row, the last one with an ending of up to three
    /// letters; a term in Chinese, Japanese or Korean as written.
    func find(_ term: String) -> Range<Int>? {
        if term.unicodeScalars.contains(where: { (0x3040...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value) }) {
            guard let found = text.utf8.firstRange(of: term.utf8) else { return nil }
            let start = text.utf8.distance(from: text.utf8.startIndex, to: found.lowerBound)
            return start..<(start + term.utf8.count)
        }
        let keys = FoldedText(term).words.map(\.key)
        guard !keys.isEmpty, words.count >= keys.count else { return nil }
        for start in 0...(words.count - keys.count) {
            let candidate = words[start..<(start + keys.count)]
            let matches = zip(candidate, keys).enumerated().allSatisfy { index, pair in
                index == keys.count - 1 ? pair.0.key.hasPrefix(pair.1) && pair.0.key.count - pair.1.count <= 3 : pair.0.key == pair.1
            }
            if matches { return candidate.first!.range.lowerBound..<candidate.last!.range.upperBound }
        }
        return nil
    }
}
