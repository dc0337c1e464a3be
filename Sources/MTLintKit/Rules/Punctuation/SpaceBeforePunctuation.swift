/// "word , word": a space before a comma, full stop, colon, semicolon, ! or ?.
public struct SpaceBeforePunctuation: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "space-before-punctuation",
        family: .punctuation,
        severity: .warning,
        languages: ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk", "cs", "sv", "da", "no", "nb", "fi"],
        summary: "A space before , . ; : ! or ? in a language that writes these marks against the word (\"said , and\").",
        rationale: """
            Detokenisation failures leave the space that the MT tokenizer put before every mark: "the president \
            , who" or "in 2019 .". English, German, Russian and most European languages attach these marks to \
            the preceding word; so does French for , and . (its space before : ; ! ? is the norm, and \
            french-spacing's business). Only a plain space on the same line counts — a wrapped line is not a space before \
            the mark — and only when a word, number or closing bracket precedes it and a space, line end or \
            closing mark follows, so ".NET", " .5", an ellipsis and emoticons stay quiet; lines that look like \
            code or a command line (with $ = { } < > | \\ _ or an option such as "-x") are skipped. A full stop \
            followed by a lower-case word is usually the character itself, named in the text ("the . command", \
            "quand . se termine"), and stays quiet — unless that word is a pronoun or article that opens \
            sentences and the word before is not an article or preposition ("rose sharply . the government"): a \
            sentence boundary garbled twice, which lowercase-sentence-start does not see through the space and \
            takes over once the space is gone. A detokeniser leaves one space: two or more align a column \
            ("Name        : %s"), and the rows of a table whose short keys each take a colon ("us : …", "sy : …" \
            on two lines or more) are code. In a translation file, a message whose source writes the same space before the \
            same mark ("Access Rights : ") keeps the source's layout. Removing the space is safe.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("The president⟦ ⟧, who arrived late, spoke.", lang: "en", fixed: "The president, who arrived late, spoke."),
            .triggers("The talks ended⟦ ,⟧officials said.", lang: "en", fixed: "The talks ended, officials said."),
            .triggers("Les discussions ont pris fin⟦ ,⟧selon les responsables.", lang: "fr", fixed: "Les discussions ont pris fin, selon les responsables."),
            .triggers("Die Gespräche endeten⟦ ⟧. Niemand sprach.", lang: "de", fixed: "Die Gespräche endeten. Niemand sprach."),
            .triggers("Переговоры закончились⟦ ⟧! Все ушли.", lang: "ru", fixed: "Переговоры закончились! Все ушли."),
            .triggers("El presidente dijo⟦ ⟧: no.", lang: "es", fixed: "El presidente dijo: no."),
            .triggers("Le président⟦ ⟧, arrivé en retard, a parlé.", lang: "fr", fixed: "Le président, arrivé en retard, a parlé."),
            // A lower-case pronoun or article after the mark: a sentence boundary garbled, not the character named.
            .triggers("Prices rose sharply⟦ ⟧. the government reacted.", lang: "en", fixed: "Prices rose sharply. the government reacted."),
            .triggers("Les prix ont fortement augmenté⟦ ⟧. le gouvernement a réagi.", lang: "fr",
                      fixed: "Les prix ont fortement augmenté. le gouvernement a réagi."),
            .passes("Vraiment ? Oui : il est parti ; c'est fini ! Le point . désigne le dossier courant.", lang: "fr"),
            .passes("Version .NET 4, a .5 rate, and he waited ... then left :) fine.", lang: "en"),
            .passes("The president, who arrived late,\n, spoke.", lang: "en"),
            .passes("Run find . -name x ; then stop.", lang: "en"),
            .passes("\tName        : %s\n\tTyp         : %s", lang: "de"),
            // A table's rows: short keys, each with its colon (top's fields).
            .passes("       us : час роботи процесів користувача\n       sy : час роботи процесів ядра", lang: "uk"),
            .passes("Standard-Zugriffsrechte :", lang: "de", source: "Default Access rights :", sourceLang: "en"),
            .triggers("Standard-Zugriffsrechte⟦ ⟧:", lang: "de", fixed: "Standard-Zugriffsrechte:", source: "Default access rights:", sourceLang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        guard description.applies(to: document.language.code) else { return [] }
        let text = document.text, tokens = document.tokens
        var findings: [Finding] = []
        guard tokens.count > 1 else { return [] }
        let spacedBeforeTwoPartMarks = document.language.code == "fr"
        for candidate in PunctuationCandidates.indices(in: document) where candidate > 0 {
            let index = Int(candidate)
            let token = tokens[index]
            guard token.start >= 2, text[token.start - 1] == 0x20 else { continue }
            let byte = text[token.start]
            guard byte == 0x2C || byte == 0x2E || (!spacedBeforeTwoPartMarks && (byte == 0x3B || byte == 0x3A || byte == 0x21 || byte == 0x3F)) else { continue }
            let previous = tokens[index - 1]
            guard previous.kind.isWord || text[previous.start] == 0x29 else { continue }
            var start = token.start - 1
            while start > previous.end && text[start - 1] == 0x20 { start -= 1 }
            guard start == previous.end else { continue }   // only spaces between the word and the mark
            // A detokeniser leaves one space; a wider gap aligns a column ("Name        : %s").
            guard start == token.start - 1 else { continue }
            // A catalogue's message keeps its source's spacing ("Access Rights : " → "Zugriffsrechte : ").
            let mark = String(UnicodeScalar(byte))
            if document.unitSourceContains(" " + mark, at: token.start)
                || document.unitSource(at: token.start)?.hasPrefix(mark + " ") == true { continue }
            // Real spaces, not masked-out Markdown code or URLs.
            guard document.source.bytes[start..<token.start].allSatisfy({ $0 == 0x20 }) else { continue }
            // After the mark: a space, the end, or a closing mark — not ".NET", "...", ":)".
            let after = token.end < text.count ? text[token.end] : 0x0A
            // "ended ,officials": the space moved from after the comma to before it. One finding, one fix.
            if byte == 0x2C && ByteScan.isASCIILetter(UInt32(after)) && previous.kind == .letter
                && !text.withUnsafeBufferPointer({ ByteScan.lineLooksLikeCode($0, token.start) }) {
                findings.append(finding(start..<token.end, "the space is before the comma instead of after it",
                                        suggestions: [", "],
                                        fix: Fix(safety: .safe, edits: [Edit(offset: start, length: token.end - start, replacement: ", ")])))
                continue
            }
            guard after == 0x20 || after == 0x0A || after == 0x0D || after == 0x22 || after >= 0xC2 else { continue }
            if after >= 0xC2 {
                let scalar = text.withUnsafeBufferPointer { ByteScan.scalar($0, token.end).value }
                guard QuoteAnalysis.doubleMarks.contains(scalar) || scalar == 0x2019 || scalar == 0xA0 else { continue }
            }
            if byte == 0x2E && after == 0x2E { continue }
            // "quand . se termine", "the . command": a full stop with a lower-case word after it is
            // the character itself, named in the text, not the end of a sentence — unless that word
            // opens a sentence and the word before can end one ("sharply . the government").
            var lowerStart: String? = nil
            if byte == 0x2E && after == 0x20 && token.end + 1 < text.count && text[token.end + 1] >= 0x61 && text[token.end + 1] <= 0x7A {
                guard let word = sentenceStart(after: token.end + 1, previous: previous, in: document) else { continue }
                lowerStart = word
            }
            if previous.kind == .letter && previous.end - previous.start < 2 { continue }
            if text.withUnsafeBufferPointer({ ByteScan.lineLooksLikeCode($0, token.start) }) { continue }
            let message = lowerStart.map {
                "space before \".\", and \"\($0)\" after it starts in lower case: a sentence boundary garbled by the translation; check whether a sentence ends here"
            } ?? "space before \"\(UnicodeScalar(byte))\""
            findings.append(finding(start..<token.start, message,
                                    suggestions: [""],
                                    fix: Fix(safety: .safe, edits: [Edit(offset: start, length: token.start - start, replacement: "")])))
        }
        return findings
    }

    /// The lower-case word at `offset` when it is one that opens a sentence (a subject pronoun or
    /// article from the language's word lists) and the word before the full stop is not one that
    /// needs a continuation (an article or preposition: "the . command").
    private func sentenceStart(after offset: Int, previous: Token, in document: Document) -> String? {
        let lexicon = JoinLexicon.of(document.language.code, in: document.dictionaries)
        let text = document.text
        var end = offset
        while end < text.count && text[end] >= 0x61 && text[end] <= 0x7A { end += 1 }
        guard end == text.count || (text[end] < 0x80 && !ByteScan.isASCIILetter(UInt32(text[end]))) else { return nil }
        let word = document.string(offset..<end)
        guard lexicon.starters.contains(word),
              !lexicon.dangling.contains(document.string(previous.start..<previous.end).lowercased()) else { return nil }
        return word
    }
}
