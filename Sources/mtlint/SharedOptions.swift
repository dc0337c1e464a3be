import ArgumentParser
import Foundation
import MTLintKit

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, sarif, github
}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never
    var severity: Severity? { Severity(rawValue: rawValue) }
}

/// Options every linting command shares: language and rule selection.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Target language (BCP 47, e.g. en, fr, pt-BR); detected per file when absent.")
    var language: String?

    @Option(name: .customLong("enable"), help: "Run only these rules (repeatable).")
    var enable: [String] = []

    @Option(name: .customLong("disable"), help: "Do not run this rule (repeatable).")
    var disable: [String] = []

    @Option(name: .customLong("severity"), help: "Re-grade a rule: RULE=error|warning|info (repeatable).")
    var severity: [String] = []

    @Option(name: .customLong("jobs"), help: "Files linted in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let language, !LanguageDetector.isValidTag(language) {
            throw ValidationError("'\(language)' is not a BCP 47 language tag (e.g. en, fr, pt-BR, zh-Hant)")
        }
        let known = Set(RuleRegistry.all.map(\.id))
        for id in enable + disable + severity.map({ String($0.split(separator: "=").first ?? "") }) where !known.contains(id) {
            throw ValidationError("unknown rule '\(id)'; `mtlint rules` lists them")
        }
        for item in severity {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, Severity(rawValue: String(parts[1])) != nil else {
                throw ValidationError("--severity takes RULE=LEVEL with LEVEL one of error, warning, info; got '\(item)'")
            }
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var lintOptions: LintOptions {
        var options = LintOptions(language: language)
        options.onlyEnabled = Set(enable)
        options.disabled = Set(disable)
        for item in severity {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            options.severities[parts[0]] = Severity(rawValue: parts[1])
        }
        return options
    }
}

enum Output {
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Colour only on a terminal, and never when NO_COLOR is set.
    static var colorOnStandardOutput: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
