/// Turns one `--stream` record into its output object: lints it (or fixes it), and says
/// whether it fails the gate. Pure and thread-safe: the runner calls it from its workers.
public struct StreamProcessor: Sendable {
    public enum Mode: Sendable, Equatable {
        /// `{"id", "language", "words", "findings"}`.
        case lint
        /// `{"id", "language", "words", "text", "applied", "findings"}`: the fixed text, the fixes
        /// applied, and the findings that remain.
        case fix(includeUnsafe: Bool, onlyRules: Set<String>)
    }

    /// The path records are linted as: configuration overrides see this name, and messages use it.
    public static let path = "<stream>"

    /// The options of every record (configuration and command line); a record's `lang` and
    /// `sourceLang` win over them.
    public let options: LintOptions
    public var mode: Mode
    /// Decides which records fail (exit code 1): `failOn` and the per-1,000-word thresholds, per record.
    public var gate: Gate

    /// The linter of records that name no other language than the options do, built once.
    private let linter: Linter

    public init(options: LintOptions, mode: Mode = .lint, gate: Gate = Gate(failOn: .error)) {
        self.options = options
        self.mode = mode
        self.gate = gate
        linter = Linter(options: options)
    }

    /// The options of a run (its configuration and command line) applied to stream records.
    public init(run: LintRun, mode: Mode = .lint, gate: Gate = Gate(failOn: .error)) {
        self.init(options: run.options(for: StreamProcessor.path), mode: mode, gate: gate)
    }

    /// The output for one input line: its record's, or an error record.
    public func process(line: [UInt8], number: Int) -> StreamOutput {
        switch StreamRecord.decode(line) {
        case .success(let record): return process(record, number: number)
        case .failure(let problem): return .error(id: problem.id, line: number, problem.reason)
        }
    }

    public func process(_ record: StreamRecord, number: Int) -> StreamOutput {
        var options = self.options
        if let language = record.language { options.language = language }
        if let sourceLanguage = record.sourceLanguage { options.sourceLanguage = sourceLanguage }
        let linter = options.language == self.options.language && options.sourceLanguage == self.options.sourceLanguage
            ? self.linter : Linter(options: options)
        let text = SourceText(record.text)
        let articleSource = record.source.map { (text: SourceText($0), format: record.format) }
        switch mode {
        case .lint:
            let result = linter.lint(text, path: Self.path, format: record.format, articleSource: articleSource)
            return output(record, number: number, result: result, extra: [])
        case .fix(let includeUnsafe, let onlyRules):
            let fixer = Fixer(linter: linter, includeUnsafe: includeUnsafe, onlyRules: onlyRules)
            let outcome = fixer.fix(text, path: Self.path, format: record.format, articleSource: articleSource)
            return output(record, number: number, result: outcome.remaining,
                          extra: [("text", .string(String(decoding: outcome.bytes, as: UTF8.self))),
                                  ("applied", .array(Self.appliedObjects(outcome)))])
        }
    }

    /// The fixes an outcome applied, as `fix --stream` and the server's `/v1/fix` write them:
    /// `{"rule", "message", "pass", "offset", "length", "fix"}`.
    public static func appliedObjects(_ outcome: Fixer.Outcome) -> [JSONValue] {
        outcome.appliedFixes.map { pass, finding in
            .object([
                ("rule", .string(finding.rule)),
                ("message", .string(finding.message)),
                ("pass", .int(pass)),
                ("offset", .int(finding.start)),
                ("length", .int(finding.end - finding.start)),
                ("fix", finding.fix.map(JSONReporter.fixObject) ?? .null),
            ])
        }
    }

    private func output(_ record: StreamRecord, number: Int, result: FileResult, extra: [(String, JSONValue)]) -> StreamOutput {
        var result = result
        if let error = result.error { return .error(id: record.id, line: number, error.description) }
        // Threshold messages name the record by its line and id.
        result.path = "line \(number) (id \(record.id.json.serialized()))"
        let report = LintReport(results: [result])
        let findings = report.files[0].findings
        let members: [(String, JSONValue)] = [
            ("id", record.id.json),
            ("language", .string(result.language)),
            ("words", .int(result.words)),
        ] + extra + [("findings", .array(findings.map { JSONReporter.findingObject($0) }))]
        return StreamOutput(json: .object(members), isError: false, failing: gate.exitCode(report) == 1,
                            messages: gate.thresholdViolations(report).map { "mtlint: over the threshold: \($0)\n" },
                            findings: findings.count)
    }
}

/// What one input line gives: an output line (none for an input that could not be opened),
/// whether it is an error record or fails the gate, and messages for standard error.
public struct StreamOutput: Sendable {
    public var json: JSONValue?
    public var isError: Bool
    public var failing: Bool
    public var messages: [String]
    public var findings: Int

    public init(json: JSONValue?, isError: Bool, failing: Bool = false, messages: [String] = [], findings: Int = 0) {
        self.json = json
        self.isError = isError
        self.failing = failing
        self.messages = messages
        self.findings = findings
    }

    /// `{"id"?, "line", "error"}`.
    public static func error(id: StreamRecord.ID?, line: Int, _ reason: String) -> StreamOutput {
        var members: [(String, JSONValue)] = []
        if let id { members.append(("id", id.json)) }
        members += [("line", .int(line)), ("error", .string(reason))]
        return StreamOutput(json: .object(members), isError: true)
    }

    /// The output line, "\n" included.
    public var bytes: [UInt8] { json.map { Array(($0.serialized() + "\n").utf8) } ?? [] }
}
