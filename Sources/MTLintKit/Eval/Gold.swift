import Foundation

/// The expected findings of one corpus article, read from `NAME.gold.tsv` beside it:
///
///     # status: annotated            (or "clean": every finding is a false alarm)
///     # rule<TAB>text<TAB>occurrence<TAB>suggestion
///     repeated-word	the the	1	the
///
/// `rule` is a rule id or a family name; `text` is the exact flagged text
/// (`\n` for a line break); `occurrence` counts from 1 in the whole file.
public struct GoldFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var rule: String
        public var range: Range<Int>
        public var suggestion: String?
        public var line: Int
    }

    public var isClean: Bool
    public var entries: [Entry]

    public static func goldPath(for articlePath: String) -> String {
        let url = URL(fileURLWithPath: articlePath)
        return url.deletingPathExtension().path + ".gold.tsv"
    }

    public enum ParseError: Error, CustomStringConvertible {
        case malformed(path: String, line: Int, reason: String)
        public var description: String {
            switch self {
            case .malformed(let path, let line, let reason): return "\(path):\(line): \(reason)"
            }
        }
    }

    /// Parses a gold file against its article's bytes, resolving each text to a byte range.
    public static func parse(_ content: String, article: [UInt8], path: String) throws(ParseError) -> GoldFile {
        var isClean = false
        var entries: [Entry] = []
        for (index, rawLine) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let number = index + 1
            if line.hasPrefix("#") {
                let comment = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if comment.hasPrefix("status:") {
                    isClean = comment.dropFirst("status:".count).trimmingCharacters(in: .whitespaces) == "clean"
                }
                continue
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw .malformed(path: path, line: number, reason: "expected rule<TAB>text[<TAB>occurrence[<TAB>suggestion]]")
            }
            let occurrence = fields.count > 2 && !fields[2].isEmpty ? Int(fields[2]) : 1
            guard let occurrence, occurrence >= 1 else {
                throw .malformed(path: path, line: number, reason: "occurrence must be a number from 1")
            }
            let text = Array(fields[1].replacingAll("\\n", "\n").replacingAll("\\t", "\t").utf8)
            guard let start = nthOccurrence(of: text, in: article, n: occurrence) else {
                throw .malformed(path: path, line: number, reason: "\"\(fields[1])\" does not occur \(occurrence) time(s) in the article")
            }
            let suggestion = fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil
            entries.append(Entry(rule: fields[0], range: start..<(start + text.count), suggestion: suggestion, line: number))
        }
        if isClean && !entries.isEmpty {
            throw .malformed(path: path, line: 1, reason: "a clean article cannot list expected findings")
        }
        return GoldFile(isClean: isClean, entries: entries)
    }

    static func nthOccurrence(of needle: [UInt8], in haystack: [UInt8], n: Int) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var seen = 0
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                seen += 1
                if seen == n { return index }
            }
            index += 1
        }
        return nil
    }
}
