/// Suppression comments that name a rule or a directive mtlint does not have.
public struct InvalidSuppression: Rule {
    public init() {}

    static let keywords = ["mtlint-disable", "mtlint-enable", "mtlint-disable-next-line"]

    public let description = RuleDescription(
        id: "invalid-suppression",
        family: .meta,
        severity: .error,
        languages: [],
        summary: "An mtlint suppression comment that names an unknown rule or directive.",
        rationale: """
            A suppression comment with a misspelt rule id ("repeated-words") or directive ("mtlint-disabel") \
            silences nothing, so the finding it was meant to hide still fails the build, or worse, a \
            blanket comment stays in force where a narrow one was meant. As in `.mtlint.yml`, an unknown \
            name is an error rather than something to ignore. The message names the closest rule when there \
            is one; `mtlint rules` lists them all.
            """,
        fixSafety: nil,
        examples: [
            .triggers("⟦<!-- mtlint-disable-next-line repeated-words -->⟧\nThey met the the envoy.", lang: "en"),
            .triggers("⟦<!-- mtlint-disabel repeated-word -->⟧ They met the the envoy.", lang: "en"),
            .passes("<!-- mtlint-disable-next-line repeated-word, mojibake -->\nThey met the the envoy.", lang: "en"),
            .passes("<!-- an ordinary comment about mtlint-free text -->", lang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] { check(fileBytes: document.source.bytes) }

    /// The ids of every rule, made once (not for each file).
    private static let knownRules = Set(RuleRegistry.all.map(\.id))

    /// The findings on a file's own bytes: an HTML page's comments are not in the text its rules read.
    func check(fileBytes: [UInt8]) -> [Finding] {
        let known = Self.knownRules
        var findings: [Finding] = []
        for (comment, words) in Suppressions.comments(in: fileBytes) {
            guard let keyword = words.first, keyword.hasPrefix("mtlint-") else { continue }
            guard Self.keywords.contains(keyword) else {
                findings.append(finding(comment, "'\(keyword)' is not an mtlint directive (\(Self.keywords.joined(separator: ", "))); this comment suppresses nothing"))
                continue
            }
            let unknown = words.dropFirst().filter { !known.contains($0) }
            guard !unknown.isEmpty else { continue }
            let named = unknown.map { id in
                let near = known.min { editDistance($0, id) < editDistance($1, id) }
                return near.map { editDistance($0, id) <= 3 ? "'\(id)' (did you mean '\($0)'?)" : "'\(id)'" } ?? "'\(id)'"
            }
            findings.append(finding(comment, "unknown rule \(named.joined(separator: ", ")) in a suppression comment; `mtlint rules` lists the rules"))
        }
        return findings
    }
}
