/// Applies findings' fixes: drop unsafe ones unless asked, sort, drop the ones
/// that overlap an accepted fix, apply them all in one pass, re-lint, repeat (bounded).
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
        /// The findings whose fixes were applied, each with the pass (1, 2, …) that applied it: the
        /// edits of pass 1 are in the offsets of the input, those of pass n in the text that pass n − 1 left.
        public var appliedFixes: [(pass: Int, finding: Finding)] = []
        /// Fixes left out because they overlapped a fix that was applied.
        public var skippedOverlapping: [Finding]
        /// What the linter still reports on the fixed text.
        public var remaining: FileResult
        public var changed: Bool
    }

    /// `articleSource` is the article the text translates (see `Linter.lint`): the source-aware rules
    /// then check each pass, and what remains.
    public func fix(_ source: SourceText, path: String, format: DocumentFormat? = nil,
                    articleSource: (text: SourceText, format: DocumentFormat)? = nil) -> Outcome {
        var current = source
        var applied: [String: Int] = [:]
        var appliedFixes: [(pass: Int, finding: Finding)] = []
        var skipped: [Finding] = []
        var result = linter.lint(current, path: path, format: format, articleSource: articleSource)
        for pass in stride(from: 1, through: maxPasses, by: 1) {
            let candidates = result.findings.filter(applies)
            let plan = FixPlan(candidates)
            if plan.accepted.isEmpty { break }
            for finding in plan.accepted {
                applied[finding.rule, default: 0] += 1
                appliedFixes.append((pass, finding))
            }
            skipped = plan.skipped
            let bytes = EditApplier.apply(plan.accepted.flatMap { $0.fix!.edits }, to: current.bytes)
            // Fixes replace valid UTF-8 with valid UTF-8 at scalar boundaries.
            guard let next = try? SourceText(bytes: bytes) else { break }
            current = next
            result = linter.lint(current, path: path, format: format, articleSource: articleSource)
        }
        return Outcome(bytes: current.bytes, applied: applied, appliedFixes: appliedFixes, skippedOverlapping: skipped,
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
        // Every edit's range, and its rank in position order. Accepted ranges never overlap,
        // so sorted by position their ends rise too: a range that overlaps none of the two
        // accepted ranges next to it in that order overlaps none at all. That keeps each
        // check to two neighbours instead of every accepted range.
        var ranges: [Range<Int>] = []
        var firstEdit: [Int] = []
        for finding in ordered {
            firstEdit.append(ranges.count)
            ranges += finding.fix!.edits.map(\.range)
        }
        let byPosition = ranges.indices.sorted {
            (ranges[$0].lowerBound, ranges[$0].upperBound) < (ranges[$1].lowerBound, ranges[$1].upperBound)
        }
        var rank = [Int](repeating: 0, count: ranges.count)
        for (position, index) in byPosition.enumerated() { rank[index] = position }
        var taken = RankSet(count: ranges.count)
        for (index, finding) in ordered.enumerated() {
            let edits = firstEdit[index]..<(firstEdit[index] + finding.fix!.edits.count)
            func overlaps(_ edit: Int, _ neighbour: Int?) -> Bool {
                neighbour.map { EditApplier.overlap(ranges[byPosition[$0]], ranges[edit]) } ?? false
            }
            let overlaps = edits.contains { overlaps($0, taken.below(rank[$0])) || overlaps($0, taken.above(rank[$0])) }
            if overlaps {
                skipped.append(finding)
            } else {
                for edit in edits { taken.insert(rank[edit]) }
                accepted.append(finding)
            }
        }
    }
}

/// A set of ranks 0..<count that finds its nearest member below or above a rank in
/// O(log count): a Fenwick tree counting the members.
struct RankSet {
    private var tree: [Int]
    private var members = 0

    init(count: Int) { tree = [Int](repeating: 0, count: count + 1) }

    mutating func insert(_ rank: Int) {
        members += 1
        var index = rank + 1
        while index < tree.count { tree[index] += 1; index += index & -index }
    }

    func below(_ rank: Int) -> Int? {
        let count = countBelow(rank)
        return count > 0 ? member(count - 1) : nil
    }

    func above(_ rank: Int) -> Int? {
        let count = countBelow(rank + 1)
        return count < members ? member(count) : nil
    }

    /// How many members are below `rank`.
    private func countBelow(_ rank: Int) -> Int {
        var sum = 0, index = rank
        while index > 0 { sum += tree[index]; index -= index & -index }
        return sum
    }

    /// The member with `count` members below it.
    private func member(_ count: Int) -> Int {
        var position = 0, remaining = count
        var step = 1
        while step * 2 < tree.count { step *= 2 }
        while step > 0 {
            if position + step < tree.count && tree[position + step] <= remaining {
                position += step
                remaining -= tree[position]
            }
            step /= 2
        }
        return position
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

    /// Applies non-overlapping edits in one forward pass, copying the bytes between them
    /// once, so that the cost is linear in the text and the edits. An insertion goes before
    /// a replacement that starts at the same offset.
    public static func apply(_ edits: [Edit], to bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var cursor = 0
        for edit in edits.sorted(by: { ($0.offset, $0.length) < ($1.offset, $1.length) }) {
            let start = min(max(cursor, edit.offset), bytes.count)
            result += bytes[cursor..<start]
            result += edit.replacement.utf8
            cursor = max(start, min(bytes.count, edit.offset + edit.length))
        }
        result += bytes[cursor...]
        return result
    }
}
