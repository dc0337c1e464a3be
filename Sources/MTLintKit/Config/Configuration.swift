import Foundation
import Yams

/// `.mtlint.yml`: languages, rule settings, dictionaries, file selection,
/// gating thresholds and per-glob overrides. Every mistake is an error that
/// names the file, the line and the valid choices.
public struct Configuration: Sendable {
    public enum RuleSetting: Sendable, Equatable {
        case off
        case severity(Severity)
    }

    /// `fail-on`: a severity, or never.
    public enum FailLevel: Sendable, Equatable {
        case severity(Severity)
        case never
        public var severity: Severity? { if case .severity(let s) = self { return s } else { return nil } }
    }

    public struct Override: Sendable {
        public var files: [Glob]
        public var language: String?
        public var sourceLanguage: String?
        public var rules: [String: RuleSetting]
    }

    /// The file it was read from, and the folder its globs and paths are relative to.
    public var path: String?
    public var directory: String
    public var language: String?
    public var sourceLanguage: String?
    public var failOn: FailLevel?
    public var rules: [String: RuleSetting] = [:]
    /// Extra word-list folders or files, as absolute paths.
    public var dictionaries: [String] = []
    /// Glossary files (TSV), as absolute paths.
    public var glossaries: [String] = []
    public var include: [Glob] = []
    public var exclude: [Glob] = []
    public var maxPer1000Words: [Severity: Double] = [:]
    public var overrides: [Override] = []
    /// Where the sources of articles are: the source of `x/y.md` is `<source-root>/x/y.md`,
    /// both relative to the configuration's folder. Absolute.
    public var sourceRoot: String?

    public init(directory: String) { self.directory = directory }

    public static let fileName = ".mtlint.yml"

    /// The nearest `.mtlint.yml` in `directory` or a parent.
    public static func discover(from directory: String) -> String? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(fileName).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    public static func load(path: String) throws(ConfigError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, line: nil, message: "cannot read the configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, line: nil, message: "the configuration is not UTF-8")
        }
        return try parse(text, path: path)
    }

    // MARK: Parsing

    static let topLevelKeys = ["language", "source-language", "source-root", "fail-on", "rules", "dictionaries", "glossary", "include",
                               "exclude", "max-per-1000-words", "overrides"]
    static let overrideKeys = ["files", "language", "source-language", "rules"]

    public static func parse(_ yaml: String, path: String) throws(ConfigError) -> Configuration {
        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        var configuration = Configuration(directory: directory)
        configuration.path = path
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw ConfigError(path: path, line: (error as? YamlError).flatMap(ConfigError.line), message: "not valid YAML: \(error)")
        }
        guard let root else { return configuration }  // an empty file is a valid, empty configuration
        let reader = NodeReader(path: path)
        for (key, value) in try reader.mapping(root, allowed: topLevelKeys, what: "top-level key") {
            switch key {
            case "language": configuration.language = try reader.languageTag(value)
            case "source-language": configuration.sourceLanguage = try reader.languageTag(value)
            case "source-root":
                guard let item = try reader.strings(value).first, let _ = value.scalar else { throw reader.fail(value, "expected a folder") }
                let absolute = URL(fileURLWithPath: item.text, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder), isFolder.boolValue else {
                    throw ConfigError(path: path, line: item.line, message: "source-root '\(item.text)' is not a folder")
                }
                configuration.sourceRoot = absolute
            case "fail-on":
                let level = try reader.choice(value, ["error", "warning", "info", "never"])
                configuration.failOn = level == "never" ? .never : .severity(Severity(rawValue: level)!)
            case "rules": configuration.rules = try reader.ruleSettings(value)
            case "dictionaries": configuration.dictionaries = try reader.readablePaths(value, relativeTo: directory, what: "dictionary")
            case "glossary": configuration.glossaries = try reader.readablePaths(value, relativeTo: directory, what: "glossary")
            case "include": configuration.include = try reader.strings(value).map { Glob($0.text) }
            case "exclude": configuration.exclude = try reader.strings(value).map { Glob($0.text) }
            case "max-per-1000-words":
                for (level, limit) in try reader.mapping(value, allowed: ["error", "warning", "info"], what: "severity") {
                    configuration.maxPer1000Words[Severity(rawValue: level)!] = try reader.number(limit)
                }
            case "overrides":
                configuration.overrides = try reader.sequence(value).map { item throws(ConfigError) in
                    var override = Override(files: [], language: nil, sourceLanguage: nil, rules: [:])
                    for (key, value) in try reader.mapping(item, allowed: overrideKeys, what: "override key") {
                        switch key {
                        case "files": override.files = try reader.strings(value).map { Glob($0.text) }
                        case "language": override.language = try reader.languageTag(value)
                        case "source-language": override.sourceLanguage = try reader.languageTag(value)
                        default: override.rules = try reader.ruleSettings(value)
                        }
                    }
                    if override.files.isEmpty {
                        throw ConfigError(path: path, line: item.mark?.line, message: "an override needs 'files' (a list of globs)")
                    }
                    return override
                }
            default: break
            }
        }
        return configuration
    }

    // MARK: Applying

    /// The path relative to the configuration's folder, for glob matching.
    public func relativePath(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// Whether a file found by walking a folder is linted: it matches `include`
    /// (when given) and no `exclude` pattern.
    public func selects(_ path: String) -> Bool {
        let relative = relativePath(path)
        if !include.isEmpty && !include.contains(where: { $0.matches(relative) }) { return false }
        return !exclude.contains { $0.matches(relative) }
    }

    /// The options for one file: these settings, then matching overrides in
    /// order; the command line (`commandLine`) wins over both.
    public func options(for path: String, commandLine: LintOptions) -> LintOptions {
        var options = LintOptions(language: language)
        options.sourceLanguage = sourceLanguage
        apply(rules, to: &options)
        let relative = relativePath(path)
        for override in overrides where override.files.contains(where: { $0.matches(relative) }) {
            if let language = override.language { options.language = language }
            if let sourceLanguage = override.sourceLanguage { options.sourceLanguage = sourceLanguage }
            apply(override.rules, to: &options)
        }
        if let language = commandLine.language { options.language = language }
        if let sourceLanguage = commandLine.sourceLanguage { options.sourceLanguage = sourceLanguage }
        options.onlyEnabled = commandLine.onlyEnabled
        // A rule named with --enable runs even when the configuration switched it off.
        options.disabled.subtract(commandLine.onlyEnabled)
        options.disabled.formUnion(commandLine.disabled)
        options.severities.merge(commandLine.severities) { $1 }
        options.dictionaries = commandLine.dictionaries
        return options
    }

    private func apply(_ settings: [String: RuleSetting], to options: inout LintOptions) {
        for (rule, setting) in settings {
            switch setting {
            case .off: options.disabled.insert(rule)
            case .severity(let severity):
                options.disabled.remove(rule)
                options.enabled.insert(rule)
                options.severities[rule] = severity
            }
        }
    }
}

public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String
    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }

    static func line(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
}

/// Reads typed values out of YAML nodes, failing with the node's line.
struct NodeReader {
    let path: String

    func fail(_ node: Node, _ message: String) -> ConfigError {
        ConfigError(path: path, line: node.mark?.line, message: message)
    }

    func mapping(_ node: Node, allowed: [String], what: String) throws(ConfigError) -> [(String, Node)] {
        guard let mapping = node.mapping else { throw fail(node, "expected a mapping of \(what)s (\(allowed.joined(separator: ", ")))") }
        var result: [(String, Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string, allowed.contains(name) else {
                throw fail(key, "unknown \(what) '\(key.scalar?.string ?? "?")'; valid: \(allowed.joined(separator: ", "))")
            }
            result.append((name, value))
        }
        return result
    }

    func sequence(_ node: Node) throws(ConfigError) -> [Node] {
        guard let sequence = node.sequence else { throw fail(node, "expected a list") }
        return Array(sequence)
    }

    func strings(_ node: Node) throws(ConfigError) -> [(text: String, line: Int?)] {
        // A single string is accepted where a list is expected.
        if let scalar = node.scalar { return [(scalar.string, node.mark?.line)] }
        return try sequence(node).map { item throws(ConfigError) in
            guard let text = item.scalar?.string else { throw fail(item, "expected a string") }
            return (text, item.mark?.line)
        }
    }

    /// Paths relative to the configuration's folder, made absolute; each must be readable.
    func readablePaths(_ node: Node, relativeTo directory: String, what: String) throws(ConfigError) -> [String] {
        try strings(node).map { item throws(ConfigError) in
            let absolute = URL(fileURLWithPath: item.text, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
            guard FileManager.default.isReadableFile(atPath: absolute) else {
                throw ConfigError(path: path, line: item.line, message: "\(what) '\(item.text)' does not exist or cannot be read")
            }
            return absolute
        }
    }

    func choice(_ node: Node, _ choices: [String]) throws(ConfigError) -> String {
        guard let value = node.scalar?.string, choices.contains(value) else {
            throw fail(node, "invalid value '\(node.scalar?.string ?? "?")'; valid: \(choices.joined(separator: ", "))")
        }
        return value
    }

    func number(_ node: Node) throws(ConfigError) -> Double {
        guard let text = node.scalar?.string, let value = Double(text), value >= 0 else {
            throw fail(node, "expected a number of findings per 1,000 words (0 or more)")
        }
        return value
    }

    func languageTag(_ node: Node) throws(ConfigError) -> String {
        guard let tag = node.scalar?.string, LanguageDetector.isValidTag(tag) else {
            throw fail(node, "'\(node.scalar?.string ?? "?")' is not a BCP 47 language tag (e.g. en, fr, pt-BR)")
        }
        return tag
    }

    func ruleSettings(_ node: Node) throws(ConfigError) -> [String: Configuration.RuleSetting] {
        let ids = RuleRegistry.all.map(\.id)
        var settings: [String: Configuration.RuleSetting] = [:]
        for (rule, value) in try mapping(node, allowed: ids, what: "rule") {
            // YAML 1.1 reads a bare `off` as false; both mean off.
            let level = try choice(value, ["off", "false", "info", "warning", "error"])
            settings[rule] = level == "off" || level == "false" ? .off : .severity(Severity(rawValue: level)!)
        }
        return settings
    }
}
