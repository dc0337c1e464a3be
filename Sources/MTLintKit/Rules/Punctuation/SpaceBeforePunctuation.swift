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
            code or a command line (with $ = { } < > | \\ _ or an option such as "-x") are skipped. A mark \
            between spaces is often the character itself, named in the text, and stays quiet: after an article, \
            preposition or conjunction ("files starting with .", "h oder ?"), before another mark ("while : ; \
            do"), inside a quoted command ("»cd .«"), and a full stop, ! or ? followed by a lower-case word ("the \
            . command", "mit ! beginnt") — unless that word is a pronoun or article that opens \
            sentences ("rose sharply . the government"): a \
            sentence boundary garbled twice, which lowercase-sentence-start does not see through the space and \
            takes over once the space is gone. A detokeniser leaves one space: two or more align a column \
            ("Name        : %s"); in a text not written in Latin letters, a line without a letter of its \
            alphabet is an example ("abc ss ? EUR"); a colon between two metavariables in capitals, or one of \
            several spaced colons on its line, separates fields ("STRING : REGEXP", "status: pkg : error : \
            text"); a space that keeps a full stop off an e-mail or web address is deliberate; and the rows of a \
            table whose short keys each take a colon ("us : …", "sy : …" on two lines or more) are code. In a translation file, a message whose source writes the same space before the \
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
            // The character itself, named: after a preposition or conjunction, before a lower-case word
            // or another mark, inside a quoted command; and a full stop kept off an address.
            .passes("не скрывать файлы, начинающиеся с .\nвыводит список всех файлов, кроме . и ..", lang: "ru"),
            .passes("Falls die Angabe mit ! beginnt, wird sie ausgeführt. Taste: h oder ?", lang: "de"),
            .passes("Probieren Sie »cd .« und »cd ..« aus, oder « cd . » en français.", lang: "de"),
            .passes("Répétez tant que : ; fait. C'est . (le répertoire actuel) par défaut.", lang: "fr"),
            .passes("Fehler bitte an debian-l10n-german@lists.debian.org .", lang: "de"),
            // Colons that separate fields or operands.
            .passes("       status: Paket : error : ausführliche-Fehlermeldung\n       Identisch zu ZEICHENKETTE : REGAUSDR", lang: "de"),
            // A line of Latin letters alone in a Russian text is an example.
            .passes("Пример вывода:\n           abc ss ? EUR abc", lang: "ru"),
            .triggers("Einige Zeichen können falsch angezeigt werden⟦ ⟧. Diese Option hilft.", lang: "de",
                      fixed: "Einige Zeichen können falsch angezeigt werden. Diese Option hilft."),
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
            var lowerStart: String? = nil
            switch role(ofMarkAt: token, after: previous, in: document) {
            case .mentioned: continue
            case .punctuation: break
            case .garbledBoundary(let word): lowerStart = word
            }
            if previous.kind == .letter && previous.end - previous.start < 2 { continue }
            if text.withUnsafeBufferPointer({ ByteScan.lineLooksLikeCode($0, token.start) }) { continue }
            if !document.language.writesLatin && !lineHasOwnLetter(around: token.start, in: document) { continue }
            let message = lowerStart.map {
                "space before \".\", and \"\($0)\" after it starts in lower case: a sentence boundary garbled by the translation; check whether a sentence ends here"
            } ?? "space before \"\(UnicodeScalar(byte))\""
            findings.append(finding(start..<token.start, message,
                                    suggestions: [""],
                                    fix: Fix(safety: .safe, edits: [Edit(offset: start, length: token.start - start, replacement: "")])))
        }
        return findings
    }

    private enum MarkRole { case punctuation, mentioned, garbledBoundary(String) }

    /// Languages whose clauses may end on a word that is also a preposition: English strands them
    /// ("looked at"), German and Dutch end on a separable prefix ("teilte … mit").
    private static let clausesEndOnParticles: Set<String> = ["en", "de", "nl"]

    /// What a mark written between spaces stands for. It is the character itself, named in the text
    /// rather than punctuating it ("files starting with .", "the . command", "mit ! beginnt",
    /// "while : ; do", "»cd .«"), when the word before cannot end a clause, when another mark follows,
    /// or, for . ! ?, when a lower-case word follows or it closes a quotation that opens in lower case.
    /// A lower-case pronoun or article after it is the exception: "sharply . the government" is a
    /// sentence boundary garbled twice. A space that keeps a full stop off an address a reader copies
    /// ("debian-l10n-german@lists.debian.org .") is deliberate.
    private func role(ofMarkAt mark: Token, after previous: Token, in document: Document) -> MarkRole {
        let text = document.text
        let byte = text[mark.start]
        let lexicon = JoinLexicon.of(document.language.code, in: document.dictionaries)
        let before = document.string(previous.start..<previous.end).lowercased()
        // Prepositions too, where none can end a clause.
        if lexicon.dangling.contains(before)
            || (lexicon.prepositions.contains(before) && !Self.clausesEndOnParticles.contains(document.language.code)) { return .mentioned }
        if byte == 0x2E && endsAddress(before: previous.end, in: text) { return .mentioned }
        var next = mark.end
        while next < text.count && text[next] == 0x20 { next += 1 }
        guard next < text.count else { return .punctuation }
        if [0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x28].contains(text[next]) && next > mark.end { return .mentioned }
        if byte == 0x3A && next > mark.end && isSeparatorColon(mark, after: previous, next: next, in: document) { return .mentioned }
        guard byte == 0x2E || byte == 0x21 || byte == 0x3F else { return .punctuation }
        let scalar = text.withUnsafeBufferPointer { ByteScan.scalar($0, next).value }
        if QuoteAnalysis.doubleMarks.contains(scalar) {
            return quotationOpensInLowerCase(before: mark.start, in: document) ? .mentioned : .punctuation
        }
        guard next > mark.end, JoinText.isLower(scalar) else { return .punctuation }
        let word = document.string(text.withUnsafeBufferPointer { JoinText(bytes: $0).word(startingAt: next) })
        return lexicon.starters.contains(word) ? .garbledBoundary(word) : .mentioned
    }

    /// A colon between spaces that separates fields or operands rather than ending a clause: between
    /// two metavariables in capitals ("ZEICHENKETTE : REGAUSDR"), or one of several on its line
    /// ("status: Paket : error : Meldung").
    private func isSeparatorColon(_ mark: Token, after previous: Token, next: Int, in document: Document) -> Bool {
        let text = document.text
        return text.withUnsafeBufferPointer { buffer in
            let following = JoinText(bytes: buffer).word(startingAt: next)
            if previous.end - previous.start >= 2, following.count >= 2,
               document.string(previous.range).allSatisfy({ $0.isUppercase }),
               document.string(following).allSatisfy({ $0.isUppercase }) { return true }
            let line = PositionResolver.lineRange(containing: mark.start, in: text)
            var spaced = 0
            for index in (line.lowerBound + 1)..<max(line.lowerBound + 1, line.upperBound - 1)
            where buffer[index] == 0x3A && buffer[index - 1] == 0x20 && buffer[index + 1] == 0x20 {
                spaced += 1
            }
            return spaced >= 2
        }
    }

    /// Whether the line around `offset` holds a letter of the language's alphabet: a line of Latin
    /// letters alone in a Russian text ("abc ss ? EUR abc") is an example, not its prose.
    private func lineHasOwnLetter(around offset: Int, in document: Document) -> Bool {
        let line = PositionResolver.lineRange(containing: offset, in: document.text)
        return document.text.withUnsafeBufferPointer { buffer in
            var index = line.lowerBound
            while index < line.upperBound {
                let (value, length) = ByteScan.scalar(buffer, index)
                if value >= 0x80, let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic,
                   document.language.isOwnLetter(scalar) { return true }
                index += length
            }
            return false
        }
    }

    /// Whether the text before `end` back to the last space is an e-mail or web address.
    private func endsAddress(before end: Int, in text: [UInt8]) -> Bool {
        var start = end
        while start > 0 && text[start - 1] > 0x20 { start -= 1 }
        let word = text[start..<end]
        return word.contains(0x40) || word.starts(with: Array("www.".utf8))
            || word.firstRange(of: Array("://".utf8)) != nil
    }

    /// Whether the quotation that a mark right after `offset` closes starts with a lower-case letter
    /// ("»cd .«", "« cd . »"): a command or a word quoted, not a sentence.
    private func quotationOpensInLowerCase(before offset: Int, in document: Document) -> Bool {
        document.text.withUnsafeBufferPointer { buffer in
            var index = offset
            while index > 0 && buffer[index - 1] != 0x0A {
                guard let (scalar, start) = ByteScan.scalar(before: index, buffer) else { return false }
                if QuoteAnalysis.doubleMarks.contains(scalar) {
                    var first = index
                    while first < offset && buffer[first] == 0x20 { first += 1 }
                    return first < offset && JoinText.isLower(ByteScan.scalar(buffer, first).value)
                }
                index = start
            }
            return false
        }
    }
}
