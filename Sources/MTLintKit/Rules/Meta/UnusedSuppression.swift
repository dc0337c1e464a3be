/// `<!-- mtlint-disable … -->` comments that suppress nothing (opt-in; `--report-unused-suppressions`).
public struct UnusedSuppression: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "unused-suppression",
        family: .meta,
        severity: .warning,
        languages: [],
        summary: "An mtlint-disable comment that suppresses no finding.",
        rationale: """
            A suppression comment is a promise that a finding there was checked and is acceptable. Once the text \
            is corrected, or a rule stops flagging it, the comment silences nothing, yet it stays in the article \
            and would hide a real artefact introduced there later. This rule lists such comments so that they can \
            be removed. It is off by default; `--report-unused-suppressions` or `--enable unused-suppression` \
            turns it on. A comment counts as used when it hides a finding of a rule that ran.
            """,
        fixSafety: nil,
        examples: [
            .triggers("⟦<!-- mtlint-disable-next-line repeated-word -->⟧\nThey met the envoy.", lang: "en"),
            .triggers("⟦<!-- mtlint-disable -->⟧ A clean sentence.", lang: "en"),
            .passes("<!-- mtlint-disable-next-line repeated-word -->\nThey met the the envoy.", lang: "en"),
            .passes("No comment at all.", lang: "en"),
        ],
        enabledByDefault: false
    )

    /// On its own, the rule measures the comments against the rules that run by default.
    public func check(_ document: Document) -> [Finding] {
        let suppressions = Suppressions(source: document.source.bytes)
        guard !suppressions.directives.isEmpty else { return [] }
        let defaultRules = RuleRegistry.all.filter { $0.description.enabledByDefault && $0.description.family != .meta }
        let findings = defaultRules.filter { $0.description.applies(to: document.language.code) }.flatMap { $0.check(document) }
        return suppressions.filter(findings).unused.map(finding(for:))
    }

    func finding(for directive: Suppressions.Directive) -> Finding {
        let names = directive.rules.map { $0.sorted().joined(separator: ", ") } ?? "every rule"
        return finding(directive.comment, "this mtlint-disable comment (\(names)) suppresses no finding; remove it")
    }
}
