import ArgumentParser
import MTLintKit

struct MTLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mtlint",
        abstract: "Find, explain and fix machine-translation artefacts in translated articles.",
        discussion: """
            Exit codes: 0 nothing at or above the --fail-on severity; 1 findings at or above it; \
            2 usage errors or inputs that could not be read or decoded.
            Examples:
              mtlint article.md                      lint a file (language detected)
              mtlint --lang fr articles/             lint a folder of .txt/.md files as French
              mtlint --format json - < article.txt   lint standard input, JSON report
              mtlint explain repeated-word           what a rule flags and why
            """,
        version: MTLint.version,
        subcommands: [LintCommand.self, FixCommand.self, RulesCommand.self, ExplainCommand.self, EvalCommand.self, AlignCommand.self,
                      ServeCommand.self],
        defaultSubcommand: LintCommand.self
    )
}
