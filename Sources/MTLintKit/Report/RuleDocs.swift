/// Human-readable documentation generated from rule descriptions: the
/// `mtlint rules` table, its Markdown form for the README, and `mtlint explain`.
public enum RuleDocs {
    static func languages(_ description: RuleDescription) -> String {
        description.languages.isEmpty ? "all" : description.languages.joined(separator: ",")
    }

    /// The default severity, marked when the rule is opt-in.
    static func severity(_ description: RuleDescription) -> String {
        description.enabledByDefault ? description.severity.rawValue : "\(description.severity.rawValue) (opt-in)"
    }

    static func fix(_ description: RuleDescription) -> String {
        description.fixSafety?.rawValue ?? "none"
    }

    public static func table(_ rules: [any Rule]) -> String {
        let rows = [["RULE", "FAMILY", "SEVERITY", "LANGUAGES", "FIX", "SUMMARY"]] + rules.map { rule in
            let d = rule.description
            return [d.id, d.family.rawValue, severity(d), languages(d), fix(d), d.summary]
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<5).map { row[$0].padding(to: widths[$0]) }.joined(separator: "  ") + "  " + row[5]
        }.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ rules: [any Rule]) -> String {
        var output = "| rule | family | severity | languages | fix | what it flags |\n|---|---|---|---|---|---|\n"
        for rule in rules {
            let d = rule.description
            output += "| `\(d.id)` | \(d.family.rawValue) | \(severity(d)) | \(languages(d)) | \(fix(d)) | \(d.summary.replacingAll("|", "\\|")) |\n"
        }
        return output
    }

    public static func json(_ rules: [any Rule]) -> String {
        JSONValue.array(rules.map { rule in
            let d = rule.description
            return .object([
                ("id", .string(d.id)),
                ("family", .string(d.family.rawValue)),
                ("severity", .string(d.severity.rawValue)),
                ("enabledByDefault", .bool(d.enabledByDefault)),
                ("languages", .array(d.languages.map { .string($0) })),
                ("fix", d.fixSafety.map { .string($0.rawValue) } ?? .null),
                ("summary", .string(d.summary)),
                ("rationale", .string(d.rationale)),
            ])
        }).serialized(pretty: true) + "\n"
    }

    public static func explain(_ rule: any Rule) -> String {
        let d = rule.description
        var output = "\(d.id) (\(d.family.rawValue), default severity \(d.severity.rawValue))\n\n"
        output += "\(d.summary)\n\n\(d.rationale)\n\n"
        if !d.enabledByDefault {
            output += "Opt-in: it runs only with `--enable \(d.id)` or a severity in .mtlint.yml (`rules: {\(d.id): warning}`).\n\n"
        }
        if d.judgesWholeDocument {
            output += "Judges the document as a whole: in an XLIFF or TMX file over \(Batching.standard.threshold >> 20) MiB, "
                + "which is linted in batches of units, it judges a batch at a time.\n\n"
        }
        output += "Languages: \(languages(d)).  Fix: \(d.fixSafety.map { "\($0.rawValue) (\($0 == .safe ? "applied by `mtlint fix`" : "applied by `mtlint fix --unsafe`"))" } ?? "none, the finding needs an editor").\n\n"
        output += "Flagged (the flagged part in ⟦ ⟧):\n"
        for example in d.examples where example.isTriggering {
            output += "  [\(example.language)] \(oneLine(example.markedText))\n"
            if let fixed = example.fixed { output += "        fixed: \(oneLine(fixed))\n" }
        }
        output += "\nNot flagged:\n"
        for example in d.examples where !example.isTriggering {
            output += "  [\(example.language)] \(oneLine(example.markedText))\n"
        }
        output += """

            To silence it: `--disable \(d.id)` for a run, `--severity \(d.id)=info` to keep it \
            below the fail-on level, or `rules: {\(d.id): off}` in .mtlint.yml.

            """
        return output
    }

    private static func oneLine(_ text: String) -> String { text.replacingAll("\n", "⏎") }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
