import PropertyBased
import Testing
@testable import MTLintKit

/// untranslated-segment finds the longest run of words a translation shares with its source from
/// the words' places, not from a table of every pair; it must give what the table gives: the
/// longest run's end in the target (the first such end), when the run has three words or more.
struct LongestCommonRunTests {
    /// The plain dynamic programme over every pair of places.
    static func tableRun(_ source: [UInt64], _ target: [UInt64]) -> Range<Int>? {
        guard source.count >= 3, target.count >= 3 else { return nil }
        var previous = [Int](repeating: 0, count: source.count + 1), best = 0, bestEnd = 0
        for j in 1...target.count {
            var current = [Int](repeating: 0, count: source.count + 1)
            for i in 1...source.count where source[i - 1] == target[j - 1] {
                current[i] = previous[i - 1] + 1
                if current[i] > best { (best, bestEnd) = (current[i], j) }
            }
            previous = current
        }
        return best >= 3 ? (bestEnd - best)..<bestEnd : nil
    }

    @Test func placesGiveWhatTheTableGives() async {
        // Few distinct words, so that runs, repeats and near misses are common.
        let words = Gen.int(in: 0...5).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }.array(of: 0...40)
        await propertyCheck(count: 2_000, input: words, words) { source, target in
            #expect(UntranslatedSegment.longestCommonRun(source, target) == Self.tableRun(source, target), "\(source) \(target)")
        }
    }

    @Test func aRunRepeatedInTheSource() {
        let (a, b, c, d): (UInt64, UInt64, UInt64, UInt64) = (11 << 54, 22 << 54, 33 << 54, 44 << 54)
        #expect(UntranslatedSegment.longestCommonRun([a, a, a, b, c], [d, a, a, a, a]) == 1..<4)
        #expect(UntranslatedSegment.longestCommonRun([a, b, c, a, b, c, d], [d, a, b, c, d]) == 1..<5)
        #expect(UntranslatedSegment.longestCommonRun([a, b, c], [c, b, a]) == nil)
    }
}

/// Before a Chinese or Japanese source is tokenized, untranslated-segment tests a unit on its bytes
/// (`mayShareRun`): the test must pass every unit in which `longestCommonRun` finds a run.
struct MayShareRunTests {
    static let pieces = ["公司", "新", "招聘", "员工", "the", "Talks", "talks", "2019", "iPhone", "don't", "don’t", "U.S.",
                         "3.5", "café", "Zürich", "ZÜRICH", "，", "。", " ", " ", " ", "“", "'"]

    static func keys(_ text: [UInt8], _ locale: String) throws -> (keys: [UInt64], tokens: [Token]) {
        let tokens = try Tokenizer.tokens(of: text, locale: locale)
        var keys = UntranslatedSegment.WordKeys(), result: [UInt64] = []
        text.withUnsafeBufferPointer { text in
            for token in tokens where token.kind.isWord { keys.keys(of: token, in: text) { key, _ in result.append(key) } }
        }
        return (result, tokens)
    }

    @Test func passesEveryUnitWithARun() async throws {
        // A source and a translation that share a stretch (b) half the time.
        let text = Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...12).map { $0.map { Self.pieces[$0] }.joined() }
        var outcomes = (runs: 0, passedWithoutRun: 0, failed: 0)
        await propertyCheck(count: 1_500, input: text, text, text, Gen.int(in: 0...1)) { a, b, c, shared in
            let (source, target) = (a + b, shared == 1 ? c + b : c)
            let sourceBytes = Array(source.utf8), targetBytes = Array(target.utf8)
            guard let sourceKeys = try? Self.keys(sourceBytes, "zh"), let targetKeys = try? Self.keys(targetBytes, "en") else {
                Issue.record("not tokenized: \(source) | \(target)")
                return
            }
            let passes = UntranslatedSegment.mayShareRun(targetKeys.tokens[...], in: targetBytes, source: sourceBytes[...])
            if UntranslatedSegment.longestCommonRun(sourceKeys.keys, targetKeys.keys) != nil {
                outcomes.runs += 1
                #expect(passes, "a run the byte test misses: \(source) | \(target)")
            } else if passes {
                outcomes.passedWithoutRun += 1
            } else {
                outcomes.failed += 1
            }
        }
        // Not vacuous: units with runs, and units the test turns away, both occur.
        #expect(outcomes.runs > 50 && outcomes.failed > 50, "\(outcomes)")
    }
}
