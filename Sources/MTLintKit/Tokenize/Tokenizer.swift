import ICUShim

/// A sentence or paragraph span in byte offsets.
public struct Span: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var range: Range<Int> { start..<end }
}

/// A blank-line separated block of text.
public struct Paragraph: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// One line without final sentence punctuation (or a Markdown "#" line):
    /// a title, not a sentence.
    public var isHeading: Bool
    public var range: Range<Int> { start..<end }
}

/// Splits text into tokens (ICU word breaks, with rule status and script),
/// sentences (ICU sentence breaks with `@ss=standard` abbreviations) and paragraphs.
public enum Tokenizer {
    public static func tokens(of bytes: [UInt8], locale: String) throws -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4)
        try bytes.withUnsafeBufferPointer { buffer in
            try BreakIteratorPool.shared.withIterator(.word, locale: locale) { iterator in
                var start = 0
                try iterator.forEachBoundary(in: buffer) { end, status in
                    defer { start = end }
                    let kind = TokenKind(ruleStatus: status)
                    let scalar = ScriptLookup.scalar(at: start, in: buffer)
                    if kind == .punctuation && isWhiteSpace(scalar) { return }
                    tokens.append(Token(start: start, end: end, kind: kind, script: ScriptLookup.script(of: scalar)))
                }
            }
        }
        return tokens
    }

    public static func sentences(of bytes: [UInt8], locale: String) throws -> [Span] {
        var sentences: [Span] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try BreakIteratorPool.shared.withIterator(.sentence, locale: locale + "@ss=standard") { iterator in
                var start = 0
                try iterator.forEachBoundary(in: buffer) { end, _ in
                    sentences.append(Span(start: start, end: end))
                    start = end
                }
            }
        }
        return sentences
    }

    /// Paragraphs are separated by lines that hold only white space.
    public static func paragraphs(of bytes: [UInt8]) -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var paragraphStart: Int? = nil
        var lastContentEnd = 0
        var lineCount = 0
        var lineStart = 0
        func close() {
            guard let start = paragraphStart else { return }
            paragraphs.append(Paragraph(start: start, end: lastContentEnd,
                                        isHeading: isHeading(bytes, start, lastContentEnd, lines: lineCount)))
            paragraphStart = nil
            lineCount = 0
        }
        while lineStart < bytes.count {
            let lineEnd = nextLineBreak(in: bytes, from: lineStart)
            var contentEnd = lineEnd
            while contentEnd > lineStart && isASCIISpace(bytes[contentEnd - 1]) { contentEnd -= 1 }
            var contentStart = lineStart
            while contentStart < contentEnd && isASCIISpace(bytes[contentStart]) { contentStart += 1 }
            if contentStart == contentEnd {
                close()
            } else {
                if paragraphStart == nil { paragraphStart = contentStart }
                lastContentEnd = contentEnd
                lineCount += 1
            }
            lineStart = lineEnd + 1
        }
        close()
        return paragraphs
    }

    /// The offset of the next "\n" (memchr), or the end of the text.
    static func nextLineBreak(in bytes: [UInt8], from index: Int) -> Int {
        bytes.withUnsafeBufferPointer { ByteScan.next(0x0A, $0, from: index) }
    }

    private static func isHeading(_ bytes: [UInt8], _ start: Int, _ end: Int, lines: Int) -> Bool {
        guard lines == 1, end > start else { return false }
        if bytes[start] == UInt8(ascii: "#") { return true }
        // The last scalar of the line: a heading does not end like a sentence.
        var last = end - 1
        while last > start && bytes[last] & 0xC0 == 0x80 { last -= 1 }
        let scalar = bytes.withUnsafeBufferPointer { ScriptLookup.scalar(at: last, in: $0) }
        return !sentenceFinal.contains(scalar)
    }

    /// . ! ? : ; … 。 ！ ？ ； ： and closing quotes/brackets, which end sentences.
    static let sentenceFinal: Set<UInt32> = [0x2E, 0x21, 0x3F, 0x3A, 0x3B, 0x2026, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A,
                                             0x22, 0x27, 0x29, 0x201D, 0x2019, 0xBB, 0x201C, 0x300D, 0x300F, 0xFF09]

    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == 0x0B || byte == 0x0C
    }

    static func isWhiteSpace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return true
        default: return false
        }
    }
}
