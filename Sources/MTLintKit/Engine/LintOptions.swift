/// Which rules run, how they are graded, and the language, for one lint run.
public struct LintOptions: Sendable {
    /// Target language (BCP 47); nil means detect it per file.
    public var language: String?
    /// Source language (BCP 47), for the checks against the source.
    public var sourceLanguage: String?
    /// Rule ids switched off.
    public var disabled: Set<String> = []
    /// When not empty, only these rule ids run (`--enable` on an otherwise empty set).
    public var onlyEnabled: Set<String> = []
    /// Severity overrides by rule id.
    public var severities: [String: Severity] = [:]
    /// Report `<!-- mtlint-disable … -->` comments that suppress nothing.
    public var reportUnusedSuppressions = false
    /// The word lists rules read: the built-in ones plus the user's.
    public var dictionaries: Dictionaries = .shared

    public init(language: String? = nil) { self.language = language }

    /// Rules switched on by the configuration (a severity given), opt-in ones included.
    public var enabled: Set<String> = []

    /// Whether a rule runs: `--enable` lists win, then `--disable`, then the
    /// configuration, then the rule's own default (opt-in rules are off).
    public func isEnabled(_ id: String, byDefault: Bool = true) -> Bool {
        if !onlyEnabled.isEmpty { return onlyEnabled.contains(id) }
        if disabled.contains(id) { return false }
        return enabled.contains(id) || byDefault
    }
}
