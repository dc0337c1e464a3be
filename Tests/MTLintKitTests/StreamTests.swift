import Foundation
import PropertyBased
import Testing
@testable import MTLintKit

/// `--stream` at the Kit level: records in, one ordered JSON line out per input line.
@Suite struct StreamTests {
    /// Runs the stream over in-memory inputs; the output lines and the summary.
    static func run(_ inputs: [[UInt8]], jobs: Int = 2, mode: StreamProcessor.Mode = .lint, failOn: Severity? = .error,
                    language: String? = "en", maxRecordBytes: Int = StreamRunner.defaultMaxRecordBytes)
        -> (lines: [String], summary: StreamRunner.Summary, messages: [String]) {
        let processor = StreamProcessor(options: LintOptions(language: language), mode: mode, gate: Gate(failOn: failOn))
        let runner = StreamRunner(processor: processor, jobs: jobs, maxRecordBytes: maxRecordBytes)
        var output: [UInt8] = []
        var messages: [String] = []
        let summary = try! runner.run(inputs.map { .bytes($0) }, write: { output += $0 }, report: { messages.append($0) })
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.isEmpty || text.hasSuffix("\n"))
        return (text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init), summary, messages)
    }

    static func run(_ text: String, jobs: Int = 2, mode: StreamProcessor.Mode = .lint, failOn: Severity? = .error,
                    maxRecordBytes: Int = StreamRunner.defaultMaxRecordBytes)
        -> (lines: [String], summary: StreamRunner.Summary, messages: [String]) {
        run([Array(text.utf8)], jobs: jobs, mode: mode, failOn: failOn, maxRecordBytes: maxRecordBytes)
    }

    static func record(_ id: String, _ text: String, extra: String = "") -> String {
        "{\"id\":\"\(id)\",\"text\":\(JSONValue.string(text).serialized())\(extra)}\n"
    }

    static let repeatedWordFinding = """
        {"rule":"repeated-word","severity":"warning","message":"\\"the\\" is repeated; a doubled word is a common translation slip",\
        "line":1,"column":10,"endLine":1,"endColumn":17,"offset":9,"length":7,"suggestions":["the"],\
        "fix":{"safety":"safe","edits":[{"offset":12,"length":4,"replacement":""}]}}
        """

    // MARK: Records and findings

    @Test func aRecordGivesItsFindingsInTheJSONReportsShape() {
        let (lines, summary, _) = Self.run(Self.record("a", "They met the the envoy.") + "{\"id\":7,\"text\":\"Fine.\",\"other\":[1,{}]}\n")
        #expect(lines == [
            "{\"id\":\"a\",\"language\":\"en\",\"words\":5,\"findings\":[\(Self.repeatedWordFinding)]}",
            "{\"id\":7,\"language\":\"en\",\"words\":1,\"findings\":[]}",
        ])
        #expect(summary == { var s = StreamRunner.Summary(); s.records = 2; s.findings = 1; return s }())
        // The finding is the JSON report's, field for field.
        let result = Linter(options: LintOptions(language: "en")).lint(SourceText("They met the the envoy."), path: "x")
        let report = JSONReporter.render(LintReport(results: [result]))
        let object = try! JSONSerialization.jsonObject(with: Data(report.utf8)) as! [String: Any]
        let finding = ((object["files"] as! [[String: Any]])[0]["findings"] as! [Any])[0]
        let streamed = try! JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(NSDictionary(dictionary: finding as! [String: Any]).isEqual((streamed["findings"] as! [Any])[0]))
    }

    @Test func aRecordsLanguageWinsAndIsDetectedWithoutOne() {
        let input = "{\"id\":1,\"text\":\"Les négociations ont pris fin lundi à Hanoï.\",\"lang\":\"fr\"}\n"
            + "{\"id\":2,\"text\":\"Les négociations ont pris fin lundi à Hanoï, et les deux délégations sont rentrées chez elles.\"}\n"
        let processor = StreamProcessor(options: LintOptions())
        let runner = StreamRunner(processor: processor, jobs: 1)
        var output: [UInt8] = []
        _ = try! runner.run([.bytes(Array(input.utf8))], write: { output += $0 })
        let languages = String(decoding: output, as: UTF8.self).split(separator: "\n").map {
            (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["language"] as! String
        }
        #expect(languages == ["fr", "fr"])
    }

    @Test func aSourceIsCheckedByTheSourceAwareRules() {
        let line = "{\"id\":\"n\",\"text\":\"Le budget est de 540 millions.\",\"lang\":\"fr\","
            + "\"source\":\"The budget is 450 million.\",\"sourceLang\":\"en\"}\n"
        let (lines, summary, _) = Self.run(line)
        #expect(lines == ["""
            {"id":"n","language":"fr","words":6,"findings":[{"rule":"number-mismatch","severity":"warning",\
            "message":"the source has 450 here; \\"540\\" is a different number","line":1,"column":18,"endLine":1,\
            "endColumn":21,"offset":17,"length":3,"suggestions":["450"]}]}
            """])
        #expect(summary.exitCode == 0)
        // Without the source, nothing is flagged.
        let alone = Self.run("{\"id\":\"n\",\"text\":\"Le budget est de 540 millions.\",\"lang\":\"fr\"}\n")
        #expect(alone.lines == ["{\"id\":\"n\",\"language\":\"fr\",\"words\":6,\"findings\":[]}"])
    }

    @Test func markdownFormatSkipsCode() {
        let (lines, _, _) = Self.run(Self.record("md", "Some `the the` code.", extra: ",\"format\":\"md\"")
            + Self.record("txt", "Some `the the` code.", extra: ",\"format\":\"txt\""))
        #expect(lines[0] == "{\"id\":\"md\",\"language\":\"en\",\"words\":2,\"findings\":[]}")
        #expect(lines[1].contains("\"rule\":\"repeated-word\""))
    }

    @Test func htmlRecordsAreReadAsPagesWithFilePositions() {
        let page = "<p>They met <em>the</em> the envoy.</p><script>the the</script>"
        let (lines, _, _) = Self.run(Self.record("h", page, extra: ",\"format\":\"html\""))
        #expect(lines.count == 1)
        #expect(lines[0].contains("\"rule\":\"repeated-word\""))
        #expect(lines[0].contains("\"offset\":16,\"length\":12"))  // "the</em> the" in the page's own bytes
        #expect(!lines[0].contains("\"offset\":48"))  // nothing inside the script
        let (unknown, _, _) = Self.run(Self.record("x", "Fine.", extra: ",\"format\":\"xml\""))
        #expect(unknown == ["{\"id\":\"x\",\"line\":1,\"error\":\"unknown format 'xml'; a record's format is one of \\\"txt\\\", \\\"md\\\", \\\"html\\\"\"}"])
    }

    // MARK: Exit codes

    @Test func failOnDecidesTheExitCode() {
        let doubled = Self.record("a", "They met the the envoy.")
        #expect(Self.run(doubled, failOn: .warning).summary.exitCode == 1)
        #expect(Self.run(doubled, failOn: .warning).summary.failing == 1)
        #expect(Self.run(doubled, failOn: .error).summary.exitCode == 0)
        #expect(Self.run(doubled, failOn: nil).summary.exitCode == 0)
        #expect(Self.run(Self.record("b", "The talks ended on Monday."), failOn: .info).summary.exitCode == 0)
        // A bad record wins over failing ones.
        #expect(Self.run(doubled + "oops\n", failOn: .warning).summary.exitCode == 2)
    }

    @Test func thresholdsApplyPerRecord() {
        let processor = StreamProcessor(options: LintOptions(language: "en"), gate: Gate(failOn: nil, maxPer1000Words: [.warning: 10]))
        var messages: [String] = []
        let input = Self.record("a", "They met the the envoy.") + Self.record("b", "Fine.")
        let summary = try! StreamRunner(processor: processor, jobs: 2).run([.bytes(Array(input.utf8))], write: { _ in },
                                                                           report: { messages.append($0) })
        #expect(summary.exitCode == 1)
        #expect(messages == ["mtlint: over the threshold: line 1 (id \"a\"): 1 warning in 5 words (200.00 per 1,000 words; the limit is 10.00)\n"])
    }

    // MARK: Bad lines

    @Test func eachBadLineGivesAnErrorRecordAndTheStreamGoesOn() {
        var input: [UInt8] = []
        input += Array("not json\n".utf8)
        input += Array("[1, 2]\n".utf8)
        input += Array("{\"id\":1}\n".utf8)
        input += Array("{\"id\":2,\"text\":42}\n".utf8)
        input += Array("{\"id\":[1],\"text\":\"x\"}\n".utf8)
        input += Array("{\"id\":3,\"text\":\"caf".utf8) + [0xE9] + Array("\"}\n".utf8)
        input += Array("{\"id\":4,\"text\":\"x\",\"format\":\"rtf\"}\n".utf8)
        input += Array("{\"id\":5,\"text\":\"\(String(repeating: "a", count: 100))\"}\n".utf8)
        input += Array("\n".utf8)
        input += Array("{\"id\":6,\"text\":\"x\",\"lang\":7}\n".utf8)
        input += Array("{\"id\":7,\"text\":\"x\",\"lang\":\"en_US\"}\n".utf8)
        input += Array("{\"id\":8,\"text\":\"Fine.\"}".utf8)  // the last line needs no "\n"
        let (lines, summary, _) = Self.run([input], jobs: 3, maxRecordBytes: 80)
        #expect(lines == [
            "{\"line\":1,\"error\":\"not JSON: Invalid value around character 1\"}",
            "{\"line\":2,\"error\":\"not a JSON object\"}",
            "{\"id\":1,\"line\":3,\"error\":\"\\\"text\\\" is missing\"}",
            "{\"id\":2,\"line\":4,\"error\":\"\\\"text\\\" must be a string, not a number\"}",
            "{\"line\":5,\"error\":\"\\\"id\\\" must be a string or a number, not an array\"}",
            "{\"id\":3,\"line\":6,\"error\":\"invalid UTF-8 at byte offset 19 of the line (byte 0xE9)\"}",
            "{\"id\":4,\"line\":7,\"error\":\"unknown format 'rtf'; a record's format is one of "
                + StreamRecord.formats.map { "\\\"\($0.name)\\\"" }.joined(separator: ", ") + "\"}",
            "{\"line\":8,\"error\":\"record too large: 118 bytes; the limit is 80 bytes (--max-record-bytes)\"}",
            "{\"line\":9,\"error\":\"blank line: each line must hold one JSON object\"}",
            "{\"id\":6,\"line\":10,\"error\":\"\\\"lang\\\" must be a string, not a number\"}",
            "{\"id\":7,\"line\":11,\"error\":\"\\\"lang\\\": 'en_US' is not a BCP 47 language tag (e.g. en, fr, pt-BR)\"}",
            "{\"id\":8,\"language\":\"en\",\"words\":1,\"findings\":[]}",
        ])
        #expect(summary.records == 12)
        #expect(summary.errors == 11)
        #expect(summary.exitCode == 2)
    }

    @Test func lineNumbersRunAcrossInputsAndAnUnreadableInputIsReported() {
        let processor = StreamProcessor(options: LintOptions(language: "en"))
        var output: [UInt8] = []
        var messages: [String] = []
        let summary = try! StreamRunner(processor: processor, jobs: 2).run(
            [.bytes(Array("{\"id\":1,\"text\":\"a\"}".utf8)), .file("/nonexistent/stream.jsonl"), .bytes(Array("x\n".utf8))],
            write: { output += $0 }, report: { messages.append($0) })
        #expect(String(decoding: output, as: UTF8.self)
            == "{\"id\":1,\"language\":\"en\",\"words\":1,\"findings\":[]}\n{\"line\":2,\"error\":\"not JSON: Invalid value around character 0\"}\n")
        #expect(messages == ["mtlint: /nonexistent/stream.jsonl: cannot read: no such file or directory\n"])
        #expect(summary.inputErrors == 1)
        #expect(summary.exitCode == 2)
    }

    @Test func aFailedWriteStopsTheRun() {
        let processor = StreamProcessor(options: LintOptions(language: "en"))
        let input = Array(String(repeating: Self.record("a", "They met the the envoy."), count: 200).utf8)
        var writes = 0
        #expect(throws: InputError.unwritable(reason: "broken pipe")) {
            _ = try StreamRunner(processor: processor, jobs: 3).run([.bytes(input)], write: { _ throws(InputError) in
                writes += 1
                throw .unwritable(reason: "broken pipe")
            })
        }
        #expect(writes == 1)
    }

    // MARK: Fix

    @Test func fixGivesTheFixedTextTheFixesAppliedAndWhatRemains() {
        let line = Self.record("f", "They met the the envoy , then left.") + Self.record("clean", "Fine.")
        let (lines, summary, _) = Self.run(line, mode: .fix(includeUnsafe: false, onlyRules: []), failOn: .warning)
        #expect(lines == [
            "{\"id\":\"f\",\"language\":\"en\",\"words\":6,\"text\":\"They met the envoy, then left.\",\"applied\":["
                + "{\"rule\":\"repeated-word\",\"message\":\"\\\"the\\\" is repeated; a doubled word is a common translation slip\","
                + "\"pass\":1,\"offset\":9,\"length\":7,\"fix\":{\"safety\":\"safe\",\"edits\":[{\"offset\":12,\"length\":4,\"replacement\":\"\"}]}},"
                + "{\"rule\":\"space-before-punctuation\",\"message\":\"space before \\\",\\\"\",\"pass\":1,\"offset\":22,\"length\":1,"
                + "\"fix\":{\"safety\":\"safe\",\"edits\":[{\"offset\":22,\"length\":1,\"replacement\":\"\"}]}}],\"findings\":[]}",
            "{\"id\":\"clean\",\"language\":\"en\",\"words\":1,\"text\":\"Fine.\",\"applied\":[],\"findings\":[]}",
        ])
        #expect(summary.exitCode == 0)
    }

    @Test func fixHonoursRuleAndReportsWhatRemains() {
        let line = Self.record("f", "They met the the envoy , then left.")
        let (lines, summary, _) = Self.run(line, mode: .fix(includeUnsafe: false, onlyRules: ["space-before-punctuation"]), failOn: .warning)
        let object = try! JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as! [String: Any]
        #expect(object["text"] as? String == "They met the the envoy, then left.")
        #expect((object["applied"] as! [[String: Any]]).map { $0["rule"] as! String } == ["space-before-punctuation"])
        #expect((object["findings"] as! [[String: Any]]).map { $0["rule"] as! String } == ["repeated-word"])
        #expect(summary.exitCode == 1)
    }

    // MARK: Order and splitting

    /// Records of very different sizes, so that workers finish out of order.
    static func manyRecords(_ count: Int) -> String {
        (0..<count).map { index in
            let size = [1, 400, 3, 1500, 20, 0, 60][index % 7]
            let text = String(repeating: "The talks ended on Monday in Hanoi. ", count: size) + (index % 3 == 0 ? "They met the the envoy." : "")
            return record("r\(index)", text)
        }.joined()
    }

    @Test func orderIsKeptWithFourJobs() {
        let input = Self.manyRecords(120)
        let parallel = Self.run(input, jobs: 4)
        let sequential = Self.run(input, jobs: 1)
        #expect(parallel.lines.count == 120)
        #expect(parallel.lines == sequential.lines)
        let ids = parallel.lines.map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as! String }
        #expect(ids == (0..<120).map { "r\($0)" })
        let findings = parallel.lines.map { ((try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["findings"] as! [Any]).count }
        #expect(findings == (0..<120).map { $0 % 3 == 0 ? 1 : 0 })
    }

    static let pieces = ["The", "talks", "the the", "ended", ",", " ,", "on", "Monday", ".", "Hanoi", "and and", "é", "“", "\n", "\\"]
    static let recordSets = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...12).array(of: 0...14).map { (records: [[Int]]) -> [String] in
        records.enumerated().map { index, words in
            let text = words.map { pieces[$0] }.joined(separator: " ")
            let extra = ["", ",\"format\":\"md\"", ",\"lang\":\"fr\"", ",\"source\":\"The talks ended on 3 May.\",\"sourceLang\":\"en\""][index % 4]
            return record("\(index)", text, extra: extra)
        }
    }

    @Test func splittingTheRecordsAnywhereAndJoiningTheOutputsIsOneRun() async {
        await propertyCheck(count: 40, input: Self.recordSets, Gen.int(in: 0...14), Gen.int(in: 1...4)) { lines, cut, jobs in
            let cut = min(cut, lines.count)
            let whole = Self.run(lines.joined(), jobs: jobs, failOn: .warning)
            let first = Self.run(lines[..<cut].joined(), jobs: jobs, failOn: .warning)
            let second = Self.run(lines[cut...].joined(), jobs: 5 - jobs, failOn: .warning)
            #expect(whole.lines.count == lines.count)
            #expect(first.lines + second.lines == whole.lines)
            #expect(max(first.summary.exitCode, second.summary.exitCode) == whole.summary.exitCode)
        }
    }

    // MARK: Line reading

    static func readAll(_ bytes: [UInt8], limit: Int) -> [LineReader.Line] {
        var reader = LineReader(MemoryChunks(bytes), limit: limit)
        var lines: [LineReader.Line] = []
        while let line = try! reader.next() { lines.append(line) }
        return lines
    }

    @Test func linesAreSplitAtNewlinesAcrossChunks() {
        #expect(Self.readAll([], limit: 10) == [])
        #expect(Self.readAll(Array("\n".utf8), limit: 10) == [.line([])])
        #expect(Self.readAll(Array("a\r\nb".utf8), limit: 10) == [.line(Array("a\r".utf8)), .line(Array("b".utf8))])
        #expect(Self.readAll(Array("a\n\nb\n".utf8), limit: 10) == [.line([0x61]), .line([]), .line([0x62])])
        // A line across several 64 KiB chunks, and a line of exactly the limit.
        let long = [UInt8](repeating: 0x61, count: 200_000)
        #expect(Self.readAll(long + [0x0A] + [0x62], limit: 200_000) == [.line(long), .line([0x62])])
        // A byte-order mark at the start of an input is dropped; elsewhere it is the line's.
        #expect(Self.readAll([0xEF, 0xBB, 0xBF] + Array("a\n".utf8) + [0xEF, 0xBB, 0xBF], limit: 10)
            == [.line([0x61]), .line([0xEF, 0xBB, 0xBF])])
        #expect(Self.readAll([0xEF, 0xBB, 0xBF], limit: 10) == [])
    }

    @Test func anOverLongLineIsDroppedAndTheNextOneRead() {
        let long = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(Self.readAll(Array("ok\n".utf8) + long + Array("\nnext\n".utf8) + long, limit: 1000)
            == [.line(Array("ok".utf8)), .tooLong(length: 1_000_000), .line(Array("next".utf8)), .tooLong(length: 1_000_000)])
        #expect(Self.readAll(Array("abcd\nabcde\n".utf8), limit: 4) == [.line(Array("abcd".utf8)), .tooLong(length: 5)])
    }
}
