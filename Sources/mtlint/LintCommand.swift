import ArgumentParser
import MTLintKit

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Lint files, folders (.txt and .md, recursively) or standard input (no path or \"-\")."
    )

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("format"), help: "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "Lowest severity that makes the exit code 1: error, warning, info or never.")
    var failOn: FailOn = .error

    @Argument(help: "Files or folders to lint; \"-\" or nothing reads standard input.")
    var paths: [String] = []

    func run() throws {
        let linter = Linter(options: rules.lintOptions)
        let results = linter.lint(InputCollector.collect(paths), jobs: rules.jobs)
        let report = LintReport(results: results)
        switch format {
        case .text: Output.standardOutput(TextReporter.render(report, color: Output.colorOnStandardOutput))
        case .json: Output.standardOutput(JSONReporter.render(report))
        case .jsonl: Output.standardOutput(JSONLinesReporter.render(report))
        case .sarif: Output.standardOutput(SARIFReporter.render(report))
        case .github: Output.standardOutput(GitHubReporter.render(report))
        }
        // Input errors also go to stderr, so they are seen whatever the format.
        if format != .text {
            for file in report.files {
                if let error = file.result.error { Output.standardError("mtlint: \(file.result.path): \(error.description)\n") }
            }
        }
        let code = report.exitCode(failOn: failOn.severity)
        if code != 0 { throw ExitCode(code) }
    }
}
