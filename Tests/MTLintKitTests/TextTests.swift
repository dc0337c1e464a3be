import Testing
import Foundation
@testable import MTLintKit

@Suite struct SourceTextTests {
    @Test func invalidUTF8NamesTheByteOffset() {
        #expect(throws: InputError.invalidUTF8(offset: 3, byte: 0xE9)) { try SourceText(bytes: Array("caf".utf8) + [0xE9, 0x20]) }
        // A truncated sequence at the end and an overlong encoding are invalid too.
        #expect(throws: InputError.invalidUTF8(offset: 1, byte: 0xE2)) { try SourceText(bytes: [0x41, 0xE2, 0x82]) }
        #expect(throws: InputError.invalidUTF8(offset: 0, byte: 0xC0)) { try SourceText(bytes: [0xC0, 0xAF]) }
        #expect(throws: InputError.invalidUTF8(offset: 0, byte: 0xED)) { try SourceText(bytes: [0xED, 0xA0, 0x80]) }  // surrogate
    }

    @Test func binaryInputIsRefused() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]
        #expect(throws: InputError.binary(offset: 8)) { try SourceText(bytes: png) }
    }

    @Test func bomAndLineEndingsAreRecorded() throws {
        let text = try SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\n".utf8))
        #expect(text.bomLength == 3)
        #expect(text.lineEnding == "\r\n")
        #expect(try SourceText(bytes: []).bytes.isEmpty)
    }

    @Test func positionsCountScalarsPerLine() {
        // "金" is 3 bytes, "👍🏽" 2 scalars (8 bytes), "é" as e + U+0301 is 2 scalars.
        let text = Array("金a 👍🏽b\r\ne\u{301}x\n".utf8)
        let offsets = [0, 3, 5, 13, 16, 19, 20]
        let positions = PositionResolver.positions(of: offsets, in: text)
        #expect(positions.map { [$0.line, $0.column] } == [[1, 1], [1, 2], [1, 4], [1, 6], [2, 1], [2, 3], [2, 4]])
    }

    @Test func bomIsNotAColumn() {
        let text: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab".utf8)
        #expect(PositionResolver.positions(of: [3, 4], in: text, bomLength: 3).map(\.column) == [1, 2])
    }

    @Test func resolvingManyOffsetsOnOneHugeLineIsLinear() {
        let text = [UInt8](repeating: 0x61, count: 2_000_000)
        let offsets = stride(from: 0, to: 2_000_000, by: 100).map { $0 }.reversed().map { $0 }
        let positions = PositionResolver.positions(of: offsets, in: text)
        #expect(positions.first?.column == 1_999_901)
        #expect(positions.last?.column == 1)
    }
}

@Suite struct ProseMaskTests {
    @Test func markdownCodeLinksAndTagsAreBlankedKeepingOffsets() {
        let markdown = "# Title\n\nSee `the the` and [the report](https://x.org/the-the) <b>x</b>.\n```\nthe the\n```\n"
        let masked = ProseMask.mask(Array(markdown.utf8), markdown: true)
        #expect(masked.count == markdown.utf8.count)
        let text = String(decoding: masked, as: UTF8.self)
        #expect(!text.contains("the the"))
        #expect(!text.contains("https"))
        #expect(!text.contains("<b>"))
        #expect(text.contains("the report"))
        #expect(text.contains("Title"))
        #expect(!text.contains("#"))
        #expect(text.filter { $0 == "\n" }.count == markdown.filter { $0 == "\n" }.count)
    }

    @Test func multiLineHTMLCommentsAreBlanked() {
        let markdown = "Text.\n<!-- a note\nthe the -->\nMore.\n"
        let text = String(decoding: ProseMask.mask(Array(markdown.utf8), markdown: true), as: UTF8.self)
        #expect(text == "Text.\n" + String(repeating: " ", count: 11) + "\n" + String(repeating: " ", count: 11) + "\nMore.\n")
    }

    @Test func plainTextURLsAreBlankedButSentencePunctuationStays() {
        let text = String(decoding: ProseMask.mask(Array("Read https://a.org/x. Then www.b.com, ok.".utf8), markdown: false), as: UTF8.self)
        let blank = { (count: Int) in String(repeating: " ", count: count) }
        #expect(text == "Read " + blank(15) + ". Then " + blank(9) + ", ok.")
    }

    @Test func multiByteCodeIsBlankedByteForByte() {
        let masked = ProseMask.mask(Array("a `金正恩` b".utf8), markdown: true)
        #expect(masked.count == "a `金正恩` b".utf8.count)
        #expect(String(decoding: masked, as: UTF8.self).trimmingCharacters(in: .whitespaces) == "a             b")
    }
}
