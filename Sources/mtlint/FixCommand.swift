import ArgumentParser
import MTLintKit

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Apply safe fixes in place (--unsafe adds heuristic ones; --diff only previews).",
        discussion: "With \"-\" or no path, reads standard input and writes the fixed text to standard output."
    )

    @OptionGroup var rules: RuleOptions

    @Flag(name: .customLong("unsafe"), help: "Also apply heuristic (unsafe) fixes.")
    var unsafe = false

    @Flag(name: .customLong("diff"), help: "Print a unified diff of the fixes and change nothing.")
    var diff = false

    @Argument(help: "Files or folders to fix; \"-\" or nothing reads standard input.")
    var paths: [String] = []

    func run() throws {
        let fixer = Fixer(linter: Linter(options: rules.lintOptions), includeUnsafe: unsafe)
        var failed = false
        var applied: [String: Int] = [:]
        var remaining = 0
        for input in InputCollector.collect(paths) {
            let path: String
            let read: Result<SourceText, InputError>
            switch input {
            case .standardInput: path = "<stdin>"; read = InputReader.readStandardInput()
            case .file(let file): path = file; read = InputReader.read(path: file)
            case .missing(let file, let reason): path = file; read = .failure(.unreadable(reason: reason))
            }
            guard case .success(let source) = read else {
                if case .failure(let error) = read { Output.standardError("mtlint: \(path): \(error.description)\n") }
                failed = true
                continue
            }
            let outcome = fixer.fix(source, path: path, format: input == .standardInput ? .plain : nil)
            outcome.applied.forEach { applied[$0.key, default: 0] += $0.value }
            remaining += outcome.remaining.findings.count
            for skipped in outcome.skippedOverlapping {
                Output.standardError("mtlint: \(path): not fixed (overlaps another fix): \(skipped.message) [\(skipped.rule)]\n")
            }
            if diff {
                Output.standardOutput(UnifiedDiff.render(old: source.string, new: String(decoding: outcome.bytes, as: UTF8.self), path: path))
            } else if input == .standardInput {
                Output.standardOutput(String(decoding: outcome.bytes, as: UTF8.self))
            } else if outcome.changed {
                do { try AtomicWriter.write(outcome.bytes, to: path) } catch {
                    Output.standardError("mtlint: \(path): \(error.description)\n")
                    failed = true
                }
            }
        }
        let total = applied.values.reduce(0, +)
        let perRule = applied.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        Output.standardError("\(diff ? "would apply" : "applied") \(total) fix\(total == 1 ? "" : "es")\(perRule.isEmpty ? "" : " (\(perRule))"); \(remaining) finding\(remaining == 1 ? "" : "s") remain\(remaining == 1 ? "s" : "")\n")
        if failed { throw ExitCode(2) }
    }
}
