import ICUShim
import Synchronization

/// A number written in a text, with every value it can be read as.
struct NumberMention: Sendable, Equatable {
    var range: Range<Int>
    /// Usually one; two when the separators are ambiguous ("1.200": 1.2 or 1200),
    /// or when a clock time has a 12- and a 24-hour reading.
    var values: [Double]
    /// Written in words ("two"), not digits.
    var spelledOut = false
}

/// Reads the numbers of a text the way its language writes them, through
/// ICU's number symbols (decimal and grouping separators) and spell-out rules
/// (number words), so that "1 200,5" in French and "1,200.5" in English are
/// the same number, and so are "two" and 2. A class: its tables are shared by every
/// call, not copied into each.
final class NumberReading: Sendable {
    let decimal: String
    let grouping: String
    /// Number words of the language (ICU spell-out of 0–100), by `foldedHash`; their first letters and longest length.
    let words: [UInt64: Double]
    let wordInitials: Set<Unicode.Scalar>
    /// The ASCII ones among them, lower-cased, as a bitmap of their values (bit v - 64).
    let asciiInitials: UInt64
    let longestWord: Int
    /// Words that multiply the number before them ("million", "万").
    let scales: [(prefix: [Unicode.Scalar], factor: Double)]
    /// Abbreviated scale words ("£5bn", "3 Mio.", "1,2 млн"): ambiguous ("5m" may be metres), so an extra reading.
    let abbreviations: [(word: [Unicode.Scalar], factor: Double)]
    /// `multiplierSuffixes` of the language.
    let multipliers: [[Unicode.Scalar]]
    /// `halfSuffixes` of the language.
    let halfSuffix: [Unicode.Scalar]?
    /// The characters after a number's last digit that its reading may look at: a clock word
    /// ("18.19 Uhr", five), or a scale word after two spaces or hyphens and a mark ("20多万"), or an
    /// abbreviation after a space ("3 Mio."), with the character after it.
    let contextAfter: Int

    /// English newsroom abbreviations, beside CLDR's compact forms (K, M, B, T).
    static let newsroomAbbreviations: [String: [(String, Double)]] = [
        "en": [("k", 1e3), ("m", 1e6), ("mn", 1e6), ("bn", 1e9), ("b", 1e9), ("tn", 1e12)],
    ]

    private static let cache = Mutex<[String: NumberReading]>([:])

    static func forLanguage(_ language: String) -> NumberReading {
        if let known = cache.withLock({ $0[language] }) { return known }
        let reading = NumberReading(language: language)
        cache.withLock { $0[language] = reading }
        return reading
    }

    private init(language: String) {
        var slots = [CChar](repeating: 0, count: 32)
        if mtl_number_separators(language, &slots) {
            decimal = Self.slot(slots, 0)
            grouping = Self.slot(slots, 1)
        } else {
            (decimal, grouping) = (".", ",")
        }
        // Every number word up to a hundred, in the default rule set and then the other genders' where
        // the language has them ("une cible" is "1 target", "одна"); a word keeps its first value.
        var spelled: [String: Double] = [:]
        for ruleSet in [nil] + Self.genderedRuleSets {
            for (value, word) in Self.spellOut(Array(0...100).map(Double.init), language, ruleSet: ruleSet).enumerated()
            where !word.isEmpty && !word.contains(" ") && spelled[word.lowercased()] == nil {
                spelled[word.lowercased()] = Double(value)
            }
        }
        for (word, value) in Self.moreNumberWords[language] ?? [:] where spelled[word] == nil { spelled[word] = value }
        words = Dictionary(spelled.map { (Self.foldedHash(Array($0.key.unicodeScalars)[...]), $0.value) }, uniquingKeysWith: { first, _ in first })
        wordInitials = Set(spelled.keys.compactMap { $0.unicodeScalars.first })
        asciiInitials = wordInitials.reduce(0) { bits, initial in
            (0x61...0x7A).contains(initial.value) ? bits | 1 << (initial.value - 64) : bits
        }
        longestWord = spelled.keys.map(\.unicodeScalars.count).max() ?? 0
        // The scale word is the last word of "one thousand", "eine Million"; in languages written
        // without spaces, what follows the "one" of "一千" ("十亿" is ten of them, and is skipped).
        let factors = [1e3, 1e6, 1e9, 1e12]
        let scaleWords = Self.spellOut([1] + factors, language)
        let one = scaleWords.first ?? ""
        var scales: [(String, Double)] = []
        for (factor, spelled) in zip(factors, scaleWords.dropFirst()) where !spelled.isEmpty {
            let word: String
            if spelled.unicodeScalars.allSatisfy(Self.isCJK) {
                guard !one.isEmpty, spelled.hasPrefix(one) else { continue }
                word = String(spelled.dropFirst(one.count))
            } else {
                word = spelled.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\u{00AD}" }).last.map(String.init) ?? spelled
            }
            if !word.isEmpty { scales.append((word.lowercased(), factor)) }
        }
        // "万亿" (a trillion) before "万": scale words are matched in order.
        if language == "zh" || language == "ja" {
            scales = [("万亿", 1e12), ("萬億", 1e12)] + scales + [("万", 1e4), ("萬", 1e4), ("亿", 1e8), ("億", 1e8)]
        }
        self.scales = scales.map { (Array($0.0.unicodeScalars), $0.1) }
        // CLDR's short compact forms through ICU: "1 млн", "1 Mio.", "1 Md", "1 Mln".
        var abbreviations = (Self.newsroomAbbreviations[language] ?? []).map { (Array($0.0.unicodeScalars), $0.1) }
        for factor in [1e3, 1e6, 1e9, 1e12] {
            var buffer = [CChar](repeating: 0, count: 64)
            let length = mtl_compact_number(language, factor, &buffer, 64)
            guard length > 0 else { continue }
            let compact = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let word = String(compact.unicodeScalars.filter { !("0"..."9").contains($0) && !Self.isSpace($0) && $0 != "." && $0 != "\u{200F}" }.map(Character.init))
            if !word.isEmpty && !word.unicodeScalars.allSatisfy(Self.isCJK) { abbreviations.append((Array(word.unicodeScalars), factor)) }
        }
        self.abbreviations = abbreviations
        multipliers = (Self.multiplierSuffixes[language] ?? []).map { Array($0.unicodeScalars) }
        halfSuffix = Self.halfSuffixes[language].map { Array($0.unicodeScalars) }
        contextAfter = 8 + max(self.scales.map(\.prefix.count).max() ?? 0, abbreviations.map(\.0.count).max() ?? 0)
    }

    private static func slot(_ slots: [CChar], _ index: Int) -> String {
        String(decoding: slots[(16 * index)..<(16 * index + 16)].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static let genderedRuleSets = ["%spellout-cardinal-feminine", "%spellout-cardinal-masculine", "%spellout-cardinal-neuter"]

    /// Numbers in words, one formatter for all (opening one parses the language's rules): "" for
    /// one that fails, none when the language lacks the rule set.
    private static func spellOut(_ values: [Double], _ language: String, ruleSet: String? = nil) -> [String] {
        var buffer = [CChar](repeating: 0, count: 64 * values.count)
        let length = values.withUnsafeBufferPointer { values in
            ruleSet.map { mtl_spell_out_many(language, $0, values.baseAddress, Int32(values.count), &buffer, Int32(buffer.count)) }
                ?? mtl_spell_out_many(language, nil, values.baseAddress, Int32(values.count), &buffer, Int32(buffer.count))
        }
        guard length > 0 else { return [] }
        return buffer.prefix(Int(length)).split(separator: 0, omittingEmptySubsequences: false).dropLast()
            .map { String(decoding: $0.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
    }

    /// A prefix that leaves the number after it a quantity: a version's "v" ("v2.33", "TLSv1.3"), alone
    /// or after capitals; a model's capital ("A380", "Cortex-A53", "G20"); or a currency's two or three
    /// capitals before an amount, which has a decimal part or three digits ("USD11.16", "RMB200"),
    /// unlike a numbered name ("DIR1", "DIR2").
    private static func followsPrefix(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        guard index >= 1 else { return false }
        if scalars[index - 1] == "v" {
            return index < 2 || !isLetterOrDigit(scalars[index - 2]) || scalars[index - 2].properties.isUppercase
        }
        var start = index
        while start > 0, index - start < 4, ("A"..."Z").contains(scalars[start - 1]) { start -= 1 }
        guard start < index && index - start <= 3 && (start == 0 || !isLetterOrDigit(scalars[start - 1])) else { return false }
        if index - start == 1 { return true }
        var end = index
        while end < scalars.count, isDigit(scalars[end]) { end += 1 }
        return end - index >= 3 || (end + 1 < scalars.count && isSeparator(scalars[end]) && !isSpace(scalars[end]) && isDigit(scalars[end + 1]))
    }

    /// The numbers of a text, in order; with `spelledOut` false, only those written in digits
    /// (a source's number words are not compared, so they need not be read).
    func numbers(in text: String, spelledOut: Bool = true) -> [NumberMention] {
        ByteScan.withBytes(of: text) { numbers(in: $0, spelledOut: spelledOut) }
    }

    /// `window` is the stretch read: all the text by default or, when number words are not wanted,
    /// the stretch around its digits (`digitStretch`), which gives the same numbers.
    func numbers(in bytes: UnsafeBufferPointer<UInt8>, spelledOut: Bool = true, window: Range<Int>? = nil) -> [NumberMention] {
        let window = window ?? (spelledOut ? 0..<bytes.count : digitStretch(bytes))
        guard !window.isEmpty else { return [] }
        // The scalars and where each starts, decoded in one pass over the bytes.
        // Written through pointers: a sentence's every byte passes here.
        var scalars: [Unicode.Scalar] = []
        let byteOffsets = [Int](unsafeUninitializedCapacity: window.count + 1) { offsets, offsetCount in
            scalars = Array(unsafeUninitializedCapacity: window.count) { decoded, count in
                var offset = window.lowerBound
                while offset < window.upperBound {
                    // Three-byte characters (Chinese, Japanese) decoded here, as `ByteScan.scalar` decodes them.
                    let lead = bytes[offset]
                    let (value, length) = lead & 0xF0 == 0xE0 && offset + 2 < bytes.count
                        ? (UInt32(lead & 0x0F) << 12 | UInt32(bytes[offset + 1] & 0x3F) << 6 | UInt32(bytes[offset + 2] & 0x3F), 3)
                        : ByteScan.scalar(bytes, offset)
                    (decoded.baseAddress! + count).initialize(to: Unicode.Scalar(value) ?? "\u{FFFD}")
                    (offsets.baseAddress! + count).initialize(to: offset)
                    count += 1
                    offset += length
                }
                (offsets.baseAddress! + count).initialize(to: window.upperBound)
                offsetCount = count + 1
            }
        }

        var mentions: [NumberMention] = []
        var index = 0
        while index < scalars.count {
            if !spelledOut {
                // Only a digit starts a number then: what lies before the next one is passed over.
                while index < scalars.count && !Self.isDigit(scalars[index]) { index += 1 }
                guard index < scalars.count else { break }
            }
            guard Self.isDigit(scalars[index]),
                  index == 0 || Self.isCJK(scalars[index - 1]) || !Self.isLetterOrDigit(scalars[index - 1]) || Self.followsPrefix(scalars, index) else {
                if !Self.isCJK(scalars[index]), Self.isLetter(scalars[index]) {
                    // A number word: the whole word must be one.
                    var end = index
                    while end < scalars.count && !Self.isCJK(scalars[end]) && (Self.isLetter(scalars[end]) || scalars[end] == "-") { end += 1 }
                    // Most words start with a letter no number word starts with: no string is built for them.
                    if spelledOut, end - index <= longestWord, startsLikeNumberWord(scalars[index]),
                       let value = words[Self.foldedHash(scalars[index..<end])] ?? multiplied(scalars[index..<end]) {
                        var mention = NumberMention(range: byteOffsets[index]..<byteOffsets[end], values: [value], spelledOut: true)
                        mention.values = mention.values.map { $0 * scale(after: end, scalars) }
                        mentions.append(mention)
                    }
                    index = max(end, index + 1)
                } else if Self.isDigit(scalars[index]) {
                    // Digits glued to a word name a thing ("MIPS32r2", "x1.5"): the whole run is skipped,
                    // so that no number starts inside it after a dot.
                    index += 1
                    while index < scalars.count, Self.isDigit(scalars[index])
                            || (index + 1 < scalars.count && Self.isDigit(scalars[index + 1]) && Self.isSeparator(scalars[index]) && !Self.isSpace(scalars[index])) {
                        index += 1
                    }
                } else {
                    index += 1
                }
                continue
            }
            // Digits with the separators that may sit between them.
            var end = index
            // As written, in UTF-8, full-width digits as ASCII ones.
            var written: [UInt8] = []
            while end < scalars.count {
                if let digit = Self.digitValue(scalars[end]) {
                    written.append(0x30 + digit)
                    end += 1
                } else if end + 1 < scalars.count, Self.isDigit(scalars[end + 1]), Self.isSeparator(scalars[end]),
                          !Self.isSpace(scalars[end]) || isSpaceGroup(scalars, after: end) {
                    UTF8.encode(scalars[end]) { written.append($0) }
                    end += 1
                } else {
                    break
                }
            }
            // A clock time ("18.19 Uhr", "6:19pm", "09:30"): the hour, in 12- and 24-hour readings, and the minutes.
            if let time = clockTime(at: index, scalars) {
                var hour = NumberMention(range: byteOffsets[index]..<byteOffsets[time.hourEnd], values: [time.hour])
                if time.hour < 12 { hour.values.append(time.hour + 12) } else if time.hour > 12 { hour.values.append(time.hour - 12) }
                mentions.append(hour)
                // "7:00" is also "7 Uhr", "7 heures": whole hours need no minutes.
                if time.minutes > 0 {
                    mentions.append(NumberMention(range: byteOffsets[time.hourEnd + 1]..<byteOffsets[time.end], values: [time.minutes]))
                }
                index = time.end
                continue
            }
            // "0,1,2" or "0,4,8": commas that group no thousands and mark no decimals list numbers.
            if written.contains(UInt8(ascii: ",")), let items = Self.listItems(String(decoding: written, as: UTF8.self), scalars[index..<end]) {
                for item in items {
                    mentions.append(NumberMention(range: byteOffsets[item.lowerBound]..<byteOffsets[item.upperBound],
                                                  values: interpretations(of: String(String.UnicodeScalarView(scalars[item])))))
                }
                index = end
                continue
            }
            var values = written.withUnsafeBufferPointer(interpretations)
            let factor = scale(after: end, scalars)
            if factor != 1 { for place in values.indices { values[place] *= factor } }
            if factor > 1, let rest = compoundRest(after: end, below: factor, scalars) {
                for place in values.indices { values[place] += rest.value }
                end = rest.end
            }
            if factor == 1, let abbreviation = abbreviationFactor(after: end, scalars) { values += values.map { $0 * abbreviation } }
            // "8 pm" is also 20 (a 24-hour clock's reading of it).
            if factor == 1, let value = values.first, value >= 1 && value < 12, isAfternoon(after: end, scalars) { values.append(value + 12) }
            // "80后", "90年代", "the '60s": a generation or a decade, also written 1980s.
            if written.count == 2, let value = values.first,
               Self.decadeMarksAfter.contains(scalars[safe: end] ?? " ") || Self.apostrophes.contains(scalars[safe: index - 1] ?? " ") {
                values += [1900 + value, 2000 + value]
            }
            mentions.append(NumberMention(range: byteOffsets[index]..<byteOffsets[end], values: values))
            index = end
        }
        // "60 to 85 billion": the scale word of the second number covers the first.
        guard mentions.count > 1 else { return mentions }
        for index in mentions.indices.dropLast() where !mentions[index].spelledOut {
            let next = mentions[index + 1]
            let gap = bytes[mentions[index].range.upperBound..<next.range.lowerBound]
            // The gap: ASCII ("to", "-", "and") or a Chinese or Japanese range mark ("600至850亿").
            guard gap.count <= 6, gap.allSatisfy({ $0 < 0x80 && !(0x30...0x39).contains($0) })
                    || Self.rangeMarks.contains(String(decoding: gap, as: UTF8.self)),
                  let scaled = next.values.first, let base = interpretations(of: UnsafeBufferPointer(rebasing: bytes[next.range])).first,
                  base > 0, scaled / base > 1 else { continue }
            mentions[index].values += mentions[index].values.map { $0 * scaled / base }
        }
        return mentions
    }

    /// From `contextBefore` characters before the first digit to `contextAfter` characters after the
    /// last: all that the reading of numbers in digits looks at (a prefix such as "v" or "USD" before
    /// a number; a clock, scale, decade or abbreviated word after one). Empty without a digit.
    func digitStretch(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        // The first digit's start and the last one's end, sought from either end (in C, sixteen bytes at a time).
        guard let base = bytes.baseAddress else { return 0..<0 }
        var end: Int64 = 0
        var first = Int(mtl_digit_span(base, Int64(bytes.count), &end)), last = Int(end)
        guard first >= 0 else { return 0..<0 }
        var passed = 0
        while first > 0 && passed < Self.contextBefore {
            first -= 1
            if bytes[first] & 0xC0 != 0x80 { passed += 1 }
        }
        passed = 0
        while last < bytes.count && passed < contextAfter {
            last += ByteScan.length(bytes[last])
            passed += 1
        }
        return first..<min(last, bytes.count)
    }

    /// The characters before a number that its reading looks at (`followsPrefix` looks five back).
    static let contextBefore = 8

    /// Whether a word's first letter is one a number word of the language starts with.
    private func startsLikeNumberWord(_ first: Unicode.Scalar) -> Bool {
        guard first.isASCII else { return wordInitials.contains(first.properties.lowercaseMapping.unicodeScalars.first ?? first) }
        let lower = first.value | 0x20
        return (0x61...0x7A).contains(lower) && asciiInitials & 1 << (lower - 64) != 0
    }

    /// The items of a comma-separated list of numbers, as ranges of scalar indices: two commas or
    /// more, no other separator, and a part that is not a group of three digits.
    static func listItems(_ written: String, _ scalars: ArraySlice<Unicode.Scalar>) -> [Range<Int>]? {
        guard written.utf8.contains(UInt8(ascii: ",")) else { return nil }
        let parts = written.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts.dropFirst().contains(where: { $0.count != 3 }) else { return nil }
        var items: [Range<Int>] = []
        var start = scalars.startIndex
        for index in scalars.indices where scalars[index] == "," {
            items.append(start..<index)
            start = index + 1
        }
        items.append(start..<scalars.endIndex)
        return items
    }

    /// The values digits with separators can mean: a decimal reading when the last separator
    /// can be a decimal mark, a grouping reading when every group after the first has three
    /// digits; the language's own reading first.
    func interpretations(of written: String) -> [Double] {
        ByteScan.withBytes(of: written, interpretations)
    }

    func interpretations(of bytes: UnsafeBufferPointer<UInt8>) -> [Double] {
        do {
            // Most numbers are digits only ("2019", "15"), up to 15 of them (exact as a Double): one reading.
            if bytes.count <= 15 && bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                return [Double(bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) })]
            }
            // The runs of digits and the separators between them (each one scalar: `isSeparator`).
            var parts: [Range<Int>] = [], separators: [UInt32] = []
            var start = 0, index = 0
            while index < bytes.count {
                if bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1; continue }
                let (scalar, length) = ByteScan.scalar(bytes, index)
                parts.append(start..<index)
                separators.append(scalar)
                index += length
                start = index
            }
            parts.append(start..<bytes.count)
            // The digits of some parts as one number: on their bytes up to 15 digits (exact as a Double), else parsed.
            func value(_ parts: ArraySlice<Range<Int>>, decimals: Range<Int>? = nil) -> Double? {
                var text: [UInt8] = parts.flatMap { bytes[$0] }
                if let decimals { text += [UInt8(ascii: ".")] + bytes[decimals] }
                guard decimals == nil, text.count <= 15 else { return Double(String(decoding: text, as: UTF8.self)) }
                return text.isEmpty ? nil : Double(text.reduce(0) { $0 * 10 + Int($1 - 0x30) })
            }
            guard let last = separators.last else { return [value(parts[...]) ?? 0] }
            var decimalReading: Double?, groupingReading: Double?
            // The separators before the last are all one, another than the last: "1,200.5", not "1.2.3".
            let earlierAreOne = separators.dropLast().allSatisfy { $0 == separators[0] }
            if [0x2E, 0x2C, 0x066B].contains(last) && (separators.count == 1 || (earlierAreOne && separators[0] != last)) {
                decimalReading = value(parts.dropLast(), decimals: parts.last!)
            }
            let allOne = earlierAreOne && last == separators[0]
            if allOne && parts.dropFirst().allSatisfy({ $0.count == 3 }) && parts[0].count <= 3 {
                groupingReading = value(parts[...])
            }
            let lastIsGrouping = grouping.unicodeScalars.count == 1 && grouping.unicodeScalars.first!.value == last
            let readings = lastIsGrouping ? [groupingReading, decimalReading] : [decimalReading, groupingReading]
            let values = readings.compactMap { $0 }
            return values.isEmpty ? [value(parts[...]) ?? 0] : values
        }
    }

    /// `H:MM`, French `HhMM`, or `H.MM` followed by a clock word ("Uhr", "h", "am", "pm").
    private func clockTime(at start: Int, _ scalars: [Unicode.Scalar]) -> (hour: Double, hourEnd: Int, minutes: Double, end: Int)? {
        var hourEnd = start
        while hourEnd < scalars.count && hourEnd - start < 3 && Self.isDigit(scalars[hourEnd]) { hourEnd += 1 }
        guard hourEnd - start <= 2, let separator = scalars[safe: hourEnd], separator == ":" || separator == "." || separator == "h",
              let m1 = scalars[safe: hourEnd + 1].flatMap(Self.digitValue), let m2 = scalars[safe: hourEnd + 2].flatMap(Self.digitValue),
              scalars[safe: hourEnd + 3].map(Self.isDigit) != true else { return nil }
        let hour = Double(scalars[start..<hourEnd].reduce(0) { $0 * 10 + Int(Self.digitValue($1)!) }), minutes = Double(10 * m1 + m2)
        guard hour <= 24, minutes < 60 else { return nil }
        let after = String(String.UnicodeScalarView(scalars[(hourEnd + 3)..<min(scalars.count, hourEnd + 8)])).lowercased()
        let clockWord = ["uhr", "h", "am", "pm", "a.m", "p.m"].contains { after.hasPrefix($0) || after.hasPrefix(" " + $0) || after.hasPrefix("\u{00A0}" + $0) }
        // "8:15" and French "8h15" are times; "18.19" only with a clock word after it.
        guard separator != "." || clockWord else { return nil }
        return (hour, hourEnd, minutes, hourEnd + 3)
    }

    /// The factor of an abbreviated scale word written right after the digits ("5bn", "3 Mio.").
    private func abbreviationFactor(after end: Int, _ scalars: [Unicode.Scalar]) -> Double? {
        var start = end
        if scalars[safe: start] == " " || scalars[safe: start] == "\u{00A0}" { start += 1 }
        for (candidate, factor) in abbreviations {
            guard start + candidate.count <= scalars.count, scalars[start..<(start + candidate.count)].elementsEqual(candidate) else { continue }
            if let next = scalars[safe: start + candidate.count], Self.isLetter(next) { continue }
            return factor
        }
        return nil
    }

    private func isAfternoon(after end: Int, _ scalars: [Unicode.Scalar]) -> Bool {
        // "pm", " pm", "p.m": a "p" right after the number or one space after it.
        let p = scalars[safe: end].map(Self.isSpace) == true ? end + 1 : end
        guard scalars[safe: p].map({ $0 == "p" || $0 == "P" }) == true else { return false }
        let rest = String(String.UnicodeScalarView(scalars[end..<min(scalars.count, end + 5)])).lowercased()
        return ["pm", " pm", "p.m", " p.m", "\u{00A0}pm", "\u{00A0}p.m"].contains { rest.hasPrefix($0) }
    }

    /// The factor of a scale word right after a number ("3 million", "3万").
    private func scale(after end: Int, _ scalars: [Unicode.Scalar]) -> Double {
        scaleWord(after: end, scalars)?.factor ?? 1
    }

    /// The scale word after a number, and where it ends. "20多万" (over 200,000): an
    /// approximation mark may come first.
    private func scaleWord(after end: Int, _ scalars: [Unicode.Scalar]) -> (factor: Double, end: Int)? {
        var start = end
        // A space, or a hyphen of a compound ("US$31-billion", "1,9-Milliarden-Dollar").
        while start < scalars.count && (scalars[start] == " " || scalars[start] == "\u{00A0}" || scalars[start] == "-") && start - end < 2 { start += 1 }
        if let mark = scalars[safe: start], Self.approximationMarks.contains(mark) { start += 1 }
        // Most numbers are followed by no word at all, or by one no scale word starts like.
        guard let first = scalars[safe: start], Self.isCJK(first) || Self.isLetter(first) else { return nil }
        // Compared scalar by scalar, lower-cased (the scale words are).
        let firstLowered = Self.lowercased(first)
        for (prefix, factor) in scales where start + prefix.count <= scalars.count && prefix[0] == firstLowered {
            if zip(prefix, scalars[start...]).allSatisfy({ $0 == $1 || $0 == Self.lowercased($1) }) { return (factor, start + prefix.count) }
        }
        return nil
    }

    /// "7万8千" is 78,000: digits with a smaller scale word right after a scale word add to it.
    private func compoundRest(after end: Int, below factor: Double, _ scalars: [Unicode.Scalar]) -> (value: Double, end: Int)? {
        guard let scaleEnd = scaleWord(after: end, scalars)?.end else { return nil }
        var digitsEnd = scaleEnd
        var digits = ""
        while let digit = scalars[safe: digitsEnd].flatMap(Self.digitValue) { digits.append(Character(Unicode.Scalar(0x30 + digit))); digitsEnd += 1 }
        guard !digits.isEmpty, let part = Double(digits) else { return nil }
        guard let next = scaleWord(after: digitsEnd, scalars) else {
            // "11万7015" is 117,015: Chinese units written after 万 or 亿, as many digits as the scale has zeros at most.
            let isChineseScale = factor == 1e4 || factor == 1e8
            return isChineseScale && digits.count <= (factor == 1e4 ? 4 : 8) && Self.isCJK(scalars[scaleEnd - 1]) ? (part, digitsEnd) : nil
        }
        guard next.factor < factor else { return nil }
        return (part * next.factor, next.end)
    }

    /// A space between digits groups them only in languages that group with a space,
    /// and only before exactly three digits ("1 200", not "in 2019 2020").
    private func isSpaceGroup(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        // A no-break, narrow or thin space groups digits in any language ("24 000"); a plain one
        // only where the language groups with a space.
        guard scalars[index] != " " || grouping.unicodeScalars.allSatisfy(Self.isSpace) else { return false }
        var end = index + 1
        while end < scalars.count && Self.isDigit(scalars[end]) { end += 1 }
        return end - index - 1 == 3
    }

    /// After two digits, a generation or a decade ("80后", "90年代", "the 60s"); before them, "the '60s".
    static let decadeMarksAfter: Set<Unicode.Scalar> = ["后", "後", "年", "s", "’", "'"]
    static let apostrophes: Set<Unicode.Scalar> = ["’", "'"]
    /// Between two numbers, a range in Chinese and Japanese ("600至850亿").
    static let rangeMarks: Set<String> = ["至", "到", "～", "~", "—", "–"]
    /// Between a number and its scale word: "20多万" is over 200,000.
    static let approximationMarks: Set<Unicode.Scalar> = ["多", "余", "餘", "几", "幾"]

    /// Number words beside ICU's spell-out: French writes a zero "nul" ("un octet nul" is "a 0 byte").
    static let moreNumberWords: [String: [String: Double]] = ["fr": ["nul": 0, "nulle": 0, "nuls": 0, "nulles": 0]]
    /// Words that make a multiple of a number word ("zehnmal", "dreifach", "tenfold").
    static let multiplierSuffixes: [String: [String]] = ["de": ["mal", "fach"], "en": ["fold"], "nl": ["maal", "voudig"]]
    /// Words that add a half to the number word before them: "zweieinhalb" is 2.5.
    static let halfSuffixes: [String: String] = ["de": "einhalb"]

    /// The number in a multiple's word: "zehnmal" is ten, as a translation of "10 times".
    /// And a number and a half in one word: "zweieinhalb Millionen" is 2.5 million.
    private func multiplied(_ word: ArraySlice<Unicode.Scalar>) -> Double? {
        // Most words end in no suffix's last letter: nothing to compare.
        guard let last = word.last.map(Self.lowercased),
              multipliers.contains(where: { $0.last == last }) || halfSuffix?.last == last else { return nil }
        for suffix in multipliers where word.count > suffix.count
            && zip(word.suffix(suffix.count), suffix).allSatisfy({ Self.lowercased($0) == $1 }) {
            if let value = words[Self.foldedHash(word.dropLast(suffix.count))] { return value }
        }
        if let half = halfSuffix, word.count > half.count, zip(word.suffix(half.count), half).allSatisfy({ Self.lowercased($0) == $1 }),
           let value = words[Self.foldedHash(word.dropLast(half.count))] {
            return value + 0.5
        }
        return nil
    }

    /// FNV-1a of a word lower-cased scalar by scalar (ASCII on the value, the rest through Unicode).
    static func foldedHash(_ word: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var hash = FNV.start
        func add(_ scalar: Unicode.Scalar) { for byte in UTF8.encode(scalar)! { hash = FNV.adding(byte, to: hash) } }
        for scalar in word {
            if scalar.isASCII {
                let value = scalar.value
                add(value >= 0x41 && value <= 0x5A ? Unicode.Scalar(value | 0x20)! : scalar)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { add(lower) }
            }
        }
        return hash
    }

    static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII { return scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value | 0x20)! : scalar }
        return scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\u{00A0}" || scalar == "\u{202F}" || scalar == "\u{2009}" }

    /// The value of an ASCII or full-width (U+FF10–FF19) digit.
    static func digitValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x30...0x39: return UInt8(scalar.value - 0x30)
        case 0xFF10...0xFF19: return UInt8(scalar.value - 0xFF10)
        default: return nil
        }
    }

    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ",", ".", "'", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{066B}", "\u{066C}", " ": return true
        default: return false
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { (0x30...0x39).contains(scalar.value) || (0xFF10...0xFF19).contains(scalar.value) }
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A) : scalar.properties.isAlphabetic
    }
    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool { isLetter(scalar) || isDigit(scalar) }
    static func isCJK(_ scalar: Unicode.Scalar) -> Bool { (0x3000...0x9FFF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value) }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
