import Foundation
import MTLintKit

/// `fix --interactive`: shows each fixable finding in context on the terminal
/// and asks what to do with it.
struct InteractiveSession {
    private(set) var quit = false

    /// The file's bytes after the accepted (or edited) fixes.
    mutating func review(_ source: SourceText, path: String, fixer: Fixer, format: DocumentFormat,
                         articleSource: (text: SourceText, format: DocumentFormat)?, applied: inout [String: Int]) -> [UInt8] {
        let result = fixer.linter.lint(source, path: path, format: format, articleSource: articleSource)
        let report = LintReport(results: [result])
        var accepted: [Edit] = []
        for located in report.files[0].findings where fixer.applies(located.finding) {
            let finding = located.finding
            let edits = finding.fix!.edits
            if edits.contains(where: { edit in accepted.contains { $0.range.overlaps(edit.range) || $0.offset == edit.offset } }) { continue }
            Output.standardOutput("\n\(path):\(located.start.line):\(located.start.column): \(finding.message) [\(finding.rule)]\n")
            Output.standardOutput(TextReporter.excerpt(located, in: source, color: Output.colorOnStandardOutput))
            let after = String(decoding: EditApplier.apply(edits.map { Edit(offset: $0.offset - finding.start, length: $0.length, replacement: $0.replacement) },
                                                           to: Array(source.bytes[finding.range])), as: UTF8.self)
            Output.standardOutput("    fix (\(finding.fix!.safety.rawValue)): \"\(source.text(finding.range))\" → \"\(after)\"\n")
            switch ask("[a]ccept, [s]kip, [e]dit, [q]uit? ", choices: ["a", "s", "e", "q"]) {
            case "a":
                accepted += edits
                applied[finding.rule, default: 0] += 1
            case "e":
                guard let replacement = prompt("replacement for \"\(source.text(finding.range))\": ") else { quit = true; break }
                accepted.append(Edit(offset: finding.start, length: finding.end - finding.start, replacement: replacement))
                applied[finding.rule, default: 0] += 1
            case "q":
                quit = true
            default:
                break
            }
            if quit { break }
        }
        return EditApplier.apply(accepted, to: source.bytes)
    }

    private func ask(_ question: String, choices: Set<String>) -> String {
        while true {
            guard let answer = prompt(question) else { return "q" }  // end of input: stop asking
            let choice = answer.trimmingCharacters(in: .whitespaces).lowercased()
            if choices.contains(String(choice.prefix(1))) && !choice.isEmpty { return String(choice.prefix(1)) }
            Output.standardOutput("please answer a, s, e or q\n")
        }
    }

    private func prompt(_ text: String) -> String? {
        Output.standardOutput(text)
        return readLine(strippingNewline: true)
    }
}
