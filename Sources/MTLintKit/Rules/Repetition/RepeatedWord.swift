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
            word starts a new title or segment. Layout is not prose: a gap wider than one space, or a line break \
            to a different indentation, separates table columns or a term from its definition; and a word in \
            capitals beside the same word in lower case ("OCTETS octets") is a placeholder, not a slip. So is, in a \
            manual page that lost its italics, a noun followed by the metavariable that the term line heading \
            its definition takes as an argument ("SET drapeau valeur" / "Remplace le drapeau drapeau"); a second \
            word that begins a file name or path ("man man.7", "compile compile/64"), a pair that is all its quotation \
            or indented line holds ("»man man«", "       info info"), a shell prompt's line ("$ …") and a file listing \
            ("-rwxr-xr-x 1 root root") are commands, not sentences; the letter of a printf placeholder ("%s s"), and a line \
            that starts a configuration key ("driver = …") are not words of the sentence either. In a \
            text in another alphabet, a doubled Latin word is a command with its argument ("«info info»"). In a \
            translation file, a doubling that the unit's source also writes ("Wadi Wadi", "help help") is the \
            source's. Numbers and punctuation are not words here.
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
            .passes("Indien er geen veldnaam opgegeven werd, zal het het volledige bestand tonen.", lang: "nl"),
            // A man page's metavariable after its noun, as the term line above takes it.
            .passes("       --source-option=optie\n           Optie optie doorgeven aan dpkg-source.", lang: "nl"),
            .passes("Nous nous sommes rencontrés à Genève.", lang: "fr"),
            // "en en" before a gerund: "by choosing some of them".
            .passes("Choisissez six caractères en en prenant un dans chaque ensemble.", lang: "fr"),
            .triggers("Il vit ⟦en en⟧ France depuis dix ans.", lang: "fr", fixed: "Il vit en France depuis dix ans."),
            .passes("The vote was 12 12 in the first round, then the committee met.", lang: "en"),
            .passes("He left. The the-ory was wrong.", lang: "en"),
            .passes("金正恩 金正恩", lang: "zh"),
            .passes("Введите команду «info info», чтобы получить введение; \"man man\" описывает man.", lang: "ru"),
            .passes("She worked at the Wagga Wagga store near Sir Run Run Shaw Hospital.", lang: "en"),
            .passes("Überschwemmungen in vielen Teilen Indiens\nIndiens Monsunzeit hat sich verlängert.", lang: "de"),
            .passes("What we see is ylang ylang, the scented part.", lang: "en"),
            .passes("root     root     4096 Jan  1 config", lang: "en"),
            .passes("Indique la taille en OCTETS octets par bloc.", lang: "fr"),
            .passes("  préfixe\n                préfixe ajouté au nom", lang: "fr"),
            // Manual pages: a metavariable after its noun, a file name, a configuration key.
            .passes("       SET drapeau valeur\n           Remplace le drapeau drapeau par la valeur valeur.", lang: "fr"),
            .passes("       -S liste, --sections=liste\n              La liste liste est une liste de sections.", lang: "fr"),
            .triggers("       -O[N]       Quand N est omis, ouvre une fenêtre pour chaque ⟦fichier fichier⟧.", lang: "fr",
                      fixed: "       -O[N]       Quand N est omis, ouvre une fenêtre pour chaque fichier."),
            .passes("EXEMPLES\n       man man.7\n           Affiche la page du paquet de macros man.", lang: "fr"),
            .passes("Geben Sie »info info« ein oder \"perldoc perldoc\".\n       info info\n", lang: "de"),
            .passes("  $ find . /tmp compile compile/64/tests\n  -rwxr-xr-x  1 root root 1026675 Jun  7 13:53 /usr/bin/x", lang: "de"),
            .triggers("Geben Sie »info« ein, ⟦um um⟧ eine Einführung zu lesen.", lang: "de",
                      fixed: "Geben Sie »info« ein, um eine Einführung zu lesen."),
            .passes("           name = debian/changelog merge driver\n           driver = dpkg-mergechangelogs -m %O %A %B %A", lang: "fr"),
            .passes("Essayez « help help » ou « man -k %s ».", lang: "fr", source: "Try `help help' or `man -k %s'.", sourceLang: "en"),
            .triggers("Der Vertrag ⟦wurde\nwurde⟧ am Montag unterzeichnet.", lang: "de",
                      fixed: "Der Vertrag wurde\nam Montag unterzeichnet."),
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
                  isProseGap(previous, current, in: text),
                  !isCompoundPart(previous, current, in: text),
                  !isReduplicatedName(previous, current, in: text),
                  !startsNewLineUnit(previous, current, in: text),
                  !differsInCaseStyle(previous, current, in: text),
                  !isFileOrPlaceholderPart(previous, current, in: text) else { continue }
            let word = document.string(previous.range), folded = CaseFolding.fold(word)
            // A Latin word doubled in a text of another alphabet is a command and its argument ("man man").
            if !document.language.writesLatin && text[previous.start] < 0x80 { continue }
            if isCommand(previous, current, in: document) { continue }
            // ICU counts "@" as a letter; "@ @" in a dump is no word.
            if text[previous.start] == UInt8(ascii: "@") { continue }
            if allowed.contains(folded) || allowedBefore(tokens[safe: index], folded, allowed, in: document) { continue }
            if document.unitSourceContains(document.string(previous.start..<current.end), at: previous.start)
                // The second word is the placeholder ("Optie optie" under "--source-option=optie").
                || ManPageTerms.isPlaceholder(document.string(current.range), at: current.start, in: text) { continue }
            let edit = removal(of: current, after: previous, in: text)
            findings.append(finding(previous.start..<current.end,
                                    "\"\(word)\" is repeated; a doubled word is a common translation slip",
                                    suggestions: [word], fix: Fix(safety: .safe, edits: [edit])))
        }
        return findings
    }

    /// "en en choisissant": a doubling the list allows before a word with a given ending ("en -ant").
    private func allowedBefore(_ next: Token?, _ folded: String, _ allowed: Set<String>, in document: Document) -> Bool {
        guard let next, next.kind == .letter else { return false }
        let prefix = folded + " -"
        let following = CaseFolding.fold(document.string(next.range))
        return allowed.contains { $0.hasPrefix(prefix) && following.hasSuffix($0.dropFirst(prefix.count)) }
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
    /// A line that starts with a key ("driver = dpkg-mergechangelogs") is a new entry of a
    /// configuration block ("name = … merge driver⏎driver = …").
    private func startsNewLineUnit(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        guard text[a.end..<b.start].contains(0x0A) else { return false }
        var next = b.end
        while next < text.count && text[next] == 0x20 { next += 1 }
        return startsUpperCase(b, in: text) || (next < text.count && text[next] == UInt8(ascii: "="))
    }

    private func startsUpperCase(_ token: Token, in text: [UInt8]) -> Bool {
        let first = text.withUnsafeBufferPointer { ScriptLookup.scalar(at: token.start, in: $0) }
        return Unicode.Scalar(first)?.properties.isUppercase ?? false
    }

    /// "man man.7", "%s s": the second word begins a file name (a dot and more after it), or the
    /// first is the conversion letter of a printf placeholder; neither is a word of the sentence.
    private func isFileOrPlaceholderPart(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        if b.end + 1 < text.count && text[b.end] == UInt8(ascii: "."), case let next = text[b.end + 1] | 0x20,
           (next >= 0x61 && next <= 0x7A) || (next >= 0x30 && next <= 0x39) { return true }
        if b.end < text.count && text[b.end] == UInt8(ascii: "/") { return true }   // "compile compile/64"
        return a.start > 0 && text[a.start - 1] == UInt8(ascii: "%")
    }

    /// The pair is a command, not words of a sentence: it is all a quotation holds ("»man man«",
    /// "\"perldoc perldoc\""), all an indented line holds ("       info info"), or it stands on a shell prompt's
    /// line ("$ find … compile compile") or a file listing's ("-rwxr-xr-x 1 root root").
    private func isCommand(_ a: Token, _ b: Token, in document: Document) -> Bool {
        let text = document.text
        return text.withUnsafeBufferPointer { buffer in
            let before = ByteScan.scalar(before: a.start, buffer)?.value ?? 0x0A
            let after = b.end < buffer.count ? ByteScan.scalar(buffer, b.end).value : 0x0A
            if QuoteAnalysis.doubleMarks.contains(before) && QuoteAnalysis.doubleMarks.contains(after) { return true }
            let range = PositionResolver.lineRange(containing: a.start, in: text)
            let line = buffer[range]
            guard let first = line.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
            // An indented line of the pair alone is an example ("       info info"); unindented, a title.
            if first > range.lowerBound && first == a.start && b.end == range.upperBound { return true }
            if first + 1 < range.upperBound && (line[first] == 0x24 || line[first] == 0x23) && line[first + 1] == 0x20 { return true }
            return isPermissions(line[first...].prefix(10))
        }
    }

    /// "-rwxr-xr-x", "drwxr-xr-x": the mode column of `ls -l`.
    private func isPermissions(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard bytes.count == 10, let kind = bytes.first, "-dlcbps".utf8.contains(kind) else { return false }
        return bytes.dropFirst().allSatisfy { "rwxsStT-".utf8.contains($0) }
    }

    /// "the the-ory" or "re- re": a hyphen makes one of the two part of a compound.
    private func isCompoundPart(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        let hyphen = UInt8(ascii: "-")
        return (a.start > 0 && text[a.start - 1] == hyphen) || (b.end < text.count && text[b.end] == hyphen)
    }

    /// The gap of running prose: one space (a tab or a no-break space), or one
    /// line break with the same indentation as the line before. Wider gaps are
    /// table columns and definition lists ("root     root", "préfixe⏎      préfixe").
    private func isProseGap(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        let gap = text[a.end..<b.start]
        guard let newline = gap.firstIndex(of: 0x0A) else {
            return gap.count == 1 && (gap.first == 0x20 || gap.first == 0x09)
                || gap.elementsEqual([0xC2, 0xA0]) || gap.elementsEqual([0xE2, 0x80, 0xAF])
        }
        // Before the break: nothing but an optional CR; after it: only indentation.
        guard text[a.end..<newline].allSatisfy({ $0 == 0x0D || $0 == 0x20 }),
              text[(newline + 1)..<b.start].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { return false }
        return b.start - (newline + 1) == indentation(ofLineContaining: a.start, in: text)
    }

    private func indentation(ofLineContaining offset: Int, in text: [UInt8]) -> Int {
        var start = offset
        while start > 0 && text[start - 1] != 0x0A { start -= 1 }
        var end = start
        while end < offset && (text[end] == 0x20 || text[end] == 0x09) { end += 1 }
        return end - start
    }

    /// "OCTETS octets", "type TYPE", "de De": a word in capitals beside one that
    /// is not, or a capital in mid-sentence, is a placeholder or a name, not a slip.
    private func differsInCaseStyle(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        if isAllCapitals(a, in: text) != isAllCapitals(b, in: text) { return true }
        return !startsUpperCase(a, in: text) && startsUpperCase(b, in: text)
    }

    private func isAllCapitals(_ token: Token, in text: [UInt8]) -> Bool {
        let word = String(decoding: text[token.range], as: UTF8.self)
        return word.unicodeScalars.count > 1 && word.unicodeScalars.allSatisfy { !$0.properties.isLowercase }
    }
}
