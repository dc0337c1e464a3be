import Foundation
import Testing
@testable import MTLintKit

@Suite struct ConfigurationTests {
    static let example = """
        language: fr                 # target language
        source-language: en
        fail-on: warning
        rules:
          repeated-word: off
          replacement-character: warning
        include: ["articles/**/*.md"]
        exclude: ["drafts/**"]
        max-per-1000-words: {error: 0, warning: 2.5}
        overrides:
          - files: ["articles/de/**"]
            language: de
            rules:
              repeated-word: error
        """

    @Test func readsEveryDocumentedKey() throws {
        let config = try Configuration.parse(Self.example, path: "/project/.mtlint.yml")
        #expect(config.directory == "/project")
        #expect(config.language == "fr")
        #expect(config.sourceLanguage == "en")
        #expect(config.failOn == .severity(.warning))
        #expect(config.rules == ["repeated-word": .off, "replacement-character": .severity(.warning)])
        #expect(config.maxPer1000Words == [.error: 0, .warning: 2.5])
        #expect(config.overrides.count == 1)
        #expect(config.selects("/project/articles/fr/a.md"))
        #expect(!config.selects("/project/articles/fr/a.txt"))
        #expect(!config.selects("/project/drafts/articles/x.md"))
    }

    @Test func overridesApplyByGlobAndTheCommandLineWins() throws {
        let config = try Configuration.parse(Self.example, path: "/project/.mtlint.yml")
        let french = config.options(for: "/project/articles/fr/a.md", commandLine: LintOptions())
        #expect(french.language == "fr")
        #expect(!french.isEnabled("repeated-word"))
        #expect(french.severities["replacement-character"] == .warning)
        let german = config.options(for: "/project/articles/de/a.md", commandLine: LintOptions())
        #expect(german.language == "de")
        #expect(german.isEnabled("repeated-word"))
        #expect(german.severities["repeated-word"] == .error)
        var commandLine = LintOptions(language: "it")
        commandLine.disabled = ["replacement-character"]
        commandLine.severities = ["repeated-word": .info]
        let forced = config.options(for: "/project/articles/de/a.md", commandLine: commandLine)
        #expect(forced.language == "it")
        #expect(!forced.isEnabled("replacement-character"))
        #expect(forced.severities["repeated-word"] == .info)
    }

    @Test(arguments: [
        ("langauge: fr", 1, "unknown top-level key 'langauge'; valid: language, source-language"),
        ("fail-on: sometimes", 1, "invalid value 'sometimes'; valid: error, warning, info, never"),
        ("rules:\n  repeated-word: loud", 2, "invalid value 'loud'; valid: off, false, info, warning, error"),
        ("rules:\n  no-such-rule: off", 2, "unknown rule 'no-such-rule'"),
        ("language: french", 1, "'french' is not a BCP 47 language tag"),
        ("max-per-1000-words: {warning: many}", 1, "expected a number"),
        ("overrides:\n  - language: de", 2, "an override needs 'files'"),
        ("dictionaries: [missing/names.tsv]", 1, "dictionary 'missing/names.tsv' does not exist"),
        ("rules: [a, b", 2, "not valid YAML"),  // the parser notices at the end of the input
    ])
    func mistakesNameTheLineAndTheChoices(_ item: (String, Int, String)) {
        do {
            _ = try Configuration.parse(item.0, path: "/tmp/x/.mtlint.yml")
            Issue.record("accepted: \(item.0)")
        } catch {
            #expect(error.line == item.1, "\(error)")
            #expect(error.description.contains(item.2), "\(error)")
            #expect(error.description.hasPrefix("/tmp/x/.mtlint.yml:"))
        }
    }

    @Test func anEmptyFileIsAnEmptyConfiguration() throws {
        let config = try Configuration.parse("", path: "/p/.mtlint.yml")
        #expect(config.language == nil && config.rules.isEmpty)
    }

    @Test func discoversTheNearestFileInAParent() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-config-\(UUID().uuidString)")
        let nested = root.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "language: de\n".write(to: root.appendingPathComponent(".mtlint.yml"), atomically: true, encoding: .utf8)
        #expect(Configuration.discover(from: nested.path) == root.appendingPathComponent(".mtlint.yml").standardizedFileURL.path)
    }

    @Test func userWordListsAddToTheBuiltInOnes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-dict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("en"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try "# newsroom additions\nbora\n".write(to: root.appendingPathComponent("en/doublings.txt"), atomically: true, encoding: .utf8)
        let dictionaries = Dictionaries.shared.adding([root.path])
        #expect(dictionaries.doublings(for: "en").isSuperset(of: ["bora", "that", "had"]))
        var options = LintOptions(language: "en")
        options.dictionaries = dictionaries
        #expect(Linter(options: options).lint(SourceText("We flew to bora bora today."), path: "a.txt").findings.isEmpty)
    }
}

@Suite struct GlobTests {
    @Test(arguments: [
        ("*.md", "a/b/c.md", true), ("*.md", "c.txt", false),
        ("articles/**/*.md", "articles/x.md", true), ("articles/**/*.md", "articles/a/b/x.md", true),
        ("articles/**/*.md", "other/x.md", false), ("drafts/**", "drafts/a/b.md", true),
        ("de/*.md", "de/a/b.md", false), ("d?/[a-c].md", "de/b.md", true), ("d?/[!a-c].md", "de/b.md", false),
        ("./docs/*.txt", "docs/a.txt", true),
    ])
    func matches(_ item: (String, String, Bool)) {
        #expect(Glob(item.0).matches(item.1) == item.2, "\(item.0) vs \(item.1)")
    }
}

@Suite struct SuppressionTests {
    func lint(_ text: String, unused: Bool = false) -> [Finding] {
        var options = LintOptions(language: "en")
        options.reportUnusedSuppressions = unused
        return Linter(options: options).lint(SourceText(text), path: "a.md").findings
    }

    @Test func disableEnableAndNextLine() {
        let text = """
            the the one.
            <!-- mtlint-disable repeated-word -->
            the the two. � kept.
            <!-- mtlint-enable repeated-word -->
            the the three.
            <!-- mtlint-disable-next-line repeated-word, replacement-character -->
            the the four �.
            the the five.
            <!-- mtlint-disable -->
            the the six �.
            """
        let findings = lint(text)
        let bytes = Array(text.utf8)
        let lines = findings.map { finding in bytes[..<finding.start].filter { $0 == 0x0A }.count + 1 }
        #expect(findings.map(\.rule) == ["repeated-word", "replacement-character", "repeated-word", "repeated-word"])
        #expect(lines == [1, 3, 5, 8])
    }

    @Test func unusedSuppressionsAreReportedOnlyWhenAsked() {
        let text = "Fine text.\n<!-- mtlint-disable-next-line repeated-word -->\nStill fine.\n"
        #expect(lint(text).isEmpty)
        let findings = lint(text, unused: true)
        #expect(findings.map(\.rule) == ["unused-suppression"])
        #expect(findings.first?.start == 11)
    }
}

@Suite struct BaselineAndGateTests {
    func report(_ text: String, path: String = "a.txt") -> LintReport {
        var options = LintOptions(language: "en")
        options.onlyEnabled = ["repeated-word", "replacement-character"]
        return LintReport(results: [Linter(options: options).lint(SourceText(text), path: path)])
    }

    @Test func baselineSurvivesEditsElsewhereAndCatchesNewFindings() throws {
        let before = "Intro.\n\nWe saw the the ship in the harbour.\n\nEnd.\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-\(UUID().uuidString).json").path
        let baseline = Baseline(report: report(before), folder: Baseline.folder(of: file))
        try baseline.serialized().write(toFile: file, atomically: true, encoding: .utf8)
        let reloaded = try Baseline.load(path: file)
        #expect(reloaded.counts == baseline.counts)
        // Lines added above and the paragraph re-wrapped: still the same finding.
        let edited = "A new first paragraph.\n\nIntro.\n\nWe saw the\nthe ship in the harbour.\n\nEnd.\n"
        #expect(reloaded.filter(report(edited)).findingCount == 0)
        // A new artefact elsewhere is reported, and only it.
        let added = edited + "\nThey left for for home.\n"
        let remaining = reloaded.filter(report(added))
        #expect(remaining.files[0].findings.map { added.utf8Slice($0.finding.range) } == ["for for"])
        // The same text twice needs two baseline entries.
        #expect(reloaded.filter(report("We saw the the ship in the harbour. We saw the the ship in the harbour.")).findingCount >= 1)
    }

    @Test func thresholdsPerThousandWords() {
        let text = String(repeating: "Plain words here. ", count: 100) + "and and"
        let gate = Gate(failOn: .error, maxPer1000Words: [.warning: 2.5])
        // One warning in 302 words is 3.3 per 1,000 words: over 2.5.
        #expect(report(text).files[0].result.words == 302)
        #expect(gate.exitCode(report(text)) == 1)
        #expect(gate.thresholdViolations(report(text)).count == 1)
        #expect(Gate(failOn: .error, maxPer1000Words: [.warning: 5]).exitCode(report(text)) == 0)
        #expect(Gate(failOn: .error, maxPer1000Words: [.warning: 3]).exitCode(report(text)) == 1)
        #expect(Gate(failOn: nil, maxPer1000Words: [.error: 0]).exitCode(report("a �")) == 1)
    }
}
