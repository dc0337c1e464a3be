/// A written name the names rules look for, and what finding it means.
struct NamePattern: Sendable {
    enum Role: Sendable, Equatable {
        /// The entity's canonical form in a language.
        case form(language: String)
        /// Another spelling of the entity.
        case variant
        /// The words of the entity's target-language name in a wrong order ("Korea North").
        case garbled
    }

    let text: String
    let bytes: [UInt8]
    let entity: Int
    let role: Role
    /// For a form of another language that is foreign in the target language: the target form.
    let untranslatedSuggestion: String?
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
    private let byFirstToken: HashedKeyTable<[Int]>
    /// The entity of each fold key of its forms and variants ("pyongyang" → Pyongyang).
    let entityOfFold: HashedKeyTable<Int>

    static func forLanguage(_ language: String, dictionaries: Dictionaries) -> NameIndex {
        dictionaries.derived("names:\(language)") {
            NameIndex(language: language, catalog: dictionaries.derived("names:catalog") { EntityCatalog.load(dictionaries) })
        }
    }

    init(language: String, catalog: EntityCatalog) {
        self.language = language
        self.catalog = catalog
        var patterns: [NamePattern] = []
        // Everything the target language itself writes: never "untranslated".
        var targetFolds = Set<String>()
        for entity in catalog.entities {
            if let form = entity.forms[language] { targetFolds.insert(NameFolding.key(form)) }
            for variant in entity.variants { targetFolds.insert(NameFolding.key(variant)) }
        }
        for (index, entity) in catalog.entities.enumerated() {
            var seen = Set<String>()
            let target = entity.forms[language]
            let targetFold = target.map(NameFolding.key)
            for (formLanguage, form) in entity.forms.sorted(by: { $0.key < $1.key }) where seen.insert(form).inserted {
                var suggestion: String? = nil
                // Not when one contains the other ("Brunei", "Brunei Darussalam"): the same name, shorter.
                if formLanguage != language, let target, let targetFold, entity.kind != .person,
                   case let fold = NameFolding.key(form), !targetFolds.contains(fold),
                   !fold.contains(targetFold), !targetFold.contains(fold),
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
            }
        }
        var byFirstToken: [UInt64: [Int]] = [:]
        for (index, pattern) in patterns.enumerated() {
            guard let first = NameIndex.firstToken(pattern.bytes), NameIndex.startsUpperCase(pattern.bytes) else { continue }
            byFirstToken[NameIndex.hash(first[...]), default: []].append(index)
        }
        // Longest first, so "South Korea" wins over "South" at the same place.
        for key in byFirstToken.keys { byFirstToken[key]!.sort { patterns[$0].bytes.count > patterns[$1].bytes.count } }
        self.patterns = patterns
        self.byFirstToken = HashedKeyTable(byFirstToken)
        var entityOfFold: [UInt64: Int] = [:]
        for pattern in patterns where pattern.role != .garbled {
            let fold = NameFold.hash(pattern.bytes[...]).fold
            if fold != 0 && entityOfFold[fold] == nil { entityOfFold[fold] = pattern.entity }
        }
        self.entityOfFold = HashedKeyTable(entityOfFold)
    }

    // MARK: Building

    /// The wrong orders of a name's words: every other order of a two- or
    /// three-word name ("North Korea" → "Korea North"; "Corée du Nord" →
    /// "Corée Nord du", …), and for a one-word compound its halves swapped
    /// ("Nordkorea" → "Korea Nord"). Orders that start in lower case are left out.
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

    /// Every match at every capitalised token (matches may overlap: "South Korea" and "Korea North").
    func mentions(in document: Document) -> [NameMention] {
        var mentions: [NameMention] = []
        document.text.withUnsafeBufferPointer { buffer in
            document.tokens.withUnsafeBufferPointer { tokens in
                func match(_ token: Token) {
                    guard let candidates = byFirstToken[NameIndex.hash(buffer[token.range])] else { return }
                    for candidate in candidates {
                        let pattern = patterns[candidate]
                        if let end = NameIndex.match(pattern.bytes, in: buffer, at: token.start),
                           NameIndex.endsName(at: end, in: buffer, allowHyphen: pattern.role != .garbled) {
                            mentions.append(NameMention(range: token.start..<end, pattern: candidate))
                            return
                        }
                    }
                }
                for index in CapitalisedWords.indices(in: document) { match(tokens[Int(index)]) }
                // French, Italian and Catalan elision: "l'Otan", "d’Ivoire" name "Otan", "Ivoire".
                guard ["fr", "it", "ca"].contains(language) else { return }
                for word in tokens where word.kind == .letter && buffer[word.start] >= 0x61 && buffer[word.start] <= 0x7A {
                    let token = NameIndex.withoutElision(word, in: buffer)
                    if token.start != word.start && CapitalisedWords.startsWithCapital(token.start, buffer) { match(token) }
                }
                mentions.sort { $0.range.lowerBound < $1.range.lowerBound }
            }
        }
        return mentions
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
        var t = start
        for byte in pattern {
            guard t < text.count else { return nil }
            if byte == 0x20 {
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

    static func hash(_ bytes: some Collection<UInt8>) -> UInt64 {
        var value: UInt64 = 0xcbf29ce484222325
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100000001b3 }
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
    /// The fold key's hash (0 when the key has under 5 letters, too short to
    /// compare) and the spelling's hash ignoring ASCII case.
    static func hash(_ bytes: ArraySlice<UInt8>) -> (fold: UInt64, spelling: UInt64) {
        var fold: UInt64 = 0xcbf29ce484222325, spelling: UInt64 = 0xcbf29ce484222325
        var kept = 0, ascii = true
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            // "People’s" and "People's" are one spelling: the apostrophe's style is the quotes rules' matter.
            if byte == 0x27 { continue }
            if byte == 0xE2 && index + 1 < bytes.endIndex && bytes[index] == 0x80 && bytes[index + 1] == 0x99 {
                index += 2
                continue
            }
            if byte >= 0x80 { ascii = false }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            spelling = (spelling ^ UInt64(lower)) &* 0x100000001b3
            if (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                fold = (fold ^ UInt64(lower)) &* 0x100000001b3
                kept += 1
            }
        }
        if ascii { return (kept >= 5 ? fold : 0, spelling) }
        let key = NameFolding.key(String(decoding: bytes, as: UTF8.self))
        return (key.utf8.count >= 5 ? NameIndex.hash(key.utf8) : 0, spelling)
    }
}
