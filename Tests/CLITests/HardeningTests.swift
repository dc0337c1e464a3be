import Foundation
import Testing

/// Hostile inputs and environments (issue #11): the gate never crashes, hangs,
/// passes silently, or writes where it should not.
@Suite struct HardeningTests {
    static let article = "They met the the envoy on Monday.\n"

    // MARK: Standard streams

    @Test func closedOrFullStandardStreamsExitTwoWithAReason() throws {
        let folder = try TemporaryFolder()
        try folder.file("a.txt", Self.article)
        let cases: [(String, String)] = [
            ("\"$MTLINT\" a.txt > /dev/full", "cannot write the report to standard output: no space left on device"),
            ("\"$MTLINT\" a.txt >&-", "cannot write the report to standard output: standard output is closed"),
            ("\"$MTLINT\" - <&-", "cannot read: standard input is closed"),
            ("\"$MTLINT\" fix - <&-", "<stdin>: cannot read: standard input is closed"),
            ("echo 'the the' | \"$MTLINT\" fix - > /dev/full", "cannot write the fixed text to standard output: no space left on device"),
        ]
        for (script, message) in cases {
            let result = try CLI.shell(script, in: folder.url)
            #expect(result.status == 2, "\(script): \(result.stderr)")
            #expect((result.stderr + result.stdout).contains(message), "\(script): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"), "\(script)")
        }
    }

    /// With standard output closed, a file opened later must not receive the report.
    @Test func aClosedStandardOutputLendsItsNumberToNoFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("a.txt", Self.article)
        #expect(try CLI.shell("\"$MTLINT\" fix --unsafe a.txt >&-", in: folder.url).status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "They met the envoy on Monday.\n")
    }

    // MARK: Folder walks

    @Test func linkCyclesEndAndEachFileIsLintedOnce() throws {
        let folder = try TemporaryFolder()
        try folder.file("sub/a.txt", Self.article)
        for name in ["up", "up2"] { try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/sub/" + name, withDestinationPath: "..") }
        try FileManager.default.createSymbolicLink(atPath: folder.url.path + "/alias.txt", withDestinationPath: "sub/a.txt")
        let result = try CLI.run(["--format", "json", "--lang", "en", folder.url.path])
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.map { ($0["path"] as? String ?? "").replacingOccurrences(of: folder.url.path, with: "") } == ["/sub/a.txt"])
        #expect(result.stderr.contains("skipped \(folder.url.path)/sub/up: the same folder as"))
        #expect(result.stderr.contains("skipped \(folder.url.path)/alias.txt: the same file as \(folder.url.path)/sub/a.txt"))
    }

    @Test func entriesThatCannotBeReadAreReportedNotDropped() throws {
        let folder = try TemporaryFolder()
        try folder.file("good.txt", "Fine.\n")
        // A file name that is not UTF-8.
        let name = folder.url.path + "/bad-\u{FF}.txt"
        var raw = Array(name.utf8)
        raw.removeLast(6); raw += [0xFF] + Array(".txt".utf8) + [0]
        let created = raw.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(created >= 0)
        close(created)
        let result = try CLI.run([folder.url.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("the name is not valid UTF-8"))

        // A path beyond PATH_MAX, made by descending one folder at a time.
        let deep = try TemporaryFolder()
        let segment = String(repeating: "d", count: 200)
        var descriptor = open(deep.url.path, O_RDONLY | O_DIRECTORY)
        for _ in 0..<25 {
            #expect(mkdirat(descriptor, segment, 0o755) == 0)
            let next = openat(descriptor, segment, O_RDONLY | O_DIRECTORY)
            close(descriptor)
            descriptor = next
        }
        let file = openat(descriptor, "a.txt", O_CREAT | O_WRONLY, 0o644)
        #expect(file >= 0)
        close(file)
        close(descriptor)
        let long = try CLI.run([deep.url.path])
        #expect(long.status == 2)
        #expect(long.stdout.contains("name too long"), "\(long.stdout)")
        _ = try CLI.shell("rm -rf \(segment)", in: deep.url)
    }

    @Test func aFolderWithNothingToLintIsAnError() throws {
        let folder = try TemporaryFolder()
        try folder.file("notes.json", "{}")
        let result = try CLI.run([folder.url.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("nothing to lint: no file to lint in this folder (.htm .html .markdown .md .po .pot .tmx .txt .xlf .xliff)"))
    }

    // MARK: Reads are bounded

    @Test func endlessAndHugeInputsAreRefusedBeforeTheyAreRead() throws {
        let start = Date()
        let zero = try CLI.run(["/dev/zero"])
        #expect(zero.status == 2)
        #expect(zero.stdout.contains("binary file (NUL byte at offset 0)"))
        // A sparse file over the limit: refused from its size, not read.
        let folder = try TemporaryFolder()
        let path = try folder.file("huge.txt", "")
        #expect(truncate(path, 1 << 30 + 1) == 0)
        let huge = try CLI.run([path])
        #expect(huge.status == 2)
        #expect(huge.stdout.contains("too large to lint (1073741825 bytes; the limit is 1073741824 bytes, 1024 MiB)"))
        #expect(Date().timeIntervalSince(start) < 10)
    }

    // MARK: Writing files

    @Test func fixWritesThroughALinkKeepingModeAndOwner() throws {
        let folder = try TemporaryFolder()
        let target = try folder.file("real.txt", Self.article)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target)
        let link = folder.url.path + "/link.txt"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.txt")
        if getuid() == 0 { #expect(chown(target, 65534, 65534) == 0) }
        let result = try CLI.run(["fix", "--lang", "en", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.txt")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "They met the envoy on Monday.\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640)
        if getuid() == 0 { #expect((attributes[.ownerAccountID] as? NSNumber)?.intValue == 65534) }
    }

    @Test func fixRefusesToBreakHardLinks() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("a.txt", Self.article)
        #expect(link(path, folder.url.path + "/b.txt") == 0)
        let result = try CLI.run(["fix", "--lang", "en", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("a.txt: cannot write: it has 2 hard links"))
        #expect(result.stderr.contains("the file was left unchanged; its 1 fix was not applied"))
        #expect(result.stderr.contains("applied 0 fixes in 0 files"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.article)
    }

    @Test func fixOfStandardInputThatIsNotUTF8PassesItThrough() throws {
        let result = try CLI.shell("printf 'ab \\377 the the\\n' | \"$MTLINT\" fix -")
        #expect(result.status == 2)
        #expect(result.stderr.contains("<stdin>: invalid UTF-8 at byte offset 3 (byte 0xFF); convert the file to UTF-8; it was copied to standard output unchanged"))
        #expect(result.stdout == "ab \u{FFFD} the the\n")  // the 0xFF byte, decoded here for the comparison
    }

    @Test func fixExitCodesTellCIWhatIsLeft() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("a.txt", "A lost � character and the the slip.\n")
        let preview = try CLI.run(["fix", "--diff", "--lang", "en", path])
        #expect(preview.status == 1)  // files would change
        let fixed = try CLI.run(["fix", "--lang", "en", path])
        #expect(fixed.status == 1)  // an error finding remains
        #expect(fixed.stderr.contains("applied 1 fix (repeated-word: 1) in 1 file; 1 finding remain"))
        #expect(try CLI.run(["fix", "--diff", "--lang", "en", path]).status == 0)  // nothing would change
        #expect(try CLI.run(["fix", "--fail-on", "never", "--lang", "en", path]).status == 0)
    }

    @Test func unsafeFixesLeftAreNamed() throws {
        let result = try CLI.run(["fix", "--rule", "lowercase-sentence-start", "--lang", "en", "-"],
                                 stdin: "The army needs more shells. in his war they are scarce.\n")
        #expect(result.stderr.contains("1 finding has an unsafe fix: add --unsafe to apply"))
    }

    // MARK: Baselines

    @Test func writeBaselineRefusesToReplaceOtherFiles() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("a.txt", Self.article)
        let refused = try CLI.run(["--lang", "en", "--write-baseline", path, path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("not an mtlint baseline, so --write-baseline leaves it alone; give --force"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.article)
        let missingFolder = try CLI.run(["--lang", "en", "--write-baseline", folder.url.path + "/no/such/b.json", path])
        #expect(missingFolder.status == 2)
        #expect(missingFolder.stderr.contains("cannot write: cannot create a temporary file in"))
        #expect(!missingFolder.stderr.contains("cannot read"))
        let baseline = folder.url.path + "/baseline.json"
        #expect(try CLI.run(["--lang", "en", "--write-baseline", baseline, path]).status == 0)
        #expect(try CLI.run(["--lang", "en", "--write-baseline", baseline, path]).status == 0)  // a baseline may be replaced
    }

    @Test func baselinesMatchHoweverThePathsAreSpelled() throws {
        let folder = try TemporaryFolder()
        try folder.file("team/articles/a.txt", Self.article)
        let team = folder.url.appendingPathComponent("team")
        #expect(try CLI.run(["--lang", "en", "--write-baseline", "base.json", "articles"], in: team).status == 0)
        let baselineText = try String(contentsOf: team.appendingPathComponent("base.json"), encoding: .utf8)
        #expect(baselineText.contains("\"path\": \"articles/a.txt\""))
        for (arguments, cwd) in [(["--baseline", "base.json", "./articles/a.txt"], team),
                                 (["--baseline", "team/base.json", "team/articles"], folder.url),
                                 (["--baseline", team.path + "/base.json", team.path + "/articles/a.txt"], URL(fileURLWithPath: "/")),
                                 (["--baseline", "../base.json", "a.txt"], team.appendingPathComponent("articles"))] {
            let result = try CLI.run(["--lang", "en", "--fail-on", "warning"] + arguments, in: cwd)
            #expect(result.status == 0, "\(arguments) from \(cwd.path): \(result.stdout)")
        }
    }

    // MARK: Command line

    @Test func commandLineMistakesGetHints() throws {
        let typo = try CLI.run(["lnt", "x"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("'lnt' is neither a command nor a file; did you mean `mtlint lint`?"))
        let posix = try CLI.run(["--lang", "en_US", "x"])
        #expect(posix.status == 2)
        #expect(posix.stderr.contains("did you mean 'en-US'?"))
        let help = try CLI.run(["lint", "--help"]).stdout
        let jobs = help.split(separator: "\n").drop { !$0.contains("--jobs") }.prefix(3).joined()
        #expect(jobs.components(separatedBy: "default").count == 2, "\(jobs)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func noPathOnATerminalExplainsInsteadOfWaiting() throws {
        let result = try CLI.run(["-qec", CLI.binary.path, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(result.status == 2)
        #expect(result.stdout.contains("no file given, and standard input is a terminal"))
    }

    // MARK: Suppressions and dictionaries

    @Test func suppressionsNamingUnknownRulesAreErrors() throws {
        let result = try CLI.run(["--lang", "en", "-"], stdin: "<!-- mtlint-disable-next-line repeated-words -->\nThey met the the envoy.\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("unknown rule 'repeated-words' (did you mean 'repeated-word'?)"))
        #expect(result.stdout.contains("[invalid-suppression]"))
    }

    @Test func unusedSuppressionIsARuleLikeTheOthers() throws {
        #expect(try CLI.run(["rules"]).stdout.contains("unused-suppression"))
        #expect(try CLI.run(["explain", "unused-suppression"]).status == 0)
        let text = "<!-- mtlint-disable-next-line repeated-word -->\nThey met the envoy.\n"
        let enabled = try CLI.run(["--lang", "en", "--enable", "unused-suppression", "--format", "sarif", "-"], stdin: text)
        #expect(enabled.stdout.contains("\"ruleId\": \"unused-suppression\""))
        #expect(try CLI.run(["--lang", "en", "--report-unused-suppressions", "--disable", "unused-suppression", "-"], stdin: text).status == 0)
    }

    @Test func missingOrBrokenDictionariesAreErrors() throws {
        let nowhere = try CLI.run(["--lang", "en", "-"], stdin: "The cat had had enough.\n", environment: ["MTLINT_DICTIONARIES": "/nonexistent"])
        #expect(nowhere.status == 2)
        #expect(nowhere.stderr.contains("/nonexistent is not a dictionaries folder"))
        let folder = try TemporaryFolder()
        let broken = try folder.file("people.tsv", "# people\nkim\tperson\tKim\n")
        let malformed = try CLI.run(["--lang", "en", "--dictionary", broken, "-"], stdin: "Text.\n")
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("people.tsv:2: an entity line has 7 or 8 tab-separated columns"))
        // A binary copied away from the repository's dictionaries/.
        let copy = folder.url.appendingPathComponent("mtlint")
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        let alone = try CLI.run(["--lang", "en", "-"], stdin: "The cat had had enough.\n", in: folder.url, executable: copy)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("cannot find the dictionaries folder"))
        // Installed as scripts/install.sh lays it out: bin/mtlint beside share/mtlint/dictionaries.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let prefix = folder.url.appendingPathComponent("prefix")
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("share/mtlint"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.binary, to: prefix.appendingPathComponent("bin/mtlint"))
        try FileManager.default.copyItem(at: repository.appendingPathComponent("dictionaries"), to: prefix.appendingPathComponent("share/mtlint/dictionaries"))
        let installed = try CLI.run(["--lang", "en", "-"], stdin: "The cat had had enough.\n", in: folder.url,
                                    executable: prefix.appendingPathComponent("bin/mtlint"))
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stdout.contains("0 findings"))  // "had had" is a doubling the English lists allow
    }
}
