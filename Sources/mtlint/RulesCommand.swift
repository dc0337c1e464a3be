import ArgumentParser
import MTLintKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules: id, family, default severity, languages, fix safety."
    )

    enum Format: String, ExpressibleByArgument { case text, json, md }

    @Option(name: .customLong("format"), help: "text (a table), json or md (the README's table).")
    var format: Format = .text

    func run() {
        switch format {
        case .text: Output.standardOutput(RuleDocs.table(RuleRegistry.all))
        case .json: Output.standardOutput(RuleDocs.json(RuleRegistry.all))
        case .md: Output.standardOutput(RuleDocs.markdown(RuleRegistry.all))
        }
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a rule: what it flags, why, examples, and how to silence it."
    )

    @Argument(help: "A rule id, as listed by `mtlint rules`.")
    var rule: String

    func validate() throws {
        guard RuleRegistry.rule(id: rule) != nil else {
            throw ValidationError("unknown rule '\(rule)'; known rules: \(RuleRegistry.all.map(\.id).joined(separator: ", "))")
        }
    }

    func run() {
        Output.standardOutput(RuleDocs.explain(RuleRegistry.rule(id: rule)!))
    }
}
