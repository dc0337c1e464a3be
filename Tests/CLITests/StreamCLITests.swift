import Foundation
import Testing

/// `mtlint lint --stream` and `mtlint fix --stream`, run as a pipeline would.
@Suite struct StreamCLITests {
    static let doubled = "{\"id\":\"a\",\"text\":\"They met the the envoy.\"}\n"
    static let clean = "{\"id\":2,\"text\":\"The talks ended on Monday.\"}\n"
    static let doubledOutput = """
        {"id":"a","language":"en","words":5,"findings":[{"rule":"repeated-word","severity":"warning",\
        "message":"\\"the\\" is repeated; a doubled word is a common translation slip","line":1,"column":10,"endLine":1,\
        "endColumn":17,"offset":9,"length":7,"suggestions":["the"],"fix":{"safety":"safe","edits":[{"offset":12,"length":4,"replacement":""}]}}]}
        """
    static let cleanOutput = "{\"id\":2,\"language\":\"en\",\"words\":5,\"findings\":[]}"

    @Test func lintStreamWritesOneLinePerRecordAndGatesOnFailOn() throws {
        let result = try CLI.run(["lint", "--stream", "--lang", "en", "--jobs", "4"], stdin: Self.doubled + Self.clean)
        #expect(result.stdout == Self.doubledOutput + "\n" + Self.cleanOutput + "\n")
        #expect(result.status == 0)  // a warning is below the default fail-on
        #expect(result.stderr == "")
        #expect(try CLI.run(["lint", "--stream", "--lang", "en", "--fail-on", "warning"], stdin: Self.doubled + Self.clean).status == 1)
        #expect(try CLI.run(["lint", "--stream", "--lang", "en", "--fail-on", "warning"], stdin: Self.clean).status == 0)
        #expect(try CLI.run(["--stream", "--lang", "en", "--severity", "repeated-word=error"], stdin: Self.doubled).status == 1)
    }

    @Test func badRecordsGiveErrorRecordsAndExitTwo() throws {
        let folder = try TemporaryFolder()
        var input: [UInt8] = Array("not json\n[1]\n{\"id\":1}\n{\"id\":2,\"text\":[]}\n{\"id\":{},\"text\":\"x\"}\n".utf8)
        input += Array("{\"id\":3,\"text\":\"caf".utf8) + [0xC3] + Array("\"}\n".utf8)
        input += Array("{\"id\":4,\"text\":\"x\",\"format\":\"docx\"}\n".utf8)
        input += Array("{\"id\":5,\"text\":\"\(String(repeating: "long ", count: 40))\"}\n".utf8)
        input += Array(Self.clean.utf8)
        let path = try folder.file("records.jsonl", input)
        let result = try CLI.run(["lint", "--stream", "--lang", "en", "--max-record-bytes", "100", path])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines == [
            "{\"line\":1,\"error\":\"not JSON: Invalid value around character 1\"}",
            "{\"line\":2,\"error\":\"not a JSON object\"}",
            "{\"id\":1,\"line\":3,\"error\":\"\\\"text\\\" is missing\"}",
            "{\"id\":2,\"line\":4,\"error\":\"\\\"text\\\" must be a string, not an array\"}",
            "{\"line\":5,\"error\":\"\\\"id\\\" must be a string or a number, not an object\"}",
            "{\"id\":3,\"line\":6,\"error\":\"invalid UTF-8 at byte offset 19 of the line (byte 0xC3)\"}",
            lines[6],
            "{\"line\":8,\"error\":\"record too large: 218 bytes; the limit is 100 bytes (--max-record-bytes)\"}",
            Self.cleanOutput,
        ])
        #expect(lines[6].hasPrefix("{\"id\":4,\"line\":7,\"error\":\"unknown format 'docx'; a record's format is one of \\\"txt\\\", \\\"md\\\""))
        #expect(result.status == 2)
        #expect(result.stderr == "mtlint: 8 of 9 lines could not be linted; see their error records\n")
    }

    @Test func aHugeLineIsRejectedWithoutStoppingTheStream() throws {
        let folder = try TemporaryFolder()
        let huge = "{\"id\":\"huge\",\"text\":\"" + String(repeating: "x", count: 3_000_000) + "\"}\n"
        let path = try folder.file("huge.jsonl", huge + Self.clean)
        let result = try CLI.run(["lint", "--stream", "--lang", "en", "--max-record-bytes", "1000000", path])
        #expect(result.stdout == "{\"line\":1,\"error\":\"record too large: 3000023 bytes; the limit is 1000000 bytes (--max-record-bytes)\"}\n"
            + Self.cleanOutput + "\n")
        #expect(result.status == 2)
    }

    @Test func filesAreReadInOrderAndLinesNumberedAcrossThem() throws {
        let folder = try TemporaryFolder()
        let first = try folder.file("one.jsonl", Self.doubled)
        let second = try folder.file("two.jsonl", "oops\n" + Self.clean)
        let result = try CLI.run(["lint", "--stream", "--lang", "en", first, folder.url.appendingPathComponent("missing.jsonl").path, second])
        #expect(result.stdout == Self.doubledOutput + "\n{\"line\":2,\"error\":\"not JSON: Invalid value around character 0\"}\n" + Self.cleanOutput + "\n")
        #expect(result.stderr.contains("missing.jsonl: cannot read: no such file or directory\n"))
        #expect(result.status == 2)
    }

    @Test func fixStreamReturnsFixedTextAndAppliedFixes() throws {
        let input = "{\"id\":\"f\",\"text\":\"They met the the envoy , then left.\"}\n" + Self.clean
        let result = try CLI.run(["fix", "--stream", "--lang", "en"], stdin: input)
        let lines = result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 2)
        #expect(lines[0]["id"] as? String == "f")
        #expect(lines[0]["text"] as? String == "They met the envoy, then left.")
        let applied = try #require(lines[0]["applied"] as? [[String: Any]])
        #expect(applied.map { $0["rule"] as! String } == ["repeated-word", "space-before-punctuation"])
        #expect(applied.map { $0["offset"] as! Int } == [9, 22])
        #expect((lines[0]["findings"] as? [Any])?.count == 0)
        #expect(lines[1]["text"] as? String == "The talks ended on Monday.")
        #expect((lines[1]["applied"] as? [Any])?.count == 0)
        #expect(result.status == 0)
        // --rule: only that rule's fixes; the doubled word remains and fails at --fail-on warning.
        let only = try CLI.run(["fix", "--stream", "--lang", "en", "--rule", "space-before-punctuation", "--fail-on", "warning"], stdin: input)
        let first = try JSONSerialization.jsonObject(with: Data(only.stdout.split(separator: "\n")[0].utf8)) as! [String: Any]
        #expect(first["text"] as? String == "They met the the envoy, then left.")
        #expect((first["findings"] as? [[String: Any]])?.map { $0["rule"] as! String } == ["repeated-word"])
        #expect(only.status == 1)
    }

    @Test func aSourceGivesSourceAwareFindings() throws {
        let input = "{\"id\":\"n\",\"text\":\"Le budget est de 540 millions.\",\"lang\":\"fr\",\"source\":\"The budget is 450 million.\",\"sourceLang\":\"en\"}\n"
        let result = try CLI.run(["lint", "--stream"], stdin: input)
        #expect(result.stdout == """
            {"id":"n","language":"fr","words":6,"findings":[{"rule":"number-mismatch","severity":"warning",\
            "message":"the source has 450 here; \\"540\\" is a different number","line":1,"column":18,"endLine":1,\
            "endColumn":21,"offset":17,"length":3,"suggestions":["450"]}]}

            """)
        #expect(result.status == 0)
    }

    @Test func configurationIsFoundOrPassedExplicitly() throws {
        let folder = try TemporaryFolder()
        try folder.file(".mtlint.yml", "rules:\n  repeated-word: off\n")
        try folder.file("job.yml", "rules:\n  repeated-word: error\nlanguage: en\n")
        // The discovered configuration switches the rule off.
        let discovered = try CLI.run(["lint", "--stream", "--lang", "en"], stdin: Self.doubled, in: folder.url)
        #expect(discovered.stdout == "{\"id\":\"a\",\"language\":\"en\",\"words\":5,\"findings\":[]}\n")
        // --no-config ignores it; with --config FILE, FILE and only FILE is read.
        let none = try CLI.run(["lint", "--stream", "--no-config", "--lang", "en"], stdin: Self.doubled, in: folder.url)
        #expect(none.stdout == Self.doubledOutput + "\n")
        let explicit = try CLI.run(["lint", "--stream", "--no-config", "--config", "job.yml"], stdin: Self.doubled, in: folder.url)
        #expect(explicit.stdout == Self.doubledOutput.replacingOccurrences(of: "\"severity\":\"warning\"", with: "\"severity\":\"error\"") + "\n")
        #expect(explicit.status == 1)
    }

    @Test func closedStandardOutputExitsTwo() throws {
        let result = try CLI.shell("printf '%s\\n' '{\"id\":1,\"text\":\"x\"}' | \"$MTLINT\" lint --stream --lang en >&-")
        #expect(result.status == 2)
        #expect(result.stderr == "mtlint: cannot write the records to standard output: standard output is closed\n")
    }

    @Test func optionsThatDoNotApplyToAStreamAreUsageErrors() throws {
        for arguments in [["lint", "--stream", "--format", "json"], ["lint", "--stream", "--quiet"], ["fix", "--stream", "--diff"],
                          ["lint", "--max-record-bytes", "10"], ["lint", "--stream", "--max-record-bytes", "0"]] {
            let result = try CLI.run(arguments, stdin: Self.clean)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout == "")
        }
    }
}
