/// `…are strengthening “.`: an opening quotation mark used to close a quotation, or the reverse.
public struct QuoteOrientation: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "quote-orientation",
        family: .quotes,
        severity: .warning,
        languages: [],
        summary: "An opening quotation mark used to close a quotation (\"strengthening “.\"), or a closing one used to open it.",
        rationale: """
            MT systems copy quotation marks token by token and often pick the wrong one of a pair, so a quotation \
            that opened with “ also closes with “ — typically detached, before the full stop ("…are strengthening \
            “."). Quotations are paired over the paragraph (they cross sentence boundaries), with the locale's \
            marks from CLDR: “ ” in English, « » in French, „ “ in German, « » and „ “ in Russian. A mark is \
            misoriented when a quotation is open and the opening mark stands where a closing one belongs (before \
            punctuation, a line end, or glued to the previous word), or when a closing mark opens a quotation \
            before a word. The fix writes the right mark and, where the language glues closing marks to the \
            word, drops the space before it; it is safe.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("“The alliances are strengthening ⟦“⟧. Nothing else changed.", lang: "en",
                      fixed: "“The alliances are strengthening”. Nothing else changed."),
            .triggers("He called it ⟦”⟧a historic mistake”.", lang: "en", fixed: "He called it “a historic mistake”."),
            .triggers("Il a déclaré : «\u{A0}Nous sommes prêts\u{A0}⟦«⟧, sans plus.", lang: "fr",
                      fixed: "Il a déclaré : «\u{A0}Nous sommes prêts\u{A0}», sans plus."),
            .triggers("Er sagte: „Wir sind bereit ⟦„⟧. Dann ging er.", lang: "de", fixed: "Er sagte: „Wir sind bereit“. Dann ging er."),
            .triggers("Он заявил: «Мы готовы⟦«⟧, — и ушёл.", lang: "ru", fixed: "Он заявил: «Мы готовы», — и ушёл."),
            .triggers("他说：“我们准备好了⟦“⟧。", lang: "zh", fixed: "他说：“我们准备好了”。"),
            .passes("“We are ready. We will stay. We will win,” he said. “Nothing changes.”", lang: "en"),
            .passes("Er sagte: „Wir sind bereit.“ Dann ging er.", lang: "de"),
            .passes("Il a dit : « Nous sommes prêts », puis il est parti.", lang: "fr"),
            // “ is a byte of the mojibake of –, not a mark.
            .passes("“He left â€“ then came back.”", lang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        QuoteAnalysis.issues(in: document).compactMap { issue in
            guard case let .misoriented(mark, edit) = issue else { return nil }
            let wrong = document.string(mark)
            return finding(mark, "\(wrong) opens a quotation but stands where it should close one (or the reverse); use \(edit.replacement)",
                           suggestions: [edit.replacement], fix: Fix(safety: .safe, edits: [edit]))
        }
    }
}
