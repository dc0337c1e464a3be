/// `--format junit`: one test case per file, one failure per finding, so that
/// CI dashboards show translation findings beside test results.
public enum JUnitReporter {
    public static func render(_ report: LintReport) -> String {
        let failures = report.findingCount
        let errors = report.files.filter { $0.result.error != nil }.count
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        output += "<testsuites name=\"mtlint\" tests=\"\(report.files.count)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        output += "  <testsuite name=\"mtlint\" tests=\"\(report.files.count)\" failures=\"\(failures)\" errors=\"\(errors)\">\n"
        for file in report.files {
            let path = XML.escape(file.result.path)
            if let error = file.result.error {
                output += "    <testcase name=\"\(path)\" classname=\"mtlint\">\n"
                output += "      <error message=\"\(XML.escape(error.description))\"/>\n    </testcase>\n"
                continue
            }
            if file.findings.isEmpty {
                output += "    <testcase name=\"\(path)\" classname=\"mtlint\"/>\n"
                continue
            }
            output += "    <testcase name=\"\(path)\" classname=\"mtlint\">\n"
            for located in file.findings {
                let finding = located.finding
                let text = "\(file.result.path):\(located.start.line):\(located.start.column): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]"
                output += "      <failure type=\"\(XML.escape(finding.rule))\" message=\"\(XML.escape(finding.message))\">\(XML.escape(text))</failure>\n"
            }
            output += "    </testcase>\n"
        }
        output += "  </testsuite>\n</testsuites>\n"
        return output
    }
}

/// `--format checkstyle`: the Checkstyle XML that many code-review tools import.
public enum CheckstyleReporter {
    public static func render(_ report: LintReport) -> String {
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        for file in report.files {
            output += "  <file name=\"\(XML.escape(file.result.path))\">\n"
            if let error = file.result.error {
                output += "    <error severity=\"error\" message=\"\(XML.escape(error.description))\" source=\"mtlint.input\"/>\n"
            }
            for located in file.findings {
                let finding = located.finding
                output += "    <error line=\"\(located.start.line)\" column=\"\(located.start.column)\" severity=\"\(finding.severity.rawValue)\""
                    + " message=\"\(XML.escape(finding.message))\" source=\"mtlint.\(XML.escape(finding.rule))\"/>\n"
            }
            output += "  </file>\n"
        }
        return output + "</checkstyle>\n"
    }
}

enum XML {
    /// Escapes text for attributes and content; drops characters XML 1.0 cannot carry.
    /// `contentOnly`: for element content, where quotes and line breaks stand as they are
    /// (a fix written into a translation file changes no byte it need not).
    static func escape(_ text: String, contentOnly: Bool = false) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"" where !contentOnly: output += "&quot;"
            case "'" where !contentOnly: output += "&apos;"
            case "\n" where !contentOnly: output += "&#10;"
            case "\t" where !contentOnly, "\r" where !contentOnly: output += "&#\(scalar.value);"
            case "\n", "\t", "\r": output.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }
}
