/// Walks an XML file's bytes in step with `XMLParser`'s events, to find where
/// each tag and each piece of text sits in the file: the parser reports lines
/// and columns, never byte offsets. The parser decides well-formedness; this
/// scanner only finds boundaries (tags, comments, CDATA, references) and fails
/// cleanly, never crashes, on bytes it does not expect.
///
/// Offsets are the file's. The bytes come through a `ByteWindow`, which a tag
/// asked for releases everything before it: only the bytes not yet consumed are held.
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

    private(set) var window: ByteWindow
    /// Where the next scan starts: just after the last tag returned.
    private(set) var position: Int

    init(_ window: ByteWindow) {
        self.window = window
        position = window.bomLength
    }

    init(bytes: [UInt8]) { self.init(ByteWindow(bytes: bytes)) }

    /// Moves past the next start or end tag and returns it; the text before it is
    /// appended to `text`. Comments, processing instructions and the DOCTYPE are skipped.
    /// The bytes before the previous tag's end are released.
    mutating func nextTag(text: inout [TextPiece]) throws(FormatError) -> Tag {
        window.release(before: position)
        var runStart = position
        func flushRun(to end: Int) {
            if end > runStart { text.append(.verbatim(runStart..<end)) }
        }
        while window.has(position) {
            let byte = window[position]
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
            let next = window.has(start + 1) ? window[start + 1] : 0
            if next != UInt8(ascii: "!") && next != UInt8(ascii: "?") {
                let isEnd = next == UInt8(ascii: "/")
                let nameStart = start + (isEnd ? 2 : 1)
                var nameEnd = nameStart
                while window.has(nameEnd) && !Self.endsName(window[nameEnd]) { nameEnd += 1 }
                let close = try tagEnd(from: nameEnd)
                position = close + 1
                return Tag(name: nameStart..<nameEnd, isEnd: isEnd,
                           isSelfClosing: !isEnd && window[close - 1] == UInt8(ascii: "/"), range: start..<position)
            }
            if hasPrefix("<!--", at: start) {
                position = try end(of: "-->", from: start + 4, what: "comment")
            } else if hasPrefix("<![CDATA[", at: start) {
                let close = try find("]]>", from: start + 9, what: "CDATA section")
                if close > start + 9 { text.append(.verbatim((start + 9)..<close)) }
                position = close + 3
            } else if hasPrefix("<?", at: start) {
                position = try end(of: "?>", from: start + 2, what: "processing instruction")
            } else {
                // The DOCTYPE (its internal subset was refused before parsing).
                position = try tagEnd(from: start + 2) + 1
            }
            runStart = position
        }
        throw error(at: window.end, "the document ends inside an element")
    }

    /// Reads the window's next chunk, which checks it.
    mutating func readAhead() {
        _ = window.has(window.end)
    }

    /// Whether the bytes of `range` spell `name`.
    func bytes(_ range: Range<Int>, spell name: String) -> Bool {
        guard name.utf8.count == range.count else { return false }
        var index = range.lowerBound
        for byte in name.utf8 {
            if window[index] != byte { return false }
            index += 1
        }
        return true
    }

    // MARK: References

    /// What the reference at `start` (an ampersand) decodes to, and the offset after its `;`.
    private mutating func reference(at start: Int) throws(FormatError) -> (String, Int) {
        var end = start + 1
        while window.has(end) && end - start < 12 && window[end] != UInt8(ascii: ";") { end += 1 }
        guard window.has(end), window[end] == UInt8(ascii: ";") else {
            throw error(at: start, "a '&' that starts no reference (write it as &amp;)")
        }
        let name = String(decoding: window[(start + 1)..<end], as: UTF8.self)
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
    /// expand entities without bound (XXE, "billion laughs"): an `<!ENTITY`
    /// declaration or a DOCTYPE with an internal subset in the prolog, the only
    /// place where a document can declare entities (past the root element's start
    /// tag a declaration is not well-formed, and the parser stops there). Also
    /// refuses files that are not UTF-8, since offsets are taken from the bytes as UTF-8.
    /// The scanner is left at the root element.
    mutating func refuseUnsafeContent() throws(FormatError) {
        _ = window.has(3)
        let head = window[window.start..<min(window.end, 4)]
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.contains(0) {
            throw error(at: 0, "only UTF-8 XML is read; this file looks like UTF-16 or UTF-32 (convert it to UTF-8)")
        }
        if let encoding = declaredEncoding(),
           !["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding.lowercased()) {
            throw error(at: position, "only UTF-8 XML is read; this file declares encoding \"\(encoding)\" (convert it to UTF-8)")
        }
        // Up to the root element, skipping comments and processing instructions (a construct
        // left unfinished is the parser's to report). The scanner starts again where this
        // walk stops, so what it passed is let go.
        var index = position
        while window.has(index) {
            position = index
            window.release(before: index)
            guard window[index] == UInt8(ascii: "<") else { index += 1; continue }
            let open = index
            if hasPrefix("<!--", at: open) {
                guard let end = try? end(of: "-->", from: open + 4, what: "comment") else { return }
                index = end
            } else if hasPrefix("<?", at: open) {
                guard let end = try? end(of: "?>", from: open + 2, what: "processing instruction") else { return }
                index = end
            } else if hasPrefix("<!ENTITY", at: open) {
                throw error(at: open, "entity declarations are refused (they can read other files or expand without bound)")
            } else if hasPrefix("<!DOCTYPE", at: open) {
                guard let end = try? tagEnd(from: open + 9, stopAtBracket: true) else { return }
                if window[end] == UInt8(ascii: "[") {
                    throw error(at: open, "a DOCTYPE with an internal subset is refused (its declarations can read other files or expand without bound)")
                }
                index = end + 1
            } else if hasPrefix("<!", at: open) {
                index = open + 2
            } else {
                return  // the root element
            }
        }
    }

    /// The encoding named in the XML declaration, if there is one.
    private mutating func declaredEncoding() -> String? {
        guard hasPrefix("<?xml", at: position), let end = try? find("?>", from: position, what: "") else { return nil }
        let declaration = String(decoding: window[position..<end], as: UTF8.self)
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    // MARK: Helpers

    /// Whether the file holds `prefix` at `offset` (the markup's "<!--", "<![CDATA[", …).
    private mutating func hasPrefix(_ prefix: StaticString, at offset: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard window.has(offset + count - 1) else { return false }
        return prefix.withUTF8Buffer { buffer in
            for index in 0..<count where buffer[index] != window[offset + index] { return false }
            return true
        }
    }

    /// The offset of the `>` closing the tag or declaration whose name ends before `from`,
    /// skipping quoted attribute values (which may hold `>`). With `stopAtBracket`, a `[` also stops it.
    private mutating func tagEnd(from: Int, stopAtBracket: Bool = false) throws(FormatError) -> Int {
        var index = from
        var quote: UInt8? = nil
        while window.has(index) {
            let byte = window[index]
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
    private mutating func find(_ pattern: StaticString, from: Int, what: String) throws(FormatError) -> Int {
        let first = pattern.withUTF8Buffer { $0[0] }
        var index = from
        while window.has(index) {
            if window[index] == first && hasPrefix(pattern, at: index) { return index }
            index += 1
        }
        throw error(at: from, "an unfinished \(what)")
    }

    /// The offset just after the next `pattern`.
    private mutating func end(of pattern: StaticString, from: Int, what: String) throws(FormatError) -> Int {
        try find(pattern, from: from, what: what) + pattern.utf8CodeUnitCount
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    /// A format error at a byte offset: 1-based line and column, columns in Unicode scalars (DESIGN §4).
    func error(at offset: Int, _ message: String) -> FormatError {
        let position = window.position(of: offset)
        return FormatError(line: position.line, column: position.column, message: message)
    }

    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let position = ByteWindow(bytes: bytes).position(of: offset)
        return (position.line, position.column)
    }
}
