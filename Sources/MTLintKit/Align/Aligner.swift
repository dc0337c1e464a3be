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
            : beads(Segments(source, sourceParagraphs), Segments(target, targetParagraphs), ratio: ratio)
        for (sourceRange, targetRange) in paragraphBeads {
            let sourceSentences = sentences(source, in: sourceParagraphs[sourceRange])
            let targetSentences = sentences(target, in: targetParagraphs[targetRange])
            for (a, b) in beads(Segments(source, sourceSentences), Segments(target, targetSentences), ratio: ratio) {
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

    /// The sentences of a document, a line break inside a paragraph read as a space (`SentenceSplitter`).
    static func unwrappedSentences(_ document: Document) -> [Span] {
        document.shared.value("aligner:sentences") {
            SentenceSplitter.sentences(of: document.text,
                                       abbreviations: document.dictionaries.wordList("\(document.language.code)/abbreviations.txt"))
        }
    }

    /// Characters other than ASCII white space, counted on the bytes (Unicode properties are slow).
    static func length(_ document: Document, _ range: Range<Int>) -> Int {
        document.text[range].reduce(0) { count, byte in startsCountedCharacter(byte) ? count + 1 : count }
    }

    /// A lead byte that is not ASCII white space.
    @inline(__always)
    static func startsCountedCharacter(_ byte: UInt8) -> Bool {
        byte & 0xC0 != 0x80 && byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09
    }

    /// The lengths and anchors of some segments (sentences or paragraphs) of one side, and of
    /// each two neighbours taken together (the 2-1, 1-2 and 2-2 beads), kept flat so that the
    /// dynamic programme reads them without copying arrays.
    struct Segments {
        var lengths: [Double] = []
        var pairLengths: [Double] = []
        /// Anchors of segment k: `anchors[anchorStart[k]..<anchorStart[k + 1]]`, sorted.
        var anchors: [UInt64] = []
        var anchorStart: [Int] = [0]
        /// Anchors of segments k and k + 1 together: `pairAnchors[pairStart[k]..<pairStart[k + 1]]`.
        var pairAnchors: [UInt64] = []
        var pairStart: [Int] = [0]

        var count: Int { lengths.count }

        init(_ document: Document, _ ranges: [Range<Int>]) {
            lengths.reserveCapacity(ranges.count)
            var previous: [UInt64] = []
            for range in ranges {
                let (length, own) = Aligner.measure(document.text[range])
                lengths.append(Double(length))
                anchors += own
                anchorStart.append(anchors.count)
                if lengths.count > 1 {
                    pairLengths.append(lengths[lengths.count - 2] + lengths[lengths.count - 1])
                    Aligner.mergeUnique(previous[...], own[...], into: &pairAnchors)
                    pairStart.append(pairAnchors.count)
                }
                previous = own
            }
        }
    }

    /// A segment's length in characters other than ASCII white space, and its anchors: runs of
    /// digits, and capitalised Latin words of three letters or more (names, which both languages
    /// write alike), hashed lower-cased, sorted, each once. One pass over the bytes.
    static func measure(_ bytes: ArraySlice<UInt8>) -> (length: Int, anchors: [UInt64]) {
        var count = 0
        var result: [UInt64] = []
        var hash: UInt64 = 0xcbf29ce484222325, length = 0, allDigits = true, capitalised = false
        func finish() {
            if length > 0 && (allDigits || (length >= 3 && capitalised)) { result.append(hash) }
            (hash, length, allDigits, capitalised) = (0xcbf29ce484222325, 0, true, false)
        }
        for byte in bytes {
            if startsCountedCharacter(byte) { count += 1 }
            let isDigit = byte >= 0x30 && byte <= 0x39
            let isLetter = byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A
            guard isDigit || isLetter else { if length > 0 { finish() }; continue }
            if length == 0 { capitalised = byte >= 0x41 && byte <= 0x5A }
            allDigits = allDigits && isDigit
            hash = (hash ^ UInt64(isLetter ? byte | 0x20 : byte)) &* 0x100000001b3
            length += 1
        }
        finish()
        result.sort()
        var unique: [UInt64] = []
        for value in result where unique.last != value { unique.append(value) }
        return (count, unique)
    }

    /// Two sorted runs of distinct values, merged, each value once.
    static func mergeUnique(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>, into result: inout [UInt64]) {
        var i = a.startIndex, j = b.startIndex
        while i < a.endIndex || j < b.endIndex {
            if j == b.endIndex || (i < a.endIndex && a[i] < b[j]) { result.append(a[i]); i += 1 }
            else if i == a.endIndex || b[j] < a[i] { result.append(b[j]); j += 1 }
            else { result.append(a[i]); i += 1; j += 1 }
        }
    }

    // MARK: Gale–Church

    /// Bead probabilities from Gale and Church (1993).
    static let beadCosts: [(a: Int, b: Int, cost: Double)] = [
        (1, 1, -log(0.89)), (1, 0, -log(0.0099 / 2)), (0, 1, -log(0.0099 / 2)),
        (2, 1, -log(0.089 / 2)), (1, 2, -log(0.089 / 2)), (2, 2, -log(0.011)),
    ]

    /// The cheapest sequence of beads, as index ranges of `a` and `b`.
    static func beads(_ a: Segments, _ b: Segments, ratio: Double) -> [(Range<Int>, Range<Int>)] {
        let n = a.count, m = b.count
        if n == 0 || m == 0 {
            return (0..<n).map { ($0..<($0 + 1), 0..<0) } + (0..<m).map { (n..<n, $0..<($0 + 1)) }
        }
        // Only cells near the diagonal: a translation does not wander far from its source's order.
        // Row i keeps columns lowest(i)..<lowest(i) + width; a cell outside its row's band is never
        // expanded, so it is not stored either.
        let band = max(30, (n + m) / 10), width = 2 * band + 1
        func lowest(_ i: Int) -> Int { max(0, i * m / n - band) }
        var cost = [Double](repeating: .infinity, count: (n + 1) * width)
        var step = [UInt8](repeating: 0, count: (n + 1) * width)
        cost[0] = 0
        for i in 0...n {
            let low = lowest(i), high = min(m, i * m / n + band)
            for j in low...high {
                let here = cost[i * width + j - low]
                guard here < .infinity else { continue }
                for (index, bead) in beadCosts.enumerated() where i + bead.a <= n && j + bead.b <= m {
                    let row = i + bead.a, column = j + bead.b - lowest(row)
                    guard column >= 0 && column < width else { continue }
                    let total = here + bead.cost + match(a, i, bead.a, b, j, bead.b, ratio: ratio)
                    if total < cost[row * width + column] {
                        cost[row * width + column] = total
                        step[row * width + column] = UInt8(index)
                    }
                }
            }
        }
        var result: [(Range<Int>, Range<Int>)] = []
        var (i, j) = (n, m)
        while i > 0 || j > 0 {
            let bead = beadCosts[Int(step[i * width + j - lowest(i)])]
            result.append(((i - bead.a)..<i, (j - bead.b)..<j))
            (i, j) = (i - bead.a, j - bead.b)
        }
        return result.reversed()
    }

    /// −log P(δ) for the lengths of a group of `countA` segments of `a` from `i` and `countB` of
    /// `b` from `j`, less a bonus for shared anchors and plus a penalty for anchors on both sides
    /// that do not meet.
    static func match(_ a: Segments, _ i: Int, _ countA: Int, _ b: Segments, _ j: Int, _ countB: Int, ratio: Double) -> Double {
        let la = countA == 0 ? 0 : countA == 1 ? a.lengths[i] : a.pairLengths[i]
        let lb = countB == 0 ? 0 : countB == 1 ? b.lengths[j] : b.pairLengths[j]
        if la == 0 && lb == 0 { return 0 }
        let delta = (lb - la * ratio) / sqrt(max(la, 1) * 6.8 * ratio)
        var cost = tailCost(abs(delta))
        guard countA > 0 && countB > 0 else { return cost }
        let anchorsA = countA == 1 ? a.anchorStart[i]..<a.anchorStart[i + 1] : a.pairStart[i]..<a.pairStart[i + 1]
        let anchorsB = countB == 1 ? b.anchorStart[j]..<b.anchorStart[j + 1] : b.pairStart[j]..<b.pairStart[j + 1]
        if !anchorsA.isEmpty && !anchorsB.isEmpty {
            let shared = countA == 1
                ? (countB == 1 ? sharedCount(a.anchors[anchorsA], b.anchors[anchorsB]) : sharedCount(a.anchors[anchorsA], b.pairAnchors[anchorsB]))
                : (countB == 1 ? sharedCount(a.pairAnchors[anchorsA], b.anchors[anchorsB]) : sharedCount(a.pairAnchors[anchorsA], b.pairAnchors[anchorsB]))
            cost += shared == 0 ? 3 : -2 * Double(min(3, shared))
        }
        return cost
    }

    /// −log of the two-sided tail 2(1 − Φ(x)), floored at 10⁻¹²: read from a table in steps of
    /// 1/1000 (the programme asks for it millions of times on a long article).
    static func tailCost(_ x: Double) -> Double {
        let position = x * 1000
        guard position < Double(tailCosts.count - 1) else { return tailCosts[tailCosts.count - 1] }
        let index = Int(position), fraction = position - Double(index)
        return tailCosts[index] + (tailCosts[index + 1] - tailCosts[index]) * fraction
    }

    static let tailCosts: [Double] = (0...8000).map { step in
        -log(max(erfc(Double(step) / 1000 / 2.squareRoot()), 1e-12))
    }

    /// Elements common to two sorted runs.
    static func sharedCount(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> Int {
        var i = a.startIndex, j = b.startIndex, count = 0
        while i < a.endIndex && j < b.endIndex {
            if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return count
    }
}
