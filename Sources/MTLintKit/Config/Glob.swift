/// Shell-style path patterns as in .gitignore-like configuration:
/// `*` and `?` stay within one path segment, `**` spans any number of segments,
/// `[abc]` is a character class. Paths and patterns use "/" separators.
public struct Glob: Sendable, Equatable {
    public let pattern: String
    private let segments: [Substring]

    public init(_ pattern: String) {
        var cleaned = pattern
        while cleaned.hasPrefix("./") { cleaned.removeFirst(2) }
        self.pattern = cleaned
        segments = cleaned.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// A pattern without "/" matches the file name at any depth ("*.md"), as in .gitignore.
    public func matches(_ path: String) -> Bool {
        var relative = path
        while relative.hasPrefix("./") { relative.removeFirst(2) }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: true)
        if segments.count == 1 && segments[0] != "**", let name = parts.last {
            return Glob.matchSegment(Array(segments[0]), Array(name))
        }
        return Glob.match(segments[...], parts[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            // Zero or more whole segments.
            var rest = path
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let segment = path.first, matchSegment(Array(first), Array(segment)) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    /// `*`, `?` and `[…]` within one segment, by backtracking over `*`.
    static func matchSegment(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0
        var star: Int? = nil, starText = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                starText = t
                p += 1
            } else if p < pattern.count, let width = matchOne(pattern, p, text[t]) {
                p += width
                t += 1
            } else if let star {
                p = star + 1
                starText += 1
                t = starText
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// The pattern width consumed when `pattern[p]` matches `character`, else nil.
    private static func matchOne(_ pattern: [Character], _ p: Int, _ character: Character) -> Int? {
        switch pattern[p] {
        case "?": return 1
        case "[":
            guard let close = pattern[(p + 1)...].firstIndex(of: "]") else { return pattern[p] == character ? 1 : nil }
            var members = pattern[(p + 1)..<close]
            let negated = members.first == "!" || members.first == "^"
            if negated { members = members.dropFirst() }
            var found = false
            var index = members.startIndex
            while index < members.endIndex {
                if index + 2 < members.endIndex, members[index + 1] == "-" {
                    if members[index] <= character && character <= members[index + 2] { found = true }
                    index += 3
                } else {
                    if members[index] == character { found = true }
                    index += 1
                }
            }
            return found != negated ? close - p + 1 : nil
        default:
            return pattern[p] == character ? 1 : nil
        }
    }
}
