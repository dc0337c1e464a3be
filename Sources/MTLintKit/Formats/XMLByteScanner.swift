/// Walks an XML file's bytes in step with `XMLParser`'s events, to find where
/// each tag and each piece of text sits in the file: the parser reports lines
/// and columns, never byte offsets. The parser decides well-formedness; this
/// scanner only finds boundaries (tags, comments, CDATA, references) and fails
/// cleanly, never crashes, on bytes it does not expect.
struct XMLByteScanner {
    /// Text as the file holds it: bytes copied as they are (character data, CDATA
    /// content) or one reference (`&amp;`, `&#233;`) with what it decodes to.
    enum TextPiece: Equatable {
        case verbatim(Range<Int>)
        case reference(String, Range<Int>)
    }

    /// A start or end tag: its qualified name's bytes and the whole tag's bytes.
    struct Tag {
        var name: Range<Int>
        var isEnd: Bool
        var isSelfClosing: Bool
        var range: Range<Int>
    }

    let bytes: [UInt8]
    /// Where the next scan starts: just after the last tag returned.
    private(set) var position: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Moves past the next start or end tag and returns it; the text before it is
    /// appended to `text`. Comments, processing instructions and the DOCTYPE are skipped.
    mutating func nextTag(text: inout [TextPiece]) throws(FormatError) -> Tag {
        var runStart = position
        func flushRun(to end: Int) {
            if end > runStart { text.append(.verbatim(runStart..<end)) }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") {
                flushRun(to: position)
                let (decoded, end) = try reference(at: position)
                text.append(.reference(decoded, position..<end))
                position = end
                runStart = end
                continue
            }
            guard byte == UInt8(ascii: "<") else { position += 1; continue }
            flushRun(to: position)
            let start = position
            // Most markup is a tag: look at the byte after "<" before comparing longer prefixes.
            let next = start + 1 < bytes.count ? bytes[start + 1] : 0
            if next != UInt8(ascii: "!") && next != UInt8(ascii: "?") {
                let isEnd = next == UInt8(ascii: "/")
                let nameStart = start + (isEnd ? 2 : 1)
                var nameEnd = nameStart
                while nameEnd < bytes.count && !Self.endsName(bytes[nameEnd]) { nameEnd += 1 }
                let close = try tagEnd(from: nameEnd)
                position = close + 1
                return Tag(name: nameStart..<nameEnd, isEnd: isEnd,
                           isSelfClosing: !isEnd && bytes[close - 1] == UInt8(ascii: "/"), range: start..<position)
            }
            if bytes.hasPrefix("<!--", at: start) {
                position = try end(of: "-->", from: start + 4, what: "comment")
            } else if bytes.hasPrefix("<![CDATA[", at: start) {
                let close = try find("]]>", from: start + 9, what: "CDATA section")
                if close > start + 9 { text.append(.verbatim((start + 9)..<close)) }
                position = close + 3
            } else if bytes.hasPrefix("<?", at: start) {
                position = try end(of: "?>", from: start + 2, what: "processing instruction")
            } else {
                // The DOCTYPE (its internal subset was refused before parsing).
                position = try tagEnd(from: start + 2) + 1
            }
            runStart = position
        }
        throw error(at: bytes.count, "the document ends inside an element")
    }

    /// Whether the bytes of `range` spell `name`.
    func bytes(_ range: Range<Int>, spell name: String) -> Bool {
        guard name.utf8.count == range.count else { return false }
        var index = range.lowerBound
        for byte in name.utf8 {
            if bytes[index] != byte { return false }
            index += 1
        }
        return true
    }

    // MARK: References

    /// What the reference at `start` (an ampersand) decodes to, and the offset after its `;`.
    private func reference(at start: Int) throws(FormatError) -> (String, Int) {
        var end = start + 1
        while end < bytes.count && end - start < 12 && bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else {
            throw error(at: start, "a '&' that starts no reference (write it as &amp;)")
        }
        let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        if let decoded = Self.decodeReference(name) { return (decoded, end + 1) }
        throw error(at: start, "an undefined entity &\(name); (only &amp; &lt; &gt; &quot; &apos; and character references are read)")
    }

    /// The text of a reference's name ("amp", "#233", "#xE9"), or nil when it is not one XML predefines.
    static func decodeReference(_ name: String) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
    }

    // MARK: Safety

    /// Refuses, before any parsing, what could make a parser read other files or
    /// expand entities without bound (XXE, "billion laughs"): any `<!ENTITY`
    /// declaration and any DOCTYPE with an internal subset. Also refuses files
    /// that are not UTF-8, since offsets are taken from the bytes as UTF-8.
    static func refuseUnsafeContent(_ bytes: [UInt8]) throws(FormatError) {
        let scanner = XMLByteScanner(bytes: bytes)
        let head = Array(bytes.prefix(4))
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.contains(0) {
            throw scanner.error(at: 0, "only UTF-8 XML is read; this file looks like UTF-16 or UTF-32 (convert it to UTF-8)")
        }
        if let encoding = scanner.declaredEncoding(),
           !["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding.lowercased()) {
            throw scanner.error(at: scanner.position, "only UTF-8 XML is read; this file declares encoding \"\(encoding)\" (convert it to UTF-8)")
        }
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            guard index < bytes.count, bytes[index] == UInt8(ascii: "!") else { continue }
            if scanner.bytes.hasPrefix("<!ENTITY", at: open) {
                throw scanner.error(at: open, "entity declarations are refused (they can read other files or expand without bound)")
            }
            if scanner.bytes.hasPrefix("<!DOCTYPE", at: open),
               let end = try? scanner.tagEnd(from: open + 9, stopAtBracket: true), bytes[end] == UInt8(ascii: "[") {
                throw scanner.error(at: open, "a DOCTYPE with an internal subset is refused (its declarations can read other files or expand without bound)")
            }
        }
    }

    /// The encoding named in the XML declaration, if there is one.
    private func declaredEncoding() -> String? {
        guard bytes.hasPrefix("<?xml", at: position), let end = try? find("?>", from: position, what: "") else { return nil }
        let declaration = String(decoding: bytes[position..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    // MARK: Helpers

    /// The offset of the `>` closing the tag or declaration whose name ends before `from`,
    /// skipping quoted attribute values (which may hold `>`). With `stopAtBracket`, a `[` also stops it.
    private func tagEnd(from: Int, stopAtBracket: Bool = false) throws(FormatError) -> Int {
        var index = from
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") || (stopAtBracket && byte == UInt8(ascii: "[")) {
                return index
            }
            index += 1
        }
        throw error(at: from, "a tag without its closing '>'")
    }


    /// The offset where `pattern` next occurs from `from`.
    private func find(_ pattern: StaticString, from: Int, what: String) throws(FormatError) -> Int {
        let first = pattern.withUTF8Buffer { $0[0] }
        var index = from
        while index < bytes.count {
            if bytes[index] == first && bytes.hasPrefix(pattern, at: index) { return index }
            index += 1
        }
        throw error(at: from, "an unfinished \(what)")
    }

    /// The offset just after the next `pattern`.
    private func end(of pattern: StaticString, from: Int, what: String) throws(FormatError) -> Int {
        try find(pattern, from: from, what: what) + pattern.utf8CodeUnitCount
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    /// A format error at a byte offset: 1-based line and column, columns in Unicode scalars (DESIGN §4).
    func error(at offset: Int, _ message: String) -> FormatError {
        let (line, column) = Self.lineAndColumn(of: min(offset, bytes.count), in: bytes)
        return FormatError(line: line, column: column, message: message)
    }

    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        // UTF-8 continuation bytes (10xxxxxx) do not start a scalar.
        let column = bytes[lineStart..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return (line, column)
    }
}
