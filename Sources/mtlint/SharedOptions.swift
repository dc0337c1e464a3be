import ArgumentParser
import Foundation
import MTLintKit
import Synchronization

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, sarif, github, junit, checkstyle
}

enum FailOn: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never
    var level: Configuration.FailLevel { self == .never ? .never : .severity(Severity(rawValue: rawValue)!) }
}

/// Options every linting command shares: language and rule selection.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("lang"), help: "Target language (BCP 47, e.g. en, fr, pt-BR); else the configuration's; else detected per file.")
    var language: String?

    @Option(name: .customLong("source-lang"), help: "Source language (BCP 47) of the translation.")
    var sourceLanguage: String?

    @Option(name: .customLong("config"), help: "Configuration file (default: the nearest .mtlint.yml in this folder or a parent).")
    var configPath: String?

    @Flag(name: .customLong("no-config"), help: "Ignore .mtlint.yml files.")
    var noConfig = false

    @Option(name: .customLong("dictionary"), help: "An extra word-list folder or entity file (.tsv), added to the configuration's (repeatable).")
    var extraDictionaries: [String] = []

    @Option(name: .customLong("enable"), help: "Run only these rules (repeatable).")
    var enable: [String] = []

    @Option(name: .customLong("disable"), help: "Do not run this rule (repeatable).")
    var disable: [String] = []

    @Option(name: .customLong("severity"), help: "Re-grade a rule: RULE=error|warning|info (repeatable).")
    var severity: [String] = []

    @Option(name: .customLong("jobs"), help: "Files linted in parallel (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        for tag in [language, sourceLanguage].compactMap({ $0 }) where !LanguageDetector.isValidTag(tag) {
            throw ValidationError("'\(tag)' is not a BCP 47 language tag (e.g. en, fr, pt-BR, zh-Hant)")
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
        for path in extraDictionaries where !FileManager.default.isReadableFile(atPath: path) {
            throw ValidationError("--dictionary '\(path)' does not exist or cannot be read")
        }
    }

    var lintOptions: LintOptions {
        var options = LintOptions(language: language)
        options.sourceLanguage = sourceLanguage
        options.onlyEnabled = Set(enable)
        options.disabled = Set(disable)
        for item in severity {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            options.severities[parts[0]] = Severity(rawValue: parts[1])
        }
        return options
    }
}

extension RuleOptions {
    /// The configuration in force: --config, else the nearest .mtlint.yml (none with --no-config).
    func loadConfiguration() throws -> Configuration? {
        guard !noConfig else { return nil }
        guard let path = configPath ?? Configuration.discover(from: FileManager.default.currentDirectoryPath) else { return nil }
        do { return try Configuration.load(path: path) } catch {
            Output.standardError("mtlint: \(error.description)\n")
            throw ExitCode(2)
        }
    }

    /// The run these options and the configuration describe.
    func lintRun(configuration: Configuration?) -> LintRun {
        var options = lintOptions
        let extra = extraDictionaries.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        options.dictionaries = Dictionaries.shared.adding((configuration?.dictionaries ?? []) + extra)
        return LintRun(configuration: configuration, commandLine: options, jobs: jobs)
    }
}

/// "mtlint: 120/200 files" on stderr, only on a terminal and once the run has taken a second.
final class ProgressLine: Sendable {
    private let start = DispatchTime.now().uptimeNanoseconds
    private let lastPrinted = Mutex<UInt64>(0)
    let enabled = isatty(STDERR_FILENO) == 1

    func update(_ done: Int, _ total: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - start > 1_000_000_000 else { return }
        lastPrinted.withLock { last in
            guard now - last > 100_000_000 || done == total else { return }
            last = now
            Output.standardError("\rmtlint: \(done)/\(total) files")
        }
    }

    func finish() {
        if enabled && lastPrinted.withLock({ $0 }) > 0 { Output.standardError("\r\u{1B}[K") }
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
