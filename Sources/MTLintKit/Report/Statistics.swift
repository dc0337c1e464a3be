/// `--statistics`: findings per rule, most frequent first, for dashboards.
public enum StatisticsReporter {
    public static func render(_ report: LintReport) -> String {
        var counts: [String: (Int, Severity)] = [:]
        for file in report.files {
            for located in file.findings {
                let finding = located.finding
                counts[finding.rule] = ((counts[finding.rule]?.0 ?? 0) + 1, finding.severity)
            }
        }
        let rows = counts.sorted { ($1.value.0, $0.key) < ($0.value.0, $1.key) }
        let width = rows.map { String($0.value.0).count }.max() ?? 1
        var output = rows.map { "\(String($0.value.0).leftPadded(to: width))  \($0.value.1.rawValue.padding(to: 7))  \($0.key)" }.joined(separator: "\n")
        if !output.isEmpty { output += "\n" }
        return output + "\(report.findingCount) finding\(report.findingCount == 1 ? "" : "s") in \(report.files.count) file\(report.files.count == 1 ? "" : "s")\n"
    }
}
