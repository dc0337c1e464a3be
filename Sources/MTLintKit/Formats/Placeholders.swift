import Foundation

/// Placeholders that software substitutes at run time: they are code, not
/// prose, and must survive translation unchanged.
public enum Placeholders {
    /// printf-style conversions (`%s`, `%1$d`, `%.2f`, `%(name)s`) where the flags say the string is a
    /// format (PO's `c-format`, `python-format`, …), and `{name}` / `{0}` fields always.
    public static func ranges(in bytes: [UInt8], flags: Set<String>) -> [Range<Int>] {
        let printf = flags.contains { $0.hasSuffix("-format") && !$0.hasPrefix("no-") && $0 != "python-brace-format" }
        var ranges: [Range<Int>] = []
        var index = 0
        while index < bytes.count {
            if printf && bytes[index] == UInt8(ascii: "%"), let end = printfEnd(bytes, from: index) {
                if end - index > 1 || bytes[index + 1] != UInt8(ascii: "%") { ranges.append(index..<end) }
                index = end
            } else if bytes[index] == UInt8(ascii: "{"), let end = braceEnd(bytes, from: index) {
                ranges.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return ranges
    }

    /// Whether bytes hold a sign that starts a placeholder, `%` or `{`: most sentences hold neither.
    static func mayHold(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { ByteScan.holdsAny(of: "%{", bytes) }
    static func mayHold(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.withUnsafeBufferPointer(mayHold) }
    static func mayHold(_ text: String) -> Bool { ByteScan.withBytes(of: text, mayHold) }

    /// The placeholders of a text as written, in order.
    public static func strings(in text: String, flags: Set<String>) -> [String] {
        guard mayHold(text) else { return [] }
        let bytes = Array(text.utf8)
        return ranges(in: bytes, flags: flags).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The end of a printf conversion starting at `%`: `%%`, or `%[n$][(name)][flags][width][.precision][length]conversion`.
    static func printfEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "%") { return index + 1 }
        if bytes[index] == UInt8(ascii: "(") {
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ")")), close - index < 40 else { return nil }
            index = close + 1
        }
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        var position = index
        while position < bytes.count && digits.contains(bytes[position]) { position += 1 }
        if position < bytes.count && bytes[position] == UInt8(ascii: "$") && position > index { index = position + 1 }
        while index < bytes.count && Array("-+ #0'".utf8).contains(bytes[index]) { index += 1 }
        while index < bytes.count && (digits.contains(bytes[index]) || bytes[index] == UInt8(ascii: "*")) { index += 1 }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count && (digits.contains(bytes[index]) || bytes[index] == UInt8(ascii: "*")) { index += 1 }
        }
        while index < bytes.count && Array("hlLqjzt".utf8).contains(bytes[index]) { index += 1 }
        guard index < bytes.count, Array("diouxXeEfFgGaAcspn@".utf8).contains(bytes[index]) else { return nil }
        return index + 1
    }

    static let icuArgumentTypes: Set<String> = ["number", "date", "time", "spellout", "ordinal", "duration",
                                                "plural", "select", "selectordinal", "choice"]

    /// The end of a `{…}` field whose content is a name, a number or an ICU argument (`{0,number}`).
    /// Words after a comma that name no ICU argument type are a shell or help-text alternation
    /// ("{ascii,ebcdic,ibm}", ".{text,data,bss}"), not a placeholder.
    static func braceEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        guard let first = bytes[safe: start + 1], first == UInt8(ascii: "_") || (first >= 0x30 && first <= 0x39) || (first | 0x20 >= 0x61 && first | 0x20 <= 0x7A) else { return nil }
        var index = start + 1
        while index < bytes.count && index - start <= 40 {
            let byte = bytes[index]
            if byte == UInt8(ascii: "}") {
                guard index > start + 1 else { return nil }
                if let comma = bytes[(start + 1)..<index].firstIndex(of: UInt8(ascii: ",")) {
                    let type = String(decoding: bytes[(comma + 1)..<index].prefix { $0 != UInt8(ascii: ",") }, as: UTF8.self)
                    guard icuArgumentTypes.contains(type.trimmingCharacters(in: .whitespaces)) else { return nil }
                }
                return index + 1
            }
            let allowed = (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
            guard allowed else { return nil }
            index += 1
        }
        return nil
    }
}
