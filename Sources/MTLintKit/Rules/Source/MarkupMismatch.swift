/// Inline codes, placeholders, URLs, e-mail addresses, @handles and #hashtags that
/// the translation lost, added or altered.
public struct MarkupMismatch: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "markup-mismatch",
        family: .source,
        severity: .error,
        languages: [],
        summary: "A placeholder, inline tag, URL, e-mail address, @handle or #hashtag of the source missing, added or altered in the translation.",
        rationale: """
            Placeholders ("%s", "{name}", "%(count)d"), inline tags of a translation file and links are code: the \
            software or the page needs each one back exactly once. Machine translation drops them, duplicates \
            them, translates their names ("{nom}") or breaks them with a space ("% s"), and the result crashes \
            a program, loses a link or shows the wrong value. Placeholders and inline codes are compared with the \
            source's as written (printf placeholders only where the unit says it is a format, as PO's c-format \
            does): one the translation has that the source does not is reported on itself, and one it lacks on \
            the unit. Links, e-mail addresses, handles and hashtags may be localised ("exemple.fr"), so only \
            fewer of a kind than in the source is reported. Character references already escaped in the source \
            are text, not codes. A translation may reorder a format's arguments by position ("%2$s" for the \
            source's second "%s"). A hashtag has a letter ("#1" is a number sign, which French writes "n°1"), one whose translation keeps \
            the "#" alone and translates the word ("#lines" → "# de lignes") was read as "number of", and \
            "%#x" is a printf flag; braces around words and commas that name no ICU argument type \
            ("{ascii,ebcdic,ibm}") are an alternation in help text, not a placeholder, and a capitalised name in \
            braces ("{INTEGER}") is help text's metavariable, which a translation translates ("{ENTIER}").
            """,
        fixSafety: nil,
        examples: [
            .triggers("⟦Les résultats sont en ligne.⟧", lang: "fr", source: "The results are at https://example.com/results.", sourceLang: "en"),
            .triggers("⟦Bonjour, merci de votre visite.⟧", lang: "fr", source: "Hello {name}, thanks for visiting.", sourceLang: "en"),
            .triggers("Bonjour ⟦{nom}⟧, merci de votre visite.", lang: "fr", source: "Hello {name}, thanks for visiting.", sourceLang: "en"),
            .triggers("⟦Suivez-nous.⟧", lang: "fr", source: "Follow us on @mtlint.", sourceLang: "en"),
            .triggers("⟦Suivez le mot-clé.⟧", lang: "fr", source: "Follow the #MTLint tag.", sourceLang: "en"),
            // Software strings write "#" for "number of": a translation keeps the sign and translates the word.
            .passes("Éliminer les espaces et les commentaires # du message.", lang: "fr",
                    source: "Strip spaces and #comments from the message.", sourceLang: "en"),
            // A hashtag broken by a space is not a number sign.
            .triggers("⟦Sie sprach über die # MeToo-Bewegung.⟧", lang: "de", source: "She spoke about the #MeToo movement.", sourceLang: "en"),
            .passes("Les résultats sont sur https://exemple.fr/resultats.", lang: "fr",
                    source: "The results are at https://example.com/results.", sourceLang: "en"),
            .passes("Bonjour {name}, merci de votre visite.", lang: "fr", source: "Hello {name}, thanks for visiting.", sourceLang: "en"),
            .passes("Écrivez à presse@example.com ou sur #MTLint.", lang: "fr", source: "Write to presse@example.com or on #MTLint.", sourceLang: "en"),
            // A no-break space inside guillemets is not part of a word: the hashtag after it is kept.
            .passes("Suivez le mot-clé «\u{A0}#MTLint\u{A0}».", lang: "fr", source: "Follow the '#MTLint' tag.", sourceLang: "en"),
            .passes("Opérande n°1 de registre invalide ; valeur 0x%llx.", lang: "fr", source: "invalid register operand #1; value %#llx.", sourceLang: "en"),
            .passes("  {ENTIER}   répéter le motif précédent ENTIER fois", lang: "fr",
                    source: "  {INTEGER}   repeat the previous pattern INTEGER times", sourceLang: "en"),
            .passes("Impossible de combiner deux options parmi ascii, ebcdic et ibm.", lang: "fr",
                    source: "cannot combine any two of {ascii,ebcdic,ibm}.", sourceLang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        var findings: [Finding] = []
        for unit in document.units {
            // Built only for a unit with codes or links: most have neither.
            lazy var target = String(decoding: document.source.bytes[unit.target], as: UTF8.self)
            // Placeholders and inline codes come back exactly, each as often as in the source. Units of a
            // translation file carry their codes; in an article's sentences, the placeholders are found here.
            let (sourceCodes, targetCodes) = unit.sourceCodes.isEmpty && unit.targetCodes.isEmpty
                ? (Placeholders.strings(in: unit.source, flags: unit.flags),
                   Placeholders.mayHold(document.source.bytes[unit.target]) ? Placeholders.strings(in: target, flags: unit.flags) : [])
                : (unit.sourceCodes, unit.targetCodes)
            var expected = sourceCodes
            let added = targetCodes.filter { code in
                guard let index = expected.firstIndex(where: { Self.samePlaceholder($0, code) }) else { return true }
                expected.remove(at: index)
                return false
            }
            for code in added {
                // "{ENTIER}" for "{INTEGER}": help text translates its capitalised metavariables, as it
                // does "FICHIER" for "FILE"; a template's placeholder ("{name}") keeps its name.
                if let counterpart = expected.first, Self.isMetavariable(code), Self.isMetavariable(counterpart) {
                    expected.removeFirst()
                    continue
                }
                guard let local = Self.locate(code, in: target) else { continue }
                let range = (unit.target.lowerBound + local.lowerBound)..<(unit.target.lowerBound + local.upperBound)
                let counterpart = expected.first.map { ", where the source has \($0)" } ?? ""
                findings.append(finding(range, "\(code) is not in the source\(counterpart)", suggestions: expected.prefix(1).map { $0 }))
                if !expected.isEmpty { expected.removeFirst() }
            }
            // Links, addresses, handles and hashtags may be localised ("exemple.fr"), but not dropped.
            let sourceLinks = Self.mayHoldLinks(unit.source) ? Self.codes(in: unit.source) : []
            if !sourceLinks.isEmpty {
                let targetLinks = Self.codes(in: target)
                for kind in LinkKind.allCases where targetLinks.filter({ $0.kind == kind }).count < sourceLinks.filter({ $0.kind == kind }).count {
                    var lost = sourceLinks.filter { $0.kind == kind && !targetLinks.map(\.text).contains($0.text) }.map(\.text)
                    // "#lines" → "# de lignes": a translation that keeps the sign and translates the word read it as "number of".
                    if kind == .hashtag { lost.removeFirst(min(lost.count, Self.numberSigns(in: target))) }
                    expected += lost
                }
            }
            if !expected.isEmpty {
                let range = document.trimmed(unit.target)
                guard !range.isEmpty else { continue }
                let list = expected.map { "\"\($0)\"" }.joined(separator: ", ")
                findings.append(finding(range, "the source's \(expected.count == 1 ? "code" : "codes") \(list) \(expected.count == 1 ? "is" : "are") missing from the translation"))
            }
        }
        return findings
    }

    /// "{INTEGER}", "${VARIABLE}": capitals (and underscores) in braces, two letters at least.
    static func isMetavariable(_ code: String) -> Bool {
        let inner = code.drop { $0 == "$" }
        guard inner.first == "{", inner.last == "}", inner.count >= 4 else { return false }
        return inner.dropFirst().dropLast().allSatisfy { $0.isUppercase || $0 == "_" || $0.isNumber }
    }

    /// "%2$s" and "%s": a translation reorders a format's arguments by their positions.
    static func samePlaceholder(_ a: String, _ b: String) -> Bool {
        func unpositioned(_ code: String) -> Substring {
            guard code.hasPrefix("%"), let dollar = code.firstIndex(of: "$"),
                  code[code.index(after: code.startIndex)..<dollar].allSatisfy(\.isNumber) else { return code[...] }
            return "%" + code[code.index(after: dollar)...]
        }
        return a == b || unpositioned(a) == unpositioned(b)
    }

    enum LinkKind: CaseIterable { case url, address, handle, hashtag }

    /// Whether a text may hold a link, address, handle or hashtag: each has an "@", a "#", the ":" of
    /// a URL's scheme or a "www." (most sentences have none, and are not scanned further).
    static func mayHoldLinks(_ text: String) -> Bool {
        ByteScan.withBytes(of: text) { bytes in
            if ByteScan.holdsAny(of: "@#:", bytes) { return true }
            // "www.": sought from its full stop, a rarer byte than "w".
            var dot = ByteScan.next(UInt8(ascii: "."), bytes, from: 3)
            while dot < bytes.count {
                if bytes[dot - 3] == 0x77 && bytes[dot - 2] == 0x77 && bytes[dot - 1] == 0x77 { return true }
                dot = ByteScan.next(UInt8(ascii: "."), bytes, from: dot + 1)
            }
            return false
        }
    }

    /// "#" standing alone before a word in lower case or none ("# de lignes", "commentaires # du"): software
    /// strings write it for "number of". Before a capital it is a hashtag broken by a space ("# MeToo").
    static func numberSigns(in text: String) -> Int {
        let bytes = Array(text.utf8)
        return bytes.indices.filter { index in
            guard bytes[index] == UInt8(ascii: "#"), index + 1 == bytes.count || bytes[index + 1] == 0x20 else { return false }
            var next = index + 1
            while next < bytes.count && bytes[next] == 0x20 { next += 1 }
            guard next < bytes.count else { return true }
            let scalar = bytes.withUnsafeBufferPointer { ByteScan.scalar($0, next).value }
            return !(Unicode.Scalar(scalar)?.properties.isUppercase ?? false)
        }.count
    }

    /// URLs, e-mail addresses, @handles and #hashtags of a text, with their byte ranges.
    static func codes(in text: String) -> [(text: String, kind: LinkKind)] {
        let bytes = Array(text.utf8)
        let urls = bytes.withUnsafeBufferPointer(ProseMask.urlRanges)
        var found = urls.map { ($0, LinkKind.url) }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            defer { index += 1 }
            guard byte == UInt8(ascii: "@") || byte == UInt8(ascii: "#"), !urls.contains(where: { $0.contains(index) }) else { continue }
            var end = index + 1
            while end < bytes.count && (isWordByte(bytes[end]) || (bytes[end] == UInt8(ascii: ".") && end + 1 < bytes.count && isWordByte(bytes[end + 1]))) { end += 1 }
            guard end > index + 1 else { continue }
            var start = index
            if byte == UInt8(ascii: "@") {
                // An e-mail address: the local part before the @.
                while start > 0 && (isWordByte(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: ".") || bytes[start - 1] == UInt8(ascii: "-")) { start -= 1 }
            } else if start > 0 && (followsWord(bytes, start) || bytes[start - 1] == UInt8(ascii: "%")) {
                continue  // "C#", "F#": part of a word; "%#llx": a printf flag
            } else if !bytes[(index + 1)..<end].contains(where: { $0 >= 0x80 || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }) {
                continue  // "#1", "#2": a number sign ("n°1"), not a hashtag
            }
            // A handle or hashtag starts a word; an address needs a dot in its domain.
            if start == index && index > 0 && followsWord(bytes, index) { continue }
            if start < index && !bytes[(index + 1)..<end].contains(UInt8(ascii: ".")) { continue }
            found.append((start..<end, start < index ? .address : byte == UInt8(ascii: "@") ? .handle : .hashtag))
            index = end
        }
        return found.sorted { $0.0.lowerBound < $1.0.lowerBound }.map { (String(decoding: bytes[$0.0], as: UTF8.self), $0.1) }
    }

    /// Whether a letter, digit or "_" ends right before `index` (a no-break space after « does not).
    private static func followsWord(_ bytes: [UInt8], _ index: Int) -> Bool {
        guard let before = bytes.withUnsafeBufferPointer({ ByteScan.scalar(before: index, $0) })?.value else { return false }
        return before == 0x5F || ByteScan.isLetter(before) || ByteScan.isDigit(before)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func locate(_ code: String, in text: String) -> Range<Int>? {
        guard let found = text.utf8.firstRange(of: code.utf8) else { return nil }
        let start = text.utf8.distance(from: text.utf8.startIndex, to: found.lowerBound)
        return start..<(start + code.utf8.count)
    }
}
