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
/// (`mayShareRun`): the test must pass every unit in which `longestCommonRun` finds a run holding
/// two different content words (a copy is reported only then; its run is within that one).
struct MayShareRunTests {
    static let pieces = ["公司", "新", "招聘", "员工", "the", "Talks", "talks", "2019", "iPhone", "don't", "don’t", "U.S.",
                         "3.5", "café", "Zürich", "ZÜRICH", "report", "memory", "usage", "，", "。", " ", " ", " ", "“", "'"]

    /// Word keys and the word each stands for (an ideograph alone), as untranslated-segment keys them.
    static func words(_ text: [UInt8], _ locale: String) throws -> [(key: UInt64, token: Token)] {
        let tokens = try Tokenizer.tokens(of: text, locale: locale)
        var keys = UntranslatedSegment.WordKeys(), result: [(UInt64, Token)] = []
        text.withUnsafeBufferPointer { text in
            for token in tokens where token.kind.isWord { keys.keys(of: token, in: text) { result.append(($0, $1)) } }
        }
        return result
    }

    /// `isContentWord`: an ideograph, or a lower-case word of four letters or more.
    static func isContentWord(_ token: Token, in text: [UInt8]) -> Bool {
        if token.kind == .ideographic || token.kind == .kana { return true }
        let word = String(decoding: text[token.range], as: UTF8.self)
        return word.unicodeScalars.first!.properties.isLowercase && word.unicodeScalars.count >= 4
    }

    @Test func passesEveryUnitWithACopyToReport() async throws {
        // A source and a translation that share a stretch (b) half the time.
        let text = Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...12).map { $0.map { Self.pieces[$0] }.joined() }
        var outcomes = (copies: 0, passedWithoutCopy: 0, failed: 0)
        await propertyCheck(count: 1_500, input: text, text, text, Gen.int(in: 0...1)) { a, b, c, shared in
            let (source, target) = (a + b, shared == 1 ? c + b : c)
            let sourceBytes = Array(source.utf8), targetBytes = Array(target.utf8)
            guard let sourceWords = try? Self.words(sourceBytes, "zh"), let targetWords = try? Self.words(targetBytes, "en") else {
                Issue.record("not tokenized: \(source) | \(target)")
                return
            }
            let tokens = try! Tokenizer.tokens(of: targetBytes, locale: "en")
            let passes = UntranslatedSegment.mayShareRun(tokens[...], in: targetBytes, source: sourceBytes[...])
            let run = UntranslatedSegment.longestCommonRun(sourceWords.map(\.key), targetWords.map(\.key))
            let contentWords = run.map { run in Set(run.filter { Self.isContentWord(targetWords[$0].token, in: targetBytes) }.map { targetWords[$0].key }) }
            if let contentWords, contentWords.count >= 2 {
                outcomes.copies += 1
                #expect(passes, "a copy the byte test misses: \(source) | \(target)")
            } else if passes {
                outcomes.passedWithoutCopy += 1
            } else {
                outcomes.failed += 1
            }
        }
        // Not vacuous: units with copies, and units the test turns away, both occur.
        #expect(outcomes.copies > 50 && outcomes.failed > 50, "\(outcomes)")
    }
}
