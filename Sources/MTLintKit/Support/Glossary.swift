import Foundation

/// A user's terminology: how a source term must be translated, and the variants
/// that must not be used. A tab-separated file, one entry a line, `#` comments:
///
///     en	fr	contract	contrat	convention|accord
///     source language, target language, source term, required translation(s) | …, forbidden variant(s) | …
public struct Glossary: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var sourceLanguage: String
        public var targetLanguage: String
        public var sourceTerm: String
        public var required: [String]
        public var forbidden: [String]

        public init(sourceLanguage: String, targetLanguage: String, sourceTerm: String, required: [String], forbidden: [String] = []) {
            (self.sourceLanguage, self.targetLanguage, self.sourceTerm) = (sourceLanguage, targetLanguage, sourceTerm)
            (self.required, self.forbidden) = (required, forbidden)
        }
    }

    public var entries: [Entry] = []

    public init(entries: [Entry] = []) { self.entries = entries }

    /// The entries of a glossary file, or messages naming each line that does not parse.
    public static func parse(_ text: String, path: String) -> Result<Glossary, GlossaryError> {
        var glossary = Glossary()
        var problems: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let alternatives = { (index: Int) in columns.count > index ? columns[index].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } : [] }
            guard columns.count >= 4, LanguageDetector.isValidTag(columns[0]), LanguageDetector.isValidTag(columns[1]),
                  !columns[2].isEmpty, !alternatives(3).isEmpty || !alternatives(4).isEmpty else {
                problems.append("glossary \(path):\(number + 1): expected source language, target language, source term, "
                    + "required translations and forbidden variants, tab-separated (| between alternatives)")
                continue
            }
            glossary.entries.append(Entry(sourceLanguage: columns[0], targetLanguage: columns[1], sourceTerm: columns[2],
                                          required: alternatives(3), forbidden: alternatives(4)))
        }
        return problems.isEmpty ? .success(glossary) : .failure(GlossaryError(messages: problems))
    }

    public static func load(path: String) -> Result<Glossary, GlossaryError> {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return .failure(GlossaryError(messages: ["glossary \(path): cannot be read as UTF-8 text"]))
        }
        return parse(text, path: path)
    }

    /// The entries for a language pair (primary languages compared).
    public func entries(from source: String, to target: String) -> [Entry] {
        let primary = { (tag: String) in String(tag.split(separator: "-").first ?? "").lowercased() }
        return entries.filter { primary($0.sourceLanguage) == primary(source) && primary($0.targetLanguage) == primary(target) }
    }
}

public struct GlossaryError: Error, Sendable, Equatable {
    public var messages: [String]
}
