import Foundation
import Testing

/// HTML pages from the command line: found in folders, positions in the page as it
/// is, its `lang` used, and `fix` writing escaped HTML with every other byte kept.
@Suite struct HTMLFileTests {
    static let page = """
        <!DOCTYPE html>
        <html lang="de">
        <head>
          <meta charset="utf-8">
          <title>Hafen &amp; Stadt</title>
          <script>const text = "die die Stadt";</script>
        </head>
        <body>
        <!-- Kopfzeile -->
        <h1>Der Hafen meldet meldet einen Rekord</h1>
        <p>Der <a href="/hafen?x=1&amp;y=2">Hamburger Hafen</a> hat 2023 mehr Container umgeschlagen
        als je zuvor , sagte die Sprecherin.</p>
        <p><img src="kran.jpg" alt="Ein Kran im im Hafen"></p>
        </body>
        </html>

        """

    @Test func findingsPointIntoThePageAndItsLangIsUsed() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("hafen.html", Self.page)
        let result = try CLI.run(["--format", "json", path])
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        #expect(file["language"] as? String == "de")
        #expect(file["units"] == nil)
        let findings = try #require(file["findings"] as? [[String: Any]])
        let bytes = Array(Self.page.utf8)
        let located = findings.map { finding -> String in
            let offset = finding["offset"] as? Int ?? 0, length = finding["length"] as? Int ?? 0
            return "\(finding["rule"] ?? "") \(finding["line"] ?? ""):\(finding["column"] ?? "") \(String(decoding: bytes[offset..<(offset + length)], as: UTF8.self))"
        }
        #expect(located == ["repeated-word 10:15 meldet meldet", "space-before-punctuation 12:13  ", "repeated-word 13:38 im im"])
    }

    @Test func fixKeepsEveryOtherByte() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("hafen.htm", Self.page)
        #expect(try CLI.run(["fix", path]).status == 0)
        let fixed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(fixed == Self.page.replacingOccurrences(of: "meldet meldet", with: "meldet")
            .replacingOccurrences(of: "zuvor ,", with: "zuvor,").replacingOccurrences(of: "im im", with: "im"))
    }

    @Test func foldersAreWalkedForPages() throws {
        let folder = try TemporaryFolder()
        try folder.file("site/a.html", "<p>Ein Satz ohne Fehler.</p>")
        try folder.file("site/b.HTM", "<p>Noch ein ein Satz.</p>")
        try folder.file("site/c.xhtml", "<p>Nicht gelesen gelesen.</p>")
        let result = try CLI.run(["--lang", "de", "--format", "jsonl", folder.url.appendingPathComponent("site").path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stdout)")
        #expect(lines.first?.contains("b.HTM") == true && lines.first?.contains("\"column\":9") == true, "\(result.stdout)")
    }
}
