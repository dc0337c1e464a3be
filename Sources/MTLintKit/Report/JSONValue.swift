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
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(to: &output, pretty: pretty, indent: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Written as bytes: a report of thousands of findings is millions of small appends.
    private func write(to output: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: output += "null".utf8
        case .bool(let value): output += (value ? "true" : "false").utf8
        case .int(let value): output += String(value).utf8
        case .double(let value):
            output += (value.isFinite ? (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)) : "null").utf8
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                JSONValue.separate(position, &output, pretty: pretty, indent: indent + 1)
                item.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            JSONValue.close(UInt8(ascii: "]"), empty: items.isEmpty, &output, pretty: pretty, indent: indent)
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, (key, value)) in members.enumerated() {
                JSONValue.separate(position, &output, pretty: pretty, indent: indent + 1)
                JSONValue.writeString(key, to: &output)
                output += (pretty ? ": " : ":").utf8
                value.write(to: &output, pretty: pretty, indent: indent + 1)
            }
            JSONValue.close(UInt8(ascii: "}"), empty: members.isEmpty, &output, pretty: pretty, indent: indent)
        }
    }

    /// The comma before every item but the first, and in pretty output a new line at the item's depth.
    private static func separate(_ position: Int, _ output: inout [UInt8], pretty: Bool, indent: Int) {
        if position > 0 { output.append(UInt8(ascii: ",")) }
        if pretty { newLine(&output, indent: indent) }
    }

    private static func close(_ mark: UInt8, empty: Bool, _ output: inout [UInt8], pretty: Bool, indent: Int) {
        if pretty && !empty { newLine(&output, indent: indent) }
        output.append(mark)
    }

    private static func newLine(_ output: inout [UInt8], indent: Int) {
        output.append(0x0A)
        output.append(contentsOf: repeatElement(0x20, count: 2 * indent))
    }

    static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings (paths, rule ids, messages) need no escape: appended whole. 0xE2 may start
        // U+2028 or U+2029, which the scalar loop escapes.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            output += value.utf8
            output.append(UInt8(ascii: "\""))
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\"".utf8
            case "\\": output += "\\\\".utf8
            case "\n": output += "\\n".utf8
            case "\r": output += "\\r".utf8
            case "\t": output += "\\t".utf8
            case "\u{2028}": output += "\\u2028".utf8
            case "\u{2029}": output += "\\u2029".utf8
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                } else {
                    output += String(scalar).utf8
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
