/// "The talks ended.The delegation left." / "The talks ended .The delegation
/// left.": two sentences joined without the space after the full stop.
public struct MissingSentenceSpace: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "missing-sentence-space",
        family: .sentenceJoin,
        severity: .warning,
        languages: [],
        summary: "No space after a sentence's full stop, ! or ? (\"ended.The\"), or the space before it (\"ended .The\").",
        rationale: """
            Machine translation and the pipelines around it join segments back together and sometimes lose or \
            misplace the space between two sentences: "ended.The" or "ended .The". Readers stumble, and search, \
            spell checking and sentence splitting fail on the glued word. The rule asks for a lower-case word \
            (or a number) before the mark and a capitalised word in lower case after it, which is what prose \
            looks like, with at least three words of the sentence before it, and what names, code and addresses do not: "node.js", "example.com", "ASP.NET", \
            "java.lang.String", "os.Exit(1)", "U.S.", "v1.2", "3.5" and camel-case identifiers are left alone, \
            as are abbreviations ("Mr.Smith" is a spacing slip, not a sentence join). The span runs from the \
            mark (or the space before it) to the end of the next word; the safe fix inserts the space, or moves \
            it after the mark. French keeps its space before ! and ?, so there only the space after is added. \
            CJK full stops (。) take no space and are never flagged.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("The talks ended⟦.The⟧ delegation left.", lang: "en", fixed: "The talks ended. The delegation left."),
            .triggers("The talks ended⟦ .The⟧ delegation left.", lang: "en", fixed: "The talks ended. The delegation left."),
            .triggers("Was it over⟦?Nobody⟧ knew.", lang: "en", fixed: "Was it over? Nobody knew."),
            .triggers("Les pourparlers ont pris fin⟦.La⟧ délégation est partie.", lang: "fr",
                      fixed: "Les pourparlers ont pris fin. La délégation est partie."),
            .triggers("Est-ce fini ⟦!Personne⟧ ne le sait.", lang: "fr", fixed: "Est-ce fini ! Personne ne le sait."),
            .triggers("Die Gespräche endeten⟦.Die⟧ Delegation reiste ab.", lang: "de",
                      fixed: "Die Gespräche endeten. Die Delegation reiste ab."),
            .triggers("Переговоры в Женеве закончились⟦.Делегация⟧ уехала.", lang: "ru", fixed: "Переговоры в Женеве закончились. Делегация уехала."),
            .passes("See node.js, example.com, ASP.NET, java.lang.String and os.Exit(1) in v1.2 (3.5 MB).", lang: "en"),
            .passes("The U.S.Army and Mr.Smith met at 10.30 in St.Petersburg.", lang: "en"),
            .passes("Call fmt.Println() or use http.StatusOK as in README.Debian.", lang: "en"),
            .passes("Est-ce fini ? Personne ne le sait.", lang: "fr"),
            // A table's header row abbreviates its column names.
            .passes("  [Nr] Nom               Type            Adr      Décala.Taille ES Fan LN Inf Al", lang: "fr"),
            .passes("会谈结束。代表团离开了。版本v1.2发布。", lang: "zh"),
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
            while let position = text.next(0x2E, 0x21, 0x3F, from: index), position + 2 < count {
                let mark = buffer[position]
                index = position + 1
                // A capitalised word right after the mark, the rest of it in lower case.
                let next = text.word(startingAt: position + 1)
                guard text.isCapitalised(next), !text.hasDigit(next), !hasInnerCapital(next, text),
                      !text.isTechnicalSuffix(after: next.upperBound), endsProse(next.upperBound, text) else { continue }
                let beforeMark = text.skipSpaceBackward(from: position)
                let spaced = beforeMark < position
                if spaced && (buffer[position - 1] != 0x20 || position - beforeMark > 1) { continue }
                let previous = text.word(endingAt: beforeMark)
                guard !previous.isEmpty, !text.isTechnicalPrefix(before: previous.lowerBound),
                      text.endsLower(previous) || text.isDigits(previous),
                      text.scalarCount(previous) >= 2,
                      text.wordsBefore(previous.upperBound, limit: 3).count >= 3 else { continue }
                if !text.isDigits(previous), lexicon.abbreviations.contains(text.folded(previous)) { continue }
                let markText = mark == 0x2E ? "." : mark == 0x21 ? "!" : "?"
                let edit: Edit
                let range: Range<Int>
                if spaced && (mark == 0x2E || language != "fr") {
                    range = beforeMark..<next.upperBound
                    edit = Edit(offset: beforeMark, length: position + 1 - beforeMark, replacement: markText + " ")
                } else {
                    range = position..<next.upperBound
                    edit = Edit(offset: position + 1, length: 0, replacement: " ")
                }
                let message = spaced && edit.length > 0
                    ? "the space is before the \"\(markText)\" instead of after it: two sentences are glued together"
                    : "no space after \"\(markText)\": two sentences are glued together"
                findings.append(finding(range, message,
                                        suggestions: [text.joinedPreview(replacing: edit.range, with: edit.replacement)],
                                        fix: Fix(safety: .safe, edits: [edit])))
                index = next.upperBound
            }
            return findings
        }
    }

    /// The word after the mark is followed by a space, a line break or a comma, colon or
    /// semicolon, as in prose ("tmac.Name)" is a file name).
    private func endsProse(_ end: Int, _ text: JoinText) -> Bool {
        guard end < text.count else { return true }
        switch text[end] {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"): return true
        default: return text.horizontalSpaceLength(at: end) > 0
        }
    }

    /// "StatusOK", "McDonald": a capital after the first letter marks a name or identifier.
    private func hasInnerCapital(_ range: Range<Int>, _ text: JoinText) -> Bool {
        var index = range.lowerBound + text.scalarLength(at: range.lowerBound)
        while index < range.upperBound {
            if JoinText.isUpper(text.scalar(at: index)) { return true }
            index += text.scalarLength(at: index)
        }
        return false
    }
}
