public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case info, warning, error

    var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// How far a fix can be trusted: `safe` ones are mechanical and applied by
/// `mtlint fix`; `unsafe` ones are heuristic and need `--unsafe`.
public enum FixSafety: String, Sendable, Codable {
    case safe, unsafe
}

/// Replace `length` bytes at `offset` (UTF-8 bytes of the file as read).
public struct Edit: Sendable, Equatable, Codable {
    public var offset: Int
    public var length: Int
    public var replacement: String
    public init(offset: Int, length: Int, replacement: String) {
        self.offset = offset
        self.length = length
        self.replacement = replacement
    }
    public var range: Range<Int> { offset..<(offset + length) }
}

public struct Fix: Sendable, Equatable {
    public var safety: FixSafety
    public var edits: [Edit]
    public init(safety: FixSafety, edits: [Edit]) {
        self.safety = safety
        self.edits = edits
    }
}

/// One problem a rule found, located by UTF-8 byte offsets.
public struct Finding: Sendable, Equatable {
    public var rule: String
    public var family: RuleFamily
    public var severity: Severity
    public var message: String
    public var start: Int
    public var end: Int
    public var suggestions: [String]
    public var fix: Fix?

    public var range: Range<Int> { start..<end }
}
