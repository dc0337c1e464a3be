/// French "mot:" and «mot»: the no-break space before : ; ! ? » and after « is missing.
public struct FrenchSpacing: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "french-spacing",
        family: .punctuation,
        severity: .warning,
        languages: ["fr"],
        summary: "French \"mot:\", \"vraiment?\" or «mot»: no space before : ; ! ? » or after «.",
        rationale: """
            French typography puts a space before the two-part marks : ; ! ? and inside « » — a no-break space \
            (U+00A0) before : and inside the guillemets, a narrow no-break space (U+202F) before ; ! ?. MT \
            trained mostly on English output glues the marks to the word ("a déclaré:", «non»). Any space \
            counts as present (no-break, narrow or plain), so careful human text is never flagged; only a mark \
            glued to a word is, and only where the document mostly follows the French convention for that kind \
            of mark (at least three of its : ; ! ? in four are spaced, and likewise for « »; but many writers space \
            some of these marks and not others, the colon and not ; ! ? as Swiss and Canadian French do, so a mark \
            glued more often than spaced, three times at least, is the document's habit): a text that glues \
            every colon, such as a terse software catalogue, has a house style, and flagging each colon would \
            drown the rest: a document that never spaces a kind of mark (three times or more) gets one \
            information finding for the whole document instead. Where more than one glued mark in ten (three at \
            least) stands among spaced ones, the document mixes two typographies, often several translators' \
            work: one finding says so at the first glued mark, and its fix spaces them all. Canadian and Swiss French (fr-CA, fr-CH) space \
            only : and the guillemets, so ; ! ? are not checked there. Times and ratios ("10:30"), URLs, lines that look like code, and lines without a French accent or \
            common French word (English quoted in French manuals) are left alone, and so are the semicolon of a \
            character reference ("&amp;"), a colon or semicolon that closes a quoted literal ("\"Cc:\""), the colon \
            of a prefix the document also glues to a name ("shlibs:" as in "shlibs:Depends"), a field name copied from \
            the source with the placeholder of its value ("cc: %s"), and the colon after a \
            metavariable of five hyphenated words or more ("préfixe-pour-le-nom-des-variables:"). A \
            quotation glued at both guillemets («mot») is one finding. The fix inserts the \
            no-break space the Imprimerie nationale's rules prescribe; it is safe.
            """,
        fixSafety: .safe,
        examples: [
            // The rest of each example follows the French convention, as the rule requires of a document.
            .triggers("Le ministre a déclaré⟦:⟧ « Nous sommes prêts. » Vraiment ? Oui ! Il a dit : « non » ; fini.", lang: "fr",
                      fixed: "Le ministre a déclaré\u{A0}: « Nous sommes prêts. » Vraiment ? Oui ! Il a dit : « non » ; fini."),
            .triggers("Personne ne le savait⟦!⟧ Vraiment ? Oui ! Il a dit : « non » ; fini.", lang: "fr",
                      fixed: "Personne ne le savait\u{202F}! Vraiment ? Oui ! Il a dit : « non » ; fini."),
            // Both guillemets of one quotation glued: one finding, both spaces in the fix.
            .triggers("Il a répondu ⟦«non»⟧. Puis : « merci », « oui » et « bien ».", lang: "fr",
                      fixed: "Il a répondu «\u{A0}non\u{A0}». Puis : « merci », « oui » et « bien »."),
            .triggers("Le dossier est clos⟦;⟧ on passe à autre chose. Vraiment ? Oui ! Il a dit : « non » ; fini.", lang: "fr",
                      fixed: "Le dossier est clos\u{202F}; on passe à autre chose. Vraiment ? Oui ! Il a dit : « non » ; fini."),
            .triggers("Il a dit : « Nous sommes prêts.⟦»⟧ Puis : « merci », « oui » et « bien ».", lang: "fr",
                      fixed: "Il a dit : « Nous sommes prêts.\u{A0}» Puis : « merci », « oui » et « bien »."),
            .passes("Il a dit\u{A0}: «\u{A0}non\u{A0}». Vraiment\u{202F}? Oui ! À 10:30, voir http://exemple.fr.", lang: "fr"),
            // Three glued among nine spaced: two typographies mixed, one finding whose fix spaces all three.
            .triggers("Échec de la copie⟦:⟧ disque plein. Erreur de lecture: fichier absent. Attention: accès refusé. "
                      + "Note : voir ci-dessus. Cause : inconnue. Action : aucune. Vraiment ? Oui ! Fichier : absent ; "
                      + "groupe : vide ; bilan : rien.", lang: "fr",
                      fixed: "Échec de la copie\u{A0}: disque plein. Erreur de lecture\u{A0}: fichier absent. Attention\u{A0}: accès refusé. "
                      + "Note : voir ci-dessus. Cause : inconnue. Action : aucune. Vraiment ? Oui ! Fichier : absent ; "
                      + "groupe : vide ; bilan : rien."),
            .passes("Quoi ?! Il est parti : c'est fini ; « bien ».", lang: "fr"),
            .triggers("Erreur⟦:⟧ fichier introuvable. Attention: accès refusé pour le groupe!", lang: "fr"),
            .passes("Erreur: fichier introuvable. Attention : accès refusé pour le groupe ! Bien: oui.", lang: "fr"),
            .passes("Il a dit\u{A0}: «\u{A0}non\u{A0}». Vraiment? Oui! C'est fini; voilà.", lang: "fr-CA"),
            // : ! ? spaced throughout and ; never: the document's habit for that mark, not a slip at each.
            .passes("Il a dit : non; elle a dit : oui; bilan : rien; suite : demain. Vraiment ? Oui ! Quand ? Demain ! Où ? Ici : là-bas.", lang: "fr"),
            // An identifier prefix keeps its colon: the document glues it to a name elsewhere.
            .passes("Les dépendances sont ajoutées sous la forme shlibs:Depends ; toute autre variable après shlibs: est supprimée. "
                    + "Note : voir ci-dessus ; fin : oui ; bien : non.", lang: "fr"),
            // A field name the source prints with its value ("cc: %s") is copied as it is; a copied word alone is not.
            .passes("Ajout de cc: %s depuis la ligne. Note : voir ; fin : oui ; bien : non.", lang: "fr",
                    source: "Adding cc: %s from the line. Note: see; end: yes; good: no.", sourceLang: "en"),
            .triggers("Options⟦:⟧ voir la liste détaillée. Note : voir ; fin : oui ; bien : non.", lang: "fr",
                      source: "Options: see the detailed list. Note: see; end: yes; good: no.", sourceLang: "en"),
            // Character references and quoted literals keep their marks.
            .passes("Les entités valides sont : &amp; &quot; &lt; ; ajoutez l'en-tête \"Cc:\" ou \"To:\". Note : voir ; fin : oui ; bien : non.", lang: "fr"),
        ],
        judgesWholeDocument: true
    )

    private static let frenchWords: [[UInt8]] = [" le ", " la ", " les ", " des ", " est ", " une ", " et ", " du ", " que ",
                                                   " pour ", " dans ", " pas ", " qui ", " sur ", " avec ", " il ", " vous "].map { Array($0.utf8) }

    /// English or code lines inside French text (manual pages quote both) keep their own typography:
    /// the line must hold a French accent or a common French word.
    static func lineLooksFrench(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        var start = offset
        while start > 0 && buffer[start - 1] != 0x0A && offset - start < 1000 { start -= 1 }
        var end = offset
        while end < buffer.count && buffer[end] != 0x0A && end - offset < 1000 { end += 1 }
        var index = start
        while index < end {
            if buffer[index] == 0xC3 && index + 1 < end, [0xA9, 0xA8, 0xA0, 0xA7, 0xAA, 0xB9, 0xB4, 0xAE, 0xA2].contains(buffer[index + 1]) { return true }
            if buffer[index] == 0x20 {
                for word in frenchWords where index + word.count <= end {
                    var match = true
                    for k in 1..<word.count where (buffer[index + k] | 0x20) != word[k] && word[k] != 0x20 { match = false; break }
                    if match && buffer[index + word.count - 1] == 0x20 { return true }
                }
            }
            index += 1
        }
        return false
    }

    /// Where the word that ends at `end` starts, and whether a format placeholder's mark opens it
    /// ("%s:", "%pB:", "~1c~2;": after a placeholder the mark belongs to a template, not prose).
    static func word(endingAt end: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> (start: Int, isPlaceholder: Bool) {
        var start = end
        while let before = ByteScan.scalar(before: start, buffer), ByteScan.isLetter(before.value) || ByteScan.isDigit(before.value) {
            start = before.start
        }
        return (start, start > 0 && start < end && ([0x25, 0x7E, 0x2E].contains(buffer[start - 1]) || isLongCompound(endingAt: start, buffer)))
    }

    /// "préfixe-pour-le-nom-des-variables": five words or more joined by hyphens name a metavariable;
    /// French compounds have three or four ("arc-en-ciel", "quatre-vingt-dix-neuf").
    private static func isLongCompound(endingAt start: Int, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = start, hyphens = 0
        while index > 0 && buffer[index - 1] == 0x2D {
            hyphens += 1
            index -= 1
            while let before = ByteScan.scalar(before: index, buffer), ByteScan.isLetter(before.value) { index = before.start }
        }
        return hyphens >= 4
    }

    /// "Ajout de cc: %s" for "Adding cc: %s": a field name copied from the unit's source with its
    /// colon and a placeholder for its value after it, a literal key as the program prints it.
    static func isCopiedKey(_ range: Range<Int>, in document: Document) -> Bool {
        let written = document.source.bytes
        var next = range.upperBound
        while next < written.count && written[next] == 0x20 { next += 1 }
        guard next < written.count, written[next] == UInt8(ascii: "%") else { return false }
        return document.unitSourceContains(document.string(range), at: range.lowerBound)
    }

    /// The words the document writes glued to a colon and a letter ("shlibs:Depends", "cc:moi"):
    /// prefixes of identifiers, code with their colon wherever they stand ("après shlibs: est supprimée").
    static func identifierPrefixes(_ buffer: UnsafeBufferPointer<UInt8>) -> Set<[UInt8]> {
        var prefixes: Set<[UInt8]> = []
        var index = 1
        while index + 1 < buffer.count {
            defer { index += 1 }
            guard buffer[index] == 0x3A, ByteScan.isLetter(ByteScan.scalar(buffer, index + 1).value) else { continue }
            let word = Self.word(endingAt: index, buffer)
            if word.start < index { prefixes.insert(Array(buffer[word.start..<index])) }
        }
        return prefixes
    }

    /// "\"Cc:\"", "« … CREATEUSER; »": a colon or semicolon that closes a quotation belongs to the quoted
    /// literal (a header name, a statement), not to a French sentence.
    static func endsQuotedLiteral(_ token: Token, _ scalar: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard scalar == 0x3A || scalar == 0x3B else { return false }
        var index = token.end
        if index < buffer.count && buffer[index] == 0x20 { index += 1 }
        guard index < buffer.count else { return false }
        let next = ByteScan.scalar(buffer, index).value
        return next == 0x22 || next == 0x27 || next == 0xBB || next == 0x201D
    }

    /// A mark with its space, between words of a French prose line ("déclaré : le", "« non »").
    private func writtenTheFrenchWay(_ token: Token, _ scalar: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let word: UInt32
        if scalar == 0xAB {
            guard token.end < buffer.count else { return false }
            let (space, length) = ByteScan.scalar(buffer, token.end)
            guard space != 0x0A, token.end + length < buffer.count else { return false }
            word = ByteScan.scalar(buffer, token.end + length).value
        } else {
            guard let space = ByteScan.scalar(before: token.start, buffer), space.value != 0x0A,
                  let before = ByteScan.scalar(before: space.start, buffer) else { return false }
            word = before.value
            // Counted on the marks that would be judged glued: not after a placeholder ("%s :") or a
            // one-letter word. A catalogue that spaces "%s : %s" but glues "erreur:" has a habit.
            let spacedWord = Self.word(endingAt: space.start, buffer)
            if spacedWord.isPlaceholder || space.start - spacedWord.start < 2 { return false }
        }
        return (ByteScan.isLetter(word) || ByteScan.isDigit(word) || word == 0xBB || word == 0x29 || word == 0x2E)
            && !ByteScan.lineLooksLikeCode(buffer, token.start) && Self.lineLooksFrench(buffer, token.start)
    }

    /// Glued marks where the document spaces the rest. A few are slips, one finding each. Where more
    /// than one in ten are glued (three at least), the document mixes two typographies, typically
    /// several translators' work: one finding says so, at the first, and its fix spaces them all.
    private func slips(_ glued: [Finding], spaced: Int, name: String) -> [Finding] {
        guard glued.count >= 3 && glued.count * 9 > spaced else { return glued }
        let sorted = glued.sorted { $0.start < $1.start }
        let edits = sorted.flatMap { $0.fix?.edits ?? [] }
        return [finding(sorted[0].range, "this document mixes French and English spacing: \(name) are spaced \(spaced) times and "
                        + "glued \(glued.count) times, first here; French writes a no-break space (the fix adds all \(glued.count))",
                        suggestions: sorted[0].suggestions, fix: Fix(safety: .safe, edits: edits))]
    }

    public func check(_ document: Document) -> [Finding] {
        guard description.applies(to: document.language.code) else { return [] }
        let text = document.text, tokens = document.tokens
        // Canadian and Swiss French space only : and the guillemets; ; ! ? stand against the word.
        let region = document.language.icuLocale.split(separator: "_").dropFirst().first.map(String.init) ?? ""
        let spacesEveryMark = !["CA", "CH"].contains(region.uppercased())
        var findings: [Finding] = []
        // Per kind of mark (0: « », then : ; ! ?), how often the document writes it the French way, and
        // the glued ones found: the convention is the document's own where three in four of its « » are
        // spaced, or of its : ; ! ? together. Many writers space some of these marks and not others (the
        // colon and not ; ! ?, as Swiss and Canadian French do): a mark glued more often than spaced,
        // three times at least, is the document's habit, not a slip at each mark.
        var spaced = [0, 0, 0, 0, 0]
        var glued: [[Finding]] = [[], [], [], [], []]
        var gluedMarks = [0, 0, 0, 0, 0]
        // The last « when it was glued to its word: a glued » after it makes one finding of the pair.
        var gluedOpening: Int? = nil
        // Found on the first glued colon: most documents have none.
        var prefixes: Set<[UInt8]>? = nil
        func kind(_ scalar: UInt32) -> Int {
            switch scalar { case 0x3A: 1; case 0x3B: 2; case 0x21: 3; case 0x3F: 4; default: 0 }
        }
        text.withUnsafeBufferPointer { buffer in
            for token in tokens where token.kind == .punctuation && token.start > 0 {
                let byte = buffer[token.start]
                let scalar: UInt32
                if byte == 0x3A || ((byte == 0x3B || byte == 0x21 || byte == 0x3F) && spacesEveryMark) {
                    scalar = UInt32(byte)
                } else if byte == 0xC2 && token.end - token.start == 2 && (buffer[token.start + 1] == 0xAB || buffer[token.start + 1] == 0xBB) {
                    scalar = UInt32(buffer[token.start + 1])
                } else { continue }
                guard let previous = ByteScan.scalar(before: token.start, buffer)?.value else { continue }
                let next = token.end < buffer.count ? ByteScan.scalar(buffer, token.end).value : 0x0A
                if scalar == 0xAB { gluedOpening = nil }
                if scalar == 0xAB ? ByteScan.isSpace(next) : ByteScan.isSpace(previous) {
                    if writtenTheFrenchWay(token, scalar, buffer) { spaced[kind(scalar)] += 1 }
                    if scalar == 0xBB { gluedOpening = nil }
                    continue
                }
                if scalar == 0xAB {
                    // «mot: the space after the opening guillemet.
                    guard ByteScan.isLetter(next) || ByteScan.isDigit(next) else { continue }
                    gluedMarks[0] += 1
                    gluedOpening = glued[0].count
                    glued[0].append(finding(token.range, "no space after « (French writes «\u{A0}mot\u{A0}»)", suggestions: ["«\u{A0}"],
                                            fix: Fix(safety: .safe, edits: [Edit(offset: token.end, length: 0, replacement: "\u{A0}")])))
                    continue
                }
                // The mark is glued to a word, a number or a closing mark, and ends a clause.
                // (» has its own test below: it may also follow the sentence's end, "prêts.»".)
                guard scalar == 0xBB || ByteScan.isLetter(previous) || (scalar != 0x3A && ByteScan.isDigit(previous))
                        || previous == 0xBB || previous == 0x29 else { continue }
                if scalar != 0xBB {
                    guard ByteScan.isSpace(next) || next == 0xBB || QuoteAnalysis.doubleMarks.contains(next) else { continue }
                    // "?!" and "!!" runs are punctuation-run's business; only the first mark needs the space.
                }
                if scalar == 0xBB && !(ByteScan.isLetter(previous) || ByteScan.isDigit(previous) || previous == 0x2E || previous == 0x21 || previous == 0x3F) { continue }
                if ByteScan.lineLooksLikeCode(buffer, token.start) || !Self.lineLooksFrench(buffer, token.start) { continue }
                let gluedWord = Self.word(endingAt: token.start, buffer)
                if gluedWord.isPlaceholder || (token.start - gluedWord.start < 2 && scalar != 0xBB) { continue }
                if scalar != 0xBB && (ByteScan.endsCharacterReference(token.start, buffer) || Self.endsQuotedLiteral(token, scalar, buffer)) { continue }
                if scalar == 0x3A {
                    // Read in the text as written: the masked text has blanked "shlibs:Depends" as code.
                    if prefixes == nil { prefixes = document.source.bytes.withUnsafeBufferPointer(Self.identifierPrefixes) }
                    if prefixes!.contains(Array(buffer[gluedWord.start..<token.start])) { continue }
                    if Self.isCopiedKey(gluedWord.start..<token.end, in: document) { continue }
                }
                let space = scalar == 0x3A || scalar == 0xBB ? "\u{A0}" : "\u{202F}"
                let mark = ByteScan.utf8(scalar)
                gluedMarks[kind(scalar)] += 1
                if scalar == 0xBB, let opening = gluedOpening, case let open = glued[0][opening].range,
                   !buffer[open.upperBound..<token.start].contains(0x0A) {
                    // «mot»: one quotation, one finding, both spaces in its fix.
                    let inner = document.string(open.upperBound..<token.start)
                    glued[0][opening] = finding(open.lowerBound..<token.end, "no space inside « » (French writes «\u{A0}mot\u{A0}»)",
                                                suggestions: ["«\u{A0}" + inner + "\u{A0}»"],
                                                fix: Fix(safety: .safe, edits: [Edit(offset: open.upperBound, length: 0, replacement: "\u{A0}"),
                                                                                Edit(offset: token.start, length: 0, replacement: "\u{A0}")]))
                    gluedOpening = nil
                    continue
                }
                glued[kind(scalar)].append(finding(token.range, "no space before \(mark) (French writes a no-break space before it)",
                                        suggestions: [space + mark],
                                        fix: Fix(safety: .safe, edits: [Edit(offset: token.start, length: 0, replacement: space)])))
            }
        }
        if gluedMarks[0] * 3 <= spaced[0] { findings += slips(glued[0], spaced: spaced[0], name: "« »") }
        if gluedMarks[1...].reduce(0, +) * 3 <= spaced[1...].reduce(0, +) {
            let kinds = (1...4).filter { !(gluedMarks[$0] >= 3 && gluedMarks[$0] > spaced[$0]) }
            findings += slips(kinds.flatMap { glued[$0] }, spaced: kinds.reduce(0) { $0 + spaced[$1] },
                              name: spacesEveryMark ? ": ; ! ?" : ":")
        }
        // A document that never follows the convention has a house style (or English typography):
        // one finding for the whole document, not one a mark. The colon and ; ! ? count together here.
        let houseStyles: [(marks: Int, spaced: Int, findings: [Finding], name: String)] = [
            (gluedMarks[0], spaced[0], glued[0], "inside « »"),
            (gluedMarks[1...].reduce(0, +), spaced[1...].reduce(0, +), glued[1...].joined().sorted { $0.start < $1.start },
             spacesEveryMark ? "before : ; ! ?" : "before :"),
        ]
        for style in houseStyles where style.spaced == 0 && style.marks >= 3 {
            var summary = finding(style.findings[0].range, "this document never puts the French space \(style.name) (\(style.marks) times): "
                + "a house style, or English typography; French typography writes a no-break space there")
            summary.severity = .info
            findings.append(summary)
        }
        return findings.sorted { $0.start < $1.start }
    }
}
