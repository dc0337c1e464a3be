import Foundation

/// The translation names another country, city, person or organisation than its source.
public struct EntityMismatch: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "entity-mismatch",
        family: .source,
        severity: .warning,
        languages: [],
        summary: "A name of the source replaced by a different one of the same kind (\"La Corée du Nord a tiré…\" → \"South Korea fired…\").",
        rationale: """
            The bilingual twin of garbled-name: neural translation swaps entities that sit close together in its \
            vectors — North and South Korea, Austria and Australia, one minister for another — and the sentence \
            still reads well. Each unit's names are found on both sides with the same entity catalogue as the \
            names rules (CLDR territory names through ICU in every language, plus dictionaries/entities/; in a \
            Chinese, Japanese or Korean source, CLDR's territory names in that script). When the source names \
            an entity whose target-language form is absent from the translation while the translation names a \
            different entity of the same kind that the source does not, and the two are names a system confuses \
            (a word in common, as North and South Korea, or nearly the same spelling, as Austria and Australia), \
            that name is reported, with the expected form as the suggestion. Unrelated names are left alone: \
            there a missed form (a demonym, an abbreviation) is likelier than a swap.
            """,
        fixSafety: nil,
        examples: [
            .triggers("⟦South Korea⟧ fired two missiles on Tuesday.", lang: "en",
                      source: "La Corée du Nord a tiré deux missiles mardi.", sourceLang: "fr"),
            .triggers("The delegation flew to ⟦Australia⟧.", lang: "en", source: "代表团飞往奥地利。", sourceLang: "zh"),
            .passes("North Korea fired two missiles on Tuesday.", lang: "en",
                    source: "La Corée du Nord a tiré deux missiles mardi.", sourceLang: "fr"),
            .passes("Chinese Ambassador to Indonesia Xiao Qian spoke.", lang: "en", source: "中国驻印尼大使肖千发言。", sourceLang: "zh"),
            // People, places and organisations by the entity files' Chinese, Japanese and Korean forms.
            .triggers("⟦Kim Jong-il⟧ inspected a munitions factory on Monday.", lang: "en",
                      source: "金正恩周一视察了一家军工厂。", sourceLang: "zh"),
            .triggers("⟦Kim Jong-il⟧ inspected a munitions factory.", lang: "en", source: "김정은 위원장이 군수공장을 시찰했다.", sourceLang: "ko"),
            .passes("Xi Jinping met Vladimir Putin in Beijing.", lang: "en", source: "习近平在北京会见了普京。", sourceLang: "zh"),
            .passes("North Korea and South Korea met.", lang: "en",
                    source: "La Corée du Nord et la Corée du Sud se sont rencontrées.", sourceLang: "fr"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        guard !document.units.isEmpty, let sourceLanguage = document.sourceLanguage,
              sourceLanguage.code != document.language.code else { return [] }
        let names = NameMentions(document)
        let catalog = names.index.catalog
        let targetMentions = names.correct
        // A unit is judged only when its translation names something: only those units' sources are read.
        var named = [Bool](repeating: false, count: document.units.count)
        var mentionIndex = 0
        for (unitIndex, unit) in document.units.enumerated() {
            while mentionIndex < targetMentions.count && targetMentions[mentionIndex].range.lowerBound < unit.target.lowerBound { mentionIndex += 1 }
            named[unitIndex] = mentionIndex < targetMentions.count && targetMentions[mentionIndex].range.upperBound <= unit.target.upperBound
        }
        guard named.contains(true) else { return [] }
        let sourceEntities = SourceNames.entities(of: document, language: sourceLanguage, catalog: catalog, units: named)
        var findings: [Finding] = []
        mentionIndex = 0
        for (unitIndex, unit) in document.units.enumerated() {
            while mentionIndex < targetMentions.count && targetMentions[mentionIndex].range.lowerBound < unit.target.lowerBound { mentionIndex += 1 }
            // Only an entity the source names can have been swapped.
            let source = sourceEntities[unitIndex]
            guard !source.isEmpty else { continue }
            var inUnit: [(mention: NameMention, entity: Int)] = []
            var index = mentionIndex
            while index < targetMentions.count && targetMentions[index].range.upperBound <= unit.target.upperBound {
                inUnit.append((targetMentions[index], names.pattern(targetMentions[index]).entity))
                index += 1
            }
            let target = Set(inUnit.map(\.entity))
            for expected in source where !target.contains(expected) {
                let kind = catalog.entities[expected].kind
                guard let form = names.index.targetForm(catalog.entities[expected]),
                      let other = inUnit.first(where: { candidate in
                          !source.contains(candidate.entity) && catalog.entities[candidate.entity].kind == kind
                              && Self.confusable(form, names.surface(candidate.mention))
                      }) else { continue }
                findings.append(finding(other.mention.range, "the source names \(form) here, not \(names.surface(other.mention))",
                                        suggestions: [form]))
            }
        }
        return findings
    }
}

extension EntityMismatch {
    /// Names a translation system swaps: one word in common ("North Korea" / "South Korea",
    /// "Sudan" / "South Sudan") or nearly the same spelling ("Austria" / "Australia", "Iran" / "Iraq").
    /// Unrelated names in a unit are far more often the matcher missing a form (a demonym, an
    /// abbreviation) than a swap, so they are not reported.
    static func confusable(_ a: String, _ b: String) -> Bool {
        let wordsA = Set(a.lowercased().split { !$0.isLetter }.filter { $0.count >= 4 })
        let wordsB = Set(b.lowercased().split { !$0.isLetter }.filter { $0.count >= 4 })
        if !wordsA.isDisjoint(with: wordsB) { return true }
        return min(a.count, b.count) >= 4 && editDistance(a.lowercased(), b.lowercased()) <= 2
    }
}

/// The entities each unit's source names, as indices of the names catalogue.
enum SourceNames {
    /// `units` says which units to read (the others get no entity).
    static func entities(of document: Document, language: LanguageProfile, catalog: EntityCatalog, units wanted: [Bool]) -> [Set<Int>] {
        let units = document.units
        if ["zh", "ja", "ko"].contains(language.code) {
            let names = names(language: language.code, catalog: catalog, dictionaries: document.dictionaries)
            return units.indices.map { wanted[$0] ? cjkNames(in: units[$0].source, names) : [] }
        }
        // The sources' names, found as the names rules find them, in the units wanted.
        guard let sources = SourceSide.of(document) else { return units.map { _ in [] } }
        let ranges = sources.ranges.indices.filter { wanted[$0] }.map { sources.ranges[$0] }
        let index = NameIndex.forLanguage(sources.document.language.code, dictionaries: document.dictionaries)
        let names = NameMentions(sources.document, scan: index.scan(sources.document, within: ranges))
        var result = [Set<Int>](repeating: [], count: units.count)
        for mention in names.correct {
            guard let unit = sources.unit(containing: mention.range.lowerBound) else { continue }
            result[unit].insert(names.pattern(mention).entity)
        }
        return result
    }

    /// Entities named in a Chinese, Japanese or Korean text: territories by CLDR's names in that
    /// language, people, places and organisations by the variants of the entity files written in
    /// its script. The longest name wins ("南非" is South Africa, not the "非" of a shorter one).
    private static func cjkNames(in text: String, _ names: CJKNames) -> Set<Int> {
        // Every occurrence of every name, found through the names' first characters.
        var occurrences: [(rank: Int, range: Range<Int>)] = []
        let byteCount = ByteScan.withBytes(of: text) { text in
            names.startsName.withUnsafeBufferPointer { startsName in
                names.spelled.withUnsafeBufferPointer { spelled in
                    var offset = 0
                    while offset < text.count {
                        // Most characters start no name: a bitmap of the plane's first characters (8 KB) says so.
                        let lead = text[offset], leadLength = ByteScan.length(lead)
                        if leadLength < 4 && offset + leadLength <= text.count {
                            let value = switch leadLength {
                            case 1: UInt32(lead)
                            case 2: UInt32(lead & 0x1F) << 6 | UInt32(text[offset + 1] & 0x3F)
                            default: UInt32(lead & 0x0F) << 12 | UInt32(text[offset + 1] & 0x3F) << 6 | UInt32(text[offset + 2] & 0x3F)
                            }
                            guard startsName[Int(value >> 6)] & (1 << (value & 63)) != 0 else {
                                offset += leadLength
                                continue
                            }
                        }
                        let (scalar, length) = ByteScan.scalar(text, offset)
                        for place in names.places(startingWith: scalar) {
                            let rank = names.ranks[place], name = names.list[rank].range
                            guard name.count <= text.count - offset,
                                  memcmp(text.baseAddress! + offset, spelled.baseAddress! + name.lowerBound, name.count) == 0 else { continue }
                            occurrences.append((rank, offset..<(offset + name.count)))
                        }
                        offset += length
                    }
                    return text.count
                }
            }
        }
        guard !occurrences.isEmpty else { return [] }
        // Longest names first; a name inside a longer one already found is part of it.
        var covered = [Bool](repeating: false, count: byteCount)
        var found: Set<Int> = []
        for occurrence in occurrences.sorted(by: { ($0.rank, $0.range.lowerBound) < ($1.rank, $1.range.lowerBound) })
        where !covered[occurrence.range].contains(true) {
            found.insert(names.list[occurrence.rank].entity)
            for index in occurrence.range { covered[index] = true }
        }
        return found
    }

    /// The names of a CJK language, longest first, with their catalogue entities; and for each
    /// first character, the names (their places in that list) that start with it.
    private struct CJKNames: Sendable {
        /// Each name: where its bytes are in `spelled`, and its catalogue entity.
        var list: [(range: Range<Int>, entity: Int)]
        /// Every name's bytes, one after another.
        var spelled: [UInt8]
        /// The places of the names that start with each character of the Basic Multilingual Plane:
        /// `ranks[firstRank[c]..<firstRank[c + 1]]` (a table: every character that `startsName` lets through is looked up).
        var firstRank: [Int32]
        var ranks: [Int]
        /// Those that start with a character beyond it (their places in `ranks`, after the plane's).
        var beyondPlane: [UInt32: Range<Int>]
        /// One bit for each character of the plane that starts a name.
        var startsName: [UInt64]

        init(list: [(bytes: [UInt8], entity: Int)]) {
            spelled = list.flatMap(\.bytes)
            var start = 0
            self.list = list.map { name in
                defer { start += name.bytes.count }
                return (start..<(start + name.bytes.count), name.entity)
            }
            var byFirst: [UInt32: [Int]] = [:]
            for (rank, name) in list.enumerated() {
                byFirst[name.bytes.withUnsafeBufferPointer { ByteScan.scalar($0, 0).value }, default: []].append(rank)
            }
            // Character after character of those that start names; the others between them start none.
            firstRank = [Int32](repeating: 0, count: 0x10001)
            ranks = []
            var next = 0
            for first in byFirst.keys.filter({ $0 <= 0xFFFF }).sorted() {
                while next <= Int(first) { firstRank[next] = Int32(ranks.count); next += 1 }
                ranks += byFirst[first]!
            }
            while next <= 0x10000 { firstRank[next] = Int32(ranks.count); next += 1 }
            startsName = [UInt64](repeating: 0, count: 0x10000 / 64)
            for first in byFirst.keys where first <= 0xFFFF { startsName[Int(first >> 6)] |= 1 << (first & 63) }
            beyondPlane = [:]
            for (first, names) in byFirst where first > 0xFFFF {
                beyondPlane[first] = ranks.count..<(ranks.count + names.count)
                ranks += names
            }
        }

        /// Where in `ranks` the names that start with a character are (most characters start none).
        func places(startingWith scalar: UInt32) -> Range<Int> {
            guard scalar <= 0xFFFF else { return beyondPlane[scalar] ?? 0..<0 }
            return Int(firstRank[Int(scalar)])..<Int(firstRank[Int(scalar) + 1])
        }
    }

    private static func names(language: String, catalog: EntityCatalog, dictionaries: Dictionaries) -> CJKNames {
        dictionaries.derived("names:cjk:\(language)") {
            let byKey = Dictionary(catalog.entities.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
            let territories = LocaleData.territoryNames(in: language).flatMap { code, names -> [(String, Int)] in
                guard let entity = byKey["territory:\(code)"] else { return [] }
                return Set([names.short, names.standard]).filter { $0.count >= 2 }.map { ($0, entity) }
            }
            let variants = catalog.entities.enumerated().flatMap { index, entity in
                entity.variants.filter { $0.count >= 2 && writtenIn(language, $0) }.map { ($0, index) }
            }
            // Each name's length in characters counted once, not at every comparison.
            let sorted = (territories + variants).map { (length: $0.0.count, name: $0.0, entity: $0.1) }
                .sorted { ($0.length, $0.name) > ($1.length, $1.name) }
            return CJKNames(list: sorted.map { (Array($0.name.utf8), $0.entity) })
        }
    }

    /// Whether a name is written in the script of a CJK language: Hangul for Korean, kana or Han
    /// for Japanese, Han alone for Chinese.
    static func writtenIn(_ language: String, _ name: String) -> Bool {
        let scalars = name.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard !scalars.isEmpty else { return false }
        let hangul = scalars.contains { (0xAC00...0xD7AF).contains($0.value) || (0x1100...0x11FF).contains($0.value) }
        let kana = scalars.contains { (0x3040...0x30FF).contains($0.value) }
        let han = scalars.allSatisfy { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
        switch language {
        case "ko": return hangul
        case "ja": return !hangul && (kana || han)
        default: return han
        }
    }
}
