import Foundation
import ICUShim

/// The lengths of a document's units, source and target, and how far each unit's
/// target length strays from what the document's own ratio predicts (Gale and
/// Church's δ: about normally distributed for faithful translations).
struct UnitLengths: Sendable {
    /// Target characters per source character over the whole document (1 for a single unit,
    /// whose own ratio would tell nothing).
    let ratio: Double
    /// δ of each unit; nil where a side is empty or too short to judge.
    let deltas: [Double?]

    /// Units shorter than this (source characters) are not judged: a title or a one-word answer varies too much.
    static let minimumLength = 20.0

    static func of(_ document: Document) -> UnitLengths {
        document.shared.value("unit-lengths") {
            let lengths = document.units.map { unit -> (Double, Double) in
                (Double(letters(unit.source)), Double(letters(document.source.bytes[unit.target])))
            }
            let sourceTotal = lengths.reduce(0) { $0 + $1.0 }, targetTotal = lengths.reduce(0) { $0 + $1.1 }
            let ratio = sourceTotal > 0 && targetTotal > 0 ? targetTotal / sourceTotal : 1
            // With one unit, the document's ratio is the unit's own: judge it against 1 instead.
            let expected = lengths.count == 1 ? 1 : ratio
            let deltas = lengths.map { source, target -> Double? in
                guard source >= minimumLength, target > 0 else { return nil }
                return delta(source: source, target: target, ratio: expected)
            }
            return UnitLengths(ratio: expected, deltas: deltas)
        }
    }

    /// Gale and Church's δ of a pair of lengths.
    static func delta(source: Double, target: Double, ratio: Double) -> Double {
        (target - source * ratio) / (source * 6.8 * ratio).squareRoot()
    }

    /// δ as a message shows it, "-3.2": C's formatting, as `String(format:)` does, without Foundation's
    /// cost (a long pair has hundreds of these findings).
    static func written(_ delta: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 32)
        let length = withVaList([delta]) { vsnprintf(&buffer, buffer.count, "%.1f", $0) }
        return String(decoding: buffer.prefix(max(0, Int(length))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// ASCII letters and digits, and every non-ASCII character (counted on the bytes:
    /// Unicode properties are slow, and both sides are counted alike).
    static func letters(_ text: String) -> Int { ByteScan.withBytes(of: text, letters) }

    static func letters(_ bytes: ArraySlice<UInt8>) -> Int { bytes.withUnsafeBufferPointer { letters($0) } }

    static func letters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        // Sixteen bytes at a time, in C.
        guard let base = bytes.baseAddress else { return 0 }
        return Int(mtl_count_letters(base, Int64(bytes.count)))
    }
}
