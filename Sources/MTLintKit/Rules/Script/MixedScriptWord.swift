import ICUShim

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
            Look-alike letters of another script inside a word (letters with the same confusable skeleton in \
            ICU's spoof checker, from Unicode's confusables data) come from keyboards switched mid-word, OCR, and MT systems that copy source \
            fragments: "Frаnce" with a Cyrillic а looks right but breaks search, spell checking, hyphenation and \
            name matching. The rule looks only at words whose letters are all Latin, Cyrillic or Greek and that \
            mix two of these scripts, and only when every letter of the minority script has a look-alike in the \
            majority script (the target language's script wins a tie). The fix writes the look-alikes in the \
            word's main script, which changes nothing visible, so it is safe. Words that mix scripts on purpose \
            with letters that have no look-alike (a Greek "μm" unit, "Ω-3") are left alone, and so are two \
            tokens written together, where the case changes with the script (an option letter and a translated \
            metavariable "csН", "pБРВ"; a prefix and a capitalised word "IСвободно"), and the letters of a printf \
            conversion glued to the next word ("%sАвтор").
            """,
        fixSafety: .safe,
        examples: [
            .triggers("Talks in ⟦Frаnce⟧ ended.", lang: "en", fixed: "Talks in France ended."),
            .triggers("Les négociations en ⟦Russiе⟧ ont échoué.", lang: "fr", fixed: "Les négociations en Russie ont échoué."),
            .triggers("Die Gespräche in ⟦Вerlin⟧ endeten.", lang: "de", fixed: "Die Gespräche in Berlin endeten."),
            .triggers("Переговоры в ⟦Москвa⟧ закончились.", lang: "ru", fixed: "Переговоры в Москва закончились."),
            .passes("Talks in France ended; Москва and Berlin replied; 5 μm wide.", lang: "en"),
            .passes("Компания Apple и iPhone в Москве.", lang: "ru"),
            .passes("%sАвтор: %s; Строки, начинающиеся с %cбудут удалены.", lang: "ru"),
            .passes(" * csН     установить размер символа равным Н бит; -pБРВ; IСвободно", lang: "ru"),
            .triggers("⟦Cервер⟧ прокси неожиданно закрыл соединение; ⟦AРГ⟧2.", lang: "ru",
                      fixed: "Сервер прокси неожиданно закрыл соединение; АРГ2."),
        ]
    )

    /// Cyrillic and Greek letters with a Latin look-alike of the same case, and the reverse for
    /// Cyrillic: letters whose confusable skeletons (ICU's spoof checker, Unicode's confusables
    /// data) are equal. Built once from ICU.
    static let toLatin: [UInt32: UInt32] = lookAlikes(of: Array(0x370...0x3FF) + cyrillicLetters, among: latinLetters)
    static let latinToCyrillic: [UInt32: UInt32] = lookAlikes(of: latinLetters, among: cyrillicLetters)

    private static let latinLetters = Array(0x41...0x5A) + Array(0x61...0x7A)
    /// Russian's own letters first, so that they win over the rarer ones of other Cyrillic alphabets.
    private static let cyrillicLetters = Array(0x410...0x44F) + Array(0x400...0x40F) + Array(0x450...0x52F)

    private static func lookAlikes(of letters: [Int], among targets: [Int]) -> [UInt32: UInt32] {
        func scalar(_ value: Int) -> Unicode.Scalar? { Unicode.Scalar(UInt32(value)).flatMap { $0.properties.isAlphabetic ? $0 : nil } }
        var targetBySkeleton: [String: [Unicode.Scalar]] = [:]
        for value in targets {
            if let target = scalar(value), case let key = skeleton(target), !key.isEmpty { targetBySkeleton[key, default: []].append(target) }
        }
        var map: [UInt32: UInt32] = [:]
        for value in letters {
            guard let letter = scalar(value), case let key = skeleton(letter), !key.isEmpty, let candidates = targetBySkeleton[key],
                  let match = candidates.first(where: { $0.properties.isUppercase == letter.properties.isUppercase }) else { continue }
            map[letter.value] = match.value
        }
        return map
    }

    private static func skeleton(_ scalar: Unicode.Scalar) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        guard mtl_confusable_skeleton(scalar.value, &buffer, 64) > 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

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
                // Every lead byte D0–D4 is a word of Cyrillic letters only (U+0400–U+052F): nothing to
                // mix, so the script of each letter need not be looked up (most words of Russian text).
                if buffer[start..<end].allSatisfy({ ($0 >= 0x80 && $0 <= 0xBF) || ($0 >= 0xD0 && $0 <= 0xD4) }) { continue }
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
                guard !unknown, !latin.isEmpty, !other.isEmpty, otherScripts.count == 1,
                      !followsPlaceholder(start, latin: latin, buffer),
                      !joinsTwoTokens(latin: latin, other: other) else { continue }
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

    /// "%sАвтор", "%-17sвключить", "%0AДалее": the Latin letters that open the word close a printf
    /// conversion or a %-escape glued to it (at most three: length modifiers and the conversion).
    private func followsPlaceholder(_ start: Int, latin: [(Int, UInt32, Int)], _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard latin.count <= 3, latin.first?.0 == start,
              latin.enumerated().allSatisfy({ $0.element.0 == start + $0.offset }) else { return false }
        var index = start
        while index > 0, case let byte = buffer[index - 1], (byte >= 0x30 && byte <= 0x39) || Array("-+#.$*".utf8).contains(byte) {
            index -= 1
            if start - index > 8 { return false }
        }
        return index > 0 && buffer[index - 1] == UInt8(ascii: "%")
    }

    /// Two tokens written together, each in its own script and case: an option letter or keyword
    /// and a translated metavariable ("csН", "pБРВ", "-cТЕГ"), a prefix and a capitalised word
    /// ("IСвободно", "ДдYy"), a metavariable and a literal suffix ("ПРЕФИКСaa"). The case changes where
    /// the script does; a look-alike slipped into a word ("Cервер", "Tип", "Малайaлам") keeps the
    /// word's own case pattern: its second part does not start with a capital.
    private func joinsTwoTokens(latin: [(Int, UInt32, Int)], other: [(Int, UInt32, Int)]) -> Bool {
        let latinFirst = latin[0].0 < other[0].0
        let (first, second) = latinFirst ? (latin, other) : (other, latin)
        // Two runs only: every letter of the first script before every letter of the second.
        guard let lastOfFirst = first.last, lastOfFirst.0 < second[0].0 else { return false }
        func isUpper(_ scalar: UInt32) -> Bool { Unicode.Scalar(scalar)?.properties.isUppercase ?? false }
        func isLower(_ scalar: UInt32) -> Bool { Unicode.Scalar(scalar)?.properties.isLowercase ?? false }
        let firstAllUpper = first.allSatisfy { isUpper($0.1) }
        // "pБРВ", "IСвободно": the second part starts with a capital, unless the whole word is in
        // capitals ("AРГ" is a look-alike in "АРГ").
        if isUpper(second[0].1) { return !(firstAllUpper && second.allSatisfy { isUpper($0.1) }) }
        // "ПРЕФИКСaa": several capitals, then lower case.
        return first.count >= 2 && firstAllUpper && second.allSatisfy { isLower($0.1) }
    }
}
