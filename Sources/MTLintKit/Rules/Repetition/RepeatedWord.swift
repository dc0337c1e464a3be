/// "the the": a word written twice in a row, a classic slip of machine translation.
public struct RepeatedWord: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "repeated-word",
        family: .repetition,
        severity: .warning,
        languages: [],
        summary: "A word repeated immediately (\"the the\"), also across a line break.",
        rationale: """
            Neural MT sometimes emits a word twice when it hesitates between two alignments, and editors \
            read over the doubling because the eye expects one. Some doublings are grammatical ("that that", \
            "had had" in English, "die die" in German, "nous nous" in French); those are listed per language \
            in dictionaries/<lang>/doublings.txt and never flagged. Two capitalised words are taken for a \
            reduplicated name ("Wagga Wagga", "Sir Run Run Shaw"), and across a line break a capitalised second \
            word starts a new title or segment. Numbers and punctuation are not words here.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("Pyongyang fired ⟦the the⟧ missiles on Monday.", lang: "en",
                      fixed: "Pyongyang fired the missiles on Monday."),
            .triggers("The talks ended in ⟦the\nthe⟧ capital.", lang: "en", fixed: "The talks ended in the\ncapital."),
            .triggers("⟦The the⟧ summit was short.", lang: "en", fixed: "The summit was short."),
            .triggers("Le sommet a eu lieu ⟦à à⟧ Hanoï.", lang: "fr", fixed: "Le sommet a eu lieu à Hanoï."),
            .triggers("Die Regierung ⟦hat hat⟧ das Abkommen unterzeichnet.", lang: "de",
                      fixed: "Die Regierung hat das Abkommen unterzeichnet."),
            .triggers("Переговоры ⟦были были⟧ долгими.", lang: "ru", fixed: "Переговоры были долгими."),
            .passes("He said that that decision had had consequences.", lang: "en"),
            .passes("Sie sagte, die die Verträge kennen, seien skeptisch.", lang: "de"),
            .passes("Nous nous sommes rencontrés à Genève.", lang: "fr"),
            .passes("The vote was 12 12 in the first round, then the committee met.", lang: "en"),
            .passes("He left. The the-ory was wrong.", lang: "en"),
            .passes("金正恩 金正恩", lang: "zh"),
            .passes("She worked at the Wagga Wagga store near Sir Run Run Shaw Hospital.", lang: "en"),
            .passes("Überschwemmungen in vielen Teilen Indiens\nIndiens Monsunzeit hat sich verlängert.", lang: "de"),
            .passes("What we see is ylang ylang, the scented part.", lang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        let allowed = document.dictionaries.doublings(for: document.language.code)
        let tokens = document.tokens
        let text = document.text
        var findings: [Finding] = []
        var index = 1
        while index < tokens.count {
            let previous = tokens[index - 1], current = tokens[index]
            index += 1
            // Cheapest test first: nearly every pair of neighbours differs.
            guard previous.kind == .letter, current.kind == .letter,
                  document.sameWordIgnoringCase(previous, current),
                  onlyWhiteSpaceBetween(previous, current, in: text),
                  !isCompoundPart(previous, current, in: text),
                  !isReduplicatedName(previous, current, in: text),
                  !startsNewLineUnit(previous, current, in: text) else { continue }
            let word = document.string(previous.range)
            if allowed.contains(CaseFolding.fold(word)) { continue }
            let edit = removal(of: current, after: previous, in: text)
            findings.append(finding(previous.start..<current.end,
                                    "\"\(word)\" is repeated; a doubled word is a common translation slip",
                                    suggestions: [word], fix: Fix(safety: .safe, edits: [edit])))
        }
        return findings
    }

    /// Keeps the first occurrence (its capitalisation) and drops the second with
    /// the space before it; across a line break, with the space after it, so
    /// that the line structure stays.
    private func removal(of second: Token, after first: Token, in text: [UInt8]) -> Edit {
        if text[first.end..<second.start].contains(0x0A) {
            var end = second.end
            while end < text.count && (text[end] == 0x20 || text[end] == 0x09) { end += 1 }
            if end > second.end { return Edit(offset: second.start, length: end - second.start, replacement: "") }
        }
        return Edit(offset: first.end, length: second.end - first.end, replacement: "")
    }

    /// "Wagga Wagga", "Sir Run Run Shaw", "Bora Bora": two capitalised words are a
    /// reduplicated name far more often than a slip ("The the" has a lower-case second word).
    private func isReduplicatedName(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        startsUpperCase(a, in: text) && startsUpperCase(b, in: text)
    }

    /// Across a line break, a capitalised second word starts a new title, caption
    /// or segment ("…in parts of India\nIndia's monsoon…"), not a doubled word.
    private func startsNewLineUnit(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        text[a.end..<b.start].contains(0x0A) && startsUpperCase(b, in: text)
    }

    private func startsUpperCase(_ token: Token, in text: [UInt8]) -> Bool {
        let first = text.withUnsafeBufferPointer { ScriptLookup.scalar(at: token.start, in: $0) }
        return Unicode.Scalar(first)?.properties.isUppercase ?? false
    }

    /// "the the-ory" or "re- re": a hyphen makes one of the two part of a compound.
    private func isCompoundPart(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        let hyphen = UInt8(ascii: "-")
        return (a.start > 0 && text[a.start - 1] == hyphen) || (b.end < text.count && text[b.end] == hyphen)
    }

    /// Spaces, tabs and at most one line break; a blank line ends a paragraph.
    private func onlyWhiteSpaceBetween(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        guard b.start > a.end else { return false }
        var newlines = 0
        for offset in a.end..<b.start {
            switch text[offset] {
            case 0x20, 0x09, 0x0D: continue
            case 0x0A: newlines += 1
            default: return false
            }
        }
        return newlines <= 1
    }
}
