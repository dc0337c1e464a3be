import ArgumentParser
import Foundation
import MTLintKit

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint files, folders (.txt and .md, recursively) or standard input (no path or \"-\")."
    )

    @OptionGroup var rules: RuleOptions

    @OptionGroup var streaming: StreamOptions

    @Option(name: .customLong("format"), help: "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1: error (default), warning, info or never.")
    var failOn: FailOn?

    @Option(name: .customLong("baseline"), help: "Fail only on findings that this baseline file does not record.")
    var baselinePath: String?

    @Option(name: .customLong("write-baseline"), help: "Record the current findings in this file and exit 0.")
    var writeBaselinePath: String?

    @Flag(name: .customLong("force"), help: "Let --write-baseline replace a file that is not an mtlint baseline.")
    var force = false

    @Flag(name: .customLong("report-unused-suppressions"), help: "Report mtlint-disable comments that suppress nothing.")
    var reportUnusedSuppressions = false

    @Flag(name: .customLong("quiet"), help: "Show only findings at or above the fail-on level, without the summary line.")
    var quiet = false

    @Flag(name: .customLong("statistics"), help: "Print the number of findings per rule (on stderr for machine formats).")
    var statistics = false

    @Argument(help: "Files or folders to lint; \"-\" or nothing reads standard input.")
    var paths: [String] = []

    func validate() throws {
        try rules.validatePaths(paths)
        if force && writeBaselinePath == nil { throw ValidationError("--force only applies to --write-baseline") }
        try streaming.refuse([(format != .text, "--format"), (baselinePath != nil, "--baseline"),
                              (writeBaselinePath != nil, "--write-baseline"), (quiet, "--quiet"), (statistics, "--statistics")],
                             rules: rules)
    }

    func run() throws {
        if streaming.stream {
            let unused = reportUnusedSuppressions
            return try streaming.run(rules, paths: paths, mode: .lint, failOn: failOn, command: "lint") { run in
                run.commandLine.reportUnusedSuppressions = unused
            }
        }
        try rules.refuseTerminalInput(paths, command: "lint")
        let configuration = try rules.loadConfiguration()
        var run = try rules.lintRun(configuration: configuration)
        run.namedPaths = paths
        run.commandLine.reportUnusedSuppressions = reportUnusedSuppressions
        if let writeBaselinePath { try checkBaselineTarget(writeBaselinePath) }
        let progress = ProgressLine()
        var report = LintReport(results: run.lint(run.inputs(paths, reportingSkipped: Output.standardError), progress: progress.update))
        progress.finish()

        if let writeBaselinePath {
            let baseline = Baseline(report: report, folder: Baseline.folder(of: writeBaselinePath))
            do { try AtomicWriter.write(Array(baseline.serialized().utf8), to: writeBaselinePath, creating: true) } catch {
                Output.standardError("mtlint: \(writeBaselinePath): \(error.description)\n")
                throw ExitCode(2)
            }
            Output.standardError("mtlint: wrote \(report.findingCount) finding\(report.findingCount == 1 ? "" : "s") to the baseline \(writeBaselinePath)\n")
            reportInputErrors(report)
            if report.hasInputErrors { throw ExitCode(2) }
            return
        }
        if let baselinePath {
            do { report = try Baseline.load(path: baselinePath).filter(report) } catch {
                Output.standardError("mtlint: \(error.description)\n")
                throw ExitCode(2)
            }
        }

        let level = failOn?.level ?? configuration?.failOn ?? .severity(.error)
        let gate = Gate(failOn: level.severity, maxPer1000Words: configuration?.maxPer1000Words ?? [:])
        let shown = quiet ? report.keeping { finding in level.severity.map { finding.severity >= $0 } ?? false } : report
        Output.standardOutput(render(shown))
        if statistics {
            let table = StatisticsReporter.render(report)
            format == .text ? Output.standardOutput(table) : Output.standardError(table)
        }
        if format != .text { reportInputErrors(report) }
        for violation in gate.thresholdViolations(report) { Output.standardError("mtlint: over the threshold: \(violation)\n") }
        let code = gate.exitCode(report)
        if code != 0 { throw ExitCode(code) }
    }

    /// --write-baseline replaces only an earlier baseline, unless --force.
    func checkBaselineTarget(_ path: String) throws {
        guard !force, FileManager.default.fileExists(atPath: path), (try? Baseline.load(path: path)) == nil else { return }
        Output.standardError("mtlint: \(path): not an mtlint baseline, so --write-baseline leaves it alone; "
            + "give --force to replace it\n")
        throw ExitCode(2)
    }

    func render(_ report: LintReport) -> String {
        switch format {
        case .text:
            let text = TextReporter.render(report, color: Output.colorOnStandardOutput)
            // --quiet drops the summary line (the last line).
            return quiet ? String(text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).map { $0 + "\n" }.joined()) : text
        case .json: return JSONReporter.render(report)
        case .jsonl: return JSONLinesReporter.render(report)
        case .sarif: return SARIFReporter.render(report)
        case .github: return GitHubReporter.render(report)
        case .junit: return JUnitReporter.render(report)
        case .checkstyle: return CheckstyleReporter.render(report)
        }
    }

    /// Input errors also go to stderr, so they are seen whatever the format.
    func reportInputErrors(_ report: LintReport) {
        for file in report.files {
            if let error = file.result.error { Output.standardError("mtlint: \(file.result.path): \(error.description)\n") }
        }
    }
}
