/// A written name the names rules look for, and what finding it means.
struct NamePattern: Sendable {
    enum Role: Sendable, Equatable {
        /// The entity's canonical form in a language.
        case form(language: String)
        /// Another spelling of the entity.
        case variant
        /// The words of the entity's target-language name in a wrong order ("Korea North").
        case garbled
        /// The entity's target form in another grammatical case ("Северной Кореи"): the same name.
        case inflected
    }

    let text: String
    let bytes: [UInt8]
    let entity: Int
    let role: Role
    /// For a form of another language that is foreign in the target language: the target form.
    let untranslatedSuggestion: String?
    /// For a garbling that fuses two names ("Corée du Sud du Nord"): the other entity it reads as.
    var fusedWith: Int? = nil
    /// For a garbling of an inflected form ("Кореи Северной"): that form, in the right order.
    var correctOrder: String? = nil
}

/// One place in a document where a pattern matched.
struct NameMention: Sendable {
    let range: Range<Int>
    let pattern: Int
}

/// The patterns of one target language, found in a document by hashing each
/// capitalised token and comparing bytes only on a hash hit.
final class NameIndex: Sendable {
    let language: String
    let catalog: EntityCatalog
    let patterns: [NamePattern]
    /// What a word's hash (`NameIndex.hash`) leads to: the patterns that start with that word,
    /// longest first (a range of `candidates`, so that a lookup copies no reference), and the
    /// entity with that fold key among its forms and variants ("pyongyang" → Pyongyang; -1: none).
    /// A plain word's hash is its fold key's, so the mention scan's one lookup serves both.
    private struct WordEntry: Sendable {
        var candidates: Range<Int32> = 0..<0
        var entityOfFold: Int32 = -1
    }
    private let byWord: HashedKeyTable<WordEntry>
    private let candidates: [Int]

    static func forLanguage(_ language: String, dictionaries: Dictionaries) -> NameIndex {
        dictionaries.derived("names:\(language)") {
            NameIndex(language: language, catalog: dictionaries.derived("names:catalog") { EntityCatalog.load(dictionaries) })
        }
    }

    init(language: String, catalog: EntityCatalog) {
        self.language = language
        self.catalog = catalog
        var patterns: [NamePattern] = []
        var folds = NameIndex.Folds()
        // Everything the target language itself writes: never "untranslated".
        var targetFolds = Set<String>()
        for entity in catalog.entities {
            if let form = entity.forms[language], let fold = folds.key(form) { targetFolds.insert(fold) }
            for variant in entity.variants { if let fold = folds.key(variant) { targetFolds.insert(fold) } }
        }
        for (index, entity) in catalog.entities.enumerated() {
            var seen = Set<String>()
            let target = entity.forms[language]
            let targetFold = target.flatMap { folds.key($0) }
            for (formLanguage, form) in entity.forms.sorted(by: { $0.key < $1.key }) where seen.insert(form).inserted {
                var suggestion: String? = nil
                // Not when one contains the other ("Brunei", "Brunei Darussalam"): the same name, shorter.
                if formLanguage != language, let target, let targetFold, entity.kind != .person,
                   let fold = folds.key(form), !targetFolds.contains(fold),
                   !NameIndex.contains(fold, targetFold), !NameIndex.contains(targetFold, fold),
                   NameIndex.looksForeign(form, language: language) {
                    suggestion = target
                }
                patterns.append(NamePattern(text: form, bytes: Array(form.utf8), entity: index,
                                            role: .form(language: formLanguage), untranslatedSuggestion: suggestion))
            }
            for variant in entity.variants where seen.insert(variant).inserted {
                patterns.append(NamePattern(text: variant, bytes: Array(variant.utf8), entity: index, role: .variant, untranslatedSuggestion: nil))
            }
            if let target {
                // A person's given name must be long enough to be unmistakable first
                // ("Jong-un Kim", "Jinping Xi"; not "Yi Wang", which may be another person).
                let garblings = NameIndex.garblings(of: target).filter { garbled in
                    entity.kind != .person || (garbled.split(separator: " ").first?.count ?? 0) >= 5
                }
                for garbled in garblings where seen.insert(garbled).inserted {
                    patterns.append(NamePattern(text: garbled, bytes: Array(garbled.utf8), entity: index, role: .garbled, untranslatedSuggestion: nil))
                }
                // Russian and Ukrainian decline names: each case form is the name, and can be garbled too.
                for inflected in entity.kind != .person ? NameIndex.obliqueForms(of: target, language: language) : []
                where seen.insert(inflected).inserted {
                    patterns.append(NamePattern(text: inflected, bytes: Array(inflected.utf8), entity: index, role: .inflected, untranslatedSuggestion: nil))
                    for garbled in NameIndex.garblings(of: inflected) where seen.insert(garbled).inserted {
                        var pattern = NamePattern(text: garbled, bytes: Array(garbled.utf8), entity: index, role: .garbled, untranslatedSuggestion: nil)
                        pattern.correctOrder = inflected
                        patterns.append(pattern)
                    }
                }
            }
        }
        patterns += NameIndex.fusions(catalog: catalog, language: language)
        var byFirstToken: [UInt64: [Int]] = [:]
        for (index, pattern) in patterns.enumerated() {
            guard let first = NameIndex.firstToken(pattern.bytes), NameIndex.startsUpperCase(pattern.bytes) else { continue }
            byFirstToken[NameIndex.hash(first[...]), default: []].append(index)
        }
        // Longest first, so "South Korea" wins over "South" at the same place.
        var candidates: [Int] = []
        var byWord: [UInt64: WordEntry] = [:]
        for (key, list) in byFirstToken {
            let start = Int32(candidates.count)
            candidates += list.sorted { patterns[$0].bytes.count > patterns[$1].bytes.count }
            byWord[key, default: WordEntry()].candidates = start..<Int32(candidates.count)
        }
        for pattern in patterns where pattern.role != .garbled {
            guard let key = folds.key(pattern.text) else { continue }
            let fold = key.utf8.count >= 5 ? NameIndex.hash(key.utf8) : 0
            var entry = byWord[fold] ?? WordEntry()
            guard fold != 0 && entry.entityOfFold < 0 else { continue }
            entry.entityOfFold = Int32(pattern.entity)
            byWord[fold] = entry
        }
        self.patterns = patterns
        self.candidates = candidates
        self.byWord = HashedKeyTable(byWord)
    }

    /// The entity one of whose forms or variants has this fold key.
    func entity(ofFold fold: UInt64) -> Int? {
        guard let entity = byWord[fold]?.entityOfFold, entity >= 0 else { return nil }
        return Int(entity)
    }

    // MARK: Building

    /// The fold keys of the index's names, each computed once. Only names in Latin,
    /// Cyrillic or Greek letters have one (`NameFolding.tableKey`): ICU's transliterator,
    /// which the other scripts need, costs a process 10 ms to set up and 70 ms more for
    /// Han. A name without letter case could not match a capitalised word anyway.
    struct Folds {
        private var keys: [String: String?] = [:]

        mutating func key(_ name: String) -> String? {
            if let known = keys[name] { return known }
            let key = NameFolding.tableKey(name)
            keys[name] = .some(key)
            return key
        }
    }

    /// Whether an ASCII fold key holds another (a plain byte search: the generic ones
    /// cost start-up time in metadata look-ups).
    static func contains(_ key: String, _ part: String) -> Bool {
        let key = Array(key.utf8), part = Array(part.utf8)
        guard part.count <= key.count else { return false }
        return (0...(key.count - part.count)).contains { start in key[start..<(start + part.count)].elementsEqual(part) }
    }

    /// The oblique case forms of a name in a language that declines names; none in the others.
    static func obliqueForms(of name: String, language: String) -> [String] {
        switch language {
        case "ru": RussianCases.obliqueForms(of: name)
        case "uk": UkrainianCases.obliqueForms(of: name)
        default: []
        }
    }

    /// The wrong orders of a name's words: every other order of a two- or
    /// three-word name ("North Korea" → "Korea North"; "Corée du Nord" →
    /// "Corée Nord du", …), for a one-word compound its halves swapped
    /// ("Nordkorea" → "Korea Nord"), and for a hyphenated name its parts swapped
    /// ("Guinea-Bissau" → "Bissau Guinea"). Orders that start in lower case are left out.
    static func garblings(of name: String) -> [String] {
        let words = name.split(separator: " ").map(String.init)
        guard words.allSatisfy({ word in word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "-" || $0 == "'" } }) else { return [] }
        var results: [String] = []
        switch words.count {
        case 2:
            results = [words[1] + " " + words[0]]
        case 3:
            let orders = [[0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]]
            results = orders.map { order in order.map { words[$0] }.joined(separator: " ") }
        case 1 where name.contains("-"):
            // A hyphenated name, its parts swapped: "Bissau Guinea", "Bissau-Guinea" for Guinea-Bissau.
            let parts = name.split(separator: "-").map(String.init)
            guard parts.count == 2, parts.allSatisfy({ $0.count >= 3 }) else { return [] }
            results = [parts[1] + " " + parts[0], parts[1] + "-" + parts[0]]
        case 1:
            let letters = Array(name)
            guard letters.count >= 8 else { return [] }
            for split in 3...(letters.count - 3) {
                let head = String(letters[..<split]), tail = String(letters[split...])
                results.append(tail.prefix(1).uppercased() + tail.dropFirst() + " " + head)
            }
        default:
            break
        }
        return results.filter { startsUpperCase(Array($0.utf8)) }
    }

    /// Two territories whose names share their head, one name followed by the other's own words, in
    /// the word orders that the swapped garblings do not cover: the Romance head first ("Corée du Sud
    /// du Nord", "Corea del Sur Norte") and the German and Dutch compound ("Südkorea Nord",
    /// "Zuid-Korea-Noord"). English and Russian ("South Korea North") are found as a correct name
    /// overlapping a swapped one.
    static func fusions(catalog: EntityCatalog, language: String) -> [NamePattern] {
        var byHead: [String: [(entity: Int, name: String)]] = [:]
        for (index, entity) in catalog.entities.enumerated() where entity.kind == .territory {
            guard let name = entity.forms[language], let head = fusionHead(name, english: entity.forms["en"]) else { continue }
            byHead[head, default: []].append((index, name))
        }
        var patterns: [NamePattern] = []
        for (head, group) in byHead where group.count > 1 {
            for a in group {
                for b in group where b.entity != a.entity {
                    for shape in fusedShapes(a.name, b.name, compoundOf: head.hasPrefix("compound:") ? String(head.dropFirst(9)) : nil) {
                        var pattern = NamePattern(text: shape, bytes: Array(shape.utf8), entity: a.entity, role: .garbled, untranslatedSuggestion: nil)
                        pattern.fusedWith = b.entity
                        patterns.append(pattern)
                    }
                }
            }
        }
        return patterns
    }

    /// What two fusable names share: the first word of a name of two or three words ("Corée"), or,
    /// for a one-word compound, the English name's last word it ends with ("korea" of "Nordkorea",
    /// "Noord-Korea"; English says where a compound's parts meet).
    private static func fusionHead(_ name: String, english: String?) -> String? {
        let words = name.split(separator: " ")
        if words.count == 2 || words.count == 3 { return "first:" + words[0] }
        guard words.count == 1, let base = english?.split(separator: " ").last?.lowercased(), base.count >= 4,
              name.lowercased().hasSuffix(base), name.count >= base.count + 3 else { return nil }
        return "compound:" + base
    }

    /// The fused shapes of `a` followed by what distinguishes `b`: its own words after the shared
    /// head, or, for compounds ending in `compoundOf`, the part before it, capitalised.
    static func fusedShapes(_ a: String, _ b: String, compoundOf base: String?) -> [String] {
        if let base {
            var own = String(b.dropLast(base.count))
            if own.hasSuffix("-") { own.removeLast() }
            guard own.count >= 3, let first = own.first else { return [] }
            let word = first.uppercased() + own.dropFirst()
            return [a + " " + word, a + "-" + word]
        }
        // "Corée du Sud" + "du Nord", and without the preposition, "Corée du Sud Nord".
        let own = b.split(separator: " ").dropFirst()
        var shapes = [a + " " + own.joined(separator: " ")]
        if own.count > 1, let last = own.last { shapes.append(a + " " + last) }
        return shapes
    }

    /// A form of another language that a reader of the target language would
    /// take for foreign: several words, a letter the target alphabet lacks, an
    /// acronym, or a long word. Short words may be the target language's own
    /// ("Island" is German for Iceland; "Georgia" and "Jordan" are also a US state and a name).
    static func looksForeign(_ form: String, language: String) -> Bool {
        if form.contains(" ") { return true }
        let exemplars = LanguageProfile.forTag(language).exemplars
        if let exemplars, form.unicodeScalars.contains(where: { $0.properties.isAlphabetic && !exemplars.contains($0) }) { return true }
        if form.count >= 3 && form.allSatisfy({ $0.isUppercase }) { return true }
        return form.count >= 8
    }

    // MARK: Matching

    /// What the scan of one document found.
    struct Scan: Sendable {
        /// Every match at every capitalised token (matches may overlap: "South Korea" and "Korea North").
        var mentions: [NameMention] = []
        /// Plain capitalised words that are no pattern but fold like an entity's name
        /// ("PYONGYANG", "Kimjongun"), in document order: name-variant's to judge.
        var plainWordsOfEntities: [(range: Range<Int>, entity: Int)] = []
    }

    /// The mentions in a document; with `within` (sorted, in document order), only those that start
    /// inside one of those ranges.
    func scan(_ document: Document, within ranges: [Range<Int>]? = nil) -> Scan {
        var scan = Scan()
        let (patterns, candidates) = (self.patterns, self.candidates)
        var rangeIndex = 0
        /// Whether `offset` (never smaller than the one asked before) lies in one of `ranges`.
        func wanted(_ offset: Int) -> Bool {
            guard let ranges else { return true }
            while rangeIndex < ranges.count && ranges[rangeIndex].upperBound <= offset { rangeIndex += 1 }
            return rangeIndex < ranges.count && ranges[rangeIndex].contains(offset)
        }
        document.text.withUnsafeBufferPointer { buffer in
            document.tokens.withUnsafeBufferPointer { tokens in
                func match(_ token: Token, _ range: Range<Int32>) {
                    for candidate in candidates[Int(range.lowerBound)..<Int(range.upperBound)] {
                        let pattern = patterns[candidate]
                        if let end = NameIndex.match(pattern.bytes, in: buffer, at: token.start),
                           NameIndex.endsName(at: end, in: buffer, allowHyphen: pattern.role != .garbled) {
                            scan.mentions.append(NameMention(range: token.start..<end, pattern: candidate))
                            return
                        }
                    }
                }
                let words = ranges.map { CapitalisedWords.words(in: document, startingWithin: $0) } ?? CapitalisedWords.words(in: document)
                for word in words {
                    let token = tokens[Int(word.token)]
                    guard let entry = byWord[word.hash] else { continue }
                    match(token, entry.candidates)
                    if word.plain && entry.entityOfFold >= 0 {
                        scan.plainWordsOfEntities.append((token.start..<CapitalisedWords.wordEnd(token, buffer), Int(entry.entityOfFold)))
                    }
                }
                // French, Italian and Catalan elision: "l'Otan", "d’Ivoire" name "Otan", "Ivoire".
                guard ["fr", "it", "ca"].contains(language) else { return }
                rangeIndex = 0
                for word in tokens where word.kind == .letter && buffer[word.start] >= 0x61 && buffer[word.start] <= 0x7A && wanted(word.start) {
                    let token = NameIndex.withoutElision(word, in: buffer)
                    if token.start != word.start && CapitalisedWords.startsWithCapital(token.start, buffer),
                       let entry = byWord[NameIndex.hash(buffer[token.range])] {
                        match(token, entry.candidates)
                    }
                }
                scan.mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
            }
        }
        return scan
    }

    /// The token without an elided article or preposition ("l'", "d’", "qu'", "dell'").
    static func withoutElision(_ token: Token, in text: UnsafeBufferPointer<UInt8>) -> Token {
        var index = token.start
        while index < token.end && index - token.start <= 4 {
            let byte = text[index]
            if byte == 0x27 { return trimmed(token, to: index + 1) }
            if byte == 0xE2 && index + 2 < token.end && text[index + 1] == 0x80 && text[index + 2] == 0x99 { return trimmed(token, to: index + 3) }
            guard byte >= 0x61 && byte <= 0x7A else { return token }
            index += 1
        }
        return token
    }

    private static func trimmed(_ token: Token, to start: Int) -> Token {
        start < token.end ? Token(start: start, end: token.end, kind: token.kind, script: token.script) : token
    }

    /// Compares a pattern with the text; a space in the pattern matches one run
    /// of spaces with at most one line break (hard-wrapped text). Returns the end.
    static func match(_ pattern: [UInt8], in text: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var t = start, p = 0
        while p < pattern.count {
            let byte = pattern[p]
            p += 1
            guard t < text.count else { return nil }
            // "l’océan" and "l'océan" are one spelling: the apostrophe's style is the quotes rules' matter.
            if let inPattern = apostropheLength(pattern, p - 1), let inText = apostropheLength(text, t) {
                p += inPattern - 1
                t += inText
            } else if byte == 0x20 {
                var newlines = 0, spaces = 0
                while t < text.count, text[t] == 0x20 || text[t] == 0x0A || text[t] == 0x0D || text[t] == 0x09 {
                    if text[t] == 0x0A { newlines += 1 }
                    spaces += 1
                    t += 1
                }
                guard spaces > 0, newlines <= 1 else { return nil }
            } else {
                guard text[t] == byte else { return nil }
                t += 1
            }
        }
        return t
    }

    /// The length of a straight (') or typographic (’) apostrophe at `index`, or nil.
    private static func apostropheLength<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ index: Int) -> Int? where Bytes.Index == Int {
        if bytes[index] == 0x27 { return 1 }
        if bytes[index] == 0xE2 && index + 2 < bytes.endIndex && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x99 { return 3 }
        return nil
    }

    /// A name ends before a non-letter ("North Korea's", "North Korea,"), not inside a word ("North Korean").
    static func endsName(at end: Int, in text: UnsafeBufferPointer<UInt8>, allowHyphen: Bool) -> Bool {
        guard end < text.count else { return true }
        let byte = text[end]
        if byte == UInt8(ascii: "-") { return allowHyphen }
        if byte < 0x80 {
            let lower = byte | 0x20
            return !(lower >= 0x61 && lower <= 0x7A) && !(byte >= 0x30 && byte <= 0x39)
        }
        guard let scalar = Unicode.Scalar(ScriptLookup.scalar(at: end, in: text)) else { return true }
        return !scalar.properties.isAlphabetic
    }

    /// The bytes of a pattern's first word, as ICU's word break would cut it
    /// (letters, digits, apostrophes inside; a space or hyphen ends it).
    static func firstToken(_ bytes: [UInt8]) -> [UInt8]? {
        let end = bytes.firstIndex { $0 == 0x20 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") } ?? bytes.count
        return end > 0 ? Array(bytes[..<end]) : nil
    }

    static func startsUpperCase(_ bytes: [UInt8]) -> Bool {
        guard let first = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    /// FNV-1a of the bytes with ASCII letters in lower case: the key of a first word
    /// (bytes are compared exactly after a hit) and the hash of a fold key.
    static func hash(_ bytes: some Collection<UInt8>) -> UInt64 {
        var value = FNV.start
        for byte in bytes { value = FNV.adding(CaseFolding.asciiLower(byte), to: value) }
        return value
    }

    // MARK: Reading

    func entity(_ mention: NameMention) -> Entity { catalog.entities[patterns[mention.pattern].entity] }

    /// The name of an entity as the target language writes it (English when the dictionary has no such column).
    func targetForm(_ entity: Entity) -> String? { entity.forms[language] ?? entity.forms["en"] }
}

/// Fold-key hashes for names: ASCII is folded in place (letters and digits,
/// lower case), other scripts through ICU transliteration (`NameFolding`).
enum NameFold {
    struct Hashes {
        /// The fold key's hash; 0 when the key has under 5 letters (too short to
        /// compare) or, before `transliterated`, when the bytes are not all ASCII
        /// (a typographic apostrophe aside).
        var fold: UInt64
        /// The spelling's hash, ignoring ASCII case and apostrophes.
        let spelling: UInt64
        let ascii: Bool
        /// One ASCII word: no space, hyphen or apostrophe, so the fold key is its lower case.
        let plain: Bool
    }

    /// One pass over the bytes; the fold of non-ASCII bytes is left to `transliterated`.
    static func hashes(_ bytes: UnsafeBufferPointer<UInt8>) -> Hashes {
        var fold = FNV.start, spelling = FNV.start
        var kept = 0, ascii = true, plain = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            // "People’s" and "People's" are one spelling: the apostrophe's style is the quotes rules' matter.
            if byte == 0x27 { plain = false; continue }
            if byte == 0xE2 && index + 1 < bytes.count && bytes[index] == 0x80 && bytes[index + 1] == 0x99 {
                index += 2
                plain = false
                continue
            }
            if byte >= 0x80 { ascii = false }
            if byte == 0x20 || byte == UInt8(ascii: "-") { plain = false }
            let lower = CaseFolding.asciiLower(byte)
            spelling = FNV.adding(lower, to: spelling)
            if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                fold = FNV.adding(lower, to: fold)
                kept += 1
            }
        }
        return Hashes(fold: ascii && kept >= 5 ? fold : 0, spelling: spelling, ascii: ascii, plain: ascii && plain)
    }

    /// The fold key's hash of any script (0 under 5 letters), through ICU.
    static func transliterated(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let key = NameFolding.key(String(decoding: bytes, as: UTF8.self))
        return key.utf8.count >= 5 ? NameIndex.hash(key.utf8) : 0
    }
}
