/// `--format sarif`: SARIF 2.1.0 with rule metadata, code-point columns and fixes.
public enum SARIFReporter {
    public static func render(_ report: LintReport, rules: [any Rule] = RuleRegistry.all) -> String {
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        var artifacts: [JSONValue] = []
        var results: [JSONValue] = []
        var notifications: [JSONValue] = []
        for file in report.files {
            let uri = JSONValue.string(uriReference(file.result.path))
            if let error = file.result.error {
                notifications.append(.object([
                    ("level", .string("error")),
                    ("message", .object([("text", .string("\(file.result.path): \(error.description)"))])),
                    ("locations", .array([.object([("physicalLocation", .object([("artifactLocation", .object([("uri", uri)]))]))])])),
                ]))
                continue
            }
            let artifactIndex = artifacts.count
            artifacts.append(.object([
                ("location", .object([("uri", uri)])),
                ("sourceLanguage", .string(file.result.language)),
            ]))
            let location = JSONValue.object([("uri", uri), ("index", .int(artifactIndex))])
            for located in file.findings {
                results.append(result(located, artifact: location, ruleIndex: ruleIndex[located.finding.rule]))
            }
        }
        let driver = JSONValue.object([
            ("name", .string("mtlint")),
            ("version", .string(report.toolVersion)),
            ("semanticVersion", .string(report.toolVersion)),
            ("rules", .array(rules.map(ruleMetadata))),
        ])
        let run = JSONValue.object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([.object([
                ("executionSuccessful", .bool(!report.hasInputErrors)),
                ("toolExecutionNotifications", .array(notifications)),
            ])])),
            ("columnKind", .string("unicodeCodePoints")),
            ("artifacts", .array(artifacts)),
            ("results", .array(results)),
        ])
        return JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ]).serialized(pretty: true) + "\n"
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    static func ruleMetadata(_ rule: any Rule) -> JSONValue {
        let description = rule.description
        return .object([
            ("id", .string(description.id)),
            ("name", .string(description.id)),
            ("shortDescription", .object([("text", .string(description.summary))])),
            ("fullDescription", .object([("text", .string(description.rationale))])),
            ("help", .object([("text", .string("\(description.summary)\n\n\(description.rationale)\n\nRun `mtlint explain \(description.id)` for examples."))])),
            ("defaultConfiguration", .object([("level", .string(level(description.severity)))])),
            ("properties", .object([
                ("tags", .array([.string(description.family.rawValue)])),
                ("languages", .array(description.languages.map { .string($0) })),
                ("fixSafety", description.fixSafety.map { .string($0.rawValue) } ?? .null),
            ])),
        ])
    }

    static func result(_ located: LocatedFinding, artifact: JSONValue, ruleIndex: Int?) -> JSONValue {
        let finding = located.finding
        var members: [(String, JSONValue)] = [("ruleId", .string(finding.rule))]
        if let ruleIndex { members.append(("ruleIndex", .int(ruleIndex))) }
        members += [
            ("level", .string(level(finding.severity))),
            ("message", .object([("text", .string(finding.message))])),
            ("locations", .array([.object([("physicalLocation", .object([
                ("artifactLocation", artifact),
                ("region", .object([
                    ("startLine", .int(located.start.line)),
                    ("startColumn", .int(located.start.column)),
                    ("endLine", .int(located.end.line)),
                    ("endColumn", .int(located.end.column)),
                    ("byteOffset", .int(finding.start)),
                    ("byteLength", .int(finding.end - finding.start)),
                ])),
            ]))])])),
        ]
        if let fix = finding.fix {
            let replacements: [JSONValue] = fix.edits.map { edit in
                .object([
                    ("deletedRegion", .object([("byteOffset", .int(edit.offset)), ("byteLength", .int(edit.length))])),
                    ("insertedContent", .object([("text", .string(edit.replacement))])),
                ])
            }
            let text = finding.suggestions.first.map { "Replace with \"\($0)\" (\(fix.safety.rawValue) fix)" } ?? "\(fix.safety.rawValue) fix"
            members.append(("fixes", .array([.object([
                ("description", .object([("text", .string(text))])),
                ("artifactChanges", .array([.object([
                    ("artifactLocation", artifact),
                    ("replacements", .array(replacements)),
                ])])),
            ])])))
        }
        members.append(("properties", .object([("family", .string(finding.family.rawValue))])))
        return .object(members)
    }

    /// A relative URI reference for a path: unreserved characters and "/" stay, the rest is %-encoded.
    static func uriReference(_ path: String) -> String {
        var output = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            let isUnreserved = (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                || "-._~/".unicodeScalars.contains(scalar)
            if isUnreserved && byte < 0x80 {
                output.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }
}
