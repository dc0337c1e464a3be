import Foundation

/// Source sentences and the target sentences that translate them (either side may be empty:
/// a sentence left out, or one added), as byte ranges of each document.
public struct SentencePair: Sendable, Equatable {
    public var source: Range<Int>?
    public var target: Range<Int>?
}

/// Aligns an article with its source: paragraphs first, then the sentences inside
/// each pair of paragraphs, with Gale and Church's length-based dynamic programme
/// (1-1, 1-2, 2-1, 2-2, 1-0 and 0-1 beads). Numbers, URLs and Latin words shared by
/// both sides are anchors that keep it on track where lengths mislead (Chinese–English).
public enum Aligner {
    public static func align(source: Document, target: Document) -> [SentencePair] {
        let sourceParagraphs = source.paragraphs.map(\.range), targetParagraphs = target.paragraphs.map(\.range)
        let sourceLength = Double(sourceParagraphs.reduce(0) { $0 + length(source, $1) })
        let targetLength = Double(targetParagraphs.reduce(0) { $0 + length(target, $1) })
        let ratio = sourceLength > 0 && targetLength > 0 ? targetLength / sourceLength : 1
        var pairs: [SentencePair] = []
        let paragraphBeads = sourceParagraphs.count == targetParagraphs.count
            ? sourceParagraphs.indices.map { ($0..<($0 + 1), $0..<($0 + 1)) }
            : beads(segments(source, sourceParagraphs), segments(target, targetParagraphs), ratio: ratio)
        for (sourceRange, targetRange) in paragraphBeads {
            let sourceSentences = sentences(source, in: sourceParagraphs[sourceRange])
            let targetSentences = sentences(target, in: targetParagraphs[targetRange])
            for (a, b) in beads(segments(source, sourceSentences), segments(target, targetSentences), ratio: ratio) {
                pairs.append(SentencePair(source: a.isEmpty ? nil : sourceSentences[a.first!].lowerBound..<sourceSentences[a.last!].upperBound,
                                          target: b.isEmpty ? nil : targetSentences[b.first!].lowerBound..<targetSentences[b.last!].upperBound))
            }
        }
        return pairs
    }

    /// The units the source-aware rules check: each pair with a target, and each source
    /// sentence left out as a unit with an empty target where it would have been.
    public static func units(_ pairs: [SentencePair], source: Document) -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        var position = 0
        for (index, pair) in pairs.enumerated() {
            let sourceText = pair.source.map { source.string($0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            let target = pair.target ?? position..<position
            units.append(TranslationUnit(id: String(index + 1), source: sourceText, target: target))
            position = target.upperBound
        }
        return units
    }

    /// The sentences of some paragraphs, white space trimmed, empty ones left out.
    static func sentences(_ document: Document, in paragraphs: ArraySlice<Range<Int>>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for paragraph in paragraphs {
            for sentence in document.sentences where sentence.start < paragraph.upperBound && sentence.end > paragraph.lowerBound {
                let range = document.trimmed(max(sentence.start, paragraph.lowerBound)..<min(sentence.end, paragraph.upperBound))
                if !range.isEmpty { result.append(range) }
            }
        }
        return result
    }

    struct Segment {
        /// Length in characters, white space left out.
        var length: Double
        /// Numbers and Latin words of a CJK text, URLs: shared ones mark a likely pair.
        var anchors: Set<String>
    }

    static func length(_ document: Document, _ range: Range<Int>) -> Int {
        String(decoding: document.text[range], as: UTF8.self).unicodeScalars.filter { !$0.properties.isWhitespace }.count
    }

    static func segments(_ document: Document, _ ranges: [Range<Int>]) -> [Segment] {
        ranges.map { range in
            // Runs of digits, and capitalised Latin words of three letters or more (names, which
            // both languages write alike).
            var anchors: Set<String> = []
            var current = ""
            for scalar in String(decoding: document.text[range], as: UTF8.self).unicodeScalars {
                let isDigit = ("0"..."9").contains(scalar), isLatin = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                if isDigit || isLatin {
                    current.unicodeScalars.append(scalar)
                    continue
                }
                if current.allSatisfy(\.isNumber) || (current.count >= 3 && current.first!.isUppercase) { anchors.insert(current.lowercased()) }
                current = ""
            }
            if current.allSatisfy(\.isNumber) || (current.count >= 3 && current.first!.isUppercase) { anchors.insert(current.lowercased()) }
            anchors.remove("")
            return Segment(length: Double(length(document, range)), anchors: anchors)
        }
    }

    // MARK: Gale–Church

    /// Bead probabilities from Gale and Church (1993).
    static let beadCosts: [(a: Int, b: Int, cost: Double)] = [
        (1, 1, -log(0.89)), (1, 0, -log(0.0099 / 2)), (0, 1, -log(0.0099 / 2)),
        (2, 1, -log(0.089 / 2)), (1, 2, -log(0.089 / 2)), (2, 2, -log(0.011)),
    ]

    /// The cheapest sequence of beads, as index ranges of `a` and `b`.
    static func beads(_ a: [Segment], _ b: [Segment], ratio: Double) -> [(Range<Int>, Range<Int>)] {
        let n = a.count, m = b.count
        if n == 0 || m == 0 {
            return (0..<n).map { ($0..<($0 + 1), 0..<0) } + (0..<m).map { (n..<n, $0..<($0 + 1)) }
        }
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: m + 1), count: n + 1)
        var step = [[(Int, Int)]](repeating: [(Int, Int)](repeating: (0, 0), count: m + 1), count: n + 1)
        cost[0][0] = 0
        for i in 0...n {
            for j in 0...m where cost[i][j] < .infinity {
                for bead in beadCosts where i + bead.a <= n && j + bead.b <= m {
                    let total = cost[i][j] + bead.cost + match(a[i..<(i + bead.a)], b[j..<(j + bead.b)], ratio: ratio)
                    if total < cost[i + bead.a][j + bead.b] {
                        cost[i + bead.a][j + bead.b] = total
                        step[i + bead.a][j + bead.b] = (bead.a, bead.b)
                    }
                }
            }
        }
        var result: [(Range<Int>, Range<Int>)] = []
        var (i, j) = (n, m)
        while i > 0 || j > 0 {
            let (da, db) = step[i][j]
            result.append(((i - da)..<i, (j - db)..<j))
            (i, j) = (i - da, j - db)
        }
        return result.reversed()
    }

    /// −log P(δ) for the lengths of two groups, less a bonus for shared anchors and
    /// plus a penalty for anchors on both sides that do not meet.
    static func match(_ a: ArraySlice<Segment>, _ b: ArraySlice<Segment>, ratio: Double) -> Double {
        let la = a.reduce(0) { $0 + $1.length }, lb = b.reduce(0) { $0 + $1.length }
        if la == 0 && lb == 0 { return 0 }
        let variance = 6.8 * ratio
        let delta = (lb - la * ratio) / sqrt(max(la, 1) * variance)
        let probability = max(2 * (1 - normalCDF(abs(delta))), 1e-12)
        var cost = -log(probability)
        let anchorsA = a.reduce(into: Set<String>()) { $0.formUnion($1.anchors) }
        let anchorsB = b.reduce(into: Set<String>()) { $0.formUnion($1.anchors) }
        if !anchorsA.isEmpty && !anchorsB.isEmpty {
            cost += anchorsA.isDisjoint(with: anchorsB) ? 3 : -2 * Double(min(3, anchorsA.intersection(anchorsB).count))
        }
        return cost
    }

    static func normalCDF(_ x: Double) -> Double { 0.5 * (1 + erf(x / 2.squareRoot())) }
}
