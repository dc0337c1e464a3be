import Foundation
import ICUShim

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
        // Every sentence of each side measured once; the programme runs on windows of these tables.
        let (sourceSentences, sourceStarts) = sentences(source), (targetSentences, targetStarts) = sentences(target)
        var a = Segments(source.text, sourceSentences), b = Segments(target.text, targetSentences)
        let sourceLength = a.lengths.reduce(0, +), targetLength = b.lengths.reduce(0, +)
        let ratio = sourceLength > 0 && targetLength > 0 ? targetLength / sourceLength : 1
        a.expect(ratio: ratio)
        let paragraphCount = (source: sourceStarts.count - 1, target: targetStarts.count - 1)
        let paragraphBeads = paragraphCount.source == paragraphCount.target
            ? (0..<paragraphCount.source).map { ($0..<($0 + 1), $0..<($0 + 1)) }
            : beads(Segments(paragraphsOf: a, sourceStarts), Segments(paragraphsOf: b, targetStarts), ratio: ratio)
        var pairs: [SentencePair] = []
        var scratch = Scratch()
        for (sourceRange, targetRange) in paragraphBeads {
            let windowA = sourceStarts[sourceRange.lowerBound]..<sourceStarts[sourceRange.upperBound]
            let windowB = targetStarts[targetRange.lowerBound]..<targetStarts[targetRange.upperBound]
            for (x, y) in beads(a, b, windowA, windowB, ratio: ratio, scratch: &scratch) {
                pairs.append(SentencePair(source: x.isEmpty ? nil : sourceSentences[x.first!].lowerBound..<sourceSentences[x.last!].upperBound,
                                          target: y.isEmpty ? nil : targetSentences[y.first!].lowerBound..<targetSentences[y.last!].upperBound))
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

    /// A document's sentences paragraph by paragraph, white space trimmed, empty ones left out, and
    /// where each paragraph's first sentence is (`starts[p]..<starts[p + 1]`, one more than paragraphs).
    static func sentences(_ document: Document) -> (sentences: [Range<Int>], starts: [Int]) {
        let all = unwrappedSentences(document)
        var result: [Range<Int>] = []
        var starts = [0]
        var index = 0
        for paragraph in document.paragraphs.map(\.range) {
            // Sentences are in order, as paragraphs are: the first that ends inside or after this one.
            while index < all.count && all[index].end <= paragraph.lowerBound { index += 1 }
            var inside = index
            while inside < all.count && all[inside].start < paragraph.upperBound {
                let range = document.trimmed(max(all[inside].start, paragraph.lowerBound)..<min(all[inside].end, paragraph.upperBound))
                if !range.isEmpty {
                    // Punctuation alone ("。 ”" spaced apart, "… …") closes the sentence before it in the paragraph.
                    if result.count > starts.last!, !hasWord(document.text[range]) {
                        result[result.count - 1] = result[result.count - 1].lowerBound..<range.upperBound
                    } else {
                        result.append(range)
                    }
                }
                inside += 1
            }
            starts.append(result.count)
        }
        return (result, starts)
    }

    /// Whether a stretch of text holds a letter or a digit (most do at their first character).
    static func hasWord(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let (scalar, length) = ByteScan.scalar(buffer, index)
                if ByteScan.isLetter(scalar) || ByteScan.isDigit(scalar) { return true }
                index += length
            }
            return false
        }
    }

    /// The sentences of a document, a line break inside a paragraph read as a space (`SentenceSplitter`).
    static func unwrappedSentences(_ document: Document) -> [Span] {
        document.shared.value("aligner:sentences") {
            SentenceSplitter.sentences(of: document.text, abbreviations: .of(document.language.code, in: document.dictionaries))
        }
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
        /// One bit per anchor (its hash's low six bits), for segment k and for k and k + 1: two
        /// segments whose masks do not meet share no anchor, without comparing their runs.
        var masks: [UInt64] = []
        var pairMasks: [UInt64] = []

        /// For the source side, once the ratio is known: 1 / √(ℓ · 6.8 · ratio), the scale of δ for a
        /// group of this one segment, of it and the next, and of none (ℓ = 1).
        var scales: [Double] = []
        var pairScales: [Double] = []
        var emptyScale = 0.0

        var count: Int { lengths.count }

        /// Gale and Church's variance, s² = 6.8 per source character, at `ratio` target characters per source one.
        mutating func expect(ratio: Double) {
            func scale(_ length: Double) -> Double { 1 / (max(length, 1) * 6.8 * ratio).squareRoot() }
            scales = lengths.map(scale)
            pairScales = pairLengths.map(scale)
            emptyScale = scale(0)
        }

        /// The segments at `ranges` of a text, each measured.
        init(_ text: [UInt8], _ ranges: [Range<Int>]) {
            lengths.reserveCapacity(ranges.count)
            pairLengths.reserveCapacity(ranges.count)
            masks.reserveCapacity(ranges.count)
            pairMasks.reserveCapacity(ranges.count)
            anchorStart.reserveCapacity(ranges.count + 1)
            pairStart.reserveCapacity(ranges.count + 1)
            // A news sentence has two or three anchors (a name, a number).
            anchors.reserveCapacity(4 * ranges.count)
            pairAnchors.reserveCapacity(8 * ranges.count)
            // Each segment's anchors, and the previous one's for the pair they make.
            var own: [UInt64] = [], previous: [UInt64] = []
            text.withUnsafeBufferPointer { buffer in
                for range in ranges {
                    let length = Aligner.measure(UnsafeBufferPointer(rebasing: buffer[range]), anchors: &own)
                    append(Double(length), own[...], after: previous[...])
                    swap(&own, &previous)
                }
            }
        }

        /// Paragraphs made of sentences already measured: paragraph p holds `sentences`' segments
        /// `starts[p]..<starts[p + 1]`.
        init(paragraphsOf sentences: Segments, _ starts: [Int]) {
            var previous: [UInt64] = []
            for (first, end) in zip(starts, starts.dropFirst()) {
                let own = Array(Set(sentences.anchors[sentences.anchorStart[first]..<sentences.anchorStart[end]])).sorted()
                append(sentences.lengths[first..<end].reduce(0, +), own[...], after: previous[...])
                previous = own
            }
        }

        /// A segment of `length` with its anchors, after the one whose anchors are `previous`.
        private mutating func append(_ length: Double, _ own: ArraySlice<UInt64>, after previous: ArraySlice<UInt64>) {
            let mask = own.reduce(UInt64(0)) { $0 | 1 << ($1 & 63) }
            if let last = lengths.last {
                pairLengths.append(last + length)
                Aligner.mergeUnique(previous, own, into: &pairAnchors)
                pairStart.append(pairAnchors.count)
                pairMasks.append(masks[masks.count - 1] | mask)
            }
            lengths.append(length)
            masks.append(mask)
            anchors.append(contentsOf: own)
            anchorStart.append(anchors.count)
        }
    }

    /// What a byte is, for `measure`: one table lookup instead of a chain of comparisons. A pointer
    /// built once and never written again (so shared by threads safely), which the loop reads without
    /// a closure: the variables a closure captures stay in memory, and the loop's are its cost.
    nonisolated(unsafe) private static let byteClass: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for value in 0...255 { table[value] = byteClass(of: UInt8(value)) }
        return UnsafePointer(table)
    }()

    private static func byteClass(of byte: UInt8) -> UInt8 {
        var bits: UInt8 = 0
        if byte >= 0x30 && byte <= 0x39 { bits |= digit }
        if byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A { bits |= letter }
        if byte >= 0x41 && byte <= 0x5A { bits |= upper }
        return bits
    }
    private static let digit: UInt8 = 2, letter: UInt8 = 4, upper: UInt8 = 8

    /// A segment's length in characters other than ASCII white space, and its anchors (into
    /// `anchors`, replacing what it held): runs of digits, and capitalised Latin words of three
    /// letters or more (names, which both languages write alike), hashed lower-cased, sorted,
    /// each once. The characters are counted sixteen bytes at a time, and the words that may be
    /// anchors (a capital or a digit after no letter or digit) found eight bytes at a time, without
    /// a branch per byte; only those words are read byte by byte.
    static func measure(_ bytes: UnsafeBufferPointer<UInt8>, anchors result: inout [UInt64]) -> Int {
        result.removeAll(keepingCapacity: true)
        guard let base = bytes.baseAddress else { return 0 }
        let classes = byteClass
        let count = Int(mtl_count_non_space(base, Int64(bytes.count)))
        var index = 0
        var afterWordByte: UInt64 = 0  // 0x80 when the byte before this block is a letter or a digit
        while index + 8 <= bytes.count {
            let block = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let (wordBytes, starts) = Swar.lettersAndDigits(block)
            var anchorStarts = starts & ~(wordBytes << 8 | afterWordByte)
            while anchorStarts != 0 {
                readAnchor(bytes, at: index + anchorStarts.trailingZeroBitCount / 8, classes, into: &result)
                anchorStarts &= anchorStarts &- 1
            }
            afterWordByte = wordBytes >> 56
            index += 8
        }
        while index < bytes.count {
            let bits = classes[Int(bytes[index])]
            if bits & (upper | digit) != 0 && (index == 0 || classes[Int(bytes[index - 1])] & (digit | letter) == 0) {
                readAnchor(bytes, at: index, classes, into: &result)
            }
            index += 1
        }
        if result.count > 1 {
            // A sentence has a few anchors: sorted in place, with no set-up.
            result.withUnsafeMutableBufferPointer { anchors in
                for index in 1..<anchors.count {
                    let anchor = anchors[index]
                    var slot = index
                    while slot > 0 && anchors[slot - 1] > anchor { anchors[slot] = anchors[slot - 1]; slot -= 1 }
                    anchors[slot] = anchor
                }
            }
            var kept = 1
            for index in 1..<result.count where result[index] != result[kept - 1] {
                result[kept] = result[index]
                kept += 1
            }
            result.removeLast(result.count - kept)
        }
        return count
    }

    /// The word that starts at `start` with a capital or a digit, hashed lower-cased into `result`
    /// when it is an anchor: digits only, or three letters or more.
    @inline(__always)
    private static func readAnchor(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, _ classes: UnsafePointer<UInt8>,
                                   into result: inout [UInt64]) {
        let capitalised = classes[Int(bytes[start])] & upper != 0
        var hash = FNV.start, allDigits = true, index = start
        while index < bytes.count {
            let byte = bytes[index], bits = classes[Int(byte)]
            guard bits & (digit | letter) != 0 else { break }
            allDigits = allDigits && bits & digit != 0
            hash = FNV.adding(byte | (bits & letter) << 3, to: hash)
            index += 1
        }
        if allDigits || (index - start >= 3 && capitalised) { result.append(hash) }
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

    /// The programme's tables, kept from one window to the next.
    struct Scratch {
        var cost: [Double] = []
        var step: [UInt8] = []
        /// The first column each row keeps.
        var lowest: [Int] = []
    }

    /// The cheapest sequence of beads, as index ranges of `a` and `b`.
    static func beads(_ a: Segments, _ b: Segments, ratio: Double) -> [(Range<Int>, Range<Int>)] {
        var a = a
        a.expect(ratio: ratio)
        var scratch = Scratch()
        return beads(a, b, 0..<a.count, 0..<b.count, ratio: ratio, scratch: &scratch)
    }

    /// The cheapest sequence of beads between the segments `windowA` of `a` and `windowB` of `b`,
    /// as index ranges of `a` and `b`. `a`, the source side, has its scales (`expect(ratio:)`).
    static func beads(_ a: Segments, _ b: Segments, _ windowA: Range<Int>, _ windowB: Range<Int>, ratio: Double,
                      scratch: inout Scratch) -> [(Range<Int>, Range<Int>)] {
        let n = windowA.count, m = windowB.count, (baseA, baseB) = (windowA.lowerBound, windowB.lowerBound)
        if n == 0 || m == 0 {
            return windowA.map { ($0..<($0 + 1), baseB..<baseB) } + windowB.map { (windowA.upperBound..<windowA.upperBound, $0..<($0 + 1)) }
        }
        // Only cells near the diagonal: a translation does not wander far from its source's order.
        // Row i keeps columns lowest(i)..<lowest(i) + width; a cell outside its row's band is never
        // expanded, so it is not stored either.
        // A window no wider than the band (a paragraph's few sentences) keeps every column in every row.
        let band = max(30, (n + m) / 10), width = m <= band ? m + 1 : 2 * band + 1
        scratch.lowest.removeAll(keepingCapacity: true)
        for i in 0...n { scratch.lowest.append(max(0, i * m / n - band)) }
        let lowestColumns = scratch.lowest
        func lowest(_ i: Int) -> Int { lowestColumns[i] }
        scratch.cost.removeAll(keepingCapacity: true)
        scratch.cost.append(contentsOf: repeatElement(.infinity, count: (n + 1) * width))
        scratch.step.removeAll(keepingCapacity: true)
        scratch.step.append(contentsOf: repeatElement(0, count: (n + 1) * width))
        scratch.cost[0] = 0
        // The programme reads and writes its tables through pointers: an array's subscript checks
        // bounds and uniqueness at every write, and these loops run millions of times on a corpus.
        let beads = beadTable, tails = tailTable, beadCount = beadCosts.count
        scratch.cost.withUnsafeMutableBufferPointer { cost in
            scratch.step.withUnsafeMutableBufferPointer { step in
                for i in 0...n {
                    let low = lowest(i), high = min(m, i * m / n + band)
                    for j in low...high {
                        let here = cost[i * width + j - low]
                        guard here < .infinity else { continue }
                        for index in 0..<beadCount {
                            let bead = beads[index]
                            guard i + bead.a <= n && j + bead.b <= m else { continue }
                            let row = i + bead.a, column = j + bead.b - lowest(row)
                            guard column >= 0 && column < width else { continue }
                            let total = here + bead.cost + match(a, baseA + i, bead.a, b, baseB + j, bead.b, ratio: ratio, tails: tails)
                            if total < cost[row * width + column] {
                                cost[row * width + column] = total
                                step[row * width + column] = UInt8(index)
                            }
                        }
                    }
                }
            }
        }
        var result: [(Range<Int>, Range<Int>)] = []
        var (i, j) = (n, m)
        while i > 0 || j > 0 {
            let bead = beadTable[Int(scratch.step[i * width + j - lowest(i)])]
            result.append(((baseA + i - bead.a)..<(baseA + i), (baseB + j - bead.b)..<(baseB + j)))
            (i, j) = (i - bead.a, j - bead.b)
        }
        return result.reversed()
    }

    /// −log P(δ) for the lengths of a group of `countA` segments of `a` from `i` and `countB` of
    /// `b` from `j`, less a bonus for shared anchors and plus a penalty for anchors on both sides
    /// that do not meet.
    @inline(__always)
    static func match(_ a: Segments, _ i: Int, _ countA: Int, _ b: Segments, _ j: Int, _ countB: Int, ratio: Double,
                      tails: UnsafePointer<Float>) -> Double {
        let la = countA == 0 ? 0 : countA == 1 ? a.lengths[i] : a.pairLengths[i]
        let lb = countB == 0 ? 0 : countB == 1 ? b.lengths[j] : b.pairLengths[j]
        if la == 0 && lb == 0 { return 0 }
        let scale = countA == 0 ? a.emptyScale : countA == 1 ? a.scales[i] : a.pairScales[i]
        let delta = (lb - la * ratio) * scale
        var cost = tailCost(abs(delta), tails)
        guard countA > 0 && countB > 0 else { return cost }
        let anchorsA = countA == 1 ? a.anchorStart[i]..<a.anchorStart[i + 1] : a.pairStart[i]..<a.pairStart[i + 1]
        let anchorsB = countB == 1 ? b.anchorStart[j]..<b.anchorStart[j + 1] : b.pairStart[j]..<b.pairStart[j + 1]
        if !anchorsA.isEmpty && !anchorsB.isEmpty {
            let maskA = countA == 1 ? a.masks[i] : a.pairMasks[i], maskB = countB == 1 ? b.masks[j] : b.pairMasks[j]
            guard maskA & maskB != 0 else { return cost + 3 }
            let shared = countA == 1
                ? (countB == 1 ? sharedCount(a.anchors[anchorsA], b.anchors[anchorsB]) : sharedCount(a.anchors[anchorsA], b.pairAnchors[anchorsB]))
                : (countB == 1 ? sharedCount(a.pairAnchors[anchorsA], b.anchors[anchorsB]) : sharedCount(a.pairAnchors[anchorsA], b.pairAnchors[anchorsB]))
            cost += shared == 0 ? 3 : -2 * Double(shared)
        }
        return cost
    }

    /// −log of the two-sided tail 2(1 − Φ(x)), floored at 10⁻¹²: read from `tailTable` in steps of
    /// 1/1000 (the programme asks for it millions of times on a long article).
    @inline(__always)
    static func tailCost(_ x: Double, _ tails: UnsafePointer<Float>) -> Double {
        let position = x * 1000
        guard position < Double(tailSteps) else { return Double(tails[tailSteps]) }
        let index = Int(position), fraction = position - Double(index)
        let low = Double(tails[index])
        return low + (Double(tails[index + 1]) - low) * fraction
    }

    private static let tailSteps = 8000

    /// The tail costs at 0, 1/1000, … 8 and the bead costs, as pointers built once and never written
    /// again (shared by threads safely), which the programme reads without a global's lazy check.
    /// The costs are Floats: 32 KB where Doubles took 64 KB, which the processor's first-level cache
    /// did not hold (the programme's lookups jump across the table). Seven digits are more than the
    /// interpolation between steps keeps.
    nonisolated(unsafe) private static let tailTable: UnsafePointer<Float> = {
        let table = UnsafeMutablePointer<Float>.allocate(capacity: tailSteps + 1)
        for step in 0...tailSteps { table[step] = Float(-log(max(erfc(Double(step) / 1000 / 2.squareRoot()), 1e-12))) }
        return UnsafePointer(table)
    }()
    nonisolated(unsafe) private static let beadTable: UnsafePointer<(a: Int, b: Int, cost: Double)> = {
        let table = UnsafeMutablePointer<(a: Int, b: Int, cost: Double)>.allocate(capacity: beadCosts.count)
        table.initialize(from: beadCosts, count: beadCosts.count)
        return UnsafePointer(table)
    }()
    /// Elements common to two sorted runs, counted up to three (more earn no more).
    @inline(__always)
    static func sharedCount(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> Int {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var i = 0, j = 0, count = 0
                while i < a.count && j < b.count && count < 3 {
                    if a[i] == b[j] { count += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
                }
                return count
            }
        }
    }
}
