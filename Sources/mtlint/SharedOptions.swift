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

    @Option(name: .customLong("source"), help: "The source article of the one file linted (txt or md), for the source-aware rules.")
    var sourceFile: String?

    @Option(name: .customLong("source-root"), help: "A folder of source articles: the source of a/b.md is DIR/a/b.md (paths relative to the current folder).")
    var sourceRoot: String?

    @Option(name: .customLong("config"), help: "Configuration file (default: the nearest .mtlint.yml in this folder or a parent).")
    var configPath: String?

    @Flag(name: .customLong("no-config"), help: "Do not look for .mtlint.yml files (a --config file is still read).")
    var noConfig = false

    @Option(name: .customLong("dictionary"), help: "An extra word-list folder or entity file (.tsv), added to the configuration's (repeatable).")
    var extraDictionaries: [String] = []

    @Option(name: .customLong("glossary"), help: "A glossary (TSV: source language, target language, term, required translations, forbidden variants) for the glossary rule (repeatable).")
    var glossaries: [String] = []

    @Option(name: .customLong("enable"), help: "Run only these rules (repeatable).")
    var enable: [String] = []

    @Option(name: .customLong("disable"), help: "Do not run this rule (repeatable).")
    var disable: [String] = []

    @Option(name: .customLong("severity"), help: "Re-grade a rule: RULE=error|warning|info (repeatable).")
    var severity: [String] = []

    // No default value here: ArgumentParser would print it beside the help's own words.
    @Option(name: .customLong("jobs"), help: "Files linted in parallel (default: the number of cores).")
    var jobsOption: Int?

    var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        for tag in [language, sourceLanguage].compactMap({ $0 }) where !LanguageDetector.isValidTag(tag) {
            // en_US is a POSIX locale name; BCP 47 writes it en-US.
            let dashed = tag.replacingOccurrences(of: "_", with: "-")
            let hint = dashed != tag && LanguageDetector.isValidTag(dashed) ? "; did you mean '\(dashed)'?" : " (e.g. en, fr, pt-BR, zh-Hant)"
            throw ValidationError("'\(tag)' is not a BCP 47 language tag\(hint)")
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
        if sourceFile != nil && sourceRoot != nil { throw ValidationError("give --source (one article) or --source-root (a folder), not both") }
        if let sourceRoot {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: sourceRoot, isDirectory: &isFolder), isFolder.boolValue else {
                throw ValidationError("--source-root '\(sourceRoot)' is not a folder")
            }
        }
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
    /// A first path that does not exist but reads like a mistyped command is a usage error;
    /// --source pairs with exactly one article.
    func validatePaths(_ paths: [String]) throws {
        if sourceFile != nil {
            var isFolder: ObjCBool = false
            guard paths.count == 1, paths[0] != "-", FileManager.default.fileExists(atPath: paths[0], isDirectory: &isFolder), !isFolder.boolValue else {
                throw ValidationError("--source pairs with one article file; for folders, use --source-root")
            }
        }
        guard let first = paths.first, !first.contains("/"), !first.contains("."),
              !FileManager.default.fileExists(atPath: first) else { return }
        let commands = MTLintCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
        if let near = commands.first(where: { editDistance($0, first) <= 2 }) {
            throw ValidationError("'\(first)' is neither a command nor a file; did you mean `mtlint \(near)`? "
                + "(to lint a file of that name, write ./\(first))")
        }
    }

    /// No path and a terminal on standard input: the user expects help, not a silent wait.
    func refuseTerminalInput(_ paths: [String], command: String) throws {
        guard paths.isEmpty, isatty(STDIN_FILENO) == 1 else { return }
        Output.standardError("mtlint \(command): no file given, and standard input is a terminal.\n"
            + "Give files or folders (mtlint \(command) article.md), pipe text in (mtlint \(command) - < article.txt), "
            + "or see mtlint --help.\n")
        throw ExitCode(2)
    }

    /// The configuration in force: --config, else the nearest .mtlint.yml (not looked for with --no-config,
    /// so that `--no-config --config FILE` reads FILE and nothing else).
    func loadConfiguration() throws -> Configuration? {
        guard let path = configPath ?? (noConfig ? nil : Configuration.discover(from: FileManager.default.currentDirectoryPath)) else {
            return nil
        }
        do { return try Configuration.load(path: path) } catch {
            Output.standardError("mtlint: \(error.description)\n")
            throw ExitCode(2)
        }
    }

    /// The run these options and the configuration describe; exit 2 when its word lists are unusable.
    func lintRun(configuration: Configuration?) throws -> LintRun {
        var options = lintOptions
        let extra = extraDictionaries.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        options.dictionaries = Dictionaries.shared.adding((configuration?.dictionaries ?? []) + extra)
            .adding(glossaryFiles: (configuration?.glossaries ?? []) + glossaries)
        let problems = options.dictionaries.problems
        guard problems.isEmpty else {
            problems.forEach { Output.standardError("mtlint: \($0)\n") }
            throw ExitCode(2)
        }
        var run = LintRun(configuration: configuration, commandLine: options, jobs: jobs)
        run.sourceFile = sourceFile
        run.sourceRoot = sourceRoot.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        return run
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
    /// Messages on standard error; when even that fails there is nowhere left to say so.
    static func standardError(_ text: String) {
        try? StandardStreams.write(text.utf8, to: STDERR_FILENO)
    }

    static func standardOutput(_ text: String, what: String = "the report") {
        standardOutput(bytes: Array(text.utf8), what: what)
    }

    /// Output that cannot be written ends the run with exit code 2 and the reason.
    static func standardOutput(bytes: [UInt8], what: String = "the report") {
        do { try StandardStreams.write(bytes, to: STDOUT_FILENO) } catch {
            standardError("mtlint: cannot write \(what) to standard output: \(error.reason)\n")
            exit(2)
        }
    }

    /// Colour only on a terminal, and never when NO_COLOR is set.
    static var colorOnStandardOutput: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}
