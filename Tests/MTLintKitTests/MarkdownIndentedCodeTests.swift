import Testing
@testable import MTLintKit

/// CommonMark indented code blocks (4 spaces or a tab, not continuing a paragraph) are
/// not prose, like fenced code; indented lines that continue a paragraph or a list item are.
@Suite struct MarkdownIndentedCodeTests {
    /// The lines on which "the the" is reported.
    func flaggedLines(_ markdown: String) -> [Int] {
        let source = SourceText(markdown)
        let result = Linter(options: LintOptions(language: "en")).lint(source, path: "doc.md")
        return result.findings.filter { $0.rule == "repeated-word" }.map { finding in
            source.bytes[..<finding.start].filter { $0 == 0x0A }.count + 1
        }
    }

    @Test func indentedCodeIsSkippedButTheSameTextOutsideIsFlagged() {
        let markdown = "Run this:\n\n    echo the the\n    and the the again\n\n\tthe the after a tab\n\nBut the the here is prose.\n"
        #expect(flaggedLines(markdown) == [8])
        #expect(flaggedLines("    the the at the start\n") == [])
        // Blank lines inside the block keep it open; CRLF line ends too.
        #expect(flaggedLines("Code:\r\n\r\n    the the\r\n\r\n    the the\r\nText the the.\r\n") == [6])
        #expect(flaggedLines("# Title\n    the the under a heading\n") == [])
    }

    @Test func indentedLinesContinuingAParagraphOrListItemAreProse() {
        #expect(flaggedLines("A paragraph that goes\n    on with the the here.\n") == [2])
        #expect(flaggedLines("- an item\n\n    with a second paragraph, the the.\n") == [3])
        #expect(flaggedLines("1. an item\n   - a nested one\n\n     more the the text\n\n         the the code in the item\n") == [4])
        // After the list, 4 spaces are code again.
        #expect(flaggedLines("- item\n\nText.\n\n    the the\n") == [])
    }
}
