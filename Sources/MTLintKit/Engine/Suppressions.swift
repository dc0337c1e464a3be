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
        var open: [(rules: Set<String>?, start: Int, comment: Range<Int>)] = []
        for (comment, words) in Suppressions.comments(in: bytes) {
            guard let keyword = words.first else { continue }
            let rules: Set<String>? = words.count > 1 ? Set(words.dropFirst()) : nil
            switch keyword {
            case "mtlint-disable":
                open.append((rules, comment.upperBound, comment))
            case "mtlint-enable":
                // Closes the open directives it names (all of them when it names none).
                var remaining: [(rules: Set<String>?, start: Int, comment: Range<Int>)] = []
                for item in open {
                    guard rules == nil || item.rules == nil || !(item.rules!.isDisjoint(with: rules!)) else {
                        remaining.append(item)
                        continue
                    }
                    directives.append(Directive(range: item.start..<comment.lowerBound, rules: item.rules, comment: item.comment))
                }
                open = remaining
            case "mtlint-disable-next-line":
                var lineStart = comment.upperBound
                while lineStart < bytes.count && bytes[lineStart] != 0x0A { lineStart += 1 }
                lineStart = min(bytes.count, lineStart + 1)
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                directives.append(Directive(range: lineStart..<lineEnd, rules: rules, comment: comment))
            default:
                continue
            }
        }
        for item in open {
            directives.append(Directive(range: item.start..<bytes.count, rules: item.rules, comment: item.comment))
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
        let open = Array("<!--".utf8), close = Array("-->".utf8), marker = Array("mtlint-".utf8)
        var result: [(Range<Int>, [String])] = []
        var index = 0
        while let start = find(open, in: bytes, from: index) {
            guard let end = find(close, in: bytes, from: start + open.count) else { break }
            let body = Array(bytes[(start + open.count)..<end])
            if find(marker, in: body, from: 0) != nil {
                let words = String(decoding: body, as: UTF8.self)
                    .split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                    .map(String.init)
                result.append((start..<(end + close.count), words))
            }
            index = end + close.count
        }
        return result
    }

    /// memmem: every document is searched for comments, and most have none.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard from < haystack.count else { return nil }
        let found = haystack.withUnsafeBufferPointer { buffer in
            mtl_find(buffer.baseAddress! + from, Int64(buffer.count - from), needle, Int64(needle.count))
        }
        return found < 0 ? nil : from + Int(found)
    }
}
