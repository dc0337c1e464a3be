import ICUShim

/// Inline suppressions in HTML comments (Markdown, HTML, and plain text alike):
///
///     <!-- mtlint-disable repeated-word -->   … <!-- mtlint-enable repeated-word -->
///     <!-- mtlint-disable -->                 (every rule, up to mtlint-enable or the end)
///     <!-- mtlint-disable-next-line repeated-word, replacement-character -->
public struct Suppressions: Sendable {
    public struct Directive: Sendable, Equatable {
        /// The bytes where findings are suppressed.
        public var range: Range<Int>
        /// The rule ids it names; nil means every rule.
        public var rules: Set<String>?
        /// The comment itself, where an unused suppression is reported.
        public var comment: Range<Int>
    }

    public var directives: [Directive] = []

    public init(source bytes: [UInt8]) {
        var reader = Reader()
        reader.read(bytes, at: 0)
        self.init(comments: reader.comments(length: bytes.count), length: bytes.count)
    }

    /// The directives of a file on disk, read in chunks (a file linted in batches).
    init(file path: String) throws(InputError) {
        var reader = Reader()
        var length = 0
        try POSIXFile.forEachChunk(of: path) { chunk, offset in
            reader.read(chunk, at: offset)
            length = offset + chunk.count
        }
        self.init(comments: reader.comments(length: length), length: length)
    }

    /// A directive comment: its bytes, its words, and for `mtlint-disable-next-line` the line it covers.
    struct Comment {
        var range: Range<Int>
        var words: [String]
        var nextLine: Range<Int>?
    }

    /// The directives of a file of `length` bytes from its comments, in file order.
    init(comments: [Comment], length: Int) {
        var open: [(rules: Set<String>?, start: Int, comment: Range<Int>)] = []
        for comment in comments {
            guard let keyword = comment.words.first else { continue }
            let rules: Set<String>? = comment.words.count > 1 ? Set(comment.words.dropFirst()) : nil
            switch keyword {
            case "mtlint-disable":
                open.append((rules, comment.range.upperBound, comment.range))
            case "mtlint-enable":
                // Closes the open directives it names (all of them when it names none).
                var remaining: [(rules: Set<String>?, start: Int, comment: Range<Int>)] = []
                for item in open {
                    guard rules == nil || item.rules == nil || !(item.rules!.isDisjoint(with: rules!)) else {
                        remaining.append(item)
                        continue
                    }
                    directives.append(Directive(range: item.start..<comment.range.lowerBound, rules: item.rules, comment: item.comment))
                }
                open = remaining
            case "mtlint-disable-next-line":
                directives.append(Directive(range: comment.nextLine ?? length..<length, rules: rules, comment: comment.range))
            default:
                continue
            }
        }
        for item in open {
            directives.append(Directive(range: item.start..<length, rules: item.rules, comment: item.comment))
        }
    }

    /// Finds the directive comments of a file read in pieces, in order (a file linted in
    /// batches is never held whole), and the line after each `mtlint-disable-next-line`.
    struct Reader {
        private var found: [Comment] = []
        /// Bytes held over from the last piece: an unfinished comment, or the last three bytes
        /// (a "<!--" cut in two), and the file offset of the first.
        private var carry: [UInt8] = []
        private var carryStart = 0
        /// Inside a comment too long to be a directive: its bytes are not kept, its end is looked for.
        private var skippingComment = false
        /// `mtlint-disable-next-line` comments whose next line is not bounded yet: the line breaks
        /// found after each (the line runs from after the first to the second), and where to look on.
        private var waiting: [(comment: Int, breaks: [Int], from: Int)] = []

        static let longestComment = 1 << 16

        mutating func read(_ piece: [UInt8], at offset: Int) {
            let buffer = carry.isEmpty ? piece : carry + piece
            let base = carry.isEmpty ? offset : carryStart
            var from = 0
            if skippingComment {
                guard let close = buffer.firstOffset(of: Array("-->".utf8)) else {
                    findLineBreaks(in: buffer, base: base)
                    hold(buffer, from: max(0, buffer.count - 2), base: base)
                    return
                }
                skippingComment = false
                from = close + 3
            }
            let scan = Suppressions.scan(buffer, from: from)
            for (range, words) in scan.comments {
                found.append(Comment(range: (base + range.lowerBound)..<(base + range.upperBound), words: words))
                if words.first == "mtlint-disable-next-line" { waiting.append((found.count - 1, [], base + range.upperBound)) }
            }
            findLineBreaks(in: buffer, base: base)
            if let unfinished = scan.unfinished, buffer.count - unfinished > Self.longestComment {
                skippingComment = true
                hold(buffer, from: buffer.count - 2, base: base)
            } else {
                hold(buffer, from: scan.unfinished ?? max(scan.end, buffer.count - 3), base: base)
            }
        }

        private mutating func hold(_ buffer: [UInt8], from index: Int, base: Int) {
            carry = Array(buffer[index...])
            carryStart = base + index
        }

        /// The two line breaks after each waiting comment: the end of its line and of the next.
        private mutating func findLineBreaks(in buffer: [UInt8], base: Int) {
            guard !waiting.isEmpty else { return }
            for index in waiting.indices {
                var position = max(waiting[index].from, base) - base
                while waiting[index].breaks.count < 2, position < buffer.count,
                      let newline = buffer[position...].firstIndex(of: 0x0A) {
                    waiting[index].breaks.append(base + newline)
                    position = newline + 1
                }
                waiting[index].from = base + buffer.count
            }
            for item in waiting where item.breaks.count == 2 {
                found[item.comment].nextLine = (item.breaks[0] + 1)..<item.breaks[1]
            }
            waiting.removeAll { $0.breaks.count == 2 }
        }

        /// The comments once the whole file of `length` bytes is read: a next line cut short by the end runs to it.
        func comments(length: Int) -> [Comment] {
            var comments = found
            for item in waiting {
                let lineStart = item.breaks.first.map { $0 + 1 } ?? length
                comments[item.comment].nextLine = lineStart..<max(lineStart, length)
            }
            return comments
        }
    }

    /// Removes suppressed findings; returns the indices of the directives that suppressed nothing.
    public func filter(_ findings: [Finding]) -> (kept: [Finding], unused: [Directive]) {
        guard !directives.isEmpty else { return (findings, []) }
        var used = [Bool](repeating: false, count: directives.count)
        let kept = findings.filter { finding in
            var suppressed = false
            for (index, directive) in directives.enumerated()
            where directive.range.contains(finding.start) && (directive.rules?.contains(finding.rule) ?? true) {
                used[index] = true
                suppressed = true
            }
            return !suppressed
        }
        return (kept, directives.indices.filter { !used[$0] }.map { directives[$0] })
    }

    /// `<!-- mtlint-… -->` comments: their byte range and their words (commas separate too).
    static func comments(in bytes: [UInt8]) -> [(Range<Int>, [String])] {
        scan(bytes, from: 0).comments
    }

    /// The comments from `from` on, where the scan ended (after the last comment, or where
    /// no "<!--" follows), and where an unfinished comment starts, if one does.
    private static func scan(_ bytes: [UInt8], from: Int) -> (comments: [(Range<Int>, [String])], end: Int, unfinished: Int?) {
        let open = Array("<!--".utf8), close = Array("-->".utf8), marker = Array("mtlint-".utf8)
        var result: [(Range<Int>, [String])] = []
        var index = from
        while let start = bytes.firstOffset(of: open, from: index) {
            guard let end = bytes.firstOffset(of: close, from: start + open.count) else { return (result, start, start) }
            let body = Array(bytes[(start + open.count)..<end])
            if body.firstOffset(of: marker, from: 0) != nil {
                let words = String(decoding: body, as: UTF8.self)
                    .split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                    .map(String.init)
                result.append((start..<(end + close.count), words))
            }
            index = end + close.count
        }
        return (result, index, nil)
    }
}
