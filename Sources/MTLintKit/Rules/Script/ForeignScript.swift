/// 中新网 or "Корея" left untranslated in an English article.
public struct ForeignScript: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "foreign-script",
        family: .script,
        severity: .warning,
        languages: [],
        summary: "A word or run in a script the target language does not use (Chinese characters or Cyrillic in English, Latin inside Russian words is mixed-script-word's).",
        rationale: """
            MT systems copy what they cannot translate: agency names (中新网), people's names, whole clauses \
            in the source script. A reader of the target language cannot read them, and they are a strong sign \
            of an untranslated fragment. The target's scripts come from its ICU exemplar set (the letters CLDR \
            lists for the language, plus the auxiliary set); Latin is always accepted, since brand names and \
            acronyms are written in it everywhere. Letters of any other script are flagged as one run per \
            stretch of text, except inside parentheses or quotation marks, where names in their original \
            script and quotations are legitimate ("Kim Jong-un (김정은)"), and single letters (a Greek α or μ used as a \
            symbol, one character cited as an example); a line with no word in the target's script at all is a block in another language, \
            not a fragment. There is no mechanical fix: the fragment needs translating or transliterating.
            """,
        fixSafety: nil,
        examples: [
            .triggers("According to ⟦中新网⟧, the talks ended.", lang: "en"),
            .triggers("The ministry of ⟦Республики Корея⟧ said no.", lang: "en"),
            .triggers("Selon ⟦新华社⟧, le sommet a échoué.", lang: "fr"),
            .triggers("Laut ⟦Агентство⟧ endeten die Gespräche.", lang: "de"),
            .triggers("据⟦Корея⟧报道，会谈结束了。", lang: "zh"),
            .passes("Kim Jong-un (김정은) met Xi Jinping (习近平); 5 μm; the “Правда” headline.", lang: "en"),
            .passes("Компания Apple выпустила iPhone.", lang: "ru"),
            .passes("東京で会議が開かれた。", lang: "ja"),
            .passes("A caption in the original follows.\n\nשלום עולם", lang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        let exemplars = document.language.exemplars
        let auxiliary = document.language.auxiliaryExemplars
        var allowed: [Script: Bool] = [.latin: true, .common: true, .inherited: true]
        func isAllowed(_ script: Script, _ scalar: UInt32) -> Bool {
            if let known = allowed[script] { return known }
            var ok = false
            if let value = Unicode.Scalar(scalar) {
                ok = exemplars?.contains(value) == true || auxiliary?.contains(value) == true
            }
            // Japanese uses Han and kana; Chinese Han; Korean Han and Hangul — trust one exemplar hit per script.
            if script == .han && ["zh", "ja", "ko"].contains(document.language.code) { ok = true }
            if (script == .hiragana || script == .katakana) && document.language.code == "ja" { ok = true }
            allowed[script] = ok
            return ok
        }
        var findings: [Finding] = []
        document.text.withUnsafeBufferPointer { buffer in
            var index = ByteScan.nextNonASCII(buffer, from: 0)
            var runStart = -1, runEnd = -1, runLetters = 0, runScript = Script.common
            func flush() {
                defer { runStart = -1; runLetters = 0 }
                guard runStart >= 0 else { return }
                if runLetters < (runScript == .greek ? 3 : 2) { return }   // a lone letter is a symbol or an example
                // Look-alike letters inside a Latin word are mixed-script-word's business.
                let before = ByteScan.scalar(before: runStart, buffer)?.value ?? 0x20
                let after = runEnd < buffer.count ? ByteScan.scalar(buffer, runEnd).value : 0x20
                if ByteScan.isASCIILetter(before) || ByteScan.isASCIILetter(after) { return }
                if enclosed(buffer, runStart, runEnd) || !lineHasTargetWord(buffer, runStart, isAllowed) { return }
                let run = document.string(runStart..<runEnd)
                findings.append(finding(runStart..<runEnd, "\"\(run)\" is written in \(runScript) script, which \(document.language.code) text does not use: an untranslated fragment?"))
            }
            while index < buffer.count {
                let lead = buffer[index]
                // Latin-1, Latin Extended, IPA, diacritics (leads below 0xCD) and general punctuation,
                // symbols and arrows (0xE2) hold no letters of another script: skip them without ICU.
                if (lead < 0xCD || lead == 0xE2) && runStart < 0 {
                    index = ByteScan.nextNonASCII(buffer, from: index + ByteScan.length(lead))
                    continue
                }
                let (scalar, length) = ByteScan.scalar(buffer, index)
                let script = ScriptLookup.script(of: scalar)
                let isLetter = ByteScan.isLetter(scalar)
                if isLetter && !isAllowed(script, scalar) {
                    // Extend the run over spaces and letters of the same script.
                    if runStart >= 0 && script == runScript && gapIsSpace(buffer, runEnd, index) {
                        runEnd = index + length
                    } else {
                        flush()
                        runStart = index; runEnd = index + length; runScript = script
                    }
                    runLetters += 1
                } else if runStart >= 0 && !(ByteScan.isSpace(scalar)) && script != .common && script != .inherited {
                    flush()
                }
                index = ByteScan.nextNonASCII(buffer, from: index + length)
                if runStart >= 0 && index > runEnd && !gapIsSpace(buffer, runEnd, min(index, buffer.count)) { flush() }
            }
            flush()
        }
        return findings
    }

    /// A line without any word in the target's scripts is a block in another language (a quotation,
    /// a caption in the original), not a fragment left untranslated inside the text.
    private func lineHasTargetWord(_ buffer: UnsafeBufferPointer<UInt8>, _ at: Int,
                                   _ isAllowed: (Script, UInt32) -> Bool) -> Bool {
        var start = at
        while start > 0 && buffer[start - 1] != 0x0A && at - start < 2000 { start -= 1 }
        var index = start, previousAllowed = false
        while index < buffer.count && buffer[index] != 0x0A && index - at < 2000 {
            let (scalar, length) = ByteScan.scalar(buffer, index)
            let script = ScriptLookup.script(of: scalar)
            let allowedLetter = ByteScan.isLetter(scalar) && script != .common && script != .inherited && isAllowed(script, scalar)
            if allowedLetter && previousAllowed { return true }
            previousAllowed = allowedLetter
            index += length
        }
        return false
    }

    private func gapIsSpace(_ buffer: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        guard to - from <= 3 else { return false }
        var offset = from
        while offset < to { if buffer[offset] != 0x20 { return false }; offset += 1 }
        return true
    }

    /// Inside ( ) or quotation marks on the same line.
    private func enclosed(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var left = start, opener: UInt32 = 0
        while let previous = ByteScan.scalar(before: left, buffer), start - previous.start < 200, previous.value != 0x0A {
            let v = previous.value
            if v == 0x28 || v == 0xFF08 || QuoteAnalysis.doubleMarks.contains(v) || v == 0x2018 { opener = v; break }
            if v == 0x29 || v == 0xFF09 { return false }
            left = previous.start
        }
        guard opener != 0 else { return false }
        var right = end
        while right < buffer.count && right - end < 200 {
            let (v, length) = ByteScan.scalar(buffer, right)
            if v == 0x0A { return false }
            if v == 0x29 || v == 0xFF09 || QuoteAnalysis.doubleMarks.contains(v) || v == 0x2019 { return true }
            right += length
        }
        return false
    }
}
