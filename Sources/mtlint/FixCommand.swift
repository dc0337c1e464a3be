import ArgumentParser
import Foundation
import MTLintKit

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Apply safe fixes in place (--unsafe adds heuristic ones; --diff only previews).",
        discussion: """
            Files are replaced atomically and keep their BOM, line endings and permissions; a file that \
            cannot be written is left untouched (exit 2). With "-" or no path, reads standard input and \
            writes the fixed text to standard output.
            """
    )

    @OptionGroup var rules: RuleOptions

    @Flag(name: .customLong("unsafe"), help: "Also apply heuristic (unsafe) fixes.")
    var unsafe = false

    @Flag(name: .customLong("diff"), help: "Print a unified diff of the fixes and change nothing.")
    var diff = false

    @Option(name: .customLong("rule"), help: "Apply only this rule's fixes (repeatable).")
    var onlyRules: [String] = []

    @Flag(name: .customLong("interactive"), help: "On a terminal, ask about each fix: accept, skip, edit or quit.")
    var interactive = false

    @Argument(help: "Files or folders to fix; \"-\" or nothing reads standard input.")
    var paths: [String] = []

    func validate() throws {
        let known = Set(RuleRegistry.all.map(\.id))
        for id in onlyRules where !known.contains(id) { throw ValidationError("unknown rule '\(id)'; `mtlint rules` lists them") }
        if interactive && isatty(STDIN_FILENO) != 1 { throw ValidationError("--interactive needs a terminal on standard input") }
        if interactive && diff { throw ValidationError("--interactive and --diff cannot be combined") }
    }

    func run() throws {
        let run = rules.lintRun(configuration: try rules.loadConfiguration())
        var failed = false
        var applied: [String: Int] = [:]
        var remaining = 0
        var session = interactive ? InteractiveSession() : nil
        for input in run.inputs(paths) {
            if session?.quit == true { break }
            let (path, read) = LintRun.read(input)
            guard case .success(let source) = read else {
                if case .failure(let error) = read { Output.standardError("mtlint: \(path): \(error.description)\n") }
                failed = true
                continue
            }
            let format: DocumentFormat = input == .standardInput ? .plain : .forPath(path)
            let fixer = Fixer(linter: run.linter(for: path), includeUnsafe: unsafe, onlyRules: Set(onlyRules))
            let fixed: [UInt8]
            if var current = session {
                fixed = current.review(source, path: path, fixer: fixer, format: format, applied: &applied)
                session = current
                remaining += fixer.linter.lint(SourceText(String(decoding: fixed, as: UTF8.self)), path: path, format: format).findings.count
            } else {
                let outcome = fixer.fix(source, path: path, format: format)
                fixed = outcome.bytes
                outcome.applied.forEach { applied[$0.key, default: 0] += $0.value }
                remaining += outcome.remaining.findings.count
                for skipped in outcome.skippedOverlapping {
                    Output.standardError("mtlint: \(path): not fixed (overlaps another fix): \(skipped.message) [\(skipped.rule)]\n")
                }
            }
            if diff {
                Output.standardOutput(UnifiedDiff.render(old: source.string, new: String(decoding: fixed, as: UTF8.self), path: path))
            } else if input == .standardInput {
                FileHandle.standardOutput.write(Data(fixed))
            } else if fixed != source.bytes {
                do { try AtomicWriter.write(fixed, to: path) } catch {
                    Output.standardError("mtlint: \(path): \(error.description)\n")
                    failed = true
                }
            }
        }
        let total = applied.values.reduce(0, +)
        let perRule = applied.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        Output.standardError("\(diff ? "would apply" : "applied") \(total) fix\(total == 1 ? "" : "es")\(perRule.isEmpty ? "" : " (\(perRule))"); "
            + "\(remaining) finding\(remaining == 1 ? "" : "s") remain\(remaining == 1 ? "s" : "")\n")
        if failed { throw ExitCode(2) }
    }
}
