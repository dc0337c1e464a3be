import ArgumentParser
import Foundation
import MTLintKit

/// `--stream` and its options, shared by `lint` and `fix` (README, "Stream mode").
struct StreamOptions: ParsableArguments {
    @Flag(name: .customLong("stream"), help: "Read JSON Lines records ({\"id\", \"text\", …}) and write one JSON line per input line, in order.")
    var stream = false

    @Option(name: .customLong("max-record-bytes"), help: "With --stream: the longest input line, in bytes (default: 64 MiB); a longer one gives an error record.")
    var maxRecordBytes: Int?

    func validate() throws {
        guard let maxRecordBytes else { return }
        if !stream { throw ValidationError("--max-record-bytes only applies to --stream") }
        if maxRecordBytes < 1 || maxRecordBytes > InputReader.maxBytes {
            throw ValidationError("--max-record-bytes must be between 1 and \(InputReader.maxBytes) (1 GiB)")
        }
    }

    /// Options of the command that make no sense with --stream: each a usage error.
    func refuse(_ conflicts: [(given: Bool, option: String)], rules: RuleOptions) throws {
        guard stream else { return }
        let all = conflicts + [(rules.sourceFile != nil, "--source"), (rules.sourceRoot != nil, "--source-root")]
        if let conflict = all.first(where: \.given) {
            throw ValidationError("\(conflict.option) does not apply to --stream (records carry their own source; the output is JSON lines)")
        }
    }

    /// Runs the stream over `paths` (standard input for none or "-") and exits with the gate's code.
    func run(_ rules: RuleOptions, paths: [String], mode: StreamProcessor.Mode, failOn: FailOn?,
             command: String, adjust: (inout LintRun) -> Void = { _ in }) throws {
        try rules.refuseTerminalInput(paths, command: "\(command) --stream")
        let configuration = try rules.loadConfiguration()
        var run = try rules.lintRun(configuration: configuration)
        adjust(&run)
        let level = failOn?.level ?? configuration?.failOn ?? .severity(.error)
        let gate = Gate(failOn: level.severity, maxPer1000Words: configuration?.maxPer1000Words ?? [:])
        let runner = StreamRunner(processor: StreamProcessor(run: run, mode: mode, gate: gate), jobs: rules.jobs,
                                  maxRecordBytes: maxRecordBytes ?? StreamRunner.defaultMaxRecordBytes)
        let inputs: [StreamInput] = paths.isEmpty ? [.standardInput] : paths.map { $0 == "-" ? .standardInput : .file($0) }
        let summary: StreamRunner.Summary
        do {
            summary = try runner.run(inputs, write: { bytes throws(InputError) in try StandardStreams.write(bytes, to: STDOUT_FILENO) },
                                     report: Output.standardError)
        } catch {
            Output.standardError("mtlint: cannot write the records to standard output: \(error.reason)\n")
            throw ExitCode(2)
        }
        if summary.errors > 0 {
            Output.standardError("mtlint: \(summary.errors) of \(summary.records) line\(summary.records == 1 ? "" : "s") "
                + "could not be linted; see their error records\n")
        }
        let code = summary.exitCode
        if code != 0 { throw ExitCode(code) }
    }
}
