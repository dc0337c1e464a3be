import Foundation
import Testing

/// Runs the built `mtlint` binary as a user would and checks stdout, stderr and the exit code.
struct CLI {
    static let binary: URL = {
        // The test bundle lives in the same build folder as the executable.
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("mtlint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/mtlint")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil, in folder: URL? = nil, executable: URL? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting so a large report cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a shell command line with $MTLINT set to the binary, for redirections
    /// (closed or full standard streams) that Process cannot express.
    static func shell(_ script: String, in folder: URL? = nil) throws -> Result {
        try run(["-c", script], in: folder, executable: URL(fileURLWithPath: "/bin/sh"), environment: ["MTLINT": binary.path])
    }
}

final class TemporaryFolder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-cli-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: path)
        return path.path
    }

    @discardableResult
    func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }
}

@Suite struct CLITests {
    @Test func cleanFileExitsZero() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("clean.txt", "The talks ended on Monday.\n")
        let result = try CLI.run([path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("0 findings in 1 file"))
    }

    @Test func findingsAtTheFailOnLevelExitOne() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("a.txt", "They met the the envoy.\n")
        #expect(try CLI.run([path]).status == 0)  // a warning is below the default fail-on (error)
        let failing = try CLI.run(["--fail-on", "warning", path])
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("a.txt:1:10: warning: \"the\" is repeated"))
        #expect(try CLI.run(["lint", "--severity", "repeated-word=error", path]).status == 1)
        #expect(try CLI.run(["--disable", "repeated-word", "--fail-on", "info", path]).status == 0)
        #expect(try CLI.run(["--enable", "replacement-character", "--fail-on", "info", path]).status == 0)
    }

    @Test func unreadableInputsExitTwoAndTheOthersAreStillLinted() throws {
        let folder = try TemporaryFolder()
        let good = try folder.file("good.txt", "A text with � inside.\n")
        let png = try folder.file("image.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48])
        let latin1 = try folder.file("latin1.txt", Array("caf".utf8) + [0xE9] + Array(" au lait\n".utf8))
        let empty = try folder.file("empty.txt", "")
        let result = try CLI.run(["--format", "json", good, png, latin1, empty, folder.url.appendingPathComponent("missing.txt").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("image.png: binary file"))
        #expect(result.stderr.contains("latin1.txt: invalid UTF-8 at byte offset 3"))
        #expect(result.stderr.contains("missing.txt: cannot read: no such file"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.count == 5)
        #expect((files[0]["findings"] as? [Any])?.count == 1)
        #expect(files[3]["words"] as? Int == 0)
        #expect(files[3]["error"] == nil)
    }

    @Test func directoriesAreWalkedForTextAndMarkdown() throws {
        let folder = try TemporaryFolder()
        try folder.file("b/one.md", "# Title\n\nSome `the the` code and a a slip.\n")
        try folder.file("a/two.txt", "Fine text.\n")
        try folder.file("a/skip.json", "{\"the the\": 1}")
        try folder.file(".hidden/three.txt", "the the")
        let result = try CLI.run(["--format", "jsonl", "--lang", "en", folder.url.path])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("one.md") == true)
        #expect(lines.first?.contains("\"column\":25") == true)
    }

    @Test func standardInputIsRead() throws {
        let result = try CLI.run(["--format", "github", "-"], stdin: "We saw the the end.")
        #expect(result.stdout.hasPrefix("::warning file=<stdin>,line=1,col=8"))
        let fixed = try CLI.run(["fix", "-"], stdin: "We saw the the end.\n")
        #expect(fixed.stdout == "We saw the end.\n")
        #expect(fixed.stderr.contains("applied 1 fix (repeated-word: 1)"))
    }

    @Test func fixRewritesFilesAndDiffPreviews() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("a.txt", "They met the the envoy.\r\n")
        let diff = try CLI.run(["fix", "--diff", path])
        #expect(diff.stdout.contains("-They met the the envoy."))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "They met the the envoy.\r\n")
        #expect(try CLI.run(["fix", path]).status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "They met the envoy.\r\n")
    }

    @Test func usageErrorsExitTwo() throws {
        for arguments in [["--lang", "english", "x"], ["--format", "xml"], ["--severity", "repeated-word=fatal"],
                          ["--disable", "no-such-rule"], ["explain", "no-such-rule"], ["--no-such-flag"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(!result.stderr.isEmpty)
        }
    }

    @Test func helpRulesAndExplainAreUseful() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes"))
        #expect(help.stdout.contains("explain"))
        let explain = try CLI.run(["explain", "repeated-word"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("⟦the the⟧"))
        #expect(explain.stdout.contains("--disable repeated-word"))
        let rules = try CLI.run(["rules", "--format", "json"])
        let list = try #require(JSONSerialization.jsonObject(with: Data(rules.stdout.utf8)) as? [[String: Any]])
        #expect(list.contains { $0["id"] as? String == "replacement-character" })
    }

    @Test func sarifOutputIsValidJSON() throws {
        let result = try CLI.run(["--format", "sarif", "-"], stdin: "the the")
        let sarif = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
    }

    /// The README's rule table is generated by `mtlint rules --format md` and must not drift.
    @Test func readmeRuleTableIsCurrent() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let table = try CLI.run(["rules", "--format", "md"]).stdout
        #expect(readme.contains(table), "README.md's rule table is stale: paste `mtlint rules --format md`")
    }
}
