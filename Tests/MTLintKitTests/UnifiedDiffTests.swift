import Foundation
import PropertyBased
import Testing
@testable import MTLintKit

/// `fix --diff` output: applying its hunks to the old text gives the new one, byte for byte,
/// it is minimal for few changes, and it stays fast and small on big texts with many changes.
@Suite struct UnifiedDiffTests {
    /// Few distinct lines, so that texts share many; CRLF, a missing last line break, and "é"
    /// both precomposed and decomposed (equal as Swift strings, different bytes).
    static let pieces = ["a\n", "b\n", "a\r\n", "the the\n", "the\n", "\n", "\u{E9}\n", "e\u{301}\n", "c", "金\n"]

    static let texts = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...12).map { (indices: [Int]) -> String in
        indices.map { pieces[$0] }.joined()
    }

    @Test func applyingTheDiffToTheOldTextGivesTheNewOne() async {
        await propertyCheck(count: 500, input: Self.texts, Self.texts) { old, new in
            let diff = UnifiedDiff.render(old: old, new: new, path: "x.txt")
            #expect(diff.isEmpty == (Array(old.utf8) == Array(new.utf8)))
            #expect(Self.apply(diff, to: old) == Array(new.utf8), "diff:\n\(diff)")
            // Minimal: every line outside a longest common subsequence is shown once.
            let changed = Self.lines(diff).filter { $0.first == UInt8(ascii: "-") || $0.first == UInt8(ascii: "+") }.count
            let (a, b) = (Self.lines(old), Self.lines(new))
            #expect(changed == (diff.isEmpty ? 0 : 2 + a.count + b.count - 2 * Self.commonLines(a, b)))
        }
    }

    @Test func diffsCutIntoSmallWindowsStayCorrect() async {
        await propertyCheck(count: 300, input: Self.texts, Self.texts, Gen.int(in: 1...4)) { old, new, window in
            let diff = UnifiedDiff.render(old: Array(old.utf8), new: Array(new.utf8), path: "x.txt", window: window)
            #expect(Self.apply(diff, to: old) == Array(new.utf8), "window \(window), diff:\n\(diff)")
        }
    }

    @Test func emptySidesNameTheLineBefore() {
        #expect(UnifiedDiff.render(old: "", new: "a\n", path: "x") == "--- x\n+++ x\n@@ -0,0 +1,1 @@\n+a\n")
        #expect(UnifiedDiff.render(old: "a", new: "", path: "x") == "--- x\n+++ x\n@@ -1,1 +0,0 @@\n-a\n\\ No newline at end of file\n")
    }

    /// 4 MB, a change on every fourth line: the single Myers search needed memory
    /// quadratic in the number of changes (tens of GB here).
    @Test func aBigTextWithManyChangesDiffsQuickly() {
        var old = "", new = ""
        for line in 0..<50_000 {
            let text = "Line \(line) of a long translated text, with enough words to look like prose here.\n"
            old += text
            new += line % 4 == 0 ? "Line \(line) of the long translated text, with enough words to look like prose here.\n" : text
        }
        let start = Date()
        let diff = UnifiedDiff.render(old: old, new: new, path: "big.txt")
        let seconds = Date().timeIntervalSince(start)
        #expect(Self.lines(diff).filter { $0.starts(with: Array("+L".utf8)) }.count == 12_500)
        let roundTrips = Self.apply(diff, to: old) == Array(new.utf8)
        #expect(roundTrips)
        #if DEBUG
        let limit = 20.0  // unoptimised code is some 20 times slower; CI machines are shared
        #else
        let limit = 2.0
        #endif
        #expect(seconds < limit, "took \(seconds) s")
    }

    // MARK: Helpers

    static func lines(_ text: String) -> [[UInt8]] {
        let bytes = Array(text.utf8)
        return UnifiedDiff.lineRanges(bytes).map { Array(bytes[$0]) }
    }

    static func commonLines(_ a: [[UInt8]], _ b: [[UInt8]]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        return table[0][0]
    }

    /// Applies a unified diff as `patch` would, checking every context and removed line
    /// and each hunk's line counts; nil when the diff does not fit the text.
    static func apply(_ diff: String, to old: String) -> [UInt8]? {
        let oldLines = lines(old)
        var diffLines = lines(diff)
        if !diff.isEmpty {
            guard diffLines.count > 2, diffLines[0].starts(with: Array("--- ".utf8)), diffLines[1].starts(with: Array("+++ ".utf8)) else { return nil }
            diffLines.removeFirst(2)
        }
        let noNewline = Array("\\ No newline at end of file\n".utf8)
        var output: [[UInt8]] = []
        var next = 0  // the next old line
        var index = 0
        while index < diffLines.count {
            let header = String(decoding: diffLines[index], as: UTF8.self)
            let numbers = header.split(whereSeparator: { !"0123456789".contains($0) }).map { Int($0)! }
            guard header.hasPrefix("@@ -"), numbers.count == 4 else { return nil }
            // A hunk without old lines names the line after which it goes.
            let oldStart = numbers[1] == 0 ? numbers[0] : numbers[0] - 1
            guard oldStart >= next, oldStart <= oldLines.count else { return nil }
            output += oldLines[next..<oldStart]
            next = oldStart
            var (oldCount, newCount) = (0, 0)
            index += 1
            while index < diffLines.count && diffLines[index].first != UInt8(ascii: "@") {
                let kind = diffLines[index].first
                var body = Array(diffLines[index].dropFirst())
                index += 1
                if index < diffLines.count && diffLines[index] == noNewline {
                    guard body.last == 0x0A else { return nil }
                    body.removeLast()
                    index += 1
                }
                switch kind {
                case UInt8(ascii: " "), UInt8(ascii: "-"):
                    guard next < oldLines.count, oldLines[next] == body else { return nil }
                    if kind == UInt8(ascii: " ") { output.append(body); newCount += 1 }
                    next += 1
                    oldCount += 1
                case UInt8(ascii: "+"):
                    output.append(body)
                    newCount += 1
                default:
                    return nil
                }
            }
            guard oldCount == numbers[1], newCount == numbers[3] else { return nil }
        }
        output += oldLines[next...]
        return output.flatMap { $0 }
    }
}
