/// `--format json`: the report of DESIGN §4, field for field.
public enum JSONReporter {
    public static func render(_ report: LintReport) -> String {
        let files: [JSONValue] = report.files.map { file in
            var members: [(String, JSONValue)] = [
                ("path", .string(file.result.path)),
                ("language", .string(file.result.language)),
                ("words", .int(file.result.words)),
                ("findings", .array(file.findings.map { findingObject($0) })),
            ]
            if let error = file.result.error { members.append(("error", .string(error.description))) }
            // Translation files: the units left out (untranslated, fuzzy, needing review).
            if let units = file.result.units {
                members.append(("units", .object([("checked", .int(units.checked)), ("skipped", .int(units.skipped))])))
            }
            return .object(members)
        }
        let root = JSONValue.object([
            ("tool", .object([("name", .string("mtlint")), ("version", .string(report.toolVersion))])),
            ("files", .array(files)),
            ("summary", .object([
                ("files", .int(report.files.count)),
                ("findings", .int(report.findingCount)),
                ("error", .int(report.count(.error))),
                ("warning", .int(report.count(.warning))),
                ("info", .int(report.count(.info))),
            ])),
        ])
        return root.serialized(pretty: true) + "\n"
    }

    /// One finding as in DESIGN §4; `path` first when given (jsonl).
    public static func findingObject(_ located: LocatedFinding, path: String? = nil) -> JSONValue {
        let finding = located.finding
        var members: [(String, JSONValue)] = []
        if let path { members.append(("path", .string(path))) }
        members += [
            ("rule", .string(finding.rule)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("line", .int(located.start.line)),
            ("column", .int(located.start.column)),
            ("endLine", .int(located.end.line)),
            ("endColumn", .int(located.end.column)),
            ("offset", .int(finding.start)),
            ("length", .int(finding.end - finding.start)),
            ("suggestions", .array(finding.suggestions.map { .string($0) })),
        ]
        if let fix = finding.fix { members.append(("fix", fixObject(fix))) }
        return .object(members)
    }

    /// A finding's `fix`: `{"safety", "edits": [{"offset", "length", "replacement"}]}`.
    public static func fixObject(_ fix: Fix) -> JSONValue {
        .object([
            ("safety", .string(fix.safety.rawValue)),
            ("edits", .array(fix.edits.map { edit in
                .object([("offset", .int(edit.offset)), ("length", .int(edit.length)),
                         ("replacement", .string(edit.replacement))])
            })),
        ])
    }
}

/// `--format jsonl`: one finding object a line, each with its `path`.
public enum JSONLinesReporter {
    public static func render(_ report: LintReport) -> String {
        var output = ""
        for file in report.files {
            if let error = file.result.error {
                output += JSONValue.object([("path", .string(file.result.path)), ("error", .string(error.description))]).serialized() + "\n"
            }
            for located in file.findings {
                output += JSONReporter.findingObject(located, path: file.result.path).serialized() + "\n"
            }
        }
        return output
    }
}
