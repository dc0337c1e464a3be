/// Decodes `application/x-www-form-urlencoded` bodies and query strings strictly: a `%` not
/// followed by two hex digits, or percent-decoded bytes that are not UTF-8, are errors. (Lenient
/// decoders put U+FFFD in their place, and the text linted would then not be the text sent.)
public enum FormDecoder {
    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The fields in order; a name given twice keeps both (see `Form.first`).
    public static func decode(_ bytes: some Collection<UInt8>) throws(Failure) -> Form {
        var fields: [(String, String)] = []
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decodeComponent(parts[0], what: "a field name")
            let value = parts.count > 1 ? try decodeComponent(parts[1], what: "the field '\(name)'") : ""
            fields.append((name, value))
        }
        return Form(fields: fields)
    }

    static func decodeComponent(_ bytes: some Collection<UInt8>, what: String) throws(Failure) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "+"):
                decoded.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let first = bytes.index(after: index)
                guard first != bytes.endIndex, bytes.index(after: first) != bytes.endIndex,
                      let high = hexValue(bytes[first]), let low = hexValue(bytes[bytes.index(after: first)]) else {
                    throw Failure(description: "malformed percent-encoding in \(what): '%' must be followed by two hex digits")
                }
                decoded.append(high << 4 | low)
                index = bytes.index(after: first)
            default:
                decoded.append(byte)
            }
            index = bytes.index(after: index)
        }
        guard let string = String(validating: decoded, as: UTF8.self) else {
            throw Failure(description: "\(what) is not valid UTF-8 once percent-decoded")
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Decoded form fields, in the order sent.
public struct Form: Sendable {
    public var fields: [(String, String)]

    /// The first value of a field (like LanguageTool's server, which reads the first).
    public func first(_ name: String) -> String? {
        fields.first { $0.0 == name }?.1
    }

    /// The fields of both, `self`'s first.
    public func merged(with other: Form) -> Form {
        Form(fields: fields + other.fields)
    }
}
