/// Splits an HTML page's bytes into tokens the way a browser's tokenizer does
/// (WHATWG HTML §13.2.5, main states): tags with quoted, unquoted and missing
/// attribute values, comments and bogus comments, the DOCTYPE, raw text
/// (`script`, `style`) and RCDATA (`title`, `textarea`). Like a browser it never
/// fails: a `<` that starts no tag is text, a tag cut off by the end of the file
/// is dropped. Offsets are the file's bytes; references are left for the reader.
struct HTMLTokenizer {
    struct Attribute: Equatable {
        /// Lower-cased, as browsers match attribute names.
        var name: String
        /// The value's bytes, without its quotes; nil for an attribute without "=".
        var value: Range<Int>?
        /// `"`, `'`, or nil for an unquoted value.
        var quote: UInt8?
    }

    struct Tag: Equatable {
        /// Lower-cased ASCII, as browsers match element names.
        var name: String
        var attributes: [Attribute]
        var isSelfClosing: Bool
        var range: Range<Int>

        func attribute(_ name: String) -> Attribute? { attributes.first { $0.name == name } }
    }

    enum Token: Equatable {
        /// Character data; references still encoded.
        case text(Range<Int>)
        case startTag(Tag)
        case endTag(Tag)
        /// What is never text: a comment, bogus comment, DOCTYPE, CDATA section, or `</>`.
        case markup(Range<Int>)
        /// The content of a raw-text or RCDATA element (`element` names it), up to its end tag.
        case rawText(Range<Int>, element: String)
    }

    /// Elements whose content ends only at their own end tag: raw text, and RCDATA
    /// (`title`, `textarea`, where references still count). `noscript` is raw text
    /// as in a browser that runs scripts; `plaintext` never ends.
    static let rawTextElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext", "title", "textarea",
    ]

    let bytes: [UInt8]
    private(set) var position: Int
    /// Set by the reader inside `svg` and `math`, where `<![CDATA[` starts a CDATA
    /// section and no element holds raw text.
    var inForeignContent = false
    /// The raw-text element just opened, whose content comes next.
    private var rawTextElement: String?

    init(bytes: [UInt8]) {
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    mutating func next() -> Token? {
        if let element = rawTextElement {
            rawTextElement = nil
            let start = position
            position = element == "plaintext" ? bytes.count : endTagStart(of: element, from: start)
            if position > start { return .rawText(start..<position, element: element) }
        }
        guard position < bytes.count else { return nil }
        if bytes[position] == UInt8(ascii: "<"), let token = markup() { return token }
        // Text runs to the next "<" that starts markup; a "<" that does not is text.
        let start = position
        position += 1
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "<") && startsMarkup(at: position) { break }
            position += 1
        }
        return .text(start..<position)
    }

    // MARK: Markup

    /// Whether the `<` at `offset` starts a tag, comment or declaration (tag open state).
    private func startsMarkup(at offset: Int) -> Bool {
        guard offset + 1 < bytes.count else { return false }
        let next = bytes[offset + 1]
        return Self.isLetter(next) || next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
            || (next == UInt8(ascii: "/") && offset + 2 < bytes.count)
    }

    /// The markup at `position` (a `<`), or nil when that `<` is text.
    private mutating func markup() -> Token? {
        let start = position
        guard startsMarkup(at: start) else { return nil }
        let next = bytes[start + 1]
        if Self.isLetter(next) { return tag(isEnd: false) }
        if next == UInt8(ascii: "/") {
            let after = bytes[start + 2]
            if Self.isLetter(after) { return tag(isEnd: true) }
            // "</>" is dropped; "</ x>" and the like are bogus comments.
            position = after == UInt8(ascii: ">") ? start + 3 : afterNext(UInt8(ascii: ">"), from: start + 2)
            return .markup(start..<position)
        }
        if next == UInt8(ascii: "!") {
            if bytes.hasPrefix("<!--", at: start) {
                position = commentEnd(from: start + 4)
            } else if inForeignContent && bytes.hasPrefix("<![CDATA[", at: start) {
                position = cdataEnd(from: start + 9)
            } else {
                // The DOCTYPE, and every other "<!…>", end at the next ">".
                position = afterNext(UInt8(ascii: ">"), from: start + 2)
            }
            return .markup(start..<position)
        }
        // "<?…>" is a bogus comment.
        position = afterNext(UInt8(ascii: ">"), from: start + 2)
        return .markup(start..<position)
    }

    /// Reads a start or end tag at `position` (the tag name, then attributes),
    /// following the tag name, attribute name and attribute value states.
    private mutating func tag(isEnd: Bool) -> Token {
        let start = position
        var index = start + (isEnd ? 2 : 1)
        let nameStart = index
        while index < bytes.count && !Self.isSpace(bytes[index]) && bytes[index] != UInt8(ascii: "/")
                && bytes[index] != UInt8(ascii: ">") {
            index += 1
        }
        let name = lowercased(nameStart..<index)
        var attributes: [Attribute] = []
        var selfClosing = false
        while true {
            while index < bytes.count && Self.isSpace(bytes[index]) { index += 1 }
            // A tag cut off by the end of the file is dropped, as browsers do.
            guard index < bytes.count else {
                position = bytes.count
                return .markup(start..<bytes.count)
            }
            if bytes[index] == UInt8(ascii: ">") { index += 1; break }
            if bytes[index] == UInt8(ascii: "/") {
                index += 1
                if index < bytes.count && bytes[index] == UInt8(ascii: ">") { selfClosing = true; index += 1; break }
                continue
            }
            // An attribute name may start with "=" (a parse error that browsers keep).
            let attributeStart = index
            index += 1
            while index < bytes.count && !Self.isSpace(bytes[index]) && bytes[index] != UInt8(ascii: "/")
                    && bytes[index] != UInt8(ascii: ">") && bytes[index] != UInt8(ascii: "=") {
                index += 1
            }
            var attribute = Attribute(name: lowercased(attributeStart..<index), value: nil, quote: nil)
            var afterName = index
            while afterName < bytes.count && Self.isSpace(bytes[afterName]) { afterName += 1 }
            if afterName < bytes.count && bytes[afterName] == UInt8(ascii: "=") {
                index = afterName + 1
                while index < bytes.count && Self.isSpace(bytes[index]) { index += 1 }
                if index < bytes.count && (bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'")) {
                    let quote = bytes[index]
                    let valueStart = index + 1
                    index = valueStart
                    while index < bytes.count && bytes[index] != quote { index += 1 }
                    attribute.value = valueStart..<index
                    attribute.quote = quote
                    if index < bytes.count { index += 1 }
                } else {
                    let valueStart = index
                    while index < bytes.count && !Self.isSpace(bytes[index]) && bytes[index] != UInt8(ascii: ">") { index += 1 }
                    attribute.value = valueStart..<index
                }
            }
            // A repeated attribute is dropped: the first one counts.
            if !attributes.contains(where: { $0.name == attribute.name }) { attributes.append(attribute) }
        }
        position = index
        let tag = Tag(name: name, attributes: attributes, isSelfClosing: selfClosing, range: start..<index)
        if isEnd { return .endTag(tag) }
        if !inForeignContent && Self.rawTextElements.contains(name) { rawTextElement = name }
        return .startTag(tag)
    }

    /// The end of a comment started before `from`: after "-->" or "--!>"; "<!-->" and
    /// "<!--->" are empty comments; an unclosed comment runs to the end of the file.
    private func commentEnd(from: Int) -> Int {
        if bytes.hasPrefix(">", at: from) { return from + 1 }
        if bytes.hasPrefix("->", at: from) { return from + 2 }
        var index = from
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "-") && bytes[index + 1] == UInt8(ascii: "-") {
                if bytes[index + 2] == UInt8(ascii: ">") { return index + 3 }
                if bytes.hasPrefix("!>", at: index + 2) { return index + 4 }
            }
            index += 1
        }
        return bytes.count
    }

    private func cdataEnd(from: Int) -> Int {
        var index = from
        while index + 2 < bytes.count {
            if bytes.hasPrefix("]]>", at: index) { return index + 3 }
            index += 1
        }
        return bytes.count
    }

    /// Where the end tag of a raw-text element starts: "</" and its name in any case,
    /// followed by white space, "/" or ">"; the end of the file when there is none.
    private func endTagStart(of element: String, from: Int) -> Int {
        let name = Array(element.utf8)
        var index = from
        while index + 1 + name.count < bytes.count {
            if bytes[index] == UInt8(ascii: "<") && bytes[index + 1] == UInt8(ascii: "/") {
                var matches = true
                for (offset, byte) in name.enumerated() where Self.lowercase(bytes[index + 2 + offset]) != byte {
                    matches = false
                    break
                }
                let after = index + 2 + name.count
                if matches && (after == bytes.count || Self.isSpace(bytes[after]) || bytes[after] == UInt8(ascii: "/")
                               || bytes[after] == UInt8(ascii: ">")) {
                    return index
                }
            }
            index += 1
        }
        return bytes.count
    }

    // MARK: Bytes

    private func afterNext(_ byte: UInt8, from: Int) -> Int {
        guard from < bytes.count, let found = bytes[from...].firstIndex(of: byte) else { return bytes.count }
        return found + 1
    }

    private func lowercased(_ range: Range<Int>) -> String {
        String(decoding: bytes[range].map(Self.lowercase), as: UTF8.self)
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= 0x61 && lower <= 0x7A
    }

    /// HTML's white space: tab, line feed, form feed, carriage return, space.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }
}
