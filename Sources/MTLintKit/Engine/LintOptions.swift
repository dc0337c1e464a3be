/// Which rules run, how they are graded, and the language, for one lint run.
public struct LintOptions: Sendable {
    /// Target language (BCP 47); nil means detect it per file.
    public var language: String?
    /// Rule ids switched off.
    public var disabled: Set<String> = []
    /// When not empty, only these rule ids run (`--enable` on an otherwise empty set).
    public var onlyEnabled: Set<String> = []
    /// Severity overrides by rule id.
    public var severities: [String: Severity] = [:]

    public init(language: String? = nil) { self.language = language }

    public func isEnabled(_ id: String) -> Bool {
        !disabled.contains(id) && (onlyEnabled.isEmpty || onlyEnabled.contains(id))
    }
}
