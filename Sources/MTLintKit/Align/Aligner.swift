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
        unitsAndSources(pairs, source: source).units
    }

    /// The units, and where each one's source sentences are in the source article.
    static func unitsAndSources(_ pairs: [SentencePair], source: Document) -> (units: [TranslationUnit], sources: [Range<Int>]) {
        var units: [TranslationUnit] = []
        var sources: [Range<Int>] = []
        var position = 0, sourcePosition = 0
        for (index, pair) in pairs.enumerated() {
            let sourceRange = pair.source.map { source.trimmed($0) } ?? sourcePosition..<sourcePosition
            let target = pair.target ?? position..<position
            units.append(TranslationUnit(id: String(index + 1), source: source.string(sourceRange), target: target))
            sources.append(sourceRange)
            (position, sourcePosition) = (target.upperBound, sourceRange.upperBound)
        }
        return (units, sources)
    }

    /// The sentences of some paragraphs, white space trimmed, empty ones left out.
    static func sentences(_ document: Document, in paragraphs: ArraySlice<Range<Int>>) -> [Range<Int>] {
        let all = unwrappedSentences(document)
        var result: [Range<Int>] = []
        for paragraph in paragraphs {
            // The first sentence that ends inside or after the paragraph (sentences are in order).
            var low = 0, high = all.count
            while low < high {
                let middle = (low + high) / 2
                if all[middle].end <= paragraph.lowerBound { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < all.count && all[index].start < paragraph.upperBound {
                let range = document.trimmed(max(all[index].start, paragraph.lowerBound)..<min(all[index].end, paragraph.upperBound))
                if !range.isEmpty { result.append(range) }
                index += 1
            }
        }
        return result
    }

    /// ICU's sentences of a text whose lines are hard-wrapped: a line break inside a paragraph
    /// is read as a space (ICU ends a sentence at every line break), offsets unchanged.
    static func unwrappedSentences(_ document: Document) -> [Span] {
        document.shared.value("aligner:sentences") {
            var text = document.text
            for index in text.indices where text[index] == 0x0A {
                let blankBefore = index > 0 && (text[index - 1] == 0x0A || (text[index - 1] == 0x0D && index > 1 && text[index - 2] == 0x0A))
                let blankAfter = index + 1 < text.count && (text[index + 1] == 0x0A || text[index + 1] == 0x0D)
                if !blankBefore && !blankAfter {
                    text[index] = 0x20
                    if index > 0 && text[index - 1] == 0x0D { text[index - 1] = 0x20 }
                }
            }
            return (try? Tokenizer.sentences(of: text, locale: document.language.icuLocale)) ?? []
        }
    }

    struct Segment {
        /// Length in characters, white space left out.
        var length: Double
        /// Hashes of its numbers and capitalised Latin words, sorted: shared ones mark a likely pair.
        var anchors: [UInt64]
    }

    /// Characters other than ASCII white space, counted on the bytes (Unicode properties are slow).
    static func length(_ document: Document, _ range: Range<Int>) -> Int {
        document.text[range].reduce(0) { count, byte in
            byte & 0xC0 == 0x80 || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 ? count : count + 1
        }
    }

    static func segments(_ document: Document, _ ranges: [Range<Int>]) -> [Segment] {
        ranges.map { range in
            // Runs of digits, and capitalised Latin words of three letters or more (names, which
            // both languages write alike), read on the bytes.
            var anchors: Set<String> = []
            var current: [UInt8] = []
            func finish() {
                let isNumber = current.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
                if !current.isEmpty && (isNumber || (current.count >= 3 && current[0] >= 0x41 && current[0] <= 0x5A)) {
                    anchors.insert(String(decoding: current, as: UTF8.self).lowercased())
                }
                current.removeAll(keepingCapacity: true)
            }
            for byte in document.text[range] {
                if (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) { current.append(byte) } else { finish() }
            }
            finish()
            return Segment(length: Double(length(document, range)), anchors: Array(Set(anchors.map(anchorHash))).sorted())
        }
    }

    /// FNV-1a: stable across runs, unlike Swift's seeded Hasher.
    static func anchorHash(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf29ce484222325) { ($0 ^ UInt64($1)) &* 0x100000001b3 }
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
        // The anchors of two neighbouring segments, merged once (2-1, 1-2 and 2-2 beads).
        let pairsA = zip(a, a.dropFirst()).map { Segment(length: $0.length + $1.length, anchors: merged($0.anchors, $1.anchors)) }
        let pairsB = zip(b, b.dropFirst()).map { Segment(length: $0.length + $1.length, anchors: merged($0.anchors, $1.anchors)) }
        func group(_ segments: [Segment], _ pairs: [Segment], _ start: Int, _ count: Int) -> Segment? {
            count == 0 ? nil : count == 1 ? segments[start] : pairs[start]
        }
        // Only cells near the diagonal: a translation does not wander far from its source's order.
        let band = max(30, (n + m) / 10)
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: m + 1), count: n + 1)
        var step = [[(Int, Int)]](repeating: [(Int, Int)](repeating: (0, 0), count: m + 1), count: n + 1)
        cost[0][0] = 0
        for i in 0...n {
            let diagonal = i * m / n
            for j in max(0, diagonal - band)...min(m, diagonal + band) where cost[i][j] < .infinity {
                for bead in beadCosts where i + bead.a <= n && j + bead.b <= m {
                    let total = cost[i][j] + bead.cost + match(group(a, pairsA, i, bead.a), group(b, pairsB, j, bead.b), ratio: ratio)
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
    static func match(_ a: Segment?, _ b: Segment?, ratio: Double) -> Double {
        let la = a?.length ?? 0, lb = b?.length ?? 0
        if la == 0 && lb == 0 { return 0 }
        let variance = 6.8 * ratio
        let delta = (lb - la * ratio) / sqrt(max(la, 1) * variance)
        let probability = max(2 * (1 - normalCDF(abs(delta))), 1e-12)
        var cost = -log(probability)
        if let a, let b, !a.anchors.isEmpty, !b.anchors.isEmpty {
            let shared = sharedCount(a.anchors, b.anchors)
            cost += shared == 0 ? 3 : -2 * Double(min(3, shared))
        }
        return cost
    }

    /// Elements common to two sorted arrays.
    static func sharedCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, count = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return count
    }

    static func merged(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] { Array(Set(a + b)).sorted() }

    static func normalCDF(_ x: Double) -> Double { 0.5 * (1 + erf(x / 2.squareRoot())) }
}
