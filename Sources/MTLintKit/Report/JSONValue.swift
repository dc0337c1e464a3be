/// A JSON value whose objects keep their key order, so reports are stable and
/// read in the documented field order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// Compact JSON, or indented with two spaces per level.
    public func serialized(pretty: Bool = false) -> String {
        var output = ""
        write(to: &output, pretty: pretty, indent: 0)
        return output
    }

    private func write(to output: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value):
            output += value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)) : "null"
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &output, pretty: pretty, indent: indent)
        case .object(let members):
            writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", to: &output, pretty: pretty, indent: indent)
        }
    }

    private func writeContainer(_ items: [(String?, JSONValue)], open: String, close: String,
                                to output: inout String, pretty: Bool, indent: Int) {
        output += open
        if items.isEmpty { output += close; return }
        let inner = String(repeating: "  ", count: indent + 1)
        for (position, (key, value)) in items.enumerated() {
            if position > 0 { output += "," }
            if pretty { output += "\n" + inner }
            if let key {
                JSONValue.writeString(key, to: &output)
                output += pretty ? ": " : ":"
            }
            value.write(to: &output, pretty: pretty, indent: indent + 1)
        }
        if pretty { output += "\n" + String(repeating: "  ", count: indent) }
        output += close
    }

    static func writeString(_ value: String, to output: inout String) {
        output += "\""
        // Most strings (paths, rule ids, messages) need no escape: appended whole. 0xE2 may start
        // U+2028 or U+2029, which the scalar loop escapes.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            output += value
            output += "\""
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
