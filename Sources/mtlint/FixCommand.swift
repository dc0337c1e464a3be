import ArgumentParser
import Foundation
import MTLintKit

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Apply safe fixes in place (--unsafe adds heuristic ones; --diff only previews).",
        discussion: """
            Files are replaced atomically and keep their BOM, line endings, mode and owner; a symbolic link \
            stays a link and its target is fixed; a file with several hard links is refused. A file that \
            cannot be read or written is left untouched (exit 2), and so is an XLIFF or TMX file over 32 MiB, \
            which is linted in batches and never held whole. With "-" or no path, reads standard input \
            and writes the fixed text to standard output.
            Exit codes: 0 done and nothing at or above --fail-on remains; 1 findings at or above it remain \
            (with --diff: some file would change); 2 an input could not be read or written.
            """
    )

    @OptionGroup var rules: RuleOptions

    @OptionGroup var streaming: StreamOptions

    @Flag(name: .customLong("unsafe"), help: "Also apply heuristic (unsafe) fixes.")
    var unsafe = false

    @Flag(name: .customLong("diff"), help: "Print a unified diff of the fixes and change nothing.")
    var diff = false

    @Option(name: .customLong("rule"), help: "Apply only this rule's fixes (repeatable).")
    var onlyRules: [String] = []

    @Flag(name: .customLong("interactive"), help: "On a terminal, ask about each fix: accept, skip, edit or quit.")
    var interactive = false

    @Option(name: .customLong("fail-on"), help: "Lowest severity of a remaining finding that makes the exit code 1: error (default), warning, info or never.")
    var failOn: FailOn?

    @Argument(help: "Files or folders to fix; \"-\" or nothing reads standard input.")
    var paths: [String] = []

    func validate() throws {
        let known = Set(RuleRegistry.all.map(\.id))
        for id in onlyRules where !known.contains(id) { throw ValidationError("unknown rule '\(id)'; `mtlint rules` lists them") }
        if interactive && isatty(STDIN_FILENO) != 1 { throw ValidationError("--interactive needs a terminal on standard input") }
        if interactive && diff { throw ValidationError("--interactive and --diff cannot be combined") }
        try rules.validatePaths(paths)
        try streaming.refuse([(diff, "--diff"), (interactive, "--interactive")], rules: rules)
    }

    func run() throws {
        if streaming.stream {
            return try streaming.run(rules, paths: paths, mode: .fix(includeUnsafe: unsafe, onlyRules: Set(onlyRules)),
                                     failOn: failOn, command: "fix")
        }
        if !interactive { try rules.refuseTerminalInput(paths, command: "fix") }
        let configuration = try rules.loadConfiguration()
        var run = try rules.lintRun(configuration: configuration)
        run.namedPaths = paths
        let level = failOn?.level ?? configuration?.failOn ?? .severity(.error)
        var tally = Tally()
        var session = interactive ? InteractiveSession() : nil
        for input in run.inputs(paths, reportingSkipped: Output.standardError) {
            if session?.quit == true { break }
            // A file linted in batches is never held whole, and fixing rewrites the whole file.
            if case .file(let path) = input, run.batching.applies(to: path) {
                Output.standardError("mtlint: \(path): not fixed: XLIFF and TMX files over \(run.batching.threshold >> 20) MiB are "
                    + "linted in batches and never held whole; the file was left unchanged (split it to fix it)\n")
                tally.failed += 1
                continue
            }
            let path: String, source: SourceText
            switch read(input) {
            case .success(let read): (path, source) = read
            case .failure(let failure):
                Output.standardError("mtlint: \(failure.path): \(failure.error.description)\(failure.kept)\n")
                tally.failed += 1
                continue
            }
            let format: DocumentFormat = input == .standardInput ? .plain : .forPath(path)
            // With --source or a source root, the source-aware rules run while fixing too.
            let original: (text: SourceText, format: DocumentFormat)?
            switch run.articleSource(for: input) {
            case .success(let read): original = read
            case .failure(let error):
                Output.standardError("mtlint: \(path): \(error.description); the file was left unchanged\n")
                tally.failed += 1
                continue
            }
            let fixer = Fixer(linter: run.linter(for: path), includeUnsafe: unsafe, onlyRules: Set(onlyRules))
            var fixed = FileFix()
            if var current = session {
                fixed.bytes = current.review(source, path: path, fixer: fixer, format: format, articleSource: original, applied: &fixed.applied)
                session = current
                fixed.remaining = fixer.linter.lint(SourceText(String(decoding: fixed.bytes, as: UTF8.self)), path: path, format: format,
                                                    articleSource: original).findings
            } else {
                let outcome = fixer.fix(source, path: path, format: format, articleSource: original)
                // Read, but not linted: a translation file that does not parse.
                if let error = outcome.remaining.error {
                    Output.standardError("mtlint: \(path): \(error.description); the file was left unchanged\n")
                    tally.failed += 1
                    continue
                }
                for skipped in outcome.skippedOverlapping {
                    Output.standardError("mtlint: \(path): not fixed (overlaps another fix): \(skipped.message) [\(skipped.rule)]\n")
                }
                fixed = FileFix(bytes: outcome.bytes, applied: outcome.applied, remaining: outcome.remaining.findings)
            }
            fixed.changed = fixed.bytes != source.bytes
            if diff {
                Output.standardOutput(UnifiedDiff.render(old: source.string, new: String(decoding: fixed.bytes, as: UTF8.self), path: path),
                                      what: "the diff")
            } else if input == .standardInput {
                Output.standardOutput(bytes: fixed.bytes, what: "the fixed text")
            } else if fixed.changed {
                do { try AtomicWriter.write(fixed.bytes, to: path) } catch {
                    let count = fixed.applied.values.reduce(0, +)
                    Output.standardError("mtlint: \(path): \(error.description); its \(count) fix\(count == 1 ? " was" : "es were") not applied\n")
                    tally.failed += 1
                    continue
                }
            }
            tally.add(fixed, failingAt: level.severity)
        }
        Output.standardError(tally.summary(preview: diff, unsafe: unsafe))
        if tally.failed > 0 { throw ExitCode(2) }
        // Like `ruff format --check`: 1 tells CI that files would change (--diff) or that findings remain.
        if diff ? tally.changedFiles > 0 : tally.failing > 0 { throw ExitCode(1) }
    }

    struct ReadFailure: Error {
        var path: String
        var error: InputError
        /// What became of the input's bytes.
        var kept = ""
    }

    /// The input's text; standard input that is not UTF-8 is copied to standard output
    /// unchanged, so that a pipeline loses nothing.
    func read(_ input: InputCollector.Input) -> Result<(String, SourceText), ReadFailure> {
        guard input == .standardInput else {
            let (path, read) = LintRun.read(input)
            return read.map { (path, $0) }.mapError { ReadFailure(path: path, error: $0, kept: "; the file was left unchanged") }
        }
        switch StandardStreams.readInput() {
        case .failure(let error): return .failure(ReadFailure(path: "<stdin>", error: error))
        case .success(let bytes):
            do { return .success(("<stdin>", try SourceText(bytes: bytes))) } catch {
                if !diff { Output.standardOutput(bytes: bytes, what: "the unchanged input") }
                return .failure(ReadFailure(path: "<stdin>", error: error, kept: diff ? "" : "; it was copied to standard output unchanged"))
            }
        }
    }
}

/// One file's fixes: the fixed bytes, the fixes applied by rule, and what remains.
struct FileFix {
    var bytes: [UInt8] = []
    var applied: [String: Int] = [:]
    var remaining: [Finding] = []
    var changed = false
}

/// What a fix run did, for its summary line and exit code.
struct Tally {
    var applied: [String: Int] = [:]
    var changedFiles = 0
    var remaining = 0
    /// Remaining findings at or above the fail-on severity.
    var failing = 0
    /// Remaining findings that only `--unsafe` would fix.
    var unsafeLeft = 0
    /// Inputs that could not be read or written.
    var failed = 0

    mutating func add(_ file: FileFix, failingAt severity: Severity?) {
        file.applied.forEach { applied[$0.key, default: 0] += $0.value }
        if file.changed { changedFiles += 1 }
        let findings = file.remaining
        remaining += findings.count
        failing += severity.map { level in findings.filter { $0.severity >= level }.count } ?? 0
        unsafeLeft += findings.filter { $0.fix?.safety == .unsafe }.count
    }

    func summary(preview: Bool, unsafe: Bool) -> String {
        let total = applied.values.reduce(0, +)
        let perRule = applied.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        var text = "\(preview ? "would apply" : "applied") \(plural(total, "fix", "fixes"))\(perRule.isEmpty ? "" : " (\(perRule))")"
        text += " in \(plural(changedFiles, "file", "files")); \(plural(remaining, "finding", "findings")) remain"
        if failed > 0 { text += "; \(plural(failed, "input", "inputs")) could not be read or written (left unchanged)" }
        if unsafeLeft > 0 && !unsafe { text += "; \(plural(unsafeLeft, "finding has", "findings have")) an unsafe fix: add --unsafe to apply" }
        return text + "\n"
    }

    private func plural(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
}
