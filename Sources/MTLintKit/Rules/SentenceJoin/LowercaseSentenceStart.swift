/// "…since Moscow sorely needs them. in his war.": a full stop inside a
/// sentence, shown by the lower-case word that follows it.
public struct LowercaseSentenceStart: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "lowercase-sentence-start",
        family: .sentenceJoin,
        severity: .warning,
        languages: [],
        summary: "A full stop followed by a lower-case word (\"needs them. in his war\"): a sentence split in the wrong place.",
        rationale: """
            Machine translation that segments a source sentence in the wrong place leaves a full stop in the \
            middle of a sentence; the word after it stays in lower case because it continues the sentence. \
            In cased scripts (Latin, Cyrillic, Greek) a sentence starts with a capital, so ". in" inside a line \
            is a strong signal. The span runs from the full stop to the end of the lower-case word; the unsafe \
            fix removes the full stop and joins the two halves. Not flagged: abbreviations listed in \
            dictionaries/<lang>/abbreviations.txt ("approx.", "z. B.", "т. е.", "etc."), single letters \
            (initials, list labels), words glued to a dot, slash or hyphen (file names, "e.g.", options), \
            numbers (German ordinals "am 3. und 4. Mai", times, versions; only a four-digit year is read as a \
            sentence end outside German), ellipses, a line break after the full stop (list items, segments), \
            words that look like code ("ls(1)"), words cut short as abbreviations, which the text shows by \
            writing them with their full stop at least as often as without, ending on a consonant, beside a \
            longer word they begin \
            ("Verr. maj. comme Ctrl" beside "Verrouillage", "Suppr. du pavé" beside "Suppression"), and scripts \
            without case (Chinese, Japanese), where nothing is \
            ever flagged. A sentence that ends on an article or preposition is left to dangling-word. Where the \
            language has word lists, the lower-case word must be one that continues a sentence (a preposition, \
            conjunction, relative, article, pronoun or verb from the lists): man pages and technical prose start \
            sentences with lower-case command names ("… in the file. ls lists …"), which are not artefacts.
            """,
        fixSafety: .unsafe,
        examples: [
            .triggers("A rapprochement that worries Washington, since Moscow sorely needs them⟦. in⟧ his war.", lang: "en",
                      fixed: "A rapprochement that worries Washington, since Moscow sorely needs them in his war."),
            .triggers("Les pourparlers ont repris mardi⟦. dans⟧ la capitale.", lang: "fr",
                      fixed: "Les pourparlers ont repris mardi dans la capitale."),
            .triggers("Moskau braucht sie dringend⟦. in⟧ seinem Krieg.", lang: "de",
                      fixed: "Moskau braucht sie dringend in seinem Krieg."),
            .triggers("Переговоры возобновились во вторник⟦. в⟧ столице.", lang: "ru",
                      fixed: "Переговоры возобновились во вторник в столице."),
            .triggers("Las conversaciones se reanudaron el martes⟦. en⟧ la capital.", lang: "es",
                      fixed: "Las conversaciones se reanudaron el martes en la capital."),
            .passes("The launch was approx. five minutes late, e.g. at 10.30 a.m. local time.", lang: "en"),
            .passes("J. R. R. Tolkien wrote it. See node.js and example.com for details, v1.2 too.", lang: "en"),
            .passes("“Go.” he said, and the U.S. delegation left.", lang: "en"),
            .passes("Wait... then it began.\nitems follow on the next line.", lang: "en"),
            .passes("Die Sitzung ist am 3. und 4. Oktober, z. B. im Saal 2, bzw. online.", lang: "de"),
            .passes("Это было в 1990 г. в Москве, т. е. до распада.", lang: "ru"),
            .passes("Il est arrivé, cf. la page 3, etc. et il est reparti.", lang: "fr"),
            .passes("Verr. maj. comme Ctrl. Verrouillage des majuscules. Comportement de la touche Suppr. du pavé numérique ; Suppression.", lang: "fr"),
            .triggers("Le fichier est lu en mode modification⟦. les⟧ options sont désactivées. La modification est refusée.", lang: "fr",
                      fixed: "Le fichier est lu en mode modification les options sont désactivées. La modification est refusée."),
            .passes("会谈结束了。代表团离开了。他们使用 v1.2 版本。", lang: "zh"),
            .passes("会談は終わった。代表団は帰った。", lang: "ja"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        let language = document.language.code
        let lexicon = JoinLexicon.of(language, in: document.dictionaries)
        return document.text.withUnsafeBufferPointer { buffer -> [Finding] in
            let text = JoinText(bytes: buffer)
            var findings: [Finding] = []
            var index = 1
            let count = buffer.count
            // Jump from full stop to full stop.
            while let stop = text.next(0x2E, from: index), stop + 2 < count {
                index = stop
                let dot = index
                index += 1
                // ". x": a space, then a word on the same line.
                guard buffer[dot + 1] == 0x20, buffer[dot - 1] != 0x2E else { continue }
                let (next, _) = text.skipSpace(from: dot + 1)
                guard next < count, buffer[next] != 0x2E else { continue }
                let following = text.word(startingAt: next)
                guard !following.isEmpty, text.startsLower(following), !text.hasDigit(following),
                      !text.isTechnicalSuffix(after: following.upperBound) else { continue }
                let previous = text.word(endingAt: dot)
                guard !previous.isEmpty, !text.isTechnicalPrefix(before: previous.lowerBound) else { continue }
                if text.hasDigit(previous) {
                    // A year ends a sentence; ordinals, times and versions do not.
                    guard language != "de", text.isDigits(previous), previous.count == 4 else { continue }
                } else {
                    guard text.scalarCount(previous) >= 2 else { continue }
                    let word = text.folded(previous)
                    if lexicon.abbreviations.contains(word) || lexicon.dangling.contains(word) { continue }
                }
                // Where the language has word lists, the word after the stop must be a word that
                // continues a sentence (a preposition, conjunction, relative, article, pronoun or
                // verb): a command or a name in lower case ("ls", "dpkg") may start a sentence.
                if !lexicon.isEmpty && !lexicon.continues(text.folded(following)) { continue }
                // "Verr. maj. comme Ctrl", "Suppr. du pavé": a word cut short, whose full stop ends nothing.
                if !text.hasDigit(previous) && Truncations.isTruncation(text.string(previous), in: document) { continue }
                let range = dot..<following.upperBound
                let edit = Edit(offset: dot, length: 1, replacement: "")
                findings.append(finding(range,
                    "\"\(text.string(following))\" starts in lower case after a full stop: the sentence was probably split in the wrong place",
                    suggestions: [text.joinedPreview(replacing: dot..<(dot + 1), with: "")],
                    fix: Fix(safety: .unsafe, edits: [edit])))
                index = following.upperBound
            }
            return findings
        }
    }
}
