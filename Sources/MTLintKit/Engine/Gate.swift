/// The pass/fail decision for a pipeline: exit 2 for unreadable input, exit 1
/// for a finding at or above the fail-on level or a file over a density threshold.
public struct Gate: Sendable {
    public var failOn: Severity?
    /// Most findings allowed per 1,000 words, per severity, in each file.
    public var maxPer1000Words: [Severity: Double] = [:]

    public init(failOn: Severity?, maxPer1000Words: [Severity: Double] = [:]) {
        self.failOn = failOn
        self.maxPer1000Words = maxPer1000Words
    }

    /// Files over a threshold, with a sentence saying by how much.
    public func thresholdViolations(_ report: LintReport) -> [String] {
        var violations: [String] = []
        for file in report.files where file.result.error == nil {
            for severity in Severity.allCases.reversed() {
                guard let limit = maxPer1000Words[severity] else { continue }
                let count = file.findings.filter { $0.finding.severity == severity }.count
                let rate = file.result.words == 0 ? (count > 0 ? Double.infinity : 0) : Double(count) * 1000 / Double(file.result.words)
                if rate > limit {
                    violations.append("\(file.result.path): \(count) \(severity.rawValue)\(count == 1 ? "" : "s") in \(file.result.words) words "
                        + "(\(rate.isFinite ? formatRate(rate) : "∞") per 1,000 words; the limit is \(formatRate(limit)))")
                }
            }
        }
        return violations
    }

    public func exitCode(_ report: LintReport) -> Int32 {
        let code = report.exitCode(failOn: failOn)
        if code != 0 { return code }
        return thresholdViolations(report).isEmpty ? 0 : 1
    }
}
