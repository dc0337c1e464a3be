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
        for rule in rules where rule.description.applies(to: document.language.code) {
            for var finding in rule.check(document) {
                if let severity = options.severities[finding.rule] { finding.severity = severity }
                all.append(finding)
            }
        }
        let suppressions = Suppressions(source: document.source.bytes)
        var (kept, unused) = suppressions.filter(all)
        if options.reportUnusedSuppressions {
            kept += unused.map { directive in
                let names = directive.rules.map { $0.sorted().joined(separator: ", ") } ?? "every rule"
                return Finding(rule: "unused-suppression", family: .meta, severity: .warning,
                               message: "this mtlint-disable comment (\(names)) suppresses no finding; remove it",
                               start: directive.comment.lowerBound, end: directive.comment.upperBound, suggestions: [], fix: nil)
            }
        }
        kept.sort { ($0.start, $0.end, $0.rule) < ($1.start, $1.end, $1.rule) }
        return kept
    }
}

/// Reads inputs as bytes and checks them (UTF-8, not binary).
public enum InputReader {
    public static func read(path: String) -> Result<SourceText, InputError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(.unreadable(reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(.unreadable(reason: "is a directory")) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(.unreadable(reason: "permission denied"))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.readToEnd() ?? Data()
            return decode([UInt8](data))
        } catch {
            return .failure(.unreadable(reason: error.localizedDescription))
        }
    }

    public static func readStandardInput() -> Result<SourceText, InputError> {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return decode([UInt8](data))
    }

    static func decode(_ bytes: [UInt8]) -> Result<SourceText, InputError> {
        // ICU break iterators index text with 32-bit offsets.
        guard bytes.count < Int(Int32.max) else { return .failure(.tooLarge(bytes: bytes.count)) }
        do { return .success(try SourceText(bytes: bytes)) } catch { return .failure(error) }
    }
}
