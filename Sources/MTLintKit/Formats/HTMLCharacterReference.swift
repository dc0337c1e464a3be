import ICUShim

/// HTML character references (`&amp;`, `&eacute;`, `&#8217;`, `&#x2019;`), decoded
/// as browsers do. Named references are looked up in libxml2's HTML entity table
/// through the shim, so mtlint keeps no copy of it; a name it does not know, or one
/// without its ";", is left as text.
enum HTMLCharacterReference {
    /// What the reference at `start` (an "&") stands for and the offset after it,
    /// reading no further than `limit`; nil when the "&" starts no reference.
    static func decode(_ bytes: [UInt8], at start: Int, limit: Int) -> (text: String, end: Int)? {
        var index = start + 1
        guard index < limit else { return nil }
        if bytes[index] == UInt8(ascii: "#") { return numeric(bytes, from: index + 1, limit: limit) }
        let nameStart = index
        while index < limit && index - nameStart < 32 && isAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart, index < limit, bytes[index] == UInt8(ascii: ";") else { return nil }
        let name = Array(bytes[nameStart..<index])
        guard let scalar = named(name) else { return nil }
        return (String(Character(scalar)), index + 1)
    }

    /// A named reference: XML's five and `nbsp` directly, the rest from libxml2.
    static func named(_ name: [UInt8]) -> Unicode.Scalar? {
        switch String(decoding: name, as: UTF8.self) {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return "\u{A0}"
        default:
            let value = name.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { mtl_html_entity($0.baseAddress, Int32($0.count)) }
            }
            return value > 0 ? Unicode.Scalar(UInt32(value)) : nil
        }
    }

    /// `&#233;` or `&#xE9;`; the ";" may be missing, as browsers accept. A code point
    /// that is no character (0, a surrogate, past U+10FFFF) reads as U+FFFD; 0x80–0x9F
    /// are read as Windows-1252, as browsers do for pages that meant "&#150;" as a dash.
    private static func numeric(_ bytes: [UInt8], from: Int, limit: Int) -> (text: String, end: Int)? {
        var index = from
        var radix: UInt32 = 10
        if index < limit && (bytes[index] | 0x20) == UInt8(ascii: "x") { radix = 16; index += 1 }
        var value: UInt32 = 0
        let digitsStart = index
        while index < limit, let digit = digitValue(bytes[index]), digit < radix {
            value = min(value * radix + digit, 0x110000)  // saturates: any larger number is past Unicode
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < limit && bytes[index] == UInt8(ascii: ";") { index += 1 }
        let scalar: Unicode.Scalar
        if (0x80...0x9F).contains(value), let windows = MojibakeDecoder.windows1252Character(UInt8(value)) {
            scalar = windows
        } else {
            scalar = value == 0 ? "\u{FFFD}" : Unicode.Scalar(value) ?? "\u{FFFD}"
        }
        return (String(Character(scalar)), index)
    }

    private static func digitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        HTMLTokenizer.isLetter(byte) || (byte >= 0x30 && byte <= 0x39)
    }
}
