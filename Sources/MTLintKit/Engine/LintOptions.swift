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

    public func isEnabled(_ id: String) -> Bool {
        !disabled.contains(id) && (onlyEnabled.isEmpty || onlyEnabled.contains(id))
    }
}
