/// "&amp;", "&#8217;", "&quot;": HTML character references left in plain text.
public struct HTMLEntity: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "html-entity",
        family: .encoding,
        severity: .warning,
        languages: [],
        summary: "An HTML character reference left in the text (\"&amp;\", \"&#8217;\", \"&quot;\").",
        rationale: """
            Translation pipelines escape text for HTML or XML before sending it to an engine and sometimes \
            forget to unescape the result, so readers see "AT&amp;T", "don&#8217;t" or "&quot;yes&quot;". \
            A character reference is recognised only in its complete form (a known name or a decimal or \
            hexadecimal code point, ended by ";"), so an ampersand in prose ("R&D", "Q&A") is never touched. \
            The fix writes the character the reference stands for; a doubly escaped "&amp;#8217;" is undone \
            one level per pass. References inside Markdown code are not prose and are not checked, and in a \
            translation file a reference that the unit's source writes too is the message's own text (a parser \
            naming "&amp;", a keyboard layout "&lt; &gt;"), not an escaping left over.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("Shares of AT⟦&amp;⟧T rose.", lang: "en", fixed: "Shares of AT&T rose."),
            .triggers("The minister said she didn⟦&#8217;⟧t know.", lang: "en", fixed: "The minister said she didn’t know."),
            .triggers("Il a répondu ⟦&laquo;⟧⟦&nbsp;⟧non⟦&nbsp;⟧⟦&raquo;⟧.", lang: "fr", fixed: "Il a répondu «\u{A0}non\u{A0}»."),
            .triggers("Er sagte ⟦&#x201E;⟧Ja⟦&#x201C;⟧.", lang: "de", fixed: "Er sagte „Ja“."),
            .triggers("Компания ⟦&quot;⟧Газпром⟦&quot;⟧ заявила.", lang: "ru", fixed: "Компания \"Газпром\" заявила."),
            .passes("R&D spending and Q&A sessions; Tom & Jerry; a&b;c.", lang: "en"),
            .passes("Les « R&D » coûtent cher.", lang: "fr"),
            .passes("Les entités valides sont : &amp; &quot; &lt; &gt;.", lang: "fr",
                    source: "Valid entities are: &amp; &quot; &lt; &gt;.", sourceLang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        document.text.withUnsafeBufferPointer { buffer -> [Finding] in
            var findings: [Finding] = []
            var index = ByteScan.next(0x26, buffer, from: 0)
            while index < buffer.count {
                if let (end, character) = reference(buffer, index),
                   case let original = document.string(index..<end), !document.unitSourceContains(original, at: index) {
                    findings.append(finding(index..<end,
                                            "\(original) is an HTML character reference left in the text; it should be \"\(character)\"",
                                            suggestions: [character],
                                            fix: Fix(safety: .safe, edits: [Edit(offset: index, length: end - index, replacement: character)])))
                    index = end
                } else {
                    index += 1
                }
                index = ByteScan.next(0x26, buffer, from: index)
            }
            return findings
        }
    }

    /// The end of a complete reference at `start` ("&" … ";") and its character.
    private func reference(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int) -> (Int, String)? {
        var index = start + 1
        guard index < buffer.count else { return nil }
        if buffer[index] == UInt8(ascii: "#") {
            index += 1
            var radix: UInt32 = 10
            if index < buffer.count && (buffer[index] | 0x20) == UInt8(ascii: "x") { radix = 16; index += 1 }
            var value: UInt32 = 0, digits = 0
            while index < buffer.count, digits < 7, let digit = hexValue(buffer[index]), digit < radix {
                value = value * radix + digit
                digits += 1
                index += 1
            }
            guard digits > 0, index < buffer.count, buffer[index] == UInt8(ascii: ";"),
                  value >= 0x20, value != 0x7F, !(0x80...0x9F).contains(value),
                  let scalar = Unicode.Scalar(value) else { return nil }
            return (index + 1, String(Character(scalar)))
        }
        let nameStart = index
        while index < buffer.count, index - nameStart < 10,
              (buffer[index] | 0x20) >= 0x61 && (buffer[index] | 0x20) <= 0x7A || (buffer[index] >= 0x30 && buffer[index] <= 0x39) {
            index += 1
        }
        guard index > nameStart, index < buffer.count, buffer[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: buffer[nameStart..<index], as: UTF8.self)
        guard let scalar = HTMLEntity.named[name], let value = Unicode.Scalar(scalar) else { return nil }
        return (index + 1, String(Character(value)))
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    /// The HTML named references that occur in prose (HTML 4's Latin-1, typographic and symbol sets).
    static let named: [String: UInt32] = {
        var table: [String: UInt32] = [
            "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "nbsp": 0xA0, "shy": 0xAD,
            "ndash": 0x2013, "mdash": 0x2014, "hellip": 0x2026, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A,
            "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "laquo": 0xAB, "raquo": 0xBB, "lsaquo": 0x2039,
            "rsaquo": 0x203A, "euro": 0x20AC, "pound": 0xA3, "yen": 0xA5, "cent": 0xA2, "copy": 0xA9, "reg": 0xAE,
            "trade": 0x2122, "deg": 0xB0, "middot": 0xB7, "bull": 0x2022, "times": 0xD7, "divide": 0xF7,
            "plusmn": 0xB1, "para": 0xB6, "sect": 0xA7, "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE,
            "thinsp": 0x2009, "ensp": 0x2002, "emsp": 0x2003, "iexcl": 0xA1, "iquest": 0xBF, "szlig": 0xDF,
            "ordf": 0xAA, "ordm": 0xBA, "micro": 0xB5, "sup2": 0xB2, "sup3": 0xB3, "dagger": 0x2020, "permil": 0x2030,
            "oelig": 0x153, "OElig": 0x152, "aelig": 0xE6, "AElig": 0xC6, "oslash": 0xF8, "Oslash": 0xD8,
            "aring": 0xE5, "Aring": 0xC5, "ccedil": 0xE7, "Ccedil": 0xC7, "ntilde": 0xF1, "Ntilde": 0xD1,
            "yuml": 0xFF, "eth": 0xF0, "thorn": 0xFE,
        ]
        // Accented vowels: &eacute; &Agrave; &ouml; …
        let accents: [(String, [Character: UInt32])] = [
            ("acute", ["a": 0xE1, "e": 0xE9, "i": 0xED, "o": 0xF3, "u": 0xFA, "y": 0xFD]),
            ("grave", ["a": 0xE0, "e": 0xE8, "i": 0xEC, "o": 0xF2, "u": 0xF9]),
            ("circ", ["a": 0xE2, "e": 0xEA, "i": 0xEE, "o": 0xF4, "u": 0xFB]),
            ("uml", ["a": 0xE4, "e": 0xEB, "i": 0xEF, "o": 0xF6, "u": 0xFC]),
            ("tilde", ["a": 0xE3, "o": 0xF5]),
        ]
        for (suffix, letters) in accents {
            for (letter, value) in letters {
                table["\(letter)\(suffix)"] = value
                table["\(letter.uppercased())\(suffix)"] = value - 0x20
            }
        }
        return table
    }()
}
