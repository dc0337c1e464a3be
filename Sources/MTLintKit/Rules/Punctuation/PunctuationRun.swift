/// ". . . . .", "!!", ",,": runs of punctuation that MT emits when it stutters.
public struct PunctuationRun: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "punctuation-run",
        family: .punctuation,
        severity: .warning,
        languages: [],
        summary: "A doubled or stuttering punctuation run: \"!!\", \"??\", \",,\", \";;\", \". . . .\", \"....\".",
        rationale: """
            Neural MT sometimes repeats a punctuation token, producing ",," or "!!", and tokenised output spaces \
            out an ellipsis into ". . . . .". Published news prose uses one mark (or a single ellipsis), so a \
            run is an artefact. "?!" and the three-dot ellipsis "..." are accepted; long leader rows of seven \
            or more dots (tables of contents, manual pages) are layout, not prose, and are left alone; a run \
            after a space ("sudo !!") is not a sentence mark, nor are marks standing for unknown characters in a \
            template or identifier ("??:??", "??5??????", "DW_CFA_???", "0xd4??"). In a translation file, a run \
            that the unit's source writes too ("Waiting for jobs....") is the source's. The fix keeps one mark, or writes "…" for a \
            spaced or over-long ellipsis; it is safe.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("This is unacceptable⟦!!⟧ He left.", lang: "en", fixed: "This is unacceptable! He left."),
            .triggers("The talks ended⟦. . . . .⟧ Nobody spoke.", lang: "en", fixed: "The talks ended… Nobody spoke."),
            .triggers("Le sommet a échoué⟦,,⟧ dit-il.", lang: "fr", fixed: "Le sommet a échoué, dit-il."),
            .triggers("Warum nur⟦??⟧ Niemand weiß es.", lang: "de", fixed: "Warum nur? Niemand weiß es."),
            .triggers("Переговоры закончились⟦....⟧ Все ушли.", lang: "ru", fixed: "Переговоры закончились… Все ушли."),
            .passes("Really?! He waited... and left. Run `sudo !!` later.", lang: "en"),
            .passes("Chapter 1 ............................ 5", lang: "en"),
            .passes("Il attendait… puis il est parti !", lang: "fr"),
            .passes("actif ???? jours ??:??, instruction 0xd4?? attendue, DW_CFA_??? ; ??5?????? c chemin", lang: "fr"),
            .passes("Mise à jour des makefiles....", lang: "fr", source: "Updating makefiles....", sourceLang: "en"),
            .triggers("Elle a gagné en 2019⟦??⟧ Personne ne le sait.", lang: "fr", fixed: "Elle a gagné en 2019? Personne ne le sait."),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        let text = document.text, tokens = document.tokens
        var findings: [Finding] = []
        var consumed = 0
        for candidate in PunctuationCandidates.indices(in: document) where Int(candidate) >= consumed {
            var index = Int(candidate)
            let token = tokens[index]
            index += 1
            defer { consumed = index }
            let byte = text[token.start]
            guard byte != 0x3A else { continue }
            // The run: the same mark repeated, dots possibly spaced.
            var end = token.end, count = 1, spaced = false, last = index
            while last < tokens.count, tokens[last].end - tokens[last].start == 1, text[tokens[last].start] == byte {
                let gap = tokens[last].start - end
                if gap > 1 || (gap == 1 && (byte != 0x2E || text[end] != 0x20)) { break }
                if gap == 1 { spaced = true }
                end = tokens[last].end
                count += 1
                last += 1
            }
            index = last
            guard count >= 2, token.start > 0 else { continue }
            let before = text[token.start - 1]
            if before == 0x20 || before == 0x0A || before == 0x09 { continue }
            if isMaskOrCode(run: token.start..<end, in: text) { continue }
            // A catalogue's message that keeps its source's run ("Waiting for jobs...." → "Attente des tâches....").
            if document.unitSourceContains(document.string(token.start..<end), at: token.start) { continue }
            var replacement = String(UnicodeScalar(byte))
            if byte == 0x2E {
                if spaced { guard count >= 3 else { continue } }
                else { guard count >= 4 && count < 7 else { continue } }
                replacement = "…"
            }
            let run = token.start..<end
            findings.append(finding(run, "\"\(document.string(run))\" is a stuttering punctuation run; write \"\(replacement)\"",
                                    suggestions: [replacement],
                                    fix: Fix(safety: .safe, edits: [Edit(offset: run.lowerBound, length: run.count, replacement: replacement)])))
        }
        return findings
    }

    /// "??:??", "??5??????", "DW_CFA_???", "0xd4??": marks standing for unknown characters in a
    /// template, a mask or an identifier, glued to a letter, digit, colon or underscore after them,
    /// or after a colon, an underscore or a hexadecimal number.
    private func isMaskOrCode(run: Range<Int>, in text: [UInt8]) -> Bool {
        func isCodeByte(_ byte: UInt8) -> Bool {
            ByteScan.isASCIILetter(UInt32(byte)) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "_")
        }
        if run.upperBound < text.count && isCodeByte(text[run.upperBound]) { return true }
        let before = text[run.lowerBound - 1]
        if before == UInt8(ascii: ":") || before == UInt8(ascii: "_") { return true }
        // A mask that starts with the same mark ("??5??????").
        var chunk = run.lowerBound
        while chunk > 0 && text[chunk - 1] > 0x20 { chunk -= 1 }
        if chunk < run.lowerBound && text[chunk] == text[run.lowerBound] { return true }
        // A hexadecimal number: "0x" then hex digits up to the run.
        var start = run.lowerBound
        while start > 0, case let byte = text[start - 1] | 0x20, (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) { start -= 1 }
        return start >= 2 && start < run.lowerBound && text[start - 1] | 0x20 == UInt8(ascii: "x") && text[start - 2] == UInt8(ascii: "0")
    }
}
