/// Converts UTF-8 byte offsets (mtlint's one internal unit) into UTF-16 code-unit offsets, the
/// unit of LanguageTool's API (Java strings, JavaScript in the browser extension).
enum UTF16Offsets {
    /// The UTF-16 offset of each byte offset, in one forward pass over the text. A byte offset
    /// inside a multi-byte character counts as that character's start; past the end, as the end.
    static func convert(_ offsets: [Int], in bytes: [UInt8]) -> [Int: Int] {
        var result: [Int: Int] = [:]
        let targets = Set(offsets).sorted()
        var next = 0
        var units = 0
        var characterStart = 0
        for (position, byte) in bytes.enumerated() {
            let isLead = byte & 0xC0 != 0x80
            if isLead { characterStart = units }
            while next < targets.count && targets[next] <= position {
                result[targets[next]] = isLead ? units : characterStart
                next += 1
            }
            if next == targets.count { return result }
            // Four-byte characters take a surrogate pair.
            if isLead { units += byte >= 0xF0 ? 2 : 1 }
        }
        while next < targets.count {
            result[targets[next]] = units
            next += 1
        }
        return result
    }
}
