import ICUShim

/// U+FFFD and "⁇": characters that mark text lost before or during translation.
public struct ReplacementCharacter: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "replacement-character",
        family: .encoding,
        severity: .error,
        languages: [],
        summary: "U+FFFD (�) or the \"⁇\" of a tokenizer's unknown word: text was lost.",
        rationale: """
            U+FFFD REPLACEMENT CHARACTER is what a decoder writes when bytes were not valid in the encoding \
            it assumed: the original character is gone and only the source can restore it. "⁇" (U+2047) is \
            how SentencePiece-based MT systems print a piece they could not translate or even copy, typically \
            a rare name or symbol. Neither belongs in published text, and neither can be repaired without the \
            source, so the rule offers no fix.
            """,
        fixSafety: nil,
        examples: [
            .triggers("The president of ⟦�⟧cuador spoke.", lang: "en"),
            .triggers("Talks with ⟦⁇⟧ ended on Monday.", lang: "en"),
            .triggers("Le café de la ⟦��⟧ était fermé.", lang: "fr"),
            .triggers("Die Firma ⟦⁇⟧ meldete Gewinne.", lang: "de"),
            .triggers("他说⟦�⟧很好。", lang: "zh"),
            .passes("Is it true? Nobody knows?? We asked.", lang: "en"),
            .passes("Die Frage ist offen.", lang: "de"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        // U+FFFD is EF BF BD and U+2047 is E2 81 87 in UTF-8; scan bytes, merging adjacent marks.
        let text = document.text
        var findings: [Finding] = []
        var index = 0
        let count = text.count
        while let lead = nextLead(text, from: index), lead + 2 < count {
            index = lead
            guard isMark(text, index) else {
                index += 1
                continue
            }
            let start = index
            while index + 2 < count && isMark(text, index) { index += 3 }
            let marks = document.string(start..<index)
            let message = marks.unicodeScalars.first == "\u{FFFD}"
                ? "replacement character \(marks): the original text was lost by a wrong decoding; restore it from the source"
                : "\(marks) marks a word the translation system could not handle; restore it from the source"
            findings.append(finding(start..<index, message))
        }
        return findings
    }

    private static let leads: [UInt8] = [0xEF, 0xE2]

    /// The next byte that can start either mark (C scan).
    private func nextLead(_ text: [UInt8], from index: Int) -> Int? {
        guard index < text.count else { return nil }
        let found = text.withUnsafeBufferPointer { mtl_find_any($0.baseAddress! + index, Int64($0.count - index), Self.leads, 2) }
        return found < 0 ? nil : index + Int(found)
    }

    private func isMark(_ text: [UInt8], _ index: Int) -> Bool {
        (text[index] == 0xEF && text[index + 1] == 0xBF && text[index + 2] == 0xBD)
            || (text[index] == 0xE2 && text[index + 1] == 0x81 && text[index + 2] == 0x87)
    }
}
