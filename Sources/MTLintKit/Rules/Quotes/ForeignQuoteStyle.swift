/// English “ ” in a French article, « » in an English one, straight quotes in German.
public struct ForeignQuoteStyle: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "foreign-quote-style",
        family: .quotes,
        severity: .warning,
        languages: [],
        summary: "Quotation marks of another locale (“ ” in French or Russian, « » in English, \" or “ ” in German).",
        rationale: """
            MT systems copy the quotation marks of the source, so a French article ends up with English “ ”, a \
            German one with "…" or “…”, an English one with « ». Each locale's marks come from CLDR through ICU \
            (ulocdata_getDelimiter): the primary pair is accepted anywhere and the alternate pair inside a \
            quotation (“ ” inside « » in French). German also accepts »…« (Duden), Dutch “…” as well as ‘…’, Chinese 「」 and 『』, and \
            straight quotes are accepted except in German, whose readers (and the WMT news raters) take them for a \
            typing error — only around prose, not code, paths, options or JSON keys, and only within about 1,200 words \
            of the document's own „ “: a German text with "…" throughout has a house style (TED subtitles do), a mix is the artefact. English “ ” where the locale's \
            primary marks are « » are flagged only near « » (careful French and Russian \
            writers often choose “ ” throughout); a document that uses another locale's marks throughout gets \
            one information finding for the whole document, not one a quotation, and so do the passages of a \
            long document far from its own marks (the pages of a manual, each by its translator). Apostrophes are not quotation marks and are never flagged. The fix writes the locale's \
            mark for the same role, both marks of a quotation at once (one finding per quotation); it is safe only when the document uses one foreign style consistently, \
            since a mix means the roles may be guessed wrong. Marks around code set off a literal, not a \
            quotation, and are left alone: a command or expression (with "--", "\\", "/" or "="), a single \
            character that is no letter, a lower-case identifier ("remove-on-upgrade"), and in a text of another \
            script a lower-case Latin string ("parse failed").
            """,
        fixSafety: .safe,
        examples: [
            .passes("Om de functie “pie” te activeren, zet u ‘hardening=+pie’ in debian/rules.", lang: "nl"),
            .triggers("« Oui », dit-il. Le ministre a parlé de ⟦“réformes”⟧ nécessaires.", lang: "fr",
                      fixed: "« Oui », dit-il. Le ministre a parlé de «réformes» nécessaires."),
            .triggers("The term ⟦«reform»⟧ was used.", lang: "en", fixed: "The term “reform” was used."),
            .triggers("„Ja“, sagte sie. Er sagte ⟦\"Wir kommen\"⟧ und ging.", lang: "de",
                      fixed: "„Ja“, sagte sie. Er sagte „Wir kommen“ und ging."),
            .triggers("Er sagte ⟦“Wir kommen”⟧ und ging.", lang: "de", fixed: "Er sagte „Wir kommen“ und ging."),
            .triggers("«Да», — сказал он. Он назвал это ⟦“ошибкой”⟧.", lang: "ru",
                      fixed: "«Да», — сказал он. Он назвал это «ошибкой»."),
            .passes("« Il a dit “non” hier », raconte-t-elle.", lang: "fr"),
            .passes("Er sagte: „Das ist »Faust«, nicht mehr.“", lang: "de"),
            .passes("“It’s fine,” he said; the \"old\" plan and North Korea’s reply.", lang: "en"),
            .passes("他说：“我们会来。”「好」", lang: "zh"),
            // Another locale's marks throughout: one information finding for the document (a house style).
            .triggers("Le fichier ⟦“⟧text” est lu ; voir “name”.", lang: "fr"),
            .passes("Le ministre a parlé de “réformes” hier.", lang: "fr"),
            // „ is a byte of the mojibake of ’, not a mark.
            .passes("The ministerÃ¢â‚¬â„¢s visit was postponed.", lang: "en"),
            .triggers("Er sagte ⟦\"⟧Wir kommen\" und ging. Sie nannte es \"Heimat\".", lang: "de"),
            // A passage far from the document's own marks keeps its style: one information finding for those passages.
            .triggers("„Ja“, sagte sie.\n" + String(repeating: "Die Sitzung dauerte lange und endete ohne Ergebnis.\n", count: 160)
                      + "Er sagte ⟦\"⟧Wir kommen\" und ging. Sie nannte es \"Heimat\".", lang: "de"),
            .passes("„Ja“, sagte sie.\n      \"weight\": 1000,\n      \"elfType\" : \"coredump\",", lang: "de"),
            .passes("„Ja“, sagte sie. │\"alias\"   │ Der Name ist ein Alias │", lang: "de"),
            .passes("Er ruft open(\"Datei\", O_WRONLY) auf; LANG=\"de_DE\".", lang: "de"),
            .passes("« Oui », dit-il. Affichage de “dpkg-query --control-path paquet symbols” ; “\\” annule le sens.", lang: "fr"),
            .passes("Значение «mac». Если lexgrog выведет “parse failed” или получит символ “-”, то…", lang: "ru"),
            .triggers("Значение «mac». Смотрите раздел ⟦“Предупреждения”⟧.", lang: "ru", fixed: "Значение «mac». Смотрите раздел «Предупреждения»."),
        ],
        judgesWholeDocument: true
    )

    public func check(_ document: Document) -> [Finding] {
        let target = document.language.quotes.map { "\($0.open)…\($0.close)" } ?? "“…”"
        return QuoteAnalysis.issues(in: document).compactMap { issue in
            if case let .houseStyle(marks, inPassages) = issue, let first = marks.first, let last = marks.last {
                let used = "\(document.string(first))…\(document.string(last))"
                let message = inPassages
                    ? "passages of this document far from its \(target) write their quotations with \(used) (\(marks.count) marks): "
                        + "a house style of those passages, or another locale's typography"
                    : "this document writes all its quotations with \(used) (\(marks.count) marks), never \(target): "
                        + "a house style, or another locale's typography"
                var summary = finding(first, message)
                summary.severity = .info
                return summary
            }
            guard case let .foreign(marks, replacements) = issue, let first = marks.first, let last = marks.last else { return nil }
            if QuotedCode.isCode(quoted(marks, in: document), language: document.language.code) { return nil }
            let span = first.lowerBound..<last.upperBound
            let message = marks.count == 1
                ? "\(document.string(first)) is not a quotation mark of this language, which uses \(target)"
                : "\(document.string(first))…\(document.string(last)) are not the quotation marks of this language, which uses \(target)"
            guard let replacements else { return finding(span, message) }
            let edits = zip(marks, replacements).map { Edit(offset: $0.lowerBound, length: $0.count, replacement: $1) }
            // The suggestion is the whole span with its marks replaced.
            var suggestion = replacements[0]
            if marks.count == 2 { suggestion += document.string(first.upperBound..<last.lowerBound) + replacements[1] }
            return finding(span, message, suggestions: [suggestion], fix: Fix(safety: .safe, edits: edits))
        }
    }

    /// What the marks enclose; for a lone opening mark, the rest of its line.
    private func quoted(_ marks: [Range<Int>], in document: Document) -> String {
        if marks.count == 2 { return document.string(marks[0].upperBound..<marks[1].lowerBound) }
        var end = marks[0].upperBound
        while end < document.text.count && document.text[end] != 0x0A { end += 1 }
        return document.string(marks[0].upperBound..<end)
    }
}
