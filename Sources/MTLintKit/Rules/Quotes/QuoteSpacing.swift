/// "“ We will come ”": white space inside the quotation marks.
public struct QuoteSpacing: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "quote-spacing",
        family: .quotes,
        severity: .warning,
        languages: [],
        summary: "A space between a quotation mark and the quoted words (\"“ We will come ”\"), where the language has none.",
        rationale: """
            Tokenised MT output often comes back with quotation marks detached from the words they enclose, a \
            leftover of the spaces the tokenizer put around every mark. English, German, Russian, Chinese and \
            most languages write the marks against the quoted text; French is the exception (« mot », with \
            no-break spaces), which the french-spacing rule checks instead. The rule only looks at marks it has \
            paired as opening and closing ones, so a space before an opening mark or after a closing one is never \
            touched. Removing the space is mechanical and safe.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("He said “⟦ ⟧we will come⟦ ⟧” and left.", lang: "en", fixed: "He said “we will come” and left."),
            .triggers("Er sagte „⟦ ⟧Wir kommen“.", lang: "de", fixed: "Er sagte „Wir kommen“."),
            .triggers("Он сказал «Мы придём⟦ ⟧».", lang: "ru", fixed: "Он сказал «Мы придём»."),
            .triggers("他说“⟦ ⟧我们会来”。", lang: "zh", fixed: "他说“我们会来”。"),
            .passes("He said “we will come” and left.", lang: "en"),
            .passes("Il a dit « nous viendrons » et il est parti.", lang: "fr"),
            .passes("Sie lasen „Faust“ und „Die Räuber“.", lang: "de"),
            // “ is a byte of the mojibake of –, not a mark.
            .passes("Prices rose â€“ sharply.", lang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        QuoteAnalysis.issues(in: document).compactMap { issue in
            guard case let .spacing(space, opening) = issue,
                  document.source.bytes[space].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return nil }
            return finding(space, opening ? "space after an opening quotation mark" : "space before a closing quotation mark",
                           suggestions: [""], fix: Fix(safety: .safe, edits: [Edit(offset: space.lowerBound, length: space.count, replacement: "")]))
        }
    }
}
