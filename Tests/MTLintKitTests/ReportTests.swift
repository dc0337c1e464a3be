import Foundation
import Testing
@testable import MTLintKit

func report(_ text: String, path: String = "a.txt", language: String = "en") -> LintReport {
    LintReport(results: [Linter(options: LintOptions(language: language)).lint(SourceText(text), path: path)])
}

func parseJSON(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite struct JSONReportTests {
    /// DESIGN §4, field for field, on text with CJK, emoji, combining marks and CRLF.
    @Test func matchesTheDocumentedSchema() throws {
        let text = "金正恩 👍🏽 e\u{301}\r\nthe the end �.\r\n"
        let json = try parseJSON(JSONReporter.render(report(text)))
        #expect(Set(json.keys) == ["tool", "files", "summary"])
        let tool = try #require(json["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "mtlint")
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        #expect(Set(file.keys) == ["path", "language", "words", "findings"])
        #expect(file["language"] as? String == "en")
        let findings = try #require(file["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        let repeated = findings[0]
        #expect(Set(repeated.keys) == ["rule", "severity", "message", "line", "column", "endLine", "endColumn",
                                        "offset", "length", "suggestions", "fix"])
        #expect(repeated["rule"] as? String == "repeated-word")
        #expect(repeated["line"] as? Int == 2)
        #expect(repeated["column"] as? Int == 1)
        #expect(repeated["endColumn"] as? Int == 8)
        let offset = try #require(repeated["offset"] as? Int)
        #expect(offset == "金正恩 👍🏽 e\u{301}\r\n".utf8.count)
        #expect(repeated["length"] as? Int == 7)
        let fix = try #require(repeated["fix"] as? [String: Any])
        #expect(fix["safety"] as? String == "safe")
        let edit = try #require((fix["edits"] as? [[String: Any]])?.first)
        #expect(Set(edit.keys) == ["offset", "length", "replacement"])
        let lost = findings[1]
        #expect(lost["column"] as? Int == 13)
        #expect(lost["fix"] == nil)
        let summary = try #require(json["summary"] as? [String: Int])
        #expect(summary == ["files": 1, "findings": 2, "error": 1, "warning": 1, "info": 0])
    }

    @Test func fieldOrderIsTheDocumentedOne() {
        let json = JSONReporter.render(report("the the"))
        let keys = ["\"rule\"", "\"severity\"", "\"message\"", "\"line\"", "\"column\"", "\"endLine\"", "\"endColumn\"",
                    "\"offset\"", "\"length\"", "\"suggestions\"", "\"fix\""]
        let positions = keys.compactMap { json.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
    }

    @Test func jsonLinesHasOneFindingPerLineWithPath() throws {
        let lines = JSONLinesReporter.render(report("the the and a a", path: "x.md")).split(separator: "\n")
        #expect(lines.count == 2)
        for line in lines { #expect(try parseJSON(String(line))["path"] as? String == "x.md") }
    }

    @Test func stringsAreEscaped() {
        #expect(JSONValue.string("a\"b\\c\n\u{1}").serialized() == #""a\"b\\c\n\u0001""#)
    }
}

@Suite struct OtherReportTests {
    @Test func sarifCarriesRulesColumnsAndFixes() throws {
        let sarif = try parseJSON(SARIFReporter.render(report("the the", path: "dir/my file.txt")))
        #expect(sarif["version"] as? String == "2.1.0")
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == RuleRegistry.all.map(\.id))
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "repeated-word")
        #expect(result["level"] as? String == "warning")
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "dir/my%20file.txt")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startColumn"] as? Int == 1)
        #expect(region["endColumn"] as? Int == 8)
        let replacement = try #require(((result["fixes"] as? [[String: Any]])?.first?["artifactChanges"] as? [[String: Any]])?
            .first?["replacements"] as? [[String: Any]])
        #expect((replacement.first?["deletedRegion"] as? [String: Int]) == ["byteOffset": 3, "byteLength": 4])
    }

    @Test func githubAnnotationsAreEscaped() {
        let output = GitHubReporter.render(report("the the", path: "a,b:c.txt"))
        #expect(output.hasPrefix("::warning file=a%2Cb%3Ac.txt,line=1,col=1,endLine=1,endColumn=8,title=repeated-word::"))
    }

    @Test func textReportShowsLineCaretAndSuggestion() {
        let output = TextReporter.render(report("金 the the end"), color: false)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "a.txt:1:3: warning: \"the\" is repeated; a doubled word is a common translation slip [repeated-word]")
        #expect(lines[1] == "    金 the the end")
        #expect(lines[2] == "       ^^^^^^^")  // 金 is two cells wide
        #expect(lines[3] == "    suggestion: \"the\" [safe fix]")
        #expect(!output.contains("\u{1B}["))
        #expect(TextReporter.render(report("the the"), color: true).contains("\u{1B}[1;33mwarning"))
    }

    @Test func textReportCutsHugeLines() {
        let line = String(repeating: "alpha beta ", count: 100_000) + "the the " + String(repeating: "gamma delta ", count: 100_000)
        let output = TextReporter.render(report(line), color: false)
        // The loops on either side and the doubled word are reported, each excerpt cut to a short line.
        #expect(output.contains("\"alpha beta\" is repeated 100000 times"))
        #expect(output.contains("\"the\" is repeated"))
        #expect(output.split(separator: "\n").allSatisfy { $0.count < 600 })
        #expect(output.contains("…"))
    }

    @Test func exitCodesFollowTheContract() {
        #expect(report("the the").exitCode(failOn: .error) == 0)
        #expect(report("the the").exitCode(failOn: .warning) == 1)
        #expect(report("the �").exitCode(failOn: .error) == 1)
        #expect(report("the �").exitCode(failOn: nil) == 0)
        let failed = LintReport(results: [.failed("x", .binary(offset: 0))])
        #expect(failed.exitCode(failOn: nil) == 2)
    }

    @Test func rulesDocsListEveryRule() {
        let table = RuleDocs.table(RuleRegistry.all)
        for rule in RuleRegistry.all { #expect(table.contains(rule.id)) }
        #expect(RuleDocs.explain(RepeatedWord()).contains("⟦the the⟧"))
    }
}

@Suite struct FixerTests {
    @Test func overlappingEditsKeepTheHigherPriorityOne() {
        func finding(_ range: Range<Int>, _ severity: Severity) -> Finding {
            Finding(rule: "r", family: .repetition, severity: severity, message: "m", start: range.lowerBound, end: range.upperBound,
                    suggestions: [], fix: Fix(safety: .safe, edits: [Edit(offset: range.lowerBound, length: range.count, replacement: "")]))
        }
        let plan = FixPlan([finding(0..<5, .warning), finding(3..<8, .error), finding(8..<9, .info)])
        #expect(plan.accepted.map(\.start) == [3, 8])
        #expect(plan.skipped.map(\.start) == [0])
        #expect(EditApplier.overlap(2..<2, 2..<2))
        #expect(!EditApplier.overlap(2..<2, 2..<4))
        #expect(EditApplier.overlap(3..<3, 2..<4))
    }

    @Test func editsApplyBackToFront() {
        let edits = [Edit(offset: 0, length: 1, replacement: "AA"), Edit(offset: 2, length: 1, replacement: "")]
        #expect(EditApplier.apply(edits, to: Array("abcd".utf8)) == Array("AAbd".utf8))
    }

    @Test func fixingKeepsBOMAndCRLFAndIsIdempotent() throws {
        let original = try SourceText(bytes: [0xEF, 0xBB, 0xBF] + Array("the the end\r\nand and more\r\n".utf8))
        let fixer = Fixer(linter: Linter(options: LintOptions(language: "en")))
        let once = fixer.fix(original, path: "a.txt")
        #expect(once.bytes == [0xEF, 0xBB, 0xBF] + Array("the end\r\nand more\r\n".utf8))
        #expect(once.applied == ["repeated-word": 2])
        let twice = fixer.fix(try SourceText(bytes: once.bytes), path: "a.txt")
        #expect(!twice.changed)
    }

    @Test func atomicWriteKeepsPermissionsAndRefusesReadOnlyFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a.txt").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        try AtomicWriter.write(Array("new".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.txt"])
        if getuid() != 0 {  // root may write anything
            try FileManager.default.setAttributes([.posixPermissions: 0o440], ofItemAtPath: path)
            #expect(throws: InputError.self) { try AtomicWriter.write(Array("x".utf8), to: path) }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        }
    }

    @Test func unifiedDiffShowsChangedLines() {
        let diff = UnifiedDiff.render(old: "a\nthe the\nc\n", new: "a\nthe\nc\n", path: "x.txt")
        #expect(diff == "--- x.txt\n+++ x.txt\n@@ -1,3 +1,3 @@\n a\n-the the\n+the\n c\n")
        #expect(UnifiedDiff.render(old: "same\n", new: "same\n", path: "x").isEmpty)
    }
}

@Suite struct XMLReportTests {
    @Test func junitHasOneCasePerFileAndOneFailurePerFinding() {
        let results = [Linter(options: LintOptions(language: "en")).lint(SourceText("the the & a a <b>"), path: "a&b.txt"),
                       Linter(options: LintOptions(language: "en")).lint(SourceText("Fine."), path: "c.txt"),
                       FileResult.failed("d.txt", .binary(offset: 0))]
        let xml = JUnitReporter.render(LintReport(results: results))
        #expect(xml.contains("<testsuite name=\"mtlint\" tests=\"3\" failures=\"2\" errors=\"1\">"))
        #expect(xml.contains("<testcase name=\"a&amp;b.txt\" classname=\"mtlint\">"))
        #expect(xml.components(separatedBy: "<failure ").count == 3)
        #expect(xml.contains("<testcase name=\"c.txt\" classname=\"mtlint\"/>"))
        #expect(XMLWellFormedness.check(xml))
    }

    @Test func checkstyleListsErrorsPerFile() {
        let xml = CheckstyleReporter.render(report("the the \"quoted\"", path: "x.txt"))
        #expect(xml.contains("<file name=\"x.txt\">"))
        #expect(xml.contains("<error line=\"1\" column=\"1\" severity=\"warning\""))
        #expect(xml.contains("source=\"mtlint.repeated-word\""))
        #expect(XMLWellFormedness.check(xml))
    }

    @Test func statisticsCountPerRule() {
        let output = StatisticsReporter.render(report("the the and and �"))
        #expect(output.hasPrefix("2  warning  repeated-word\n1  error    replacement-character\n"))
    }
}
