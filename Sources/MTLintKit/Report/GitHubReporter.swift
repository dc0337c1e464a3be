/// `--format github`: GitHub Actions workflow commands, one annotation a finding.
public enum GitHubReporter {
    public static func render(_ report: LintReport) -> String {
        var output = ""
        for file in report.files {
            let path = property(file.result.path)
            if let error = file.result.error {
                output += "::error file=\(path),title=mtlint::\(data(error.description))\n"
            }
            for located in file.findings {
                let finding = located.finding
                let level = finding.severity == .info ? "notice" : finding.severity.rawValue
                var message = finding.message
                if let suggestion = finding.suggestions.first { message += " (suggestion: \(suggestion))" }
                output += "::\(level) file=\(path),line=\(located.start.line),col=\(located.start.column),"
                    + "endLine=\(located.end.line),endColumn=\(located.end.column),title=\(property(finding.rule))::\(data(message))\n"
            }
        }
        return output
    }

    /// Escaping of the message part of a workflow command.
    static func data(_ text: String) -> String {
        text.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
    }

    /// Escaping of a property value (also ':' and ',').
    static func property(_ text: String) -> String {
        data(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
    }
}

extension String {
    /// Replaces every occurrence of `target` (plain text, no patterns).
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
