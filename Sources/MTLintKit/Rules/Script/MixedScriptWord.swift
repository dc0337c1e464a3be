/// "Frаnce" with a Cyrillic "а": a word mixing confusable letters of two scripts.
public struct MixedScriptWord: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "mixed-script-word",
        family: .script,
        severity: .warning,
        languages: [],
        summary: "A word mixing Latin with Cyrillic or Greek look-alike letters (\"Frаnce\" with a Cyrillic а, \"Москвa\" with a Latin a).",
        rationale: """
            Look-alike letters of another script inside a word (Unicode's "confusables", which ICU's spoof \
            checker is built on) come from keyboards switched mid-word, OCR, and MT systems that copy source \
            fragments: "Frаnce" with a Cyrillic а looks right but breaks search, spell checking, hyphenation and \
            name matching. The rule looks only at words whose letters are all Latin, Cyrillic or Greek and that \
            mix two of these scripts, and only when every letter of the minority script has a look-alike in the \
            majority script (the target language's script wins a tie). The fix writes the look-alikes in the \
            word's main script, which changes nothing visible, so it is safe. Words that mix scripts on purpose \
            with letters that have no look-alike (a Greek "μm" unit, "Ω-3") are left alone.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("Talks in ⟦Frаnce⟧ ended.", lang: "en", fixed: "Talks in France ended."),
            .triggers("Les négociations en ⟦Russiе⟧ ont échoué.", lang: "fr", fixed: "Les négociations en Russie ont échoué."),
            .triggers("Die Gespräche in ⟦Вerlin⟧ endeten.", lang: "de", fixed: "Die Gespräche in Berlin endeten."),
            .triggers("Переговоры в ⟦Москвa⟧ закончились.", lang: "ru", fixed: "Переговоры в Москва закончились."),
            .passes("Talks in France ended; Москва and Berlin replied; 5 μm wide.", lang: "en"),
            .passes("Компания Apple и iPhone в Москве.", lang: "ru"),
        ]
    )

    /// Cyrillic and Greek letters with a Latin look-alike, and the reverse for Cyrillic.
    static let toLatin: [UInt32: UInt32] = [
        0x430: 0x61, 0x435: 0x65, 0x43E: 0x6F, 0x440: 0x70, 0x441: 0x63, 0x443: 0x79, 0x445: 0x78, 0x456: 0x69, 0x458: 0x6A,
        0x455: 0x73, 0x501: 0x64, 0x410: 0x41, 0x412: 0x42, 0x415: 0x45, 0x41A: 0x4B, 0x41C: 0x4D, 0x41D: 0x48, 0x41E: 0x4F,
        0x420: 0x50, 0x421: 0x43, 0x422: 0x54, 0x425: 0x58, 0x406: 0x49, 0x408: 0x4A, 0x405: 0x53,
        0x3BF: 0x6F, 0x391: 0x41, 0x392: 0x42, 0x395: 0x45, 0x396: 0x5A, 0x397: 0x48, 0x399: 0x49, 0x39A: 0x4B, 0x39C: 0x4D,
        0x39D: 0x4E, 0x39F: 0x4F, 0x3A1: 0x50, 0x3A4: 0x54, 0x3A5: 0x59, 0x3A7: 0x58,
    ]
    static let latinToCyrillic: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [:]
        for (cyrillic, latin) in toLatin where cyrillic >= 0x400 && cyrillic < 0x530 && map[latin] == nil { map[latin] = cyrillic }
        return map
    }()

    public func check(_ document: Document) -> [Finding] {
        let targetCyrillic = ["ru", "uk", "be", "bg", "sr", "mk", "kk"].contains(document.language.code)
        var findings: [Finding] = []
        document.text.withUnsafeBufferPointer { buffer in
            var index = ByteScan.nextNonASCII(buffer, from: 0)
            while index < buffer.count {
                let lead = buffer[index]
                // Cyrillic (D0–D4) and Greek (CE, CF) leads only.
                guard lead == 0xCE || lead == 0xCF || (lead >= 0xD0 && lead <= 0xD4) else {
                    index = ByteScan.nextNonASCII(buffer, from: index + ByteScan.length(lead))
                    continue
                }
                // The word around it: letters of any script.
                var start = index, end = index
                while let previous = ByteScan.scalar(before: start, buffer), ByteScan.isLetter(previous.value) { start = previous.start }
                while end < buffer.count {
                    let (scalar, length) = ByteScan.scalar(buffer, end)
                    guard ByteScan.isLetter(scalar) else { break }
                    end += length
                }
                defer { index = ByteScan.nextNonASCII(buffer, from: max(end, index + 1)) }
                var latin: [(Int, UInt32, Int)] = [], other: [(Int, UInt32, Int)] = []
                var cursor = start
                var otherScripts = Set<Script>()
                var unknown = false
                while cursor < end {
                    let (scalar, length) = ByteScan.scalar(buffer, cursor)
                    let script = ScriptLookup.script(of: scalar)
                    if script == .latin { latin.append((cursor, scalar, length)) }
                    else if script == .cyrillic || script == .greek { other.append((cursor, scalar, length)); otherScripts.insert(script) }
                    else { unknown = true }
                    cursor += length
                }
                guard !unknown, !latin.isEmpty, !other.isEmpty, otherScripts.count == 1 else { continue }
                // The minority script's letters become look-alikes of the majority's.
                let toOther = other.count > latin.count || (other.count == latin.count && targetCyrillic)
                var edits: [Edit] = []
                if toOther {
                    guard otherScripts == [.cyrillic] else { continue }
                    for (offset, scalar, length) in latin {
                        guard let mapped = Self.latinToCyrillic[scalar] else { edits = []; break }
                        edits.append(Edit(offset: offset, length: length, replacement: ByteScan.utf8(mapped)))
                    }
                } else {
                    for (offset, scalar, length) in other {
                        guard let mapped = Self.toLatin[scalar] else { edits = []; break }
                        edits.append(Edit(offset: offset, length: length, replacement: ByteScan.utf8(mapped)))
                    }
                }
                guard !edits.isEmpty else { continue }
                let word = document.string(start..<end)
                var fixed = Array(word.utf8)
                for edit in edits.reversed() {
                    fixed.replaceSubrange((edit.offset - start)..<(edit.offset - start + edit.length), with: Array(edit.replacement.utf8))
                }
                let suggestion = String(decoding: fixed, as: UTF8.self)
                findings.append(finding(start..<end,
                                        "\"\(word)\" mixes \(toOther ? "Latin" : (otherScripts.first == .greek ? "Greek" : "Cyrillic")) look-alike letters into a \(toOther ? "Cyrillic" : "Latin") word",
                                        suggestions: [suggestion], fix: Fix(safety: .safe, edits: edits)))
            }
        }
        return findings
    }
}
