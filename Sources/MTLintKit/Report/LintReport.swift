/// A finding with its line and column, ready for any report format.
public struct LocatedFinding: Sendable {
    public var finding: Finding
    public var start: TextPosition
    /// Exclusive end.
    public var end: TextPosition
}

/// The results of one run, in a stable order (the order the paths were given,
/// directories expanded in sorted order), with positions resolved.
public struct LintReport: Sendable {
    public struct File: Sendable {
        public var result: FileResult
        public var findings: [LocatedFinding]
    }

    public var files: [File]
    public var toolVersion: String

    public init(results: [FileResult], toolVersion: String = MTLint.version) {
        self.toolVersion = toolVersion
        files = results.map { result in
            if let disk = result.sourceOnDisk {
                return File(result: result, findings: result.findings.map { finding in
                    LocatedFinding(finding: finding, start: disk.position(of: finding.start), end: disk.position(of: finding.end))
                })
            }
            guard let source = result.source else { return File(result: result, findings: []) }
            let offsets = result.findings.flatMap { [$0.start, $0.end] }
            let positions = PositionResolver.positions(of: offsets, in: source.bytes, bomLength: source.bomLength)
            let located = result.findings.enumerated().map { index, finding in
                LocatedFinding(finding: finding, start: positions[2 * index], end: positions[2 * index + 1])
            }
            return File(result: result, findings: located)
        }
    }

    /// The same report with only the findings that pass `include`.
    public func keeping(_ include: (Finding) -> Bool) -> LintReport {
        var copy = self
        for index in copy.files.indices {
            copy.files[index].findings = copy.files[index].findings.filter { include($0.finding) }
            copy.files[index].result.findings = copy.files[index].findings.map(\.finding)
        }
        return copy
    }

    public var findingCount: Int { files.reduce(0) { $0 + $1.findings.count } }

    public func count(_ severity: Severity) -> Int {
        files.reduce(0) { $0 + $1.findings.filter { $0.finding.severity == severity }.count }
    }

    public var hasInputErrors: Bool { files.contains { $0.result.error != nil } }

    /// 2 when an input could not be read; 1 when a finding reaches `failOn`; else 0.
    public func exitCode(failOn: Severity?) -> Int32 {
        if hasInputErrors { return 2 }
        guard let failOn else { return 0 }
        let failing = files.contains { $0.findings.contains { $0.finding.severity >= failOn } }
        return failing ? 1 : 0
    }
}

public enum MTLint {
    public static let version = "0.1.0"
}
