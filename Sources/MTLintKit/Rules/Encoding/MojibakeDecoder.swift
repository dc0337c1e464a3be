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
        var confidence: Confidence = .exact
    }

    /// How sure a repair is. Only exact repairs are safe fixes; the others keep the damage flagged.
    enum Confidence: Sendable {
        /// The bytes re-decode completely and nothing around them looks like mojibake afterwards.
        case exact
        /// A byte was lost ("â€" for ”): the replacement is the likeliest character, a guess.
        case lostByte
        /// Mojibake would remain: next to the repair ("ministerÃ¢€™s"), or in a result that
        /// still decodes, though not plausibly.
        case partial
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

    /// The character Windows-1252 gives a byte 0x80…0xFF, nil where it defines none
    /// (HTML's numeric references read 0x80…0x9F this way).
    static func windows1252Character(_ byte: UInt8) -> Unicode.Scalar? {
        guard byte >= 0x80 else { return nil }
        let value = high[Codec.windows1252.rawValue][Int(byte - 0x80)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

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

    /// The document's repairs, found once for the rules that need them (mojibake and
    /// c1-control-character) and for the quote rules, which read mojibake as its repair.
    static func repairs(in document: Document) -> [Repair] {
        document.shared.value("encoding.repairs") { document.text.withUnsafeBufferPointer { repairs(in: $0) } }
    }

    /// Every repair in the text, in order, not overlapping.
    static func repairs(in buffer: UnsafeBufferPointer<UInt8>) -> [Repair] {
        let (found, strays) = candidates(in: buffer)
        // A weak candidate next to a correctly encoded dash or symbol ("Bremer/Mccoy – DrÃ¥ber") is
        // left alone, as ftfy does. Correct letters, quotation marks, other punctuation and no-break
        // spaces do not count: they are on every line of French or German, and a misdecoded word
        // beside them ("Le cafÃ© est fermé", "« NoÃ«l »") is how mixed sources show. The window is
        // the candidate's word and one word on each side. A character glued to the candidate ("€™"
        // in "Ã¢€™") is more of the same damage, not correct text.
        var repairs = found.filter { repair in
            if repair.strong || !strays.lines.contains(repair.line) { return true }
            let window = wordWindow(buffer, repair.range)
            // Strays are in text order: look only at those inside the window.
            var low = 0, high = strays.offsets.count
            while low < high {
                let middle = (low + high) / 2
                if strays.offsets[middle] < window.lowerBound { low = middle + 1 } else { high = middle }
            }
            return !strays.offsets[low...].prefix { $0 < window.upperBound }.contains { !glued(buffer, $0, to: repair.range) }
        }
        // A repair that leaves mojibake beside it ("ministerÃ¢€™s") is unsure.
        for index in repairs.indices where repairs[index].confidence == .exact
            && stillMojibake(buffer, around: index, of: repairs) {
            repairs[index].confidence = .partial
        }
        // So are two glued repairs whose results join into a sequence that decodes: the run was
        // cut in the wrong place ("»Ð" and "—«" from "»З«" encoded three times).
        for index in repairs.indices.dropLast() {
            let (first, second) = (repairs[index], repairs[index + 1])
            if first.range.upperBound == second.range.lowerBound && first.codec == second.codec,
               holdsSequence((first.replacement + second.replacement).unicodeScalars.map(\.value), first.codec) {
                repairs[index].confidence = .partial
                repairs[index + 1].confidence = .partial
            }
        }
        return repairs
    }

    /// Every candidate (weak ones included), and the non-ASCII dashes and symbols outside them
    /// (`offsets`) with their lines (`lines`, start offsets).
    private static func candidates(in buffer: UnsafeBufferPointer<UInt8>) -> ([Repair], (offsets: [Int], lines: Set<Int>)) {
        var repairs: [Repair] = []
        var strayLines: Set<Int> = []
        var strays: [Int] = []
        var rejectedEnd = [Int](repeating: 0, count: Codec.allCases.count)   // per codec
        var index = ByteScan.nextNonASCII(buffer, from: 0)
        guard index < buffer.count else { return ([], ([], [])) }
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
                var decodedEnd = 0
                if let candidate = candidate(buffer, at: index, codec: codec, decodedEnd: &decodedEnd) {
                    if candidate.end > (best?.end ?? 0) { best = candidate }
                } else {
                    rejectedEnd[codec.rawValue] = max(rejectedEnd[codec.rawValue], decodedEnd)
                }
            }
            if var found = best {
                found.repair.line = line(at: index)
                // The tail of a longer run that decodes but was judged implausible ("Â¢Ã¢â€šÂ¬" in
                // "ÃƒÂ¢Ã¢â€šÂ¬"): where the damaged sequence starts is unknown, so the repair is unsure.
                if index < rejectedEnd[found.repair.codec.rawValue] { found.repair.confidence = .partial }
                repairs.append(found.repair)
                index = found.end
            } else {
                if !isEverydayText(scalar) {
                    strayLines.insert(line(at: index))
                    strays.append(index)
                }
                index += length
            }
            index = ByteScan.nextNonASCII(buffer, from: index)
        }
        return (repairs, (strays, strayLines))
    }

    /// Letters, marks, spaces and punctuation other than dashes (quotation marks, apostrophes,
    /// "…", "•"): the non-ASCII text of any European page.
    private static func isEverydayText(_ scalar: UInt32) -> Bool {
        guard let properties = Unicode.Scalar(scalar)?.properties else { return false }
        switch properties.generalCategory {
        case .initialPunctuation, .finalPunctuation, .openPunctuation, .closePunctuation, .otherPunctuation,
             .spaceSeparator, .nonspacingMark, .spacingMark: return true
        default: return properties.isAlphabetic
        }
    }

    /// Whether only non-ASCII characters lie between `offset` and `range`.
    private static func glued(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int, to range: Range<Int>) -> Bool {
        let between = offset < range.lowerBound ? offset..<range.lowerBound : range.upperBound..<offset
        return between.allSatisfy { buffer[$0] >= 0x80 }
    }

    /// The candidate's word and one word on each side, at most 256 bytes each way (text
    /// without spaces has no words to count).
    private static func wordWindow(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        let isSpace = Tokenizer.isASCIISpace
        let lowest = max(0, range.lowerBound - 256), highest = min(buffer.count, range.upperBound + 256)
        var start = range.lowerBound
        while start > lowest && !isSpace(buffer[start - 1]) { start -= 1 }
        while start > lowest && isSpace(buffer[start - 1]) { start -= 1 }
        while start > lowest && !isSpace(buffer[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < highest && !isSpace(buffer[end]) { end += 1 }
        while end < highest && isSpace(buffer[end]) { end += 1 }
        while end < highest && !isSpace(buffer[end]) { end += 1 }
        return start..<end
    }

    /// Whether the non-ASCII run around `repairs[index]` (and one character of context on each
    /// side), with every repair inside it applied, still holds a candidate: part of the damage
    /// would survive the fix. The run is capped at 64 bytes on each side, so text without ASCII
    /// costs little.
    private static func stillMojibake(_ buffer: UnsafeBufferPointer<UInt8>, around index: Int, of repairs: [Repair]) -> Bool {
        let range = repairs[index].range
        var start = range.lowerBound, end = range.upperBound
        while start > 0 && buffer[start - 1] >= 0x80 && range.lowerBound - start < 64 { start -= 1 }
        while end < buffer.count && buffer[end] >= 0x80 && end - range.upperBound < 64 { end += 1 }
        while start < range.lowerBound && buffer[start] & 0xC0 == 0x80 { start += 1 }   // whole scalars only
        while end > range.upperBound && end < buffer.count && buffer[end] & 0xC0 == 0x80 { end -= 1 }
        if start > 0 && buffer[start - 1] < 0x80 { start -= 1 }
        if end < buffer.count && buffer[end] < 0x80 { end += 1 }
        var first = index, last = index   // the repairs inside the run
        while first > 0 && repairs[first - 1].range.lowerBound >= start { first -= 1 }
        while last + 1 < repairs.count && repairs[last + 1].range.upperBound <= end { last += 1 }
        let run = applying(Array(repairs[first...last]), to: buffer, in: start..<end)
        return run.withUnsafeBufferPointer { !candidates(in: $0).0.isEmpty }
    }

    /// `buffer[range]` with the repairs that lie inside it applied.
    private static func applying(_ repairs: [Repair], to buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> [UInt8] {
        var result: [UInt8] = []
        var cursor = range.lowerBound
        for repair in repairs where repair.range.lowerBound >= cursor && repair.range.upperBound <= range.upperBound {
            result += buffer[cursor..<repair.range.lowerBound]
            result += Array(repair.replacement.utf8)
            cursor = repair.range.upperBound
        }
        result += buffer[cursor..<range.upperBound]
        return result
    }

    private static func isContinuation(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= 0x80 && byte <= 0xBF
    }

    /// The longest run of valid sequences at `start` under a codec, or failing that its longest
    /// plausible start, if any. `decodedEnd` is where the run that decodes ends, plausible or not.
    private static func candidate(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int, codec: Codec,
                                  decodedEnd: inout Int) -> (end: Int, repair: Repair)? {
        var position = start
        var decoded: [UInt32] = []
        var ends: [Int] = [], lasts: [UInt32] = []   // after each sequence: its end, its last character
        var firstLead: UInt8 = 0
        var lossy = false
        // At most 64 sequences: a rejected run is decoded again from each of its characters, so
        // an unbounded run would make a long implausible one quadratic.
        run: while position < buffer.count && decoded.count < 64 {
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
                    lossy = true
                    position = cursor + nextLength
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
            position = cursor
            ends.append(position)
            lasts.append(last)
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
        if decoded.isEmpty && codec == .windows1252, let end = truncatedQuote(buffer, at: start) {
            return (end, Repair(range: start..<end, replacement: "”", codec: codec, strong: true, line: 0, confidence: .lostByte))
        }
        guard !decoded.isEmpty else { return nil }
        decodedEnd = position
        if lossy {
            // Only punctuation ("â€�") is common enough to read through a lost byte.
            guard firstLead == 0xE2 && codec == .windows1252 else { return nil }
            return (position, Repair(range: start..<position, replacement: string(decoded), codec: codec, strong: true, line: 0))
        }
        // The whole run, else, in a run of up to 24 sequences (enough for a character encoded three
        // times), its longest plausible start: "â€™Ã©" in "lâ€™Ã©cran" is ’ and é, each judged on
        // its own. When the whole run decodes again, a start must too: "Ãƒâ€”" is one × encoded
        // twice, not "Ã" and "—".
        let layered = redecode(decoded, codec) != nil
        let shorter = decoded.count <= 24 ? Array((1..<decoded.count).reversed()) : []
        for count in [decoded.count] + shorter {
            let part = Array(decoded[0..<count])
            if count < decoded.count && layered && redecode(part, codec) == nil { continue }
            if let repair = judge(part, buffer, start..<ends[count - 1], codec: codec, lastOriginal: lasts[count - 1]) {
                return (ends[count - 1], repair)
            }
        }
        return nil
    }

    /// The repair of `buffer[range]` from its first decoding `decoded`, if plausible.
    private static func judge(_ decoded: [UInt32], _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                              codec: Codec, lastOriginal: UInt32) -> Repair? {
        let previous = ByteScan.scalar(before: range.lowerBound, buffer)?.value ?? 0x20
        let next = range.upperBound < buffer.count ? ByteScan.scalar(buffer, range.upperBound).value : 0x20
        // Layered mojibake ("Ã¢â‚¬â„¢" → "â€™" → "’"): decode again while the result still decodes,
        // then keep the deepest layer that is plausible, judged by its own bytes (real text such
        // as "ë…”" also decodes, to a Korean syllable, and must stay).
        var layers = [decoded]
        while layers.count < 4, let deeper = redecode(layers.last!, codec) ?? repairInside(layers.last!, codec) {
            layers.append(deeper)
        }
        if layers.last! == [0xE2, 0x20AC] && beforeSpaceOrPunctuation(buffer, range.upperBound) {
            // "Ã¢â‚¬" (and deeper): "â€" encoded again, the ” that lost its last byte.
            return Repair(range: range, replacement: "”", codec: codec, strong: true, line: 0, confidence: .lostByte)
        }
        for (depth, layer) in layers.enumerated().reversed() {
            let lead = ByteScan.utf8(layer[0]).utf8.first!
            let longest = layer.map { ByteScan.utf8($0).utf8.count }.max()!
            guard let strong = plausible(layer, codec: codec, firstLead: lead, maxSequence: longest,
                                         lastOriginal: lastOriginal, previous: previous, next: next) else { continue }
            // Text that decodes twice is never real text. A layer that still holds a sequence that
            // decodes, though not plausibly ("»Ð—«"), may still be mojibake: the repair is unsure.
            return Repair(range: range, replacement: string(layer), codec: codec, strong: strong || depth > 0, line: 0,
                          confidence: holdsSequence(layer, codec) ? .partial : .exact)
        }
        return nil
    }

    /// Whether some characters of `scalars` are, under the codec, the bytes of a UTF-8 sequence.
    private static func holdsSequence(_ scalars: [UInt32], _ codec: Codec) -> Bool {
        for (index, scalar) in scalars.enumerated() {
            guard let lead = byte(scalar, codec), lead >= 0xC2 && lead <= 0xF4 else { continue }
            let end = index + ByteScan.length(lead)
            guard end <= scalars.count else { continue }
            let bytes = [lead] + scalars[(index + 1)..<end].compactMap { byte($0, codec) }
            if decodeUTF8(bytes) != nil { return true }
        }
        return false
    }

    private static func string(_ scalars: [UInt32]) -> String {
        var result = ""
        for value in scalars { result.unicodeScalars.append(Unicode.Scalar(value)!) }
        return result
    }

    /// "â€" before a space, a line end or ASCII punctuation: the UTF-8 of ” (E2 80 9D) whose last
    /// byte, undefined in Windows-1252, a strict decoder dropped. The end of "â€", or nil.
    private static func truncatedQuote(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let end = start + 5
        guard end <= buffer.count, buffer[start] == 0xC3, buffer[start + 1] == 0xA2,
              buffer[start + 2] == 0xE2, buffer[start + 3] == 0x82, buffer[start + 4] == 0xAC,
              beforeSpaceOrPunctuation(buffer, end) else { return nil }
        return end
    }

    /// Whether `offset` is the end of the text or an ASCII character other than a letter or digit.
    private static func beforeSpaceOrPunctuation(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        guard offset < buffer.count else { return true }
        let after = UInt32(buffer[offset])
        return after < 0x80 && !ByteScan.isASCIILetter(after) && !ByteScan.isDigit(after)
    }

    /// A layer where only part is mojibake again ("â€™“": ’ encoded twice beside “ encoded once),
    /// with that part decoded; nil when no part is (guesses about lost bytes are not made here).
    private static func repairInside(_ layer: [UInt32], _ codec: Codec) -> [UInt32]? {
        guard holdsSequence(layer, codec) else { return nil }   // the usual case, found cheaply
        let bytes = Array(string(layer).utf8)
        return bytes.withUnsafeBufferPointer { buffer -> [UInt32]? in
            let inner = candidates(in: buffer).0.filter { $0.confidence == .exact }
            guard !inner.isEmpty else { return nil }
            return String(decoding: applying(inner, to: buffer, in: 0..<buffer.count), as: UTF8.self).unicodeScalars.map(\.value)
        }
    }

    /// nil when implausible; else whether the evidence is strong.
    private static func plausible(_ decoded: [UInt32], codec: Codec, firstLead: UInt8, maxSequence: Int,
                                  lastOriginal: UInt32, previous: UInt32, next: UInt32) -> Bool? {
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

extension MojibakeDecoder.Repair {
    /// The one character of `set` that the repaired text opens or closes with, when it holds no
    /// other: "Â«Â\u{A0}" stands for "«\u{A0}", so for «.
    func edgeCharacter(in set: Set<UInt32>) -> UInt32? {
        let scalars = replacement.unicodeScalars.map(\.value)
        let found = scalars.filter { set.contains($0) }
        guard found.count == 1, found[0] == scalars.first || found[0] == scalars.last else { return nil }
        return found[0]
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
