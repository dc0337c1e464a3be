/// C1 control characters (U+0080–U+009F): Windows-1252 bytes decoded as Latin-1.
public struct C1ControlCharacter: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "c1-control-character",
        family: .encoding,
        severity: .error,
        languages: [],
        summary: "A C1 control character (U+0080–U+009F) where Windows-1252 punctuation was meant (\"parlé\\u{85}\" for \"parlé…\").",
        rationale: """
            The characters U+0080–U+009F are terminal control codes that no article contains. They appear when \
            text written in Windows-1252 is decoded as ISO-8859-1: the 1252 bytes for “ ” ‘ ’ … – — € ™ become \
            invisible controls, so a quotation loses its marks or a sentence its ellipsis, and some renderers \
            show boxes. Each such control is replaced by the Windows-1252 character of the same byte, which is \
            the only reading that makes sense; the five bytes that Windows-1252 leaves undefined are left alone \
            (they carry no meaning to restore). Controls that are part of longer mojibake ("â\\u{80}\\u{9C}") \
            are left to the mojibake rule, which repairs the whole sequence.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("Nobody had seen it coming⟦\u{85}⟧ not even the minister.", lang: "en",
                      fixed: "Nobody had seen it coming… not even the minister."),
            .triggers("Il a dit ⟦\u{93}⟧oui⟦\u{94}⟧.", lang: "fr", fixed: "Il a dit “oui”."),
            .triggers("C'est vrai que nous n'en avons pas encore beaucoup parlé⟦\u{85}⟧ Tu sais.", lang: "fr",
                      fixed: "C'est vrai que nous n'en avons pas encore beaucoup parlé… Tu sais."),
            .triggers("Der Preis stieg um 5 ⟦\u{80}⟧.", lang: "de", fixed: "Der Preis stieg um 5 €."),
            .triggers("Он сказал⟦\u{85}⟧", lang: "ru", fixed: "Он сказал…"),
            .passes("These control characters \u{1A} are apparently intentional \u{81}", lang: "en"),
            .passes("Il a dit « oui »… puis il est parti.", lang: "fr"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        let text = document.text
        return text.withUnsafeBufferPointer { buffer -> [Finding] in
            var findings: [Finding] = []
            var index = ByteScan.next(0xC2, buffer, from: 0)
            var covered: [Range<Int>]? = nil
            while index + 1 < buffer.count {
                let second = buffer[index + 1]
                if second >= 0x80 && second <= 0x9F,
                   let replacement = MojibakeDecoder.byteString(second) {
                    if covered == nil { covered = MojibakeDecoder.repairs(in: document).map(\.range) }
                    if !covered!.contains(where: { $0.contains(index) }) {
                        let range = index..<(index + 2)
                        findings.append(finding(range,
                                                "invisible control character U+00\(String(second, radix: 16, uppercase: true)): Windows-1252 text read as Latin-1; it should be \"\(replacement)\"",
                                                suggestions: [replacement],
                                                fix: Fix(safety: .safe, edits: [Edit(offset: index, length: 2, replacement: replacement)])))
                    }
                }
                index = ByteScan.next(0xC2, buffer, from: index + 1)
            }
            return findings
        }
    }
}
