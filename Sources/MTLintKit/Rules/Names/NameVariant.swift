/// "Kim Jong-un" six times and "Kim Jong Un" once: one name spelled two ways in one article.
public struct NameVariant: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "name-variant",
        family: .names,
        severity: .warning,
        languages: [],
        summary: "One person, place or organisation spelled in different ways in one article (\"Kim Jong-un\" / \"Kim Jong Un\").",
        rationale: """
            Translation systems transliterate a name afresh in every sentence, so one article ends up with \
            "Kim Jong-un" and "Kim Jong Un", "Zelensky" and "Zelenskyy", "Pyongyang" and "P'yongyang". Readers \
            take the spellings for different people, and style guides require one. Spellings are grouped when the \
            dictionaries list them for the same entity (dictionaries/entities/), or when they fold to the same key \
            with ICU (transliteration to Latin, case folding, without hyphens, apostrophes, spaces and diacritics). \
            A full name and a surname alone ("Volodymyr Zelensky", "Zelensky") are not variants of each other, and \
            neither are spellings that differ only in case (headlines) or in the style of apostrophe, nor two \
            names of one entity that do not look alike ("Great Britain" / "United Kingdom"), which are a \
            writer's choice, not a slip. Code \
            identifiers and placeholders ("PROJECT_ID", "WorkerPool", "BACKUP-PLAN") are not names; nor is a \
            lone capitalised word at a sentence start that the dictionaries do not know ("Utilisé"), nor, in \
            German, which capitalises every noun, a phrase without a space ("Multi-Thread-Modus"). A country's \
            name with an ending added is another word ("Géorgien", "Indonésien"), French "Ignore" / "Ignoré" \
            are a verb's present and participle when the text also writes one in lower case, and in a \
            translation file spellings that each copy their own unit's source ("La Union" / "La Unión") are \
            the source's. The article's \
            most frequent spelling is taken as its choice (on a tie, the dictionary's form for the target \
            language); the other spellings are flagged, and replacing them with it is a safe fix.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("Kim Jong-un spoke. Kim Jong-un left. Then ⟦Kim Jong Un⟧ returned.", lang: "en",
                      fixed: "Kim Jong-un spoke. Kim Jong-un left. Then Kim Jong-un returned."),
            .triggers("Zelensky met the envoy. Zelensky said no. ⟦Zelenskyy⟧ later agreed.", lang: "en",
                      fixed: "Zelensky met the envoy. Zelensky said no. Zelensky later agreed."),
            .triggers("Die Agentur in Pjöngjang meldete es. ⟦P'yongyang⟧ bestätigte. Pjöngjang schwieg dann.", lang: "de",
                      fixed: "Die Agentur in Pjöngjang meldete es. Pjöngjang bestätigte. Pjöngjang schwieg dann."),
            .triggers("Kiev a répondu lundi. Kiev refuse. Mardi, ⟦Kyiv⟧ a cédé.", lang: "fr",
                      fixed: "Kiev a répondu lundi. Kiev refuse. Mardi, Kiev a cédé."),
            .triggers("Ким Чен Ын выступил. Ким Чен Ын уехал. Потом ⟦Ким Чен-Ын⟧ вернулся.", lang: "ru",
                      fixed: "Ким Чен Ын выступил. Ким Чен Ын уехал. Потом Ким Чен Ын вернулся."),
            .passes("Volodymyr Zelensky spoke. Later Zelensky left.", lang: "en"),
            // Two names of one entity are not two spellings of one.
            .passes("Le Royaume-Uni a voté. La Grande-Bretagne a ensuite quitté l’Union.", lang: "fr"),
            .passes("Great Britain voted. The United Kingdom then left. Burma, now Myanmar, replied.", lang: "en"),
            .passes("NORTH KOREA FIRES MISSILE\n\nNorth Korea fired a missile.", lang: "en"),
            .passes("Kim Jong-un and Kim Yo-jong met.", lang: "en"),
            .passes("Wolodymyr Selenskyj sprach. Selenskyj reiste ab.", lang: "de"),
            .passes("Meine Tochter kam. Unsere Töchter blieben.", lang: "de"),
            .passes("The People's Republic of China and the People’s Republic of China.", lang: "en"),
            .passes("The World Health Organization (WHO) said the WHO would help.", lang: "en"),
            .passes("金正恩说了。金正恩走了。", lang: "zh"),
            .passes("Set PROJECT_ID to your Project ID. A WorkerPool is a Worker Pool; see WORKER-POOL.", lang: "en"),
            .passes("Utilisé par défaut.\nUtilise le serveur Avahi\u{202F}: Avahi répond.", lang: "fr"),
            .passes("Der Multithread-Modus ist schneller als der Multi-Thread-Modus.", lang: "de"),
            .passes("La province de La Union est au nord.\n\nLe département de La Unión est au sud.", lang: "fr",
                    source: "The province of La Union is in the north.\n\nThe department of La Unión is in the south.", sourceLang: "en"),
            .passes("Ossète (Géorgie). Géorgien (phonétique). Géorgien (ergonomique).", lang: "fr"),
            .passes("  -f     Ignoré silencieusement.\n  -g     Ignore la casse ; on ignore le reste.\n  -i     Ignore tout.", lang: "fr"),
            .triggers("-D     Debogage. Passe en mode ⟦Débogage⟧ au démarrage.\n-d     Debogage complet.", lang: "fr",
                      fixed: "-D     Debogage. Passe en mode Debogage au démarrage.\n-d     Debogage complet."),
        ],
        judgesWholeDocument: true
    )

    private typealias Groups = [String: [(range: Range<Int>, surface: String)]]

    public func check(_ document: Document) -> [Finding] {
        let names = NameMentions(document)
        var groups: Groups = [:]
        let named = addKnownNames(names, to: &groups)
        addCapitalisedPhrases(of: document, names: names, outside: NamedRanges(named), to: &groups)
        return findings(groups, names: names, document: document)
    }

    /// The dictionaries' names, grouped by entity; returns where every known name is, even those
    /// not compared, to keep them out of the phrase pass.
    private func addKnownNames(_ names: NameMentions, to groups: inout Groups) -> [Range<Int>] {
        var named = [Range<Int>]()
        // Another language's form ("South Korea" in Russian) is untranslated-name's finding, not a variant.
        // A country's name in another language is a translation, not a spelling ("Georgia", "Georgien"),
        // and a name inside a longer one belongs to that one ("LNG Canada").
        for mention in names.correct {
            named.append(mention.range)
            // A declined form is the name itself, in another case, not another spelling of it.
            guard names.pattern(mention).untranslatedSuggestion == nil, names.pattern(mention).role != .inflected,
                  !isOtherLanguageCountryName(names.pattern(mention), names: names),
                  !names.isPartOfLongerName(mention.range) else { continue }
            let surface = names.surface(mention)
            // Group by entity and number of words: a surname alone is not a variant of the full name.
            groups[groupKey(entity: names.pattern(mention).entity, surface), default: []].append((mention.range, surface))
        }
        return named
    }

    /// Capitalised phrases the dictionaries do not list as such, grouped by their fold key: with
    /// the entity whose form folds alike ("P'yongyang" with Pyongyang), else with each other.
    /// Most phrases are one plain ASCII word ("However", "Linux"), whose hash is already its fold
    /// key's: the scan found those that fold like an entity, and the others only count where a
    /// phrase with a space, hyphen, apostrophe or accent folds alike. Only such phrases are hashed.
    private func addCapitalisedPhrases(of document: Document, names: NameMentions, outside namedRanges: NamedRanges,
                                       to groups: inout Groups) {
        func addToEntity(_ entity: Int, _ range: Range<Int>) {
            let surface = document.string(range)
            if isDerivedWord(surface, of: entity, names: names) { return }
            groups[groupKey(entity: entity, surface), default: []].append((range, surface))
        }
        let (phrases, plainWords) = capitalisedPhrases(document)
        var otherPhrases: [(range: Range<Int>, hashes: NameFold.Hashes)] = []
        var foldOfSpelling: [UInt64: UInt64] = [:]  // ICU transliteration, once per non-ASCII spelling
        document.text.withUnsafeBufferPointer { text in
            for phrase in phrases where !namedRanges.overlaps(phrase) {
                let bytes = UnsafeBufferPointer(rebasing: text[phrase])
                var hashes = NameFold.hashes(bytes)
                if !hashes.ascii {
                    if let known = foldOfSpelling[hashes.spelling] {
                        hashes.fold = known
                    } else {
                        hashes.fold = NameFold.transliterated(bytes)
                        foldOfSpelling[hashes.spelling] = hashes.fold
                    }
                }
                guard hashes.fold != 0 else { continue }
                if let entity = names.index.entity(ofFold: hashes.fold) {
                    addToEntity(entity, phrase)
                } else if !looksLikeCode(bytes) {
                    otherPhrases.append((phrase, hashes))
                }
            }
        }
        // For each fold key: the first spelling seen, and whether another appeared.
        var spellingsOfFold = HashedKeyTable<(first: UInt64, several: Bool)>(capacity: otherPhrases.count)
        func note(_ fold: UInt64, spelling: UInt64) {
            if let seen = spellingsOfFold[fold] {
                if !seen.several && seen.first != spelling { spellingsOfFold.set((seen.first, true), for: fold) }
            } else {
                spellingsOfFold.set((spelling, false), for: fold)
            }
        }
        for (_, hashes) in otherPhrases { note(hashes.fold, spelling: hashes.spelling) }
        // Both lists are in document order.
        var entityWords = names.scan.plainWordsOfEntities[...]
        var foldedPlainWords: [(range: Range<Int>, fold: UInt64)] = []
        for (range, fold) in plainWords where !entityWords.isEmpty || !otherPhrases.isEmpty {
            while let next = entityWords.first, next.range.lowerBound < range.lowerBound { entityWords = entityWords.dropFirst() }
            if let next = entityWords.first, next.range == range {
                if !namedRanges.overlaps(range) { addToEntity(next.entity, range) }
            } else if !otherPhrases.isEmpty && spellingsOfFold[fold] != nil && !namedRanges.overlaps(range),
                      !document.text.withUnsafeBufferPointer({ looksLikeCode(UnsafeBufferPointer(rebasing: $0[range])) }) {
                note(fold, spelling: fold)  // a plain word's spelling hash is its fold hash
                foldedPlainWords.append((range, fold))
            }
        }
        let capitalisesNouns = ["de", "lb"].contains(document.language.code)
        func addToFold(_ fold: UInt64, _ range: Range<Int>) {
            guard spellingsOfFold[fold]?.several == true else { return }
            let surface = document.string(range)
            // German capitalises every noun, compounds too ("Multi-Thread-Modus"): there only
            // phrases of several words can be told for names.
            if capitalisesNouns && !surface.contains(" ") { return }
            // One word at a sentence start may be any word ("Utilisé", "Utilise"): the capital says nothing.
            if wordCount(surface) == 1 && document.text.withUnsafeBufferPointer({ isSentenceStart(range.lowerBound, in: $0) }) { return }
            groups["fold:\(fold)", default: []].append((range, surface))
        }
        for (range, hashes) in otherPhrases { addToFold(hashes.fold, range) }
        for (range, fold) in foldedPlainWords { addToFold(fold, range) }
    }

    private func findings(_ groups: Groups, names: NameMentions, document: Document) -> [Finding] {
        var findings: [Finding] = []
        for (key, mentions) in groups where mentions.count > 1 {
            // Spellings that differ beyond case.
            let spellings = Dictionary(grouping: mentions, by: { spellingKey($0.surface) })
            guard spellings.count > 1 else { continue }
            let preferred = preferredSpelling(spellings, key: key, names: names)
            for (folded, group) in spellings where folded != spellingKey(preferred) && looksAlike(group[0].surface, preferred)
                && !areTwoFrenchVerbForms(group[0].surface, preferred, document)
                && !copiesItsSources(group, preferred: spellings[spellingKey(preferred)] ?? [], document) {
                for mention in group {
                    findings.append(finding(mention.range,
                        "\"\(mention.surface)\" is spelled \"\(preferred)\" elsewhere in this article; use one spelling",
                        suggestions: [preferred],
                        fix: Fix(safety: .safe, edits: [Edit(offset: mention.range.lowerBound, length: mention.range.count, replacement: preferred)])))
                }
            }
        }
        return findings.sorted { $0.start < $1.start }
    }

    /// Spellings of one name look alike once folded ("Zelensky" / "Zelenskyy", "P'yongyang" /
    /// "Pjöngjang", "Kiev" / "Kyiv"); two names of one entity do not ("Great Britain" / "United
    /// Kingdom", "Grande-Bretagne" / "Royaume-Uni", "Burma" / "Myanmar"), and choosing between
    /// them is the writer's business, not a slip.
    private func looksAlike(_ a: String, _ b: String) -> Bool {
        let foldA = NameFolding.key(a), foldB = NameFolding.key(b)
        return editDistance(foldA, foldB) <= max(2, max(foldA.count, foldB.count) * 2 / 5)
    }

    /// "Géorgien" beside "Géorgie", "Indonésien" beside "Indonésie": a country's name with an ending
    /// added is its adjective, demonym or language, another word (it folds like another language's
    /// form of the name, German "Georgien", but it is the target language's own derivation).
    private func isDerivedWord(_ surface: String, of entity: Int, names: NameMentions) -> Bool {
        let catalogEntity = names.index.catalog.entities[entity]
        guard catalogEntity.kind == .territory, let target = names.index.targetForm(catalogEntity) else { return false }
        return surface.count > target.count && surface.hasPrefix(target)
    }

    /// French "Ignore" / "Ignoré", "Utilise" / "Utilisé": a verb's present and its past participle
    /// differ by the accent on the final e. Two words, not two spellings of a name, when the text also
    /// writes one of them in lower case, as an ordinary word ("René" / "Rene" never are).
    private func areTwoFrenchVerbForms(_ a: String, _ b: String, _ document: Document) -> Bool {
        guard document.language.code == "fr", !a.contains(" "), !b.contains(" ") else { return false }
        let x = Array(CaseFolding.fold(a)), y = Array(CaseFolding.fold(b))
        guard x.count == y.count, x.count > 2, x.dropLast() == y.dropLast(),
              Set([x.last!, y.last!]) == Set<Character>(["e", "é"]) else { return false }
        return [String(x), String(y)].contains { word in
            document.source.bytes.withUnsafeBufferPointer { bytes in
                let pattern = Array((" " + word + " ").utf8)
                return bytes.count >= pattern.count
                    && (0...(bytes.count - pattern.count)).contains { start in bytes[start] == 0x20 && bytes[start..<(start + pattern.count)].elementsEqual(pattern) }
            }
        }
    }

    /// In a translation file, each spelling as its own unit's source writes it ("La Union" and "La
    /// Unión", two provinces of a gazetteer): the translator kept the source's names, and any
    /// difference is the source's.
    private func copiesItsSources(_ group: [(range: Range<Int>, surface: String)], preferred: [(range: Range<Int>, surface: String)],
                                  _ document: Document) -> Bool {
        guard !document.units.isEmpty else { return false }
        return group.allSatisfy { document.unitSource(at: $0.range.lowerBound)?.contains($0.surface) == true }
            && preferred.contains { document.unitSource(at: $0.range.lowerBound)?.contains($0.surface) == true }
    }

    /// "PROJECT_ID", "WorkerPool", "BACKUP-PLAN": identifiers and placeholders in technical
    /// text, spelled differently on purpose from the words they stand for ("Project ID").
    private func looksLikeCode(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var lowerCase = false, ascii = true, previousLower = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") { return true }
            let isLower = byte >= 0x61 && byte <= 0x7A
            if previousLower && byte >= 0x41 && byte <= 0x5A { return true }
            previousLower = isLower
            lowerCase = lowerCase || isLower
            ascii = ascii && byte < 0x80
        }
        return ascii && !lowerCase
    }

    /// The article's most frequent spelling; on a tie, the dictionary's form
    /// for the target language, else the earliest. The minority spellings are flagged.
    private func preferredSpelling(_ spellings: [String: [(range: Range<Int>, surface: String)]], key: String, names: NameMentions) -> String {
        var canonical: String? = nil
        if !key.hasPrefix("fold:"), let entity = Int(key.split(separator: "/")[0]),
           let target = names.index.targetForm(names.index.catalog.entities[entity]) {
            canonical = spellingKey(target)
        }
        var best: (count: Int, canonical: Bool, start: Int, surface: String)? = nil
        for (spelling, uses) in spellings {
            let candidate = (count: uses.count, canonical: spelling == canonical, start: uses[0].range.lowerBound, surface: uses[0].surface)
            guard let current = best else { best = candidate; continue }
            if candidate.count != current.count {
                if candidate.count > current.count { best = candidate }
            } else if candidate.canonical != current.canonical {
                if candidate.canonical { best = candidate }
            } else if candidate.start < current.start {
                best = candidate
            }
        }
        return best!.surface
    }

    private func isOtherLanguageCountryName(_ pattern: NamePattern, names: NameMentions) -> Bool {
        guard case .form(let language) = pattern.role, language != names.index.language else { return false }
        return names.index.catalog.entities[pattern.entity].kind == .territory
    }

    /// What makes two spellings different: not case (headlines), not the apostrophe's style.
    private func spellingKey(_ surface: String) -> String {
        let folded = CaseFolding.fold(surface)
        return folded.utf8.contains(0xE2) ? folded.replacingAll("’", "'") : folded
    }

    /// Spellings compared with each other: one entity, the same number of words
    /// (a surname alone is not a variant of the full name), and acronyms apart
    /// ("WHO" is not a variant of "World Health Organization").
    private func groupKey(entity: Int, _ surface: String) -> String {
        let acronym = surface.count >= 2 && surface.allSatisfy { !$0.isLetter || $0.isUppercase }
        return "\(entity)/\(wordCount(surface))\(acronym ? "/acronym" : "")"
    }

    /// "China's", "China’s", "Reuters'": the possessive ending is not part of the name.
    private func withoutPossessive(_ end: Int, _ text: UnsafeBufferPointer<UInt8>) -> Int {
        let s = UInt8(ascii: "s"), capitalS = UInt8(ascii: "S")
        guard end >= 2, text[end - 1] == s || text[end - 1] == capitalS else { return end }
        if text[end - 2] == 0x27 { return end - 2 }
        if end >= 4 && text[end - 4] == 0xE2 && text[end - 3] == 0x80 && text[end - 2] == 0x99 { return end - 4 }
        return end
    }

    private func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\n" }).count
    }

    private func isSentenceStart(_ offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = offset
        while index > 0 && (text[index - 1] == 0x20 || text[index - 1] == 0x09) { index -= 1 }
        guard index > 0 else { return true }
        switch text[index - 1] {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), 0x0A: return true
        default: return false
        }
    }

    /// The next letter token after `index` within the phrase (skipping a hyphen and its word).
    private func nextWord(after index: Int, upTo end: Int, _ tokens: UnsafeBufferPointer<Token>) -> Int? {
        var next = index + 1
        while next <= end && tokens[next].kind != .letter { next += 1 }
        return next <= end ? next : nil
    }

    /// Runs of capitalised words joined by single spaces or hyphens ("Kim Jong-un"), of at least
    /// 5 bytes (a shorter one has under 5 letters: too short a key to compare). A run that is one
    /// plain word comes apart, with its hash: that is also its fold key's and its spelling's.
    private func capitalisedPhrases(_ document: Document) -> (phrases: [Range<Int>], plainWords: [(range: Range<Int>, fold: UInt64)]) {
        document.text.withUnsafeBufferPointer { text in
            document.tokens.withUnsafeBufferPointer { tokens in
                var phrases: [Range<Int>] = []
                var plainWords: [(range: Range<Int>, fold: UInt64)] = []
                var consumed = 0
                let words = CapitalisedWords.words(in: document)
                for (position, word) in words.enumerated() where Int(word.token) >= consumed {
                    let start = Int(word.token)
                    var end = start
                    // Most capitalised words stand alone: not followed by another one, nor by a hyphen.
                    let nextIsCapitalised = position + 1 < words.count && words[position + 1].token == word.token + 1
                    let joined = nextIsCapitalised || (tokens[start].end < text.count && text[tokens[start].end] == UInt8(ascii: "-"))
                    while joined && end + 1 < tokens.count {
                        let gapStart = tokens[end].end, gapEnd = tokens[end + 1].start
                        if gapEnd == gapStart + 1 && text[gapStart] == 0x20 && CapitalisedWords.isCapitalised(tokens[end + 1], text) {
                            end += 1
                        } else if gapEnd == gapStart && tokens[end + 1].kind == .punctuation && text[gapEnd] == UInt8(ascii: "-")
                                    && end + 2 < tokens.count && tokens[end + 2].start == tokens[end + 1].end && tokens[end + 2].kind == .letter {
                            end += 2
                        } else {
                            break
                        }
                    }
                    consumed = end + 1
                    if start == end && word.plain {
                        let range = tokens[start].start..<CapitalisedWords.wordEnd(tokens[start], text)
                        if range.count >= 5 { plainWords.append((range, word.hash)) }
                        continue
                    }
                    // The possessive is trimmed inside the last word only, never the whole word.
                    let wordEnd = CapitalisedWords.wordEnd(tokens[end], text)
                    let trimmed = withoutPossessive(wordEnd, text)
                    let phraseEnd = trimmed > tokens[end].start ? trimmed : wordEnd
                    if phraseEnd - tokens[start].start >= 5 { phrases.append(tokens[start].start..<phraseEnd) }
                    // A capital at a sentence start may be an ordinary word ("Then Kim Jong Un"): try without it too.
                    if start < end && isSentenceStart(tokens[start].start, in: text),
                       let second = nextWord(after: start, upTo: end, tokens), phraseEnd - tokens[second].start >= 5 {
                        phrases.append(tokens[second].start..<phraseEnd)
                    }
                }
                return (phrases, plainWords)
            }
        }
    }
}

/// The ranges of the names the dictionaries know in a document, for asking whether a
/// phrase overlaps one of them (they may nest: "Korea" inside "North Korea").
private struct NamedRanges {
    private let starts: [Int]
    /// The furthest end among the ranges up to each one, in order of their starts.
    private let reach: [Int]

    init(_ ranges: [Range<Int>]) {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        starts = sorted.map(\.lowerBound)
        var furthest = Int.min
        reach = sorted.map { range in
            furthest = max(furthest, range.upperBound)
            return furthest
        }
    }

    /// Among the ranges that start before `range` ends, one overlaps it if it reaches past its start.
    func overlaps(_ range: Range<Int>) -> Bool {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < range.upperBound { low = middle + 1 } else { high = middle }
        }
        return low > 0 && reach[low - 1] > range.lowerBound
    }
}
