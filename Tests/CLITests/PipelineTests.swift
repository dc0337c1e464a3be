import Foundation
import Testing

/// Pipeline gating and fixing tried as a user would, with the real binary.
@Suite struct PipelineTests {
    static func article(_ index: Int) -> String {
        """
        # Report \(index)

        The regional council met on Monday to discuss the budget for the coming year.
        Members agreed that that plan had had enough debate, and the vote was \(index) to 3.
        The mayor said the council would publish the figures next week.

        """
    }

    /// 200 articles, a configuration with per-rule severities and a threshold,
    /// a baseline of the known findings; a new artefact fails the gate, naming
    /// only it; removing it passes again.
    @Test func gatingScenario() throws {
        let folder = try TemporaryFolder()
        for index in 0..<200 {
            var text = Self.article(index)
            if index % 50 == 0 { text += "An old slip: the the minutes were lost.\n" }  // known before the baseline
            try folder.file("articles/\(index % 4 == 0 ? "de" : "en")/a\(index).md", text)
        }
        try folder.file("drafts/wip.md", "the the � draft")
        try folder.file(".mtlint.yml", """
            language: en
            fail-on: warning
            rules:
              repeated-word: warning
              replacement-character: error
            include: ["articles/**/*.md"]
            exclude: ["drafts/**"]
            max-per-1000-words: {error: 0, warning: 30}
            """)
        let baseline = folder.url.appendingPathComponent("baseline.json").path
        let written = try CLI.run(["--write-baseline", baseline, "."], in: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.contains("wrote 4 findings to the baseline"))
        let clean = try CLI.run(["--baseline", baseline, "--format", "jsonl", "."], in: folder.url)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.isEmpty)

        // One new artefact in one article (lines above it shift; the old findings must stay known).
        let target = folder.url.appendingPathComponent("articles/en/a101.md")
        let original = try String(contentsOf: target, encoding: .utf8)
        try ("New lead paragraph.\n\n" + original + "The delegates left for for the capital.\n").write(to: target, atomically: true, encoding: .utf8)
        let failing = try CLI.run(["--baseline", baseline, "--format", "jsonl", "."], in: folder.url)
        #expect(failing.status == 1)
        let lines = failing.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("articles/en/a101.md") == true)
        #expect(lines.first?.contains("for for") == true || lines.first?.contains("\"for\"") == true)

        try original.write(to: target, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["--baseline", baseline, "."], in: folder.url).status == 0)
        // Without the baseline the old findings fail the gate (fail-on: warning).
        #expect(try CLI.run(["."], in: folder.url).status == 1)
    }

    @Test func thresholdFailsADenseFile() throws {
        let folder = try TemporaryFolder()
        try folder.file(".mtlint.yml", "fail-on: never\nmax-per-1000-words: {warning: 10}\n")
        try folder.file("a.txt", "Short text with a a slip.\n")
        let result = try CLI.run(["--lang", "en", "a.txt"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("over the threshold: a.txt: 1 warning in 6 words"))
    }

    @Test func extraEntityDictionaryFromTheCommandLine() throws {
        let folder = try TemporaryFolder()
        let names = try folder.file("newsroom.tsv", "ana-lopez\tperson\tAna López\tAna López\tAna López\tAna López\tАна Лопес\tAna Lopes\n")
        let article = try folder.file("a.txt", "Ana López spoke. Ana López left. Later Ana Lopes returned.\n")
        let plain = try CLI.run(["--lang", "en", "--enable", "name-variant", "--format", "jsonl", article])
        #expect(plain.stdout.isEmpty)
        let withNames = try CLI.run(["--lang", "en", "--enable", "name-variant", "--dictionary", names, "--format", "jsonl", article])
        #expect(withNames.stdout.contains("\"suggestions\":[\"Ana López\"]"))
        #expect(try CLI.run(["--dictionary", "missing.tsv", article]).status == 2)
    }

    @Test func badConfigurationExitsTwoWithFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.file(".mtlint.yml", "language: en\nrules:\n  repeated-word: loud\n")
        try folder.file("a.txt", "text")
        let result = try CLI.run(["a.txt"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains(".mtlint.yml:3: invalid value 'loud'; valid: off, false, info, warning, error"))
        #expect(try CLI.run(["--no-config", "a.txt"], in: folder.url).status == 0)
    }

    @Test func junitCheckstyleStatisticsAndQuiet() throws {
        let folder = try TemporaryFolder()
        try folder.file("a.txt", "the the and �\n")
        let junit = try CLI.run(["--lang", "en", "--format", "junit", "a.txt"], in: folder.url)
        #expect(junit.stdout.contains("<testcase name=\"a.txt\" classname=\"mtlint\">"))
        let checkstyle = try CLI.run(["--lang", "en", "--format", "checkstyle", "a.txt"], in: folder.url)
        #expect(checkstyle.stdout.contains("source=\"mtlint.replacement-character\""))
        let statistics = try CLI.run(["--lang", "en", "--statistics", "--format", "json", "a.txt"], in: folder.url)
        #expect(statistics.stderr.contains("1  warning  repeated-word"))
        let quiet = try CLI.run(["--lang", "en", "--quiet", "a.txt"], in: folder.url)
        #expect(quiet.stdout.contains("replacement-character"))
        #expect(!quiet.stdout.contains("repeated-word"))
        #expect(!quiet.stdout.contains("finding"))
    }

    @Test func fixOnlyNamedRulesAndRefuseReadOnlyFiles() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("a.txt", "the the end\n")
        let readOnly = try folder.file("b.txt", "and and more\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: readOnly)
        #expect(try CLI.run(["fix", "--rule", "replacement-character", path]).status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the the end\n")
        let result = try CLI.run(["fix", path, readOnly])
        #expect(result.status == 2)
        #expect(result.stderr.contains("b.txt: cannot write: the file is read-only; the file was left unchanged; its 1 fix was not applied"))
        #expect(result.stderr.contains("applied 1 fix (repeated-word: 1) in 1 file"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the end\n")
        #expect(try String(contentsOfFile: readOnly, encoding: .utf8) == "and and more\n")
    }

    /// SIGKILL in the middle of fixing a large folder: every file is either
    /// untouched or completely fixed, and no temporary file is left behind as an article.
    @Test func killedFixLeavesEveryFileWholeOrFixed() throws {
        let folder = try TemporaryFolder()
        let body = String(repeating: "The convoy crossed the the border at dawn and and stopped. ", count: 400) + "\n"
        let fixedBody = String(repeating: "The convoy crossed the border at dawn and stopped. ", count: 400) + "\n"
        for index in 0..<150 { try folder.file("a\(index).txt", body) }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["fix", "--lang", "en", "--jobs", "1", folder.url.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some files are fixed, then kill without warning.
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let fixedCount = try (0..<150).filter { try String(contentsOf: folder.url.appendingPathComponent("a\($0).txt"), encoding: .utf8) == fixedBody }.count
            if fixedCount >= 5 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        var fixedCount = 0, originalCount = 0
        for index in 0..<150 {
            let text = try String(contentsOf: folder.url.appendingPathComponent("a\(index).txt"), encoding: .utf8)
            if text == fixedBody { fixedCount += 1 } else if text == body { originalCount += 1 }
        }
        #expect(fixedCount + originalCount == 150, "a file was left half-written")
        #expect(fixedCount >= 5)
        let articles = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasSuffix(".txt") }
        #expect(articles.count == 150)
    }

    /// `fix --interactive` under a pseudo-terminal (util-linux `script`): accept, then edit, then quit.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func interactiveFixUnderAPseudoTerminal() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("a.txt", "one the the two and and three or or four\n")
        let command = "\(CLI.binary.path) fix --interactive --lang en \(path)"
        let result = try CLI.run(["-qec", command, "/dev/null"], stdin: "a\ne\nAND\nq\n", executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(result.stdout.contains("[a]ccept, [s]kip, [e]dit, [q]uit?"), "\(result.stdout)")
        #expect(result.stdout.contains("\"the the\" → \"the\""))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "one the two AND three or or four\n")
        // Without a terminal the option is refused.
        #expect(try CLI.run(["fix", "--interactive", path]).status == 2)
    }
}
