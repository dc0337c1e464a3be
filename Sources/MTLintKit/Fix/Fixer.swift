/// Applies findings' fixes: drop unsafe ones unless asked, sort, drop the ones
/// that overlap an accepted fix, apply back to front, re-lint, repeat (bounded).
public struct Fixer: Sendable {
    public let linter: Linter
    public let includeUnsafe: Bool
    /// When not empty, only these rules' fixes are applied (`fix --rule`).
    public let onlyRules: Set<String>
    public let maxPasses: Int

    public init(linter: Linter, includeUnsafe: Bool = false, onlyRules: Set<String> = [], maxPasses: Int = 8) {
        self.linter = linter
        self.includeUnsafe = includeUnsafe
        self.onlyRules = onlyRules
        self.maxPasses = maxPasses
    }

    /// Whether `fix` applies this finding's fix.
    public func applies(_ finding: Finding) -> Bool {
        guard let fix = finding.fix, onlyRules.isEmpty || onlyRules.contains(finding.rule) else { return false }
        return fix.safety == .safe || includeUnsafe
    }

    public struct Outcome: Sendable {
        public var bytes: [UInt8]
        /// Fixes applied, by rule id.
        public var applied: [String: Int]
        /// Fixes left out because they overlapped a fix that was applied.
        public var skippedOverlapping: [Finding]
        /// What the linter still reports on the fixed text.
        public var remaining: FileResult
        public var changed: Bool
    }

    public func fix(_ source: SourceText, path: String, format: DocumentFormat? = nil) -> Outcome {
        var current = source
        var applied: [String: Int] = [:]
        var skipped: [Finding] = []
        var result = linter.lint(current, path: path, format: format)
        for _ in 0..<maxPasses {
            let candidates = result.findings.filter(applies)
            let plan = FixPlan(candidates)
            if plan.accepted.isEmpty { break }
            for finding in plan.accepted { applied[finding.rule, default: 0] += 1 }
            skipped = plan.skipped
            let bytes = EditApplier.apply(plan.accepted.flatMap { $0.fix!.edits }, to: current.bytes)
            // Fixes replace valid UTF-8 with valid UTF-8 at scalar boundaries.
            guard let next = try? SourceText(bytes: bytes) else { break }
            current = next
            result = linter.lint(current, path: path, format: format)
        }
        return Outcome(bytes: current.bytes, applied: applied, skippedOverlapping: skipped,
                       remaining: result, changed: current.bytes != source.bytes)
    }
}

/// Chooses which fixes to apply together: no two may touch the same bytes.
/// Errors win over warnings, then the earlier and shorter fix.
struct FixPlan {
    var accepted: [Finding] = []
    var skipped: [Finding] = []

    init(_ findings: [Finding]) {
        let ordered = findings.sorted {
            ($1.severity, $0.start, $0.end, $0.rule) < ($0.severity, $1.start, $1.end, $1.rule)
        }
        var taken: [Range<Int>] = []
        for finding in ordered {
            let ranges = finding.fix!.edits.map(\.range)
            let overlaps = ranges.contains { range in taken.contains { EditApplier.overlap($0, range) } }
            if overlaps {
                skipped.append(finding)
            } else {
                taken += ranges
                accepted.append(finding)
            }
        }
    }
}

public enum EditApplier {
    /// Two edits conflict when they share a byte, insert at the same point,
    /// or one inserts strictly inside the other's range.
    static func overlap(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        if a.isEmpty && b.isEmpty { return a.lowerBound == b.lowerBound }
        if a.isEmpty { return b.lowerBound < a.lowerBound && a.lowerBound < b.upperBound }
        if b.isEmpty { return a.lowerBound < b.lowerBound && b.lowerBound < a.upperBound }
        return a.overlaps(b)
    }

    /// Applies non-overlapping edits back to front, so earlier offsets stay valid.
    public static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        for edit in edits.sorted(by: { $0.offset > $1.offset }) {
            let range = max(0, edit.offset)..<min(bytes.count, edit.offset + edit.length)
            result.replaceSubrange(range, with: Array(edit.replacement.utf8))
        }
        return result
    }
}
