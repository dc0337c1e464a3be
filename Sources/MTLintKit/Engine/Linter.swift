import Foundation

/// The result for one input: its findings, or why it could not be read.
public struct FileResult: Sendable {
    public var path: String
    public var language: String
    public var words: Int
    public var findings: [Finding]
    /// Set when the input could not be read or decoded (exit code 2).
    public var error: InputError?
    /// The text, kept for reporters that show the source line.
    public var source: SourceText?

    public static func failed(_ path: String, _ error: InputError) -> FileResult {
        FileResult(path: path, language: "", words: 0, findings: [], error: error, source: nil)
    }
}

/// Runs the enabled rules over documents.
public struct Linter: Sendable {
    public let rules: [any Rule]
    public let options: LintOptions

    public init(options: LintOptions = LintOptions(), rules: [any Rule] = RuleRegistry.all) {
        self.options = options
        self.rules = rules.filter { options.isEnabled($0.id, byDefault: $0.description.enabledByDefault) }
    }

    /// Lints text already in memory; `path` only names it in the report.
    public func lint(_ source: SourceText, path: String, format: DocumentFormat? = nil) -> FileResult {
        let languageTag = options.language ?? LanguageDetector.detect(source.bytes)
        let profile = LanguageProfile.forTag(languageTag)
        do {
            let document = try Document(source: source, format: format ?? .forPath(path), language: profile,
                                        dictionaries: options.dictionaries)
            return FileResult(path: path, language: languageTag, words: document.wordCount,
                              findings: findings(in: document), error: nil, source: source)
        } catch {
            return .failed(path, .unreadable(reason: "\(error)"))
        }
    }

    /// Reads and lints a file; unreadable or undecodable input becomes a failed result.
    public func lintFile(at path: String) -> FileResult {
        switch InputReader.read(path: path) {
        case .success(let source): return lint(source, path: path)
        case .failure(let error): return .failed(path, error)
        }
    }

    public func findings(in document: Document) -> [Finding] {
        var all: [Finding] = []
        // unused-suppression is measured against this run's own findings, below.
        for rule in rules where rule.description.applies(to: document.language.code) && !(rule is UnusedSuppression) {
            for var finding in rule.check(document) {
                if let severity = options.severities[finding.rule] { finding.severity = severity }
                all.append(finding)
            }
        }
        let suppressions = Suppressions(source: document.source.bytes)
        var (kept, unused) = suppressions.filter(all)
        if options.reportUnusedSuppressions || rules.contains(where: { $0 is UnusedSuppression }) {
            let rule = UnusedSuppression()
            kept += unused.map { directive in
                var finding = rule.finding(for: directive)
                if let severity = options.severities[finding.rule] { finding.severity = severity }
                return finding
            }
        }
        kept.sort { ($0.start, $0.end, $0.rule) < ($1.start, $1.end, $1.rule) }
        return kept
    }
}
