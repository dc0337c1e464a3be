import Foundation
import PropertyBased
import Testing
@testable import MTLintKit

/// The aligner measures a segment, and the length rules count a unit's letters, eight or sixteen
/// bytes at a time (`Swar`, `mtl_count_non_space`); these tests hold both to their plain definitions, read one byte and one word at a
/// time, on generated text (at every offset, so that words cross the eight-byte blocks) and on every
/// corpus article's lines.
struct SwarCountingTests {
    /// The definition: characters other than ASCII white space, and the anchors: maximal runs of
    /// ASCII letters and digits that are digits only, or start with a capital and have three
    /// letters or more, hashed lower-cased (FNV-1a), sorted, each once.
    static func plainMeasure(_ bytes: [UInt8]) -> (length: Int, anchors: [UInt64]) {
        let length = bytes.filter { $0 & 0xC0 != 0x80 && ![0x20, 0x0A, 0x0D, 0x09].contains($0) }.count
        func isWordByte(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        let words = bytes.split { !isWordByte($0) }
        let anchors = words.filter { word in
            word.allSatisfy { (0x30...0x39).contains($0) } || (word.count >= 3 && (0x41...0x5A).contains(word.first!))
        }.map { word in
            word.reduce(UInt64(0xcbf29ce484222325)) { ($0 ^ UInt64(CaseFolding.asciiLower($1))) &* 0x100000001b3 }
        }
        return (length, Array(Set(anchors)).sorted())
    }

    /// ASCII letters and digits, and every character beyond ASCII.
    static func plainLetters(_ bytes: [UInt8]) -> Int {
        bytes.filter { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 >= 0xC0 }.count
    }

    func measured(_ bytes: [UInt8]) -> (length: Int, anchors: [UInt64]) {
        var anchors: [UInt64] = []
        let length = bytes.withUnsafeBufferPointer { Aligner.measure($0, anchors: &anchors) }
        return (length, anchors)
    }

    static let pieces = ["The", "Kim", "UN", "Merkel", "a", "ab", "xyz", "2019", "3", "3D", "A3", "U.S.", "über", "Straße",
                         "Ärzte", "北朝鮮", "  ", " ", "\n", "\t", "\r\n", ".", ",", "—", "“", "”", "€", "_", "'", "-", "@"]

    @Test func generatedSegmentsCountAsDefined() async {
        let texts = Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...40).map { (indices: [Int]) -> String in
            indices.map { Self.pieces[$0] }.joined()
        }
        await propertyCheck(count: 400, input: texts) { text in
            let bytes = Array(text.utf8)
            // Every offset of the first block, so that words start and end at every place within one.
            for start in 0..<min(9, bytes.count + 1) {
                let segment = Array(bytes[start...])
                let (fast, plain) = (measured(segment), Self.plainMeasure(segment))
                #expect(fast.length == plain.length && fast.anchors == plain.anchors, "\(String(decoding: segment, as: UTF8.self).debugDescription)")
                #expect(UnitLengths.letters(segment[...]) == Self.plainLetters(segment))
            }
        }
    }

    /// Segments longer than the 255 blocks of sixteen bytes that the characters are counted in at a time.
    @Test func longSegmentsCountAsDefined() async {
        let texts = Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 2_000...6_000).map { (indices: [Int]) -> String in
            indices.map { Self.pieces[$0] }.joined()
        }
        await propertyCheck(count: 20, input: texts) { text in
            let bytes = Array(text.utf8)
            #expect(measured(bytes).length == Self.plainMeasure(bytes).length)
        }
    }

    @Test func corpusLinesCountAsDefined() throws {
        let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpus")
        let files = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        var lines = 0
        for file in files where ["md", "txt"].contains(file.pathExtension) {
            guard let data = try? Data(contentsOf: file) else { continue }
            for line in Array(data).split(separator: 0x0A) {
                let segment = Array(line)
                let (fast, plain) = (measured(segment), Self.plainMeasure(segment))
                #expect(fast.length == plain.length && fast.anchors == plain.anchors, "\(file.lastPathComponent): \(String(decoding: segment, as: UTF8.self))")
                #expect(UnitLengths.letters(segment[...]) == Self.plainLetters(segment))
                lines += 1
            }
        }
        #expect(lines > 500)
    }
}
