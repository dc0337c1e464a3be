import PropertyBased
import Testing
@testable import MTLintKit

/// Properties of the fixer over generated documents: words, doublings, lost
/// characters, multi-byte text, CRLF, blank lines and a BOM, in any mix.
@Suite struct FixPropertyTests {
    static let pieces: [String] = [
        "the", "The", "summit", "ended", "in", "Hanoi", ".", ",", " ", " ", "  ", "\n", "\r\n", "\n\n",
        "the the", "and and", "Le", "à à", "die die", "that that", "�", "⁇", "金正恩", "👍🏽", "e\u{301}",
        "Wagga Wagga", "`code the the`", "https://x.org/a a", "были были", "12 12",
    ]

    static func document(_ parts: [String]) -> String {
        let bom = parts.first == "\n" ? "\u{FEFF}" : ""
        let separator = parts.count % 3 == 0 ? "" : " "
        return bom + parts.joined(separator: separator)
    }

    /// Documents as lists of piece indices, so that failures shrink to few pieces.
    static let documents = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...40).map { (indices: [Int]) -> String in
        document(indices.map { pieces[$0] })
    }

    static let languages = Gen.int(in: 0...3).map { (index: Int) -> String in ["en", "fr", "de", "ru"][index] }

    @Test func fixingIsIdempotentAndLeavesNoSafeFinding() async {
        await propertyCheck(count: 300, input: Self.documents, Self.languages) { text, language in
            let fixer = Fixer(linter: Linter(options: LintOptions(language: language)))
            let once = fixer.fix(SourceText(text), path: "doc.md")
            let twice = fixer.fix(SourceText(String(decoding: once.bytes, as: UTF8.self)), path: "doc.md")
            #expect(twice.bytes == once.bytes, "fixing a fixed text changed it")
            #expect(!once.remaining.findings.contains { $0.fix?.safety == .safe }, "a safe finding survived")
        }
    }

    @Test func editsNeverOverlapAndChangeNothingOutsideTheirSpans() async {
        await propertyCheck(count: 300, input: Self.documents, Self.languages) { text, language in
            let source = SourceText(text)
            let findings = Linter(options: LintOptions(language: language)).lint(source, path: "doc.md").findings
            let plan = FixPlan(findings.filter { $0.fix != nil })
            // An insertion goes before a replacement at the same offset, as EditApplier applies them.
            let edits = plan.accepted.flatMap { $0.fix!.edits }.sorted { ($0.offset, $0.length) < ($1.offset, $1.length) }
            for (a, b) in zip(edits, edits.dropFirst()) {
                #expect(!EditApplier.overlap(a.range, b.range), "overlapping edits \(a) \(b)")
            }
            // Everything between the edits is copied unchanged, in order.
            let result = EditApplier.apply(edits, to: source.bytes)
            var expected: [UInt8] = []
            var cursor = 0
            for edit in edits {
                expected += source.bytes[cursor..<edit.offset]
                expected += Array(edit.replacement.utf8)
                cursor = edit.offset + edit.length
            }
            expected += source.bytes[cursor...]
            #expect(result == expected)
            #expect((try? SourceText(bytes: result)) != nil, "a fix produced invalid UTF-8")
        }
    }
}
