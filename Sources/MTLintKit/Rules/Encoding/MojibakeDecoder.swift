/// Finds text that is UTF-8 decoded with a single-byte code page (mojibake) and
/// re-decodes it. A candidate is a run of characters that the code page maps to
/// bytes forming complete, valid UTF-8 sequences of at least two bytes; the
/// repair is exactly those bytes read as UTF-8, so it round-trips by
/// construction. Plausibility checks keep real text with rare characters
/// ("AHÅ™", "Brontë…”", "10 Å—", "ВІКІ") quiet; see `Mojibake`'s rationale.
enum MojibakeDecoder {
    enum Codec: Int, CaseIterable, Sendable {
        case windows1252, windows1250, windows1251, macRoman

        var name: String {
            switch self {
            case .windows1252: "Windows-1252/Latin-1"
            case .windows1250: "Windows-1250"
            case .windows1251: "Windows-1251"
            case .macRoman: "Mac OS Roman"
            }
        }
    }

    struct Repair: Sendable {
        var range: Range<Int>
        var replacement: String
        var codec: Codec
        /// Three-byte punctuation ("â€™"), non-Latin words ("Ð¡Ð¾"): never real text.
        var strong: Bool
        /// The line (its start offset) the repair lies on.
        var line: Int
    }

    // The upper halves (0x80…0xFF) of the code pages, as Python's codecs define them; 0 = undefined.
    private static let high: [[UInt32]] = [
        [0x20AC, 0x0, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x0, 0x17D, 0x0,
         0x0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x0, 0x17E, 0x178]
            + (0xA0...0xFF).map { UInt32($0) },
        [0x20AC, 0x0, 0x201A, 0x0, 0x201E, 0x2026, 0x2020, 0x2021, 0x0, 0x2030, 0x160, 0x2039, 0x15A, 0x164, 0x17D, 0x179,
         0x0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x0, 0x2122, 0x161, 0x203A, 0x15B, 0x165, 0x17E, 0x17A,
         0xA0, 0x2C7, 0x2D8, 0x141, 0xA4, 0x104, 0xA6, 0xA7, 0xA8, 0xA9, 0x15E, 0xAB, 0xAC, 0xAD, 0xAE, 0x17B,
         0xB0, 0xB1, 0x2DB, 0x142, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0x105, 0x15F, 0xBB, 0x13D, 0x2DD, 0x13E, 0x17C,
         0x154, 0xC1, 0xC2, 0x102, 0xC4, 0x139, 0x106, 0xC7, 0x10C, 0xC9, 0x118, 0xCB, 0x11A, 0xCD, 0xCE, 0x10E,
         0x110, 0x143, 0x147, 0xD3, 0xD4, 0x150, 0xD6, 0xD7, 0x158, 0x16E, 0xDA, 0x170, 0xDC, 0xDD, 0x162, 0xDF,
         0x155, 0xE1, 0xE2, 0x103, 0xE4, 0x13A, 0x107, 0xE7, 0x10D, 0xE9, 0x119, 0xEB, 0x11B, 0xED, 0xEE, 0x10F,
         0x111, 0x144, 0x148, 0xF3, 0xF4, 0x151, 0xF6, 0xF7, 0x159, 0x16F, 0xFA, 0x171, 0xFC, 0xFD, 0x163, 0x2D9],
        [0x402, 0x403, 0x201A, 0x453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x409, 0x2039, 0x40A, 0x40C, 0x40B, 0x40F,
         0x452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x0, 0x2122, 0x459, 0x203A, 0x45A, 0x45C, 0x45B, 0x45F,
         0xA0, 0x40E, 0x45E, 0x408, 0xA4, 0x490, 0xA6, 0xA7, 0x401, 0xA9, 0x404, 0xAB, 0xAC, 0xAD, 0xAE, 0x407,
         0xB0, 0xB1, 0x406, 0x456, 0x491, 0xB5, 0xB6, 0xB7, 0x451, 0x2116, 0x454, 0xBB, 0x458, 0x405, 0x455, 0x457]
            + (0x410...0x44F).map { UInt32($0) },
        [0xC4, 0xC5, 0xC7, 0xC9, 0xD1, 0xD6, 0xDC, 0xE1, 0xE0, 0xE2, 0xE4, 0xE3, 0xE5, 0xE7, 0xE9, 0xE8,
         0xEA, 0xEB, 0xED, 0xEC, 0xEE, 0xEF, 0xF1, 0xF3, 0xF2, 0xF4, 0xF6, 0xF5, 0xFA, 0xF9, 0xFB, 0xFC,
         0x2020, 0xB0, 0xA2, 0xA3, 0xA7, 0x2022, 0xB6, 0xDF, 0xAE, 0xA9, 0x2122, 0xB4, 0xA8, 0x2260, 0xC6, 0xD8,
         0x221E, 0xB1, 0x2264, 0x2265, 0xA5, 0xB5, 0x2202, 0x2211, 0x220F, 0x3C0, 0x222B, 0xAA, 0xBA, 0x3A9, 0xE6, 0xF8,
         0xBF, 0xA1, 0xAC, 0x221A, 0x192, 0x2248, 0x2206, 0xAB, 0xBB, 0x2026, 0xA0, 0xC0, 0xC3, 0xD5, 0x152, 0x153,
         0x2013, 0x2014, 0x201C, 0x201D, 0x2018, 0x2019, 0xF7, 0x25CA, 0xFF, 0x178, 0x2044, 0x20AC, 0x2039, 0x203A, 0xFB01, 0xFB02,
         0x2021, 0xB7, 0x201A, 0x201E, 0x2030, 0xC2, 0xCA, 0xC1, 0xCB, 0xC8, 0xCD, 0xCE, 0xCF, 0xCC, 0xD3, 0xD4,
         0xF8FF, 0xD2, 0xDA, 0xDB, 0xD9, 0x131, 0x2C6, 0x2DC, 0xAF, 0x2D8, 0x2D9, 0x2DA, 0xB8, 0x2DD, 0x2DB, 0x2C7],
    ]

    private static let reverse: [[UInt32: UInt8]] = high.map { table in
        var map: [UInt32: UInt8] = [:]
        for (offset, scalar) in table.enumerated() where scalar != 0 { map[scalar] = UInt8(0x80 + offset) }
        return map
    }

    /// The byte a code page writes for a non-ASCII scalar. Windows-1252 is read
    /// "sloppily", as decoders do in practice: U+0080…U+00FF (Latin-1, C1
    /// controls included) stand for their own byte, so mixed Latin-1/1252 works.
    @inline(__always)
    static func byte(_ scalar: UInt32, _ codec: Codec) -> UInt8? {
        if scalar < 0x80 { return nil }
        if codec == .windows1252 && scalar <= 0xFF { return UInt8(scalar) }
        return reverse[codec.rawValue][scalar]
    }

    /// Every repair in the text, in order, not overlapping. `stray` holds the
    /// lines with a non-ASCII character that is not part of any candidate:
    /// correctly encoded text, which makes a weak candidate beside it unlikely.
    /// The document's repairs, found once for the rules that need them (mojibake and c1-control-character).
    static func repairs(in document: Document) -> [Repair] {
        document.shared.value("encoding.repairs") { document.text.withUnsafeBufferPointer { repairs(in: $0) } }
    }

    static func repairs(in buffer: UnsafeBufferPointer<UInt8>) -> [Repair] {
        var repairs: [Repair] = []
        var strayLines: Set<Int> = []
        var strays: [Int] = []
        var index = ByteScan.nextNonASCII(buffer, from: 0)
        guard index < buffer.count else { return [] }
        var lineStart = 0, scannedTo = 0
        func line(at offset: Int) -> Int {
            var cursor = offset
            while cursor > scannedTo {
                cursor -= 1
                if buffer[cursor] == 0x0A { lineStart = cursor + 1; break }
            }
            scannedTo = offset
            return lineStart
        }
        while index < buffer.count {
            let (scalar, length) = ByteScan.scalar(buffer, index)
            var best: (end: Int, repair: Repair)? = nil
            for codec in Codec.allCases {
                guard let lead = byte(scalar, codec), lead >= 0xC2 && lead <= 0xF4 else { continue }
                if let candidate = candidate(buffer, at: index, codec: codec), candidate.end > (best?.end ?? 0) {
                    best = candidate
                }
            }
            if var found = best {
                found.repair.line = line(at: index)
                repairs.append(found.repair)
                index = found.end
            } else {
                strayLines.insert(line(at: index))
                strays.append(index)
                index += length
            }
            index = ByteScan.nextNonASCII(buffer, from: index)
        }
        // A weak candidate next to correctly encoded text ("Bremer/Mccoy – DrÃ¥ber") is left alone:
        // a misdecoded word would not sit beside a correct non-ASCII character. The window is the
        // candidate's word and the words on either side.
        return repairs.filter { repair in
            if repair.strong || !strayLines.contains(repair.line) { return true }
            let window = wordWindow(buffer, repair.range)
            return !strays.contains { window.contains($0) }
        }
    }

    /// From the start of the word before `range` to the end of the word after it.
    private static func wordWindow(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        let isSpace = Tokenizer.isASCIISpace
        var start = range.lowerBound
        for _ in 0..<2 {
            while start > 0 && isSpace(buffer[start - 1]) { start -= 1 }
            while start > 0 && !isSpace(buffer[start - 1]) { start -= 1 }
        }
        var end = range.upperBound
        for _ in 0..<2 {
            while end < buffer.count && isSpace(buffer[end]) { end += 1 }
            while end < buffer.count && !isSpace(buffer[end]) { end += 1 }
        }
        return start..<end
    }

    private static func isContinuation(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= 0x80 && byte <= 0xBF
    }

    /// The longest run of valid sequences at `start` under a codec, if plausible.
    private static func candidate(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int, codec: Codec) -> (end: Int, repair: Repair)? {
        var position = start
        var decoded: [UInt32] = []
        var maxSequence = 0
        var firstLead: UInt8 = 0
        var lossy = false
        var lastOriginal: UInt32 = 0
        run: while position < buffer.count {
            let (scalar, length) = ByteScan.scalar(buffer, position)
            guard let lead = byte(scalar, codec), lead >= 0xC2 && lead <= 0xF4 else { break }
            let need = ByteScan.length(lead) - 1
            var bytes: [UInt8] = [lead]
            var cursor = position + length
            var last = scalar
            for _ in 0..<need {
                guard cursor < buffer.count else { break run }
                let (next, nextLength) = ByteScan.scalar(buffer, cursor)
                if next == 0xFFFD && bytes.count >= 2 && lead >= 0xE0 {
                    // "â€�": the last byte was lost by a lossy decoder; keep the loss visible.
                    decoded.append(0xFFFD)
                    if firstLead == 0 { firstLead = lead }
                    maxSequence = max(maxSequence, need + 1)
                    lossy = true
                    position = cursor + nextLength
                    lastOriginal = next
                    break run
                }
                guard let continuation = byte(next, codec), isContinuation(continuation) else { break run }
                bytes.append(continuation)
                last = next
                cursor += nextLength
            }
            guard let value = decodeUTF8(bytes) else { break }
            decoded.append(value)
            if firstLead == 0 { firstLead = lead }
            maxSequence = max(maxSequence, bytes.count)
            position = cursor
            lastOriginal = last
        }
        // Windows-1252 "Ã " after a lower-case letter: an "à" whose no-break space became a space.
        if decoded.isEmpty && codec == .windows1252 && start + 2 < buffer.count
            && buffer[start] == 0xC3 && buffer[start + 1] == 0x83 && buffer[start + 2] == 0x20,
           let previous = ByteScan.scalar(before: start, buffer),
           Unicode.Scalar(previous.value)?.properties.isLowercase == true {
            let twoSpaces = start + 3 < buffer.count && buffer[start + 3] == 0x20
            let end = twoSpaces ? start + 3 : start + 2
            return (end, Repair(range: start..<end, replacement: "à", codec: codec, strong: false, line: 0))
        }
        guard !decoded.isEmpty else { return nil }
        // Layered mojibake: the result is itself mojibake in the same code page.
        for _ in 0..<3 {
            guard let again = redecode(decoded, codec) else { break }
            decoded = again
        }
        let previous = ByteScan.scalar(before: start, buffer)?.value ?? 0x20
        let next = position < buffer.count ? ByteScan.scalar(buffer, position).value : 0x20
        guard let strong = plausible(decoded, codec: codec, firstLead: firstLead, maxSequence: maxSequence,
                                     lossy: lossy, lastOriginal: lastOriginal, previous: previous, next: next) else { return nil }
        var replacement = ""
        for value in decoded { replacement.unicodeScalars.append(Unicode.Scalar(value)!) }
        return (position, Repair(range: start..<position, replacement: replacement, codec: codec, strong: strong, line: 0))
    }

    /// nil when implausible; else whether the evidence is strong.
    private static func plausible(_ decoded: [UInt32], codec: Codec, firstLead: UInt8, maxSequence: Int, lossy: Bool,
                                  lastOriginal: UInt32, previous: UInt32, next: UInt32) -> Bool? {
        if lossy { return firstLead == 0xE2 && codec == .windows1252 ? true : nil }
        let scalars = decoded.compactMap { Unicode.Scalar($0) }
        guard scalars.count == decoded.count else { return nil }
        // Private use, controls and unassigned code points are no better than the mojibake.
        for scalar in scalars {
            switch scalar.properties.generalCategory {
            case .privateUse, .control, .unassigned, .surrogate, .format: return nil
            default: break
            }
        }
        let letters = scalars.filter { $0.properties.isAlphabetic }
        let scripts = Set(letters.map { ScriptLookup.script(of: $0.value) })
        let latinOnly = scripts.isSubset(of: [.latin, .common, .inherited])
        let adjacentToASCIILetter = ByteScan.isASCIILetter(previous) || ByteScan.isASCIILetter(next)
        if letters.isEmpty {
            // Punctuation and symbols: "â€™" → ’, "Â©" → ©, "вЂњ" → “, "‚Äô" → ’.
            if maxSequence >= 3 {
                if firstLead == 0xE2 { return true }
                return adjacentToASCIILetter ? nil : true
            }
            return codec == .windows1252 && firstLead == 0xC2 ? false : nil
        }
        if !latinOnly {
            // A word of another script: at least two letters of one script, not glued to a Latin word
            // ("Ð¡Ð¾", "×‘×”×•"); or one ideograph or syllable standing alone ("ä¸­").
            guard scripts.count == 1, !adjacentToASCIILetter else { return nil }
            if letters.count >= 2 { return true }
            return maxSequence >= 3 && codec == .windows1252 ? true : nil
        }
        // Latin letters are possible only from Windows-1252 (the others mimic real Latin words too well).
        guard codec == .windows1252, maxSequence == 2 else { return nil }
        let first = letters.first!, last = letters.last!
        let previousScalar = Unicode.Scalar(previous), nextScalar = Unicode.Scalar(next)
        let previousUpper = previousScalar?.properties.isUppercase ?? false
        let previousLower = previousScalar?.properties.isLowercase ?? false
        let nextUpper = nextScalar?.properties.isUppercase ?? false
        let nextLower = nextScalar?.properties.isLowercase ?? false
        let previousLetter = ByteScan.isLetter(previous), nextLetter = ByteScan.isLetter(next)
        // "Ã’s": a curly apostrophe before a letter is an apostrophe, not a byte.
        if (lastOriginal == 0x2019 || lastOriginal == 0x2018) && nextLetter { return nil }
        // "SELKÄ\u{A0}EDELLÄ": a letter before a no-break space is a letter; only "Ã\u{A0}" (à) is that common.
        if lastOriginal == 0xA0 && firstLead != 0xC3 && firstLead != 0xC2 { return nil }
        if first.properties.isUppercase && previousLower { return nil }
        if last.properties.isUppercase && nextLower && previousLetter { return nil }
        if last.properties.isLowercase && nextUpper { return nil }
        if first.properties.isLowercase && previousUpper && !nextLower { return nil }
        // Â and Ã lead the Latin-1 range and are rare letters; other leads ("Å", "É") must sit inside a word.
        if firstLead != 0xC3 && firstLead != 0xC2 && !(previousLetter && (nextLetter || previousLower)) { return nil }
        return false
    }

    /// Decodes the whole sequence again when every scalar maps to a byte.
    private static func redecode(_ scalars: [UInt32], _ codec: Codec) -> [UInt32]? {
        var bytes: [UInt8] = []
        var multiByte = false
        for scalar in scalars {
            if scalar < 0x80 { bytes.append(UInt8(scalar)); continue }
            guard let byte = byte(scalar, codec) else { return nil }
            bytes.append(byte)
            multiByte = true
        }
        guard multiByte else { return nil }
        var result: [UInt32] = []
        var index = 0
        while index < bytes.count {
            let length = ByteScan.length(bytes[index])
            guard bytes[index] < 0x80 || bytes[index] >= 0xC2, index + length <= bytes.count,
                  let value = decodeUTF8(Array(bytes[index..<(index + length)])) else { return nil }
            result.append(value)
            index += length
        }
        return result.contains { $0 >= 0x80 } ? result : nil
    }

    /// One UTF-8 sequence, strictly (no overlongs, surrogates or values past U+10FFFF).
    private static func decodeUTF8(_ bytes: [UInt8]) -> UInt32? {
        guard let lead = bytes.first else { return nil }
        if lead < 0x80 { return bytes.count == 1 ? UInt32(lead) : nil }
        let length = ByteScan.length(lead)
        guard lead >= 0xC2, lead <= 0xF4, bytes.count == length else { return nil }
        for byte in bytes.dropFirst() where byte & 0xC0 != 0x80 { return nil }
        if lead == 0xE0 && bytes[1] < 0xA0 { return nil }
        if lead == 0xED && bytes[1] >= 0xA0 { return nil }
        if lead == 0xF0 && bytes[1] < 0x90 { return nil }
        if lead == 0xF4 && bytes[1] >= 0x90 { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        return value
    }
}

extension MojibakeDecoder {
    /// The Windows-1252 character of a byte 0x80…0x9F, or nil where 1252 leaves it undefined.
    static func byteString(_ byte: UInt8) -> String? {
        guard byte >= 0x80 && byte <= 0x9F else { return nil }
        let scalar = high[0][Int(byte) - 0x80]
        guard scalar != 0, let value = Unicode.Scalar(scalar) else { return nil }
        return String(Character(value))
    }
}
