/// "The summit ended Russia will help.": two sentences run together without
/// punctuation.
public struct RunOnSentences: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "run-on-sentences",
        family: .sentenceJoin,
        severity: .info,
        languages: clauseShapeLanguages,
        summary: "Two sentences run together without punctuation (\"The summit ended Russia will help.\").",
        rationale: """
            Machine translation sometimes drops the full stop between two sentences of the source, so a finished \
            clause runs straight into the next one: "The summit ended Russia will help." The rule flags only the \
            confident shape, inside one sentence and one line: a finished clause (it has a finite verb, from \
            dictionaries/<lang>/finite-verbs.txt or a verb ending: English -ed, Russian and Ukrainian present and \
            past endings, Dutch -t, -en, -de, -te, Polish past -ł, -ła, -li and present -uje, -ają) ends on a \
            lower-case word, and a \
            capitalised word that starts sentences follows — a subject pronoun or article from \
            dictionaries/<lang>/sentence-starters.txt followed by a verb ("ended They will", "ended The delegation \
            left"), or a name followed by an auxiliary after a verb ("ended Russia will"; in Dutch only a listed \
            verb or a past in -de or -te, since plural nouns end in -en too: "de aandelen Philips is gestegen"). \
            A clause opened by a \
            subordinating conjunction or a verb that takes a clause without "that" ("When the summit ended Russia \
            was…", "He said Russia will…", from clause-openers.txt) is not flagged, nor is a title in capitals \
            ("the film The Godfather was"), nor German, where nouns are capitalised, except after a pronoun subject. \
            The span is the last word of the first sentence and the first word of the next; the unsafe fix \
            inserts a full stop. Scripts without case are never flagged, nor is Turkish, which puts the verb last: \
            a new sentence's subject is not followed by its verb there.
            """,
        fixSafety: .unsafe,
        examples: [
            .triggers("The summit ⟦ended Russia⟧ will help.", lang: "en", fixed: "The summit ended. Russia will help."),
            .triggers("The talks failed on Monday ⟦night They⟧ will resume in May.", lang: "en",
                      fixed: "The talks failed on Monday night. They will resume in May."),
            .triggers("Le sommet s'est terminé ⟦hier Il⟧ va reprendre en mai.", lang: "fr",
                      fixed: "Le sommet s'est terminé hier. Il va reprendre en mai."),
            .triggers("Der Gipfel endete ⟦gestern Er⟧ wird im Mai fortgesetzt.", lang: "de",
                      fixed: "Der Gipfel endete gestern. Er wird im Mai fortgesetzt."),
            .triggers("La cumbre terminó ⟦ayer Ellos⟧ van a ayudar.", lang: "es", fixed: "La cumbre terminó ayer. Ellos van a ayudar."),
            .triggers("Саммит ⟦закончился Россия⟧ будет помогать.", lang: "ru", fixed: "Саммит закончился. Россия будет помогать."),
            .triggers("Саміт ⟦завершився Україна⟧ буде допомагати.", lang: "uk", fixed: "Саміт завершився. Україна буде допомагати."),
            .triggers("De top eindigde ⟦gisteren Hij⟧ wordt in mei voortgezet.", lang: "nl",
                      fixed: "De top eindigde gisteren. Hij wordt in mei voortgezet."),
            .passes("De koers van de aandelen Philips is gisteren gestegen.", lang: "nl"),
            .passes("Hij zei dat Rusland zal helpen.", lang: "nl"),
            .triggers("Szczyt zakończył ⟦się Rosja⟧ będzie pomagać.", lang: "pl", fixed: "Szczyt zakończył się. Rosja będzie pomagać."),
            .passes("Kiedy szczyt się zakończył Rosja była gotowa. Według ministra Rosja będzie pomagać.", lang: "pl"),
            .passes("The armyworm migrated from outside China was found in May.", lang: "en"),
            .passes("When the summit ended Russia was ready. He said Russia will help.", lang: "en"),
            .passes("We watched the film The Godfather was based on. The head of state Kim will visit.", lang: "en"),
            .passes("Weil die neue Regierung Hilfe braucht, wird Russland helfen.", lang: "de"),
            .passes("Il a dit que la Russie aidera.", lang: "fr"),
            .passes("峰会结束了俄罗斯将提供帮助。", lang: "zh"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        let language = document.language.code
        let lexicon = JoinLexicon.of(language, in: document.dictionaries)
        guard !lexicon.starters.isEmpty, !lexicon.verbs.isEmpty else { return [] }
        let tokens = document.tokens
        return document.text.withUnsafeBufferPointer { buffer -> [Finding] in
            let text = JoinText(bytes: buffer)
            var findings: [Finding] = []
            var index = 1
            while index + 1 < tokens.count {
                let second = tokens[index]
                index += 1
                // Cheap rejections first: a capitalised letter token after a single space.
                let lead = buffer[second.start]
                guard second.kind == .letter, (lead >= 0x41 && lead <= 0x5A) || lead >= 0xC3 else { continue }
                let first = tokens[index - 2], third = tokens[index]
                guard first.kind == .letter, third.kind == .letter,
                      second.start == first.end + 1, buffer[first.end] == 0x20,
                      third.start == second.end + 1, buffer[second.end] == 0x20 else { continue }
                let before = text.word(endingAt: first.end), name = second.range
                guard text.startsLower(before), text.isCapitalised(name), text.startsLower(third.range),
                      text.word(startingAt: name.lowerBound) == name else { continue }
                let nameWord = text.folded(name)
                let thirdWord = text.folded(third.range)
                let isStarter = lexicon.starters.contains(nameWord)
                let isArticle = isStarter && lexicon.dangling.contains(nameWord)
                var confident = false
                if isStarter && !isArticle {
                    confident = lexicon.verbs.contains(thirdWord)
                } else if isArticle {
                    if index + 1 < tokens.count, tokens[index + 1].kind == .letter, tokens[index + 1].start == third.end + 1 {
                        let fourth = tokens[index + 1].range
                        confident = text.startsLower(fourth) && lexicon.verbs.contains(text.folded(fourth))
                    }
                } else if language != "de" {
                    // A name: only right after a verb that ends the clause ("ended Russia will").
                    let last = text.folded(before)
                    confident = lexicon.verbs.contains(thirdWord) && !lexicon.subordinators.contains(last)
                        && (lexicon.verbs.contains(last) || Self.endsClause(last, language: language))
                }
                guard confident else { continue }
                // The clause before: a finished one, not opened by a subordinator or a reporting verb.
                let clause = text.wordsBefore(first.end, limit: 14, stopAtComma: true)
                guard clause.count >= 2, clause.count < 14 else { continue }
                var hasVerb = false, blocked = false
                for (position, word) in clause.enumerated() {
                    let folded = text.folded(word)
                    if lexicon.subordinators.contains(folded) { blocked = true; break }
                    if lexicon.verbs.contains(folded) || SentenceFragment.hasFiniteEnding(folded, language: language) {
                        hasVerb = true
                    }
                    if position == 0 && (lexicon.dangling.contains(folded) || lexicon.prepositions.contains(folded)
                                         || lexicon.starters.contains(folded)) { blocked = true; break }
                }
                guard hasVerb, !blocked else { continue }
                let edit = Edit(offset: first.end, length: 1, replacement: ". ")
                findings.append(finding(before.lowerBound..<name.upperBound,
                    "\"\(text.string(name))\" starts a new sentence after a finished clause: a full stop seems to be missing",
                    suggestions: [text.joinedPreview(replacing: edit.range, with: edit.replacement)],
                    fix: Fix(safety: .unsafe, edits: [edit])))
                index += 1
            }
            return findings
        }
    }

    /// A verb ending on the word before a name. Dutch -t and -en are also the endings of nouns
    /// ("de aandelen Philips is gestegen"), so there only a past in -de or -te counts.
    static func endsClause(_ word: String, language: String) -> Bool {
        if language == "nl" { return word.count >= 4 && (word.hasSuffix("de") || word.hasSuffix("te")) }
        return SentenceFragment.hasFiniteEnding(word, language: language)
    }
}
