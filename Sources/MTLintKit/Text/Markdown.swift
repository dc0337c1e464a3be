import ICUShim

/// Hides the parts of a file that are not prose, keeping every byte offset:
/// each hidden byte becomes a space and line breaks stay, so positions found in
/// the masked copy are positions in the original file.
public enum ProseMask {
    /// Masks URLs and code-shaped spans (`CodeShapes`) in every format and, for Markdown, fenced and
    /// inline code, HTML tags and comments, link targets and heading markers.
    public static func mask(_ bytes: [UInt8], markdown: Bool) -> [UInt8] {
        let urls = bytes.withUnsafeBufferPointer(urlRanges)
        let code = bytes.withUnsafeBufferPointer(CodeShapes.ranges)
        // Plain text without URLs or code is shared, not copied.
        guard markdown || !urls.isEmpty || !code.isEmpty else { return bytes }
        var masked = bytes
        masked.withUnsafeMutableBufferPointer { buffer in
            if markdown { maskMarkdown(buffer) }
            for range in urls + code { blank(buffer, range) }
        }
        return masked
    }

    static func blank(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) {
        for index in range where buffer[index] != 0x0A && buffer[index] != 0x0D {
            buffer[index] = 0x20
        }
    }

    // MARK: Markdown

    private static func maskMarkdown(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        maskHTMLComments(buffer)
        var lineStart = 0
        var fence: (byte: UInt8, count: Int)? = nil
        // Indented code (CommonMark) is indented 4 columns past the content of the enclosing
        // list items and cannot continue a paragraph: "text\n    more" is one paragraph.
        var listContent: [Int] = []  // content columns of the open list items
        var inParagraph = false
        while lineStart < buffer.count {
            var lineEnd = lineStart
            while lineEnd < buffer.count && buffer[lineEnd] != 0x0A { lineEnd += 1 }
            let (indent, contentStart) = indentation(buffer, lineStart, lineEnd)
            let isBlank = contentStart == lineEnd || (buffer[contentStart] == 0x0D && contentStart + 1 == lineEnd)
            if !inParagraph && !isBlank && fence == nil {
                // A line less indented than a list item's content ends the item.
                while let last = listContent.last, indent < last { listContent.removeLast() }
            }
            let codeIndent = (listContent.last ?? 0) + 4
            if let open = fence {
                // Inside a fenced block: hide everything up to and including the closing fence.
                let run = runLength(buffer, contentStart, lineEnd, open.byte)
                blank(buffer, lineStart..<lineEnd)
                if run >= open.count && indent < 4 { fence = nil }
            } else if isBlank {
                inParagraph = false  // an indented code block goes on across blank lines
            } else if !inParagraph && indent >= codeIndent {
                blank(buffer, lineStart..<lineEnd)
            } else if indent < 4, let byte = fenceByte(buffer, contentStart, lineEnd),
                      runLength(buffer, contentStart, lineEnd, byte) >= 3 {
                fence = (byte, runLength(buffer, contentStart, lineEnd, byte))
                blank(buffer, lineStart..<lineEnd)
                inParagraph = false
            } else if indent < 4 && maskHeadingMarker(buffer, contentStart, lineEnd) {
                maskInline(buffer, lineStart, lineEnd)
                inParagraph = false
            } else {
                if indent < codeIndent, let content = listItemContent(buffer, contentStart, lineEnd, column: indent) {
                    while let last = listContent.last, indent < last { listContent.removeLast() }
                    listContent.append(content)
                }
                maskInline(buffer, lineStart, lineEnd)
                inParagraph = true
            }
            lineStart = lineEnd + 1
        }
    }

    /// The column of a line's first non-blank byte (a tab goes to the next multiple of 4) and its offset.
    private static func indentation(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (column: Int, offset: Int) {
        var column = 0, index = start
        while index < end && (buffer[index] == 0x20 || buffer[index] == 0x09) {
            column += buffer[index] == 0x09 ? 4 - column % 4 : 1
            index += 1
        }
        return (column, index)
    }

    /// The column where a list item's content starts ("- ", "* ", "+ ", "1. ", "1) "), if the line starts one.
    private static func listItemContent(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int, column: Int) -> Int? {
        var index = start
        if [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "*")].contains(buffer[index]) {
            index += 1
        } else {
            while index < end && index - start < 9 && buffer[index] >= UInt8(ascii: "0") && buffer[index] <= UInt8(ascii: "9") { index += 1 }
            guard index > start, index < end, buffer[index] == UInt8(ascii: ".") || buffer[index] == UInt8(ascii: ")") else { return nil }
            index += 1
        }
        let spaces = leadingSpaces(buffer, index, end)
        guard index == end || spaces > 0 || buffer[index] == 0x0D else { return nil }
        // 1 to 4 spaces belong to the marker; with more, the content is indented code.
        return column + (index - start) + ((1...4).contains(spaces) ? spaces : 1)
    }

    /// `<!-- … -->`, also across lines (suppression comments, notes to editors).
    private static func maskHTMLComments(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        let open = Array("<!--".utf8), close = Array("-->".utf8)
        var index = 0
        while case let found = mtl_find(base + index, Int64(buffer.count - index), open, 4), found >= 0 {
            let start = index + Int(found)
            let rest = mtl_find(base + start + 4, Int64(buffer.count - start - 4), close, 3)
            let end = rest < 0 ? buffer.count : start + 4 + Int(rest) + 3
            blank(buffer, start..<end)
            index = end
        }
    }

    private static func leadingSpaces(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var index = start
        while index < end && buffer[index] == 0x20 { index += 1 }
        return index - start
    }

    private static func fenceByte(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt8? {
        guard start < end else { return nil }
        return buffer[start] == UInt8(ascii: "`") || buffer[start] == UInt8(ascii: "~") ? buffer[start] : nil
    }

    private static func runLength(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int, _ byte: UInt8) -> Int {
        var index = start
        while index < end && buffer[index] == byte { index += 1 }
        return index - start
    }

    /// Blanks the "#" of an ATX heading; false when the line is not one.
    private static func maskHeadingMarker(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let hashes = runLength(buffer, start, end, UInt8(ascii: "#"))
        guard hashes > 0 && hashes <= 6 && (start + hashes == end || buffer[start + hashes] == 0x20) else { return false }
        blank(buffer, start..<(start + hashes))
        return true
    }

    /// Inline code spans, HTML tags and comments, and link targets on one line.
    private static func maskInline(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ end: Int) {
        var index = start
        while index < end {
            switch buffer[index] {
            case UInt8(ascii: "`"):
                let run = runLength(buffer, index, end, UInt8(ascii: "`"))
                if let close = findRun(buffer, from: index + run, to: end, byte: UInt8(ascii: "`"), length: run) {
                    blank(buffer, index..<(close + run))
                    index = close + run
                } else {
                    index += run
                }
            case UInt8(ascii: "<"):
                if let close = tagEnd(buffer, index, end) {
                    blank(buffer, index..<close)
                    index = close
                } else {
                    index += 1
                }
            case UInt8(ascii: "]"):
                // "[text](target)" and "[text]: target": the target is not prose.
                if index + 1 < end && buffer[index + 1] == UInt8(ascii: "("),
                   let close = firstIndex(of: UInt8(ascii: ")"), in: buffer, from: index + 2, to: end) {
                    blank(buffer, (index + 1)..<(close + 1))
                    index = close + 1
                } else if index + 1 < end && buffer[index + 1] == UInt8(ascii: ":") && isLineStartLink(buffer, start, index) {
                    blank(buffer, start..<end)
                    index = end
                } else {
                    index += 1
                }
            default:
                index += 1
            }
        }
    }

    private static func isLineStartLink(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ start: Int, _ close: Int) -> Bool {
        var index = start
        while index < close && buffer[index] == 0x20 { index += 1 }
        return index < close && buffer[index] == UInt8(ascii: "[")
    }

    private static func findRun(_ buffer: UnsafeMutableBufferPointer<UInt8>, from: Int, to end: Int, byte: UInt8, length: Int) -> Int? {
        var index = from
        while index < end {
            if buffer[index] == byte {
                let run = runLength(buffer, index, end, byte)
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func firstIndex(of byte: UInt8, in buffer: UnsafeMutableBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
        var index = from
        while index < end {
            if buffer[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// The end of an HTML tag, comment or autolink starting at `index` on this line.
    private static func tagEnd(_ buffer: UnsafeMutableBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Int? {
        guard index + 1 < end else { return nil }
        let next = buffer[index + 1]
        let isLetter = (next | 0x20) >= UInt8(ascii: "a") && (next | 0x20) <= UInt8(ascii: "z")
        guard isLetter || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") else { return nil }
        guard let close = firstIndex(of: UInt8(ascii: ">"), in: buffer, from: index + 1, to: end) else { return nil }
        return close + 1
    }

    // MARK: URLs

    private static let schemes: [[UInt8]] = ["https", "http", "ftp", "mailto"].map { Array($0.utf8) }
    private static let www = Array("www.".utf8)
    private static let colonByte: [UInt8] = [UInt8(ascii: ":")]

    /// "http://…", "mailto:…" and "www.…" up to the next space or closing bracket.
    /// Candidates are found with memmem (every URL has a ":" or "www."),
    /// so prose without URLs costs a fast scan.
    static func urlRanges(_ buffer: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        var index = 0
        while index < buffer.count, case let found = mtl_find(base + index, Int64(buffer.count - index), colonByte, 1), found >= 0 {
            let colon = index + Int(found)
            for scheme in schemes {
                let start = colon - scheme.count
                guard start >= 0, matches(scheme, buffer, start), start == 0 || !isURLByte(buffer[start - 1]) else { continue }
                let slashes = colon + 2 < buffer.count && buffer[colon + 1] == UInt8(ascii: "/") && buffer[colon + 2] == UInt8(ascii: "/")
                if slashes || scheme.first == UInt8(ascii: "m") { ranges.append(start..<urlEnd(buffer, from: colon)) }
                break
            }
            index = max(colon + 1, ranges.last?.upperBound ?? 0)
        }
        index = 0
        while index < buffer.count, case let found = mtl_find(base + index, Int64(buffer.count - index), www, Int64(www.count)), found >= 0 {
            let start = index + Int(found)
            if start == 0 || !isURLByte(buffer[start - 1]) { ranges.append(start..<urlEnd(buffer, from: start)) }
            index = start + www.count
        }
        return ranges
    }

    private static func urlEnd(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < buffer.count && isURLByte(buffer[end]) { end += 1 }
        // Sentence punctuation right after a URL belongs to the sentence.
        while end > start, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":")].contains(buffer[end - 1]) {
            end -= 1
        }
        return end
    }

    private static func matches(_ pattern: [UInt8], _ buffer: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        guard index + pattern.count <= buffer.count else { return false }
        for (offset, byte) in pattern.enumerated() where buffer[index + offset] | 0x20 != byte | 0x20 {
            return false
        }
        return true
    }

    private static func isURLByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != UInt8(ascii: ")") && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "]")
            && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'")
    }
}
