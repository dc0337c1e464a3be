import ICUShim

/// A number of the source that the translation changed or left out.
public struct NumberMismatch: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "number-mismatch",
        family: .source,
        severity: .warning,
        languages: [],
        summary: "A number in the source that is different or missing in its translation (2023 → 2024, \"3 million\" → \"3,000\").",
        rationale: """
            A changed digit is the most damaging small error machine translation makes: a casualty count, a \
            price or a year that reads fluently and is wrong. Each unit's numbers are read in its own language \
            through ICU: the locale's decimal and grouping separators ("1 200,5" in French is 1,200.5 in \
            English), its number words ("two" is 2, via ICU's spell-out rules), scale words ("1.2 billion" \
            is "12亿"), and clock times in 12- or 24-hour form; a number after a version's "v" or a code of up to \
            three capitals ("v2.33", "USD11.16") is read, while digits glued to a longer word ("MIPS32r2") name a \
            thing and are not. A number of the source that no number of the \
            translation equals is reported: on the translation's number that took its place, or on the unit when \
            none did. Imperial measures of an English source ("200 feet") are left alone, since translators \
            convert them. Months written as numbers in Chinese and Japanese dates ("3月") are left alone, since a \
            translation names the month instead. Numbers the translation adds are not reported: they are \
            usually conversions or clarifications.
            """,
        fixSafety: nil,
        examples: [
            .triggers("The budget rose to ⟦2.4⟧ billion euros in 2023.", lang: "en",
                      source: "Le budget est passé à 2,5 milliards d'euros en 2023.", sourceLang: "fr"),
            .triggers("⟦The company hired new staff.⟧", lang: "en", source: "公司新招聘了300名员工。", sourceLang: "zh"),
            .passes("The budget rose to 2.5 billion euros in 2023.", lang: "en",
                    source: "Le budget est passé à 2,5 milliards d'euros en 2023.", sourceLang: "fr"),
            .passes("Der Preis lag bei 1.200,50 Euro.", lang: "de", source: "The price was 1,200.50 euros.", sourceLang: "en"),
            // Number words of every gender ICU spells ("une", "eine"); a version after "v"; an amount after a currency code.
            .passes("Génération de statistiques pour une cible.", lang: "fr", source: "Generating statistics (1 target)", sourceLang: "en"),
            .passes("Redescendez à la version 2.33 ou antérieure.", lang: "fr", source: "Or downgrade to v2.33, or earlier.", sourceLang: "en"),
            .passes("La version prend en charge TLSv1.3.", lang: "fr", source: "The version supports TLS 1.3.", sourceLang: "en"),
            .triggers("The prize money will reach USD⟦11.6⟧ million.", lang: "en", source: "总奖金将达到1116万美元。", sourceLang: "zh"),
            // Numbered names are not quantities; a model's number is.
            .passes("Les arguments sont « RÉP1 RÉP2 » ou « FICHIER RÉP ».", lang: "fr", source: "Arguments are 'DIR1 DIR2' or 'FILE DIR'.", sourceLang: "en"),
            .triggers("Ne pas corriger l'erratum du Cortex-A⟦8⟧.", lang: "fr", source: "Do not fix Cortex-A53 erratum.", sourceLang: "en"),
            // Commas that group no thousands list numbers.
            .passes("Le type doit être 0, 1 ou 2 seulement.", lang: "fr", source: "Type must be 0,1,2 only.", sourceLang: "en"),
            .passes("Two ministers resigned on March 5.", lang: "en", source: "3月5日，两名部长辞职。", sourceLang: "zh"),
            .passes("China's exports grew by 1.2 billion yuan.", lang: "en", source: "中国出口增长了12亿元。", sourceLang: "zh"),
            .passes("The meeting starts at 8 pm.", lang: "en", source: "Die Sitzung beginnt um 20 Uhr.", sourceLang: "de"),
            .passes("Die Eisberge ragten 60 Meter aus dem Wasser.", lang: "de", source: "The icebergs rose 200 feet out of the water.", sourceLang: "en"),
            // Chinese magnitudes: a range sharing one scale word, and units written after 万.
            .passes("Investment will be between 60 and 85 billion yuan.", lang: "en", source: "投资额将在600至850亿元之间。", sourceLang: "zh"),
            .passes("The city has 117,015 residents.", lang: "en", source: "全市常住人口11万7015人。", sourceLang: "zh"),
            // A scale word joined by a hyphen, a multiple in one word, a whole hour.
            .passes("Das Unternehmen sammelte 31 Milliarden Dollar ein.", lang: "de", source: "The company raised US$31-billion.", sourceLang: "en"),
            .passes("Die Preise stiegen in einem Jahr zehnmal.", lang: "de", source: "Prices rose 10 times in a year.", sourceLang: "en"),
            .passes("Die Rakete hat zweieinhalb Millionen Teile.", lang: "de", source: "The rocket has 2.5 million parts.", sourceLang: "en"),
            .passes("Die Sitzung beginnt um 7 Uhr.", lang: "de", source: "The meeting starts at 7:00.", sourceLang: "en"),
            // Numbers a translation writes in words or localises: after a comparison, a small ordinal, an example.
            .passes("Le fichier XPM a une largeur d'image négative ou nulle", lang: "fr", source: "XPM file has image width <= 0", sourceLang: "en"),
            .passes("L'exposant est négatif ; le port est non nul.", lang: "fr", source: "The exponent is less than 0; the port is non-0.", sourceLang: "en"),
            .passes("Afficher un octet nul après le nom.", lang: "fr", source: "Print a 0 byte after the name.", sourceLang: "en"),
            .passes("Exemple : lun. 7 août 2006 12:34:56", lang: "fr", source: "Example: Mon, 14 Aug 2006 02:34:56", sourceLang: "en"),
            .triggers("⟦Le port doit être positif.⟧", lang: "fr", source: "The port must be 80.", sourceLang: "en"),
            .passes("Ceci est le premier message de validation :", lang: "fr", source: "This is the 1st commit message:", sourceLang: "en"),
            .passes("Indiquez l'heure, par ex. 15:30 ou 14:15:20.", lang: "fr", source: "Enter the time, e.g. 11:35 or 2:35:20.", sourceLang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        guard !document.units.isEmpty, let sourceLanguage = document.sourceLanguage else { return [] }
        let sourceReading = NumberReading.forLanguage(sourceLanguage.code)
        let targetReading = NumberReading.forLanguage(document.language.code)
        var findings: [Finding] = []
        let article = document.alignedSource
        for (index, unit) in document.units.enumerated() where Self.hasDigit(unit.source) {
            // The masked text: numbers inside code are not prose. An article's source is masked as the
            // translation is, as a whole (a line's shape tells code); a file's source unit by unit.
            // Placeholders ("%15s") are code, hidden in the target as in the source.
            let masked = article.map { Self.withoutPlaceholders(Array($0.document.text[$0.ranges[index]]), flags: unit.flags) }
                ?? Self.withoutCodes(unit.source, flags: unit.flags)
            let read = masked.withUnsafeBufferPointer { sourceReading.numbers(in: $0, spelledOut: false) }
            guard !read.isEmpty else { continue }
            let sourceBytes = Array(unit.source.utf8)
            let examples = Self.exampleClauses(in: sourceBytes, language: sourceLanguage.code, before: read.last!.range.lowerBound)
            let sourceNumbers = read.filter { number in
                !isDateMonth(number, in: sourceBytes) && !isImperialMeasure(number, in: sourceBytes)
                    && !Self.isWordLike(number, in: sourceBytes) && !examples.contains { $0.contains(number.range.lowerBound) }
            }
            guard !sourceNumbers.isEmpty else { continue }
            let target = document.text[unit.target]
            // Most translations write the source's numbers in digits: the number words are read only when
            // a number is not found among them.
            var targetNumbers = target.withUnsafeBufferPointer { targetReading.numbers(in: $0, spelledOut: false) }
            var missing = Self.unmatched(sourceNumbers, in: &targetNumbers)
            if !missing.isEmpty {
                targetNumbers = target.withUnsafeBufferPointer { targetReading.numbers(in: $0) }
                missing = Self.unmatched(sourceNumbers, in: &targetNumbers)
            }
            guard !missing.isEmpty else { continue }
            // Digits the translation has in place of the source's.
            let replacements = targetNumbers.filter { !$0.spelledOut }
            for (index, number) in missing.enumerated() {
                let written = String(decoding: sourceBytes[number.range], as: UTF8.self)
                if index < replacements.count {
                    let range = (unit.target.lowerBound + replacements[index].range.lowerBound)..<(unit.target.lowerBound + replacements[index].range.upperBound)
                    findings.append(finding(range, "the source has \(written) here; \"\(document.string(range))\" is a different number",
                                            suggestions: [written]))
                } else {
                    let range = document.trimmed(unit.target)
                    guard !range.isEmpty else { continue }
                    findings.append(finding(range, "the source's number \(written) is missing from this translation"))
                }
            }
        }
        return findings
    }

    /// The source's numbers that no number of the translation equals; those that do are taken out of `target`.
    static func unmatched(_ source: [NumberMention], in target: inout [NumberMention]) -> [NumberMention] {
        var missing: [NumberMention] = []
        for number in source {
            // The same digits read the same way first: "eine" may be an article, and "1" written as it is
            // must not be left over (while "3,000" may read 3 too, it is first 3000).
            if let match = target.firstIndex(where: { !$0.spelledOut && $0.values.first == number.values.first })
                ?? target.firstIndex(where: { NumberReading.sameNumber($0, number) }) {
                target.remove(at: match)
            } else {
                missing.append(number)
            }
        }
        return missing
    }

    /// Most sentences have no digit: they are passed over without being read.
    static func hasDigit(_ text: String) -> Bool {
        // ASCII or full-width (U+FF10–FF19, EF BC 90–99), sought as the number reader seeks them.
        ByteScan.withBytes(of: text) { bytes in bytes.baseAddress.map { mtl_digit_span($0, Int64(bytes.count), nil) >= 0 } ?? false }
    }

    static func withoutCodes(_ text: String, flags: Set<String>) -> [UInt8] {
        // Hidden as the target is: URLs and code-shaped lines (`ProseMask`), then placeholders.
        withoutPlaceholders(ProseMask.mask(Array(text.utf8), markdown: false), flags: flags)
    }

    static func withoutPlaceholders(_ bytes: [UInt8], flags: Set<String>) -> [UInt8] {
        guard Placeholders.mayHold(bytes[...]) else { return bytes }
        var bytes = bytes
        for range in Placeholders.ranges(in: bytes, flags: flags) { for index in range { bytes[index] = 0x20 } }
        return bytes
    }

    /// Numbers a translation writes in words or rightly changes: after a comparison ("width <= 0",
    /// "négative ou nulle"), a zero compared in words ("less than 0" is "négatif", "non-0" is
    /// "non nul"), and small ordinals ("the 1st message", "le premier message").
    static func isWordLike(_ number: NumberMention, in bytes: [UInt8]) -> Bool {
        var before = number.range.lowerBound
        while before > 0 && (bytes[before - 1] == 0x20 || (number.values.first == 0 && bytes[before - 1] == 0x2D)) { before -= 1 }
        if before > 0 && [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "=")].contains(bytes[before - 1]) { return true }
        if number.values.first == 0 {
            var start = before
            while start > 0 && (bytes[start - 1] | 0x20) >= 0x61 && (bytes[start - 1] | 0x20) <= 0x7A { start -= 1 }
            let word = String(decoding: bytes[start..<before].map(CaseFolding.asciiLower), as: UTF8.self)
            if Self.zeroComparisons.contains(word) { return true }
        }
        let end = number.range.upperBound
        guard number.values.first.map({ $0 >= 1 && $0 <= 10 }) == true, end + 2 <= bytes.count else { return false }
        let suffix = String(decoding: bytes[end..<(end + 2)], as: UTF8.self).lowercased()
        let glued = end + 2 == bytes.count || !((bytes[end + 2] | 0x20) >= 0x61 && (bytes[end + 2] | 0x20) <= 0x7A)
        return glued && ["st", "nd", "rd", "th"].contains(suffix)
    }

    /// Words before a zero that make it a comparison (English sources): "greater than 0", "non-0", "below 0".
    static let zeroComparisons: Set<String> = ["than", "non", "below", "above"]

    /// Words that introduce examples, which translators localise (a date, a time, a sample value).
    static let exampleMarkers: [String: [String]] = [
        "en": ["e.g.", "for example", "for instance", "such as", "example:"], "fr": ["p. ex.", "par ex.", "par exemple", "exemple :"],
        "de": ["z. B.", "z.B.", "zum Beispiel", "Beispiel:"], "es": ["p. ej.", "por ejemplo"], "it": ["ad es.", "per esempio", "ad esempio"],
        "pt": ["p. ex.", "por exemplo"], "ru": ["напр.", "например"],
    ]

    /// The markers lower-cased, as bytes.
    static let exampleNeedles = exampleMarkers.mapValues { $0.map { Array($0.lowercased().utf8) } }

    /// The stretches of a source that give examples: from a marker to the end of its sentence or line.
    /// Only markers that end by `limit` are sought (a stretch must start by the last number to hold one).
    static func exampleClauses(in bytes: [UInt8], language: String, before limit: Int) -> [Range<Int>] {
        guard let needles = exampleNeedles[language] else { return [] }
        let lowered = bytes[..<min(limit, bytes.count)].map(CaseFolding.asciiLower)
        var clauses: [Range<Int>] = []
        for needle in needles {
            var from = 0
            while let found = lowered.firstOffset(of: needle, from: from) {
                let start = found + needle.count
                var end = start
                while end < bytes.count && bytes[end] != 0x0A && !(bytes[end] == UInt8(ascii: ".") && (end + 1 == bytes.count || bytes[end + 1] == 0x20)) {
                    end += 1
                }
                clauses.append(start..<end)
                from = start
            }
        }
        return clauses
    }

    /// "3月" (March) in a Chinese or Japanese date: the translation writes the month's name.
    private func isDateMonth(_ number: NumberMention, in bytes: [UInt8]) -> Bool {
        guard number.values.first.map({ $0 >= 1 && $0 <= 12 }) == true, number.range.upperBound < bytes.count else { return false }
        return String(decoding: bytes[number.range.upperBound..<min(bytes.count, number.range.upperBound + 3)], as: UTF8.self) == "月"
    }

    /// Imperial measures ("200 feet", "100°F") are converted by translators: the number changes rightly.
    private func isImperialMeasure(_ number: NumberMention, in bytes: [UInt8]) -> Bool {
        // Every unit starts with a letter or "°" (C2 B0) after spaces or a hyphen: most numbers are followed by neither.
        var next = number.range.upperBound
        while next < bytes.count && (bytes[next] == 0x20 || bytes[next] == 0x2D || bytes[next] == 0xC2 && next + 1 < bytes.count && bytes[next + 1] == 0xA0) {
            next += bytes[next] == 0xC2 ? 2 : 1
        }
        guard next < bytes.count, Self.imperialInitials.contains(bytes[next] | 0x20) || bytes[next] == 0xC2 else { return false }
        // The unit is read within 12 bytes of the number, lower-cased, and must end its word.
        let end = min(bytes.count, number.range.upperBound + 12)
        guard next < end else { return false }
        return bytes[next..<end].withUnsafeBufferPointer { after in
            Self.imperialUnitBytes.contains { unit in
                guard unit.count <= after.count, zip(unit, after).allSatisfy({ $0 == CaseFolding.asciiLower($1) }) else { return false }
                guard unit.count < after.count, ByteScan.length(after[unit.count]) <= after.count - unit.count else { return true }
                return !(Unicode.Scalar(ByteScan.scalar(after, unit.count).value).map { Character($0).isLetter } ?? false)
            }
        }
    }

    /// The first letters of `imperialUnits`, lower-cased: most words after a number start otherwise.
    static let imperialInitials = Set(imperialUnits.compactMap { $0.utf8.first }.filter { $0 < 0x80 })
    static let imperialUnitBytes = imperialUnits.map { Array($0.utf8) }
    static let imperialUnits = ["feet", "foot", "ft", "miles", "mile", "mph", "inches", "inch", "in.", "yards", "yard",
                                "gallons", "gallon", "ounces", "ounce", "oz", "acres", "acre", "lbs", "lb", "°f", "degrees fahrenheit",
                                "square feet", "sq ft", "fahrenheit"]

}

extension NumberReading {
    /// Two mentions are the same number when one of their readings agree.
    static func sameNumber(_ a: NumberMention, _ b: NumberMention) -> Bool {
        a.values.contains { x in b.values.contains { y in abs(x - y) <= 1e-9 * max(1, abs(x)) } }
    }
}
