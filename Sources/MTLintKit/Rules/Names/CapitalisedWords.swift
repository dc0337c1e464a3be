/// A letter token that starts with a capital ("Kim", "Éric"), with the hash that both
/// names passes look it up by.
struct CapitalisedWord {
    let token: Int32
    /// `NameIndex.hash` of the token's bytes. For a plain word it is also the hash of
    /// the word's fold key and of its spelling (`NameFold`), so no pass hashes it again.
    let hash: UInt64
    /// ASCII letters and digits only: "Linux", not "China's", "Éric" or "U.S".
    let plain: Bool
}

/// The capitalised words of a document, found and hashed once per document: the mention
/// scan and name-variant's phrase pass both start only there, and walking every token
/// twice was a visible share of the names family's time.
enum CapitalisedWords {
    static func words(in document: Document) -> [CapitalisedWord] {
        document.shared.value("names:capitalised") { words(in: document, tokens: document.tokens.indices) }
    }

    /// Those whose tokens start inside `ranges` (in order, apart): a source's scan reads some sentences only.
    static func words(in document: Document, startingWithin ranges: [Range<Int>]) -> [CapitalisedWord] {
        let tokens = document.tokens
        /// The first token that starts at or after `offset`.
        func firstToken(from offset: Int) -> Int {
            var low = 0, high = tokens.count
            while low < high {
                let middle = (low + high) / 2
                if tokens[middle].start < offset { low = middle + 1 } else { high = middle }
            }
            return low
        }
        return ranges.flatMap { words(in: document, tokens: firstToken(from: $0.lowerBound)..<firstToken(from: $0.upperBound)) }
    }

    private static func words(in document: Document, tokens indices: Range<Int>) -> [CapitalisedWord] {
        document.text.withUnsafeBufferPointer { text in
            document.tokens.withUnsafeBufferPointer { tokens in
                // First the candidates, without a branch per token: letter tokens and marks
                // alternate with no pattern a branch predictor could learn. A candidate is a
                // letter token led by A–Z or by a non-ASCII byte (looked at more closely below).
                var count = 0
                let candidates = [Int32](unsafeUninitializedCapacity: indices.count + 1) { candidates, initialised in
                    for index in indices {
                        let token = tokens[index], lead = text[token.start]
                        let letter = unsafeBitCast(token.kind == .letter, to: UInt8.self)
                        let capitalOrOther = unsafeBitCast(lead &- 0x41 < 26, to: UInt8.self) | lead >> 7
                        candidates[count] = Int32(truncatingIfNeeded: index)
                        count += Int(letter & capitalOrOther)
                    }
                    initialised = count
                }
                var result: [CapitalisedWord] = []
                result.reserveCapacity(count)
                for index in candidates {
                    let token = tokens[Int(index)]
                    guard text[token.start] < 0x80 || startsWithCapital(token.start, text) else { continue }
                    var hash = FNV.start, plain = true
                    for byte in text[token.start..<wordEnd(token, text)] {
                        let lower = CaseFolding.asciiLower(byte)
                        if !(lower >= 0x61 && lower <= 0x7A) && !(byte >= 0x30 && byte <= 0x39) { plain = false }
                        hash = FNV.adding(lower, to: hash)
                    }
                    result.append(CapitalisedWord(token: index, hash: hash, plain: plain))
                }
                return result
            }
        }
    }

    /// Where the word ends: ICU's word break keeps a narrow no-break space (U+202F) in the
    /// token, and French writes one after a word before : ; ! ? ("Pyongyang\u{202F}!").
    static func wordEnd(_ token: Token, _ text: UnsafeBufferPointer<UInt8>) -> Int {
        var end = token.end
        while end - token.start > 3 && text[end - 3] == 0xE2 && text[end - 2] == 0x80 && text[end - 1] == 0xAF { end -= 3 }
        return end
    }

    @inline(__always)
    static func isCapitalised(_ token: Token, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        token.kind == .letter && startsWithCapital(token.start, text)
    }

    /// ASCII A–Z, or a non-ASCII upper-case letter.
    @inline(__always)
    static func startsWithCapital(_ offset: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let lead = text[offset]
        if lead < 0x80 { return lead >= 0x41 && lead <= 0x5A }
        return Unicode.Scalar(ScriptLookup.scalar(at: offset, in: text))?.properties.isUppercase ?? false
    }
}
