import Foundation

/// A named entity with its written forms: countries and territories from
/// CLDR (through ICU), people, organisations and cities from
/// `dictionaries/entities/*.tsv` (and the user's entity files).
public struct Entity: Sendable {
    public enum Kind: String, Sendable { case territory, person, organisation, city }

    public var key: String
    public var kind: Kind
    /// The canonical form per language code.
    public var forms: [String: String]
    /// Other spellings in any language or script.
    public var variants: [String]
}

/// Every entity the names rules know, built once per word-list set.
public final class EntityCatalog: Sendable {
    /// The languages whose forms are compared (the dictionary's columns).
    public static let languages = ["en", "fr", "de", "es", "ru"]
    /// CLDR display names are read for these too (Ukrainian has no dictionary column: CLDR's are its only forms).
    static let territoryLanguages = ["en", "fr", "de", "es", "it", "pt", "ru", "uk"]

    public let entities: [Entity]

    public init(entities: [Entity]) { self.entities = entities }

    /// Territories from ICU plus the entity files found in the word lists.
    public static func load(_ dictionaries: Dictionaries) -> EntityCatalog {
        let additions = dictionaries.entityFiles().flatMap(parse)
        return EntityCatalog(entities: merge(territories(), with: additions))
    }

    /// ISO 3166 territories named in every language ICU has data for: CLDR's
    /// short form is the canonical one, the standard form a variant.
    static func territories() -> [Entity] {
        var forms: [String: [String: String]] = [:]
        var variants: [String: [String]] = [:]
        for language in territoryLanguages {
            for (code, names) in LocaleData.territoryNames(in: language) {
                forms[code, default: [:]][language] = names.short
                if names.standard != names.short { variants[code, default: []].append(names.standard) }
            }
        }
        return forms.keys.sorted().compactMap { code in
            guard forms[code]?["en"] != nil else { return nil }
            return Entity(key: "territory:\(code)", kind: .territory, forms: forms[code]!, variants: variants[code] ?? [])
        }
    }

    /// Entity file lines for a key already known (a territory) refine it: their
    /// forms win, and the forms they replace become variants.
    static func merge(_ entities: [Entity], with additions: [Entity]) -> [Entity] {
        var merged = entities
        var position = Dictionary(uniqueKeysWithValues: merged.enumerated().map { ($1.key, $0) })
        for addition in additions {
            guard let index = position[addition.key] else {
                position[addition.key] = merged.count
                merged.append(addition)
                continue
            }
            for (language, form) in addition.forms where merged[index].forms[language] != form {
                if let old = merged[index].forms[language] { merged[index].variants.append(old) }
                merged[index].forms[language] = form
            }
            merged[index].variants += addition.variants
        }
        return merged
    }

    /// The lines of an entity file that `parse` would skip, as messages with their line numbers.
    static func problems(in text: String, path: String) -> [String] {
        var problems: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            if columns.count < 7 {
                problems.append("dictionary \(path):\(number + 1): an entity line has 7 or 8 tab-separated columns "
                    + "(key, kind, en, fr, de, es, ru, variants); this one has \(columns.count)")
            } else if Entity.Kind(rawValue: columns[1].trimmingCharacters(in: .whitespaces)) == nil {
                problems.append("dictionary \(path):\(number + 1): unknown kind '\(columns[1])' (territory, person, organisation or city)")
            }
        }
        return problems
    }

    /// `key kind en fr de es ru variants` lines; `#` lines are comments.
    static func parse(_ url: URL) -> [Entity] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        // Split on bytes: Foundation's trimming costs a start-up of every process some 5 ms here.
        func trimmed(_ field: ArraySlice<UInt8>) -> String {
            let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0D }
            guard let first = field.firstIndex(where: { !isSpace($0) }), let last = field.lastIndex(where: { !isSpace($0) }) else { return "" }
            return String(decoding: field[first...last], as: UTF8.self)
        }
        var entities: [Entity] = []
        for line in Array(data).split(separator: 0x0A) where line.first != UInt8(ascii: "#") {
            let columns = line.split(separator: 0x09, omittingEmptySubsequences: false).map(trimmed)
            guard columns.count >= 7, let kind = Entity.Kind(rawValue: columns[1]) else { continue }
            // A territory line names its ISO code and refines the CLDR entity.
            let key = kind == .territory ? "territory:\(columns[0])" : columns[0]
            var forms: [String: String] = [:]
            for (index, language) in languages.enumerated() where !columns[2 + index].isEmpty {
                forms[language] = columns[2 + index]
            }
            let variants = columns.count > 7 ? columns[7].split(separator: "|").map { trimmed(Array($0.utf8)[...]) }.filter { !$0.isEmpty } : []
            entities.append(Entity(key: key, kind: kind, forms: forms, variants: variants))
        }
        return entities
    }
}

extension Dictionaries {
    /// The entity files: `entities/*.tsv` in the built-in folder, then the user's `.tsv` files and folders.
    func entityFiles() -> [URL] {
        var files: [URL] = []
        func tsvFiles(in folder: URL) -> [URL] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".tsv") }.sorted().map { folder.appendingPathComponent($0) }
        }
        if let root { files += tsvFiles(in: root.appendingPathComponent("entities")) }
        for addition in additions {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: addition.path, isDirectory: &isFolder), isFolder.boolValue {
                files += tsvFiles(in: addition.appendingPathComponent("entities"))
            } else if addition.pathExtension == "tsv" {
                files.append(addition)
            }
        }
        return files
    }
}
