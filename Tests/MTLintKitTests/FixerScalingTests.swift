import Foundation
import PropertyBased
import Testing
@testable import MTLintKit

/// The fix planner and applier against their one-by-one definitions, and their cost,
/// which must grow linearly with the number of fixes.
@Suite struct FixerScalingTests {
    static func finding(_ severity: Severity, _ edits: [Edit], rule: String = "r") -> Finding {
        let start = edits.map(\.offset).min()!, end = edits.map { $0.offset + $0.length }.max()!
        return Finding(rule: rule, family: .repetition, severity: severity, message: "m", start: start, end: end,
                       suggestions: [], fix: Fix(safety: .safe, edits: edits))
    }

    /// Findings with one to three edits each, short or empty, packed into 40 bytes so that
    /// many overlap, touch or insert at the same point.
    static let findings = Gen.int(in: 0...(1 << 40)).array(of: 0...25).map { (seeds: [Int]) -> [Finding] in
        seeds.map { seed in
            var bits = seed
            func take(_ count: Int) -> Int { defer { bits /= count }; return bits % count }
            let severity = [Severity.info, .warning, .error][take(3)]
            var edits: [Edit] = []
            for _ in 0...take(3) {
                let edit = Edit(offset: take(40), length: take(4), replacement: ["", "x", "yz"][take(3)])
                // A fix's own edits never overlap one another.
                if !edits.contains(where: { EditApplier.overlap($0.range, edit.range) }) { edits.append(edit) }
            }
            return finding(severity, edits, rule: ["a", "b"][take(2)])
        }
    }

    @Test func planAndApplyMatchTheirOneByOneDefinitions() async {
        let text = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH".utf8)
        await propertyCheck(count: 1000, input: Self.findings) { findings in
            // The definition: in priority order, take a fix unless it overlaps one taken before.
            let ordered = findings.sorted { ($1.severity, $0.start, $0.end, $0.rule) < ($0.severity, $1.start, $1.end, $1.rule) }
            var taken: [Range<Int>] = []
            var expected: [Finding] = []
            for finding in ordered where !finding.fix!.edits.contains(where: { edit in taken.contains { EditApplier.overlap($0, edit.range) } }) {
                taken += finding.fix!.edits.map(\.range)
                expected.append(finding)
            }
            let plan = FixPlan(findings)
            #expect(plan.accepted.map(\.fix!.edits) == expected.map(\.fix!.edits))
            #expect(plan.accepted.count + plan.skipped.count == findings.count)
            // Edits are applied in any order they come in; an insertion goes before a
            // replacement at the same offset, and the bytes between edits are kept.
            let edits = plan.accepted.flatMap(\.fix!.edits)
            var result: [UInt8] = []
            var cursor = 0
            for edit in edits.sorted(by: { ($0.offset, $0.length) < ($1.offset, $1.length) }) {
                result += text[cursor..<edit.offset] + Array(edit.replacement.utf8)
                cursor = edit.offset + edit.length
            }
            result += text[cursor...]
            #expect(EditApplier.apply(edits, to: text) == result)
            #expect(EditApplier.apply(edits.reversed(), to: text) == result)
        }
    }

    /// 200,000 fixes on 2 MB: checking each against every accepted one and copying the
    /// whole text for each made this take minutes.
    @Test func planningAndApplyingManyFixesIsLinear() {
        let count = 200_000
        let text = [UInt8](repeating: UInt8(ascii: "a"), count: count * 10)
        var findings: [Finding] = []
        for index in 0..<count {
            let offset = index * 10
            // Errors and warnings take turns; every tenth warning overlaps the error before it.
            let severity: Severity = index % 2 == 0 ? .error : .warning
            let start = index % 20 == 1 ? offset - 8 : offset
            findings.append(Self.finding(severity, [Edit(offset: start, length: 4, replacement: "bb")]))
        }
        let begin = Date()
        let plan = FixPlan(findings)
        let bytes = EditApplier.apply(plan.accepted.flatMap(\.fix!.edits), to: text)
        let seconds = Date().timeIntervalSince(begin)
        #expect(plan.skipped.count == count / 20)
        #expect(bytes.count == text.count - 2 * plan.accepted.count)
        #if DEBUG
        let limit = 20.0  // unoptimised code is some 20 times slower; CI machines are shared
        #else
        let limit = 1.0
        #endif
        #expect(seconds < limit, "took \(seconds) s")
    }
}
