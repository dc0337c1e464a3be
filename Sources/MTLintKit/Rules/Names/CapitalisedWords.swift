/// The letter tokens of a document that start with a capital ("Kim", "Éric"), found once
/// per document: the mention scan and name-variant's phrase pass both start only there,
/// and walking every token twice was a visible share of the names family's time.
enum CapitalisedWords {
    static func indices(in document: Document) -> [Int32] {
        document.shared.value("names:capitalised") {
            document.text.withUnsafeBufferPointer { text in
                document.tokens.withUnsafeBufferPointer { tokens in
                    var result: [Int32] = []
                    for index in tokens.indices where isCapitalised(tokens[index], text) {
                        result.append(Int32(truncatingIfNeeded: index))
                    }
                    return result
                }
            }
        }
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
