/// "The agreement was signed by the. President on Monday.": a sentence that
/// ends on a word that cannot end one.
public struct DanglingWord: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "dangling-word",
        family: .sentenceJoin,
        severity: .warning,
        languages: sentenceJoinLanguages,
        summary: "A sentence that ends on an article, preposition or conjunction (\"signed by the. President\").",
        rationale: """
            When machine translation cuts a sentence in two, the first half often ends on a word that needs \
            something after it: an article ("the."), a preposition that governs a noun ("of.", "towards."), a \
            conjunction ("and."). No finished sentence ends that way, so the full stop is misplaced. The span is \
            the word and its full stop; the unsafe fix removes the full stop so the sentence continues. The \
            words come from dictionaries/<lang>/dangling-words.txt and leave out those that can end a sentence: \
            English particles ("came in.", "where from.", "taken care of."), German separable prefixes ("kommt an.", "mit.") and \
            demonstratives ("Ich weiß das."), Russian one-letter prepositions that double as abbreviations \
            ("в." for век, "с." for страница), Dutch stranded prepositions and separable particles ("Daar weet ik \
            niets van.", "Hij belt op.") and pronoun uses ("Ik weet het."), Polish "w." (wiek) and prepositions that \
            double as adverbs ("Głosował za."), Turkish postpositions, which follow their noun and may end a \
            verbless sentence ("Bu senin için."). A word glued to a hyphen or apostrophe ("Fais-le.") is a pronoun, \
            not an article. Languages without lists, and scripts without spaces (Chinese, Japanese), are never flagged.
            """,
        fixSafety: .unsafe,
        examples: [
            .triggers("The agreement was signed by ⟦the.⟧ President on Monday.", lang: "en",
                      fixed: "The agreement was signed by the President on Monday."),
            .triggers("Pyongyang fired two missiles ⟦towards.⟧ Japan on Thursday.", lang: "en",
                      fixed: "Pyongyang fired two missiles towards Japan on Thursday."),
            .triggers("L'accord a été signé par ⟦le.⟧ président lundi.", lang: "fr",
                      fixed: "L'accord a été signé par le président lundi."),
            .triggers("Das Abkommen wurde vom Präsidenten ⟦und.⟧ dem Kanzler unterzeichnet.", lang: "de",
                      fixed: "Das Abkommen wurde vom Präsidenten und dem Kanzler unterzeichnet."),
            .triggers("El acuerdo fue firmado por ⟦el.⟧ presidente el lunes.", lang: "es",
                      fixed: "El acuerdo fue firmado por el presidente el lunes."),
            .triggers("Соглашение подписали президент ⟦и.⟧ премьер-министр.", lang: "ru",
                      fixed: "Соглашение подписали президент и премьер-министр."),
            .triggers("Угоду підписали президент ⟦і.⟧ прем'єр-міністр у понеділок.", lang: "uk",
                      fixed: "Угоду підписали президент і прем'єр-міністр у понеділок."),
            .passes("Угоду підписали в понеділок. Її схвалили всі.", lang: "uk"),
            .passes("Розділи:\n  в. Використання пам'яті\n  г. Команди", lang: "uk"),
            .triggers("Het akkoord werd ondertekend door de minister ⟦en.⟧ de burgemeester van Rotterdam.", lang: "nl",
                      fixed: "Het akkoord werd ondertekend door de minister en de burgemeester van Rotterdam."),
            .passes("Daar weet ik niets van. Hij belt morgen op. Ze komt vanavond aan. Ik weet het. Waar kijk je naar.", lang: "nl"),
            .triggers("Porozumienie podpisali prezydent ⟦i.⟧ premier w poniedziałek.", lang: "pl",
                      fixed: "Porozumienie podpisali prezydent i premier w poniedziałek."),
            .passes("Stu posłów głosowało za. Było to w XX w. Potem wszyscy wyszli.", lang: "pl"),
            .triggers("Anlaşmayı cumhurbaşkanı ⟦ve.⟧ başbakan pazartesi günü imzaladı.", lang: "tr",
                      fixed: "Anlaşmayı cumhurbaşkanı ve başbakan pazartesi günü imzaladı."),
            .passes("Bu hediye senin için. Her şey bir rüya gibi. Ben de. Herkes geldi.", lang: "tr"),
            .passes("Nobody knew where he came from. He was let in.", lang: "en"),
            .passes("Er kommt morgen an. Ich weiß das. Kommst du mit.", lang: "de"),
            .passes("Fais-le. Dis-le. Il l'a vu.", lang: "fr"),
            .passes("Это было в XX в. Потом всё изменилось, см. с. 5.", lang: "ru"),
            .passes("They chose plan A. Vitamin A. The end.", lang: "en"),
            .passes("协议由总统签署。总统周一签署了协议。", lang: "zh"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        let language = document.language.code
        let lexicon = JoinLexicon.of(language, in: document.dictionaries)
        guard !lexicon.dangling.isEmpty else { return [] }
        return document.text.withUnsafeBufferPointer { buffer -> [Finding] in
            let text = JoinText(bytes: buffer)
            var findings: [Finding] = []
            var index = 1
            let count = buffer.count
            // Jump from full stop to full stop.
            while let stop = text.next(0x2E, from: index), stop + 1 < count {
                index = stop
                let dot = index
                index += 1
                guard buffer[dot - 1] != 0x2E, buffer[dot + 1] != 0x2E else { continue }
                let word = text.word(endingAt: dot)
                guard !word.isEmpty, word.lowerBound > 0, text.startsLower(word), !text.hasDigit(word) else { continue }
                // The word stands alone after a space ("by the."), not glued ("Fais-le.", "node.js").
                let before = buffer[word.lowerBound - 1]
                guard before == 0x20 || before == 0xA0 || before == 0x09, !continuesHyphenatedLine(word.lowerBound, text) else { continue }
                // A word follows in the same paragraph.
                let (next, _) = text.skipSpace(from: dot + 1, lineBreaks: 1)
                guard next > dot + 1, next < count, JoinText.isLetter(text.scalar(at: next)) else { continue }
                let folded = text.folded(word)
                guard lexicon.dangling.contains(folded), !isListLabel(word, text) else { continue }
                if folded == "of", language == "en", isPhrasalOf(before: word.lowerBound, text) { continue }
                let name = text.string(word)
                findings.append(finding(word.lowerBound..<(dot + 1),
                    "the sentence ends on \"\(name)\", which needs a word after it: the full stop is probably misplaced",
                    suggestions: [text.joinedPreview(replacing: dot..<(dot + 1), with: "")],
                    fix: Fix(safety: .unsafe, edits: [Edit(offset: dot, length: 1, replacement: "")])))
            }
            return findings
        }
    }

    /// "taken care of.", "get rid of.", "afraid of.": English phrases that end on "of".
    static let phrasalOf: Set<String> = ["care", "rid", "afraid", "aware", "proud", "fond", "sort", "kind", "think",
                                         "thought", "heard", "made", "consist", "capable", "sick", "tired", "ashamed",
                                         "scared", "frightened", "jealous", "conscious", "short", "instead", "ahead",
                                         "know", "knew", "dreamed", "dreamt", "approve", "approved", "speak", "spoken"]

    private func isPhrasalOf(before start: Int, _ text: JoinText) -> Bool {
        let end = text.skipSpaceBackward(from: start)
        let previous = text.word(endingAt: end)
        return !previous.isEmpty && DanglingWord.phrasalOf.contains(text.folded(previous))
    }

    /// "в. Стан перемикача", "a. Install": one letter first on its line is an enumeration label.
    private func isListLabel(_ word: Range<Int>, _ text: JoinText) -> Bool {
        guard text.scalarCount(word) == 1 else { return false }
        var index = word.lowerBound
        while index > 0 && (text[index - 1] == 0x20 || text[index - 1] == 0x09) { index -= 1 }
        return index == 0 || text[index - 1] == 0x0A
    }

    /// "va‐\n   leurs.": the word is the end of a word hyphenated across lines (man pages).
    private func continuesHyphenatedLine(_ start: Int, _ text: JoinText) -> Bool {
        var index = start
        while index > 0 && (text[index - 1] == 0x20 || text[index - 1] == 0x09) { index -= 1 }
        guard index > 0, text[index - 1] == 0x0A else { return false }
        index -= 1
        if index > 0 && text[index - 1] == 0x0D { index -= 1 }
        guard index > 0 else { return false }
        let last = text.scalar(at: text.scalarStart(before: index))
        return last == 0x2D || last == 0x2010 || last == 0xAD
    }
}
