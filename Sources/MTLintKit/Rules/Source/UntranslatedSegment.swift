/// Source text copied into the translation untranslated.
public struct UntranslatedSegment: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "untranslated-segment",
        family: .source,
        severity: .warning,
        languages: [],
        summary: "A sentence, or a run of three or more words, copied from the source in the source language.",
        rationale: """
            Machine translation leaves text untranslated when it fails to recognise the language, meets a long \
            rare phrase, or passes a segment through unchanged; a reader then finds a sentence of the source \
            language in the article. A run of at least three words of the source, with at least two ordinary \
            different content words (lower-case words of four letters or more, or ideographs), that reappears in the \
            translation is reported. Names and titles are capitalised and so do not count as content words; \
            a run inside quotation marks is left alone (a quotation of the original). A run is reported only when \
            it is a whole sentence or holds a grammar word of the source language (an article, a preposition, a \
            pronoun or a common verb, from the word lists of dictionaries/<lang>/: a list of settings, a command or a \
            type name has none), and when two of its lower-case words belong to the source language only: a word the translation \
            also writes where its own source does not ("type", "double" in French) is a cognate, so "type \
            double precision" is not reported but "Profile memory usage of" is; and nothing is reported \
            when source and translation are in the same language. Words in a script foreign to the target \
            language are also the business of foreign-script, whose brand-name settings are separate.
            """,
        fixSafety: nil,
        examples: [
            .triggers("Le ministre a déclaré que ⟦the talks would continue next week⟧.", lang: "fr",
                      source: "The minister said that the talks would continue next week.", sourceLang: "en"),
            .triggers("⟦Die Verhandlungen werden fortgesetzt⟧", lang: "en", source: "Die Verhandlungen werden fortgesetzt.", sourceLang: "de"),
            .triggers("The company said ⟦新招聘了三百名员工⟧.", lang: "en", source: "公司新招聘了三百名员工。", sourceLang: "zh"),
            .passes("Le ministre a lu « the talks would continue » à haute voix.", lang: "fr",
                    source: "The minister read \"the talks would continue\" aloud.", sourceLang: "en"),
            .passes("The New York Times Company reported a loss.", lang: "en",
                    source: "Die New York Times Company meldete einen Verlust.", sourceLang: "de"),
            .passes("Die Centres for Disease Control and Prevention untersuchen den Fall.", lang: "de",
                    source: "The Centres for Disease Control and Prevention are investigating the case.", sourceLang: "en"),
            .passes("Es ist so etwas wie ding, ding, ding.", lang: "de", source: "It's kind of like ding, ding, ding.", sourceLang: "en"),
            // Code the translation keeps: a quoted command, and the command of a synopsis line.
            .passes("Voir 'git help config' pour plus d'information.", lang: "fr",
                    source: "See 'git help config' for more information.", sourceLang: "en"),
            .passes("Utilisez git notes merge --abort pour annuler la fusion.", lang: "fr",
                    source: "Use git notes merge --abort to cancel the merge.", sourceLang: "en"),
            .passes("Pour fusionner : git config pull.rebase false", lang: "fr",
                    source: "To merge: git config pull.rebase false", sourceLang: "en"),
            .passes("git notes prune [<options>]", lang: "fr", source: "git notes prune [<options>]", sourceLang: "en"),
            .passes("Essayez 'git bisect reset <commit>'.", lang: "fr", source: "Try 'git bisect reset <commit>'.", sourceLang: "en"),
            // Settings, commands and type names keep their words, and hold no article or preposition.
            .passes("cooked : identique à brkint ignpar istrip icrnl ixon opost isig", lang: "fr",
                    source: "cooked: same as brkint ignpar istrip icrnl ixon opost isig", sourceLang: "en"),
            .passes("collaborer (voir aussi : git help workflows)", lang: "fr",
                    source: "collaborate (see also: git help workflows)", sourceLang: "en"),
            .passes("Les pourparlers continueront la semaine prochaine.", lang: "fr",
                    source: "The talks will continue next week.", sourceLang: "en"),
        ]
    )

    /// Quotation marks: a copied run after an odd number of them in its unit is a quotation.
    static let quoteMarks: Set<Unicode.Scalar> = ["\"", "“", "”", "„", "«", "»", "‘", "’", "‚", "「", "」", "『", "』", "‹", "›"]

    public func check(_ document: Document) -> [Finding] {
        guard let sourceLanguage = document.sourceLanguage, sourceLanguage.code != document.language.code,
              let sources = SourceSide.of(document) else { return [] }
        var candidates: [(range: Range<Int>, lowerCaseWords: Set<UInt64>, whole: Bool, count: Int, sentence: Bool)] = []
        var keys = WordKeys()
        // One unit after another in the same buffers: a pair has thousands of units.
        var target = Words(), source: [UInt64] = []
        var tokenIndex = 0
        for (unitIndex, unit) in document.units.enumerated() {
            let unitTokens = Self.tokens(of: unit, in: document, from: &tokenIndex)
            // A source whose words are not tokenized yet (Chinese, Japanese) is first tested on its bytes,
            // before any word of the translation is keyed.
            if sources.document.wordsDeferred
                && !Self.mayShareRun(document.tokens[unitTokens], in: document.text, source: sources.document.source.bytes[sources.ranges[unitIndex]]) {
                continue
            }
            Self.words(unitTokens, in: document, keys: &keys, into: &target)
            guard target.count >= 3 else { continue }
            Self.sourceWords(ofUnit: unitIndex, in: sources, keys: &keys, into: &source)
            guard let run = Self.longestCommonRun(source, target.keys) else { continue }
            // Prose: words apart by white space only ("--dereference-command-line", "a=b", "[-f]" are code);
            // the longest such stretch of the shared run.
            let copied = longestProseStretch(target.tokens[run], in: document.text)
            guard let first = copied.first, let last = copied.last,
                  !isCode(before: first.start, after: last.end, in: document.text) else { continue }
            // Two different content words: "ding, ding, ding" is the same sound in any language.
            let contentWords = Set(copied.indices.lazy.filter { isContentWord(target.tokens[$0], in: document.text) }.map { target.keys[$0] })
            guard copied.count >= 3, contentWords.count >= 2 else { continue }
            let range = first.start..<last.end
            guard !isQuoted(range, in: unit, document: document), !isLiteral(range, in: document.text) else { continue }
            let lowerCaseWords = Set(copied.indices.lazy.filter { Self.startsLowerCase(target.tokens[$0], in: document.text) }.map { target.keys[$0] })
            let whole = copied.count == target.count
            candidates.append((range, lowerCaseWords, whole, copied.count, isWholeSentence(range, in: document.text, unitSource: whole ? unit.source : nil)))
        }
        guard !candidates.isEmpty else { return [] }
        // Cognates are not copies: a word the translation also writes where its source does not
        // ("type", "total", "double" in French) belongs to the target language as well. Two words of
        // the run must belong to the source language only ("memory" and "of" in "Profile memory usage
        // of PROGRAM"; "double precision" has one).
        let own = ownWords(Set(candidates.flatMap(\.lowerCaseWords)), in: document, sources: sources)
        let grammar = JoinLexicon.of(sourceLanguage.code, in: document.dictionaries)
        return candidates.filter { $0.lowerCaseWords.subtracting(own).count >= 2
                && ($0.sentence || isProse($0.range, grammar, in: document)) }.map { candidate in
            finding(candidate.range, candidate.whole
                ? "this text is the source, untranslated (\(sourceLanguage.code) in a \(document.language.code) translation)"
                : "\(candidate.count) words copied untranslated from the source (\(sourceLanguage.code)): translate them")
        }
    }

    /// Copied prose is a whole sentence, or holds a grammar word of its language (an article, a preposition, a
    /// pronoun, a conjunction, a common verb: the sentence-join rules' lexicon; "memory usage of PROGRAM",
    /// "it's true what they say"); a run without one is a
    /// list of terms or settings ("brkint ignpar istrip", "init preclean source build"), a command ("git
    /// help workflows") or a type ("character varying"), which a translation keeps. Languages without
    /// lists of those words are not tested.
    private func isProse(_ range: Range<Int>, _ grammar: JoinLexicon, in document: Document) -> Bool {
        guard !grammar.isEmpty else { return true }
        return document.tokens(in: range).contains { $0.kind == .letter && grammar.continues(CaseFolding.fold(document.string($0.range))) }
    }

    /// "This is just one example.": a capital first and a full stop, question or exclamation mark last,
    /// in the translation or, for a unit copied whole, in its source.
    private func isWholeSentence(_ range: Range<Int>, in text: [UInt8], unitSource: String?) -> Bool {
        let sentenceEnds: Set<UInt8> = [0x2E, 0x21, 0x3F]
        let endsHere = range.upperBound < text.count && sentenceEnds.contains(text[range.upperBound])
        let sourceEnds = unitSource?.utf8.reversed().first { $0 != 0x20 && $0 != 0x0A }.map(sentenceEnds.contains) ?? false
        guard endsHere || sourceEnds else { return false }
        let first = text.withUnsafeBufferPointer { ByteScan.scalar($0, range.lowerBound).value }
        return Unicode.Scalar(first)?.properties.isUppercase ?? false
    }

    /// A word that starts with a lower-case letter or is an ideograph: not a name or an acronym.
    private static func startsLowerCase(_ token: Token, in text: [UInt8]) -> Bool {
        if token.kind == .ideographic || token.kind == .kana { return true }
        let first = text.withUnsafeBufferPointer { ByteScan.scalar($0, token.start).value }
        return token.kind == .letter && (Unicode.Scalar(first)?.properties.isLowercase ?? false)
    }

    /// The indices of a unit's target tokens; `tokenIndex` moves on through the document's tokens (units are in order).
    private static func tokens(of unit: TranslationUnit, in document: Document, from tokenIndex: inout Int) -> Range<Int> {
        let tokens = document.tokens
        while tokenIndex < tokens.count && tokens[tokenIndex].start < unit.target.lowerBound { tokenIndex += 1 }
        var end = tokenIndex
        while end < tokens.count && tokens[end].end <= unit.target.upperBound { end += 1 }
        return tokenIndex..<end
    }

    /// The words of some of a document's tokens, keyed.
    private static func words(_ indices: Range<Int>, in document: Document, keys: inout WordKeys, into words: inout Words) {
        words.removeAll()
        document.text.withUnsafeBufferPointer { text in
            document.tokens.withUnsafeBufferPointer { tokens in
                for index in indices where tokens[index].kind.isWord { keys.keys(of: tokens[index], in: text) { words.append($0, $1) } }
            }
        }
    }

    /// The keys of unit i's source words (their places are not needed).
    private static func sourceWords(ofUnit index: Int, in sources: SourceSide, keys: inout WordKeys, into words: inout [UInt64]) {
        words.removeAll(keepingCapacity: true)
        sources.document.text.withUnsafeBufferPointer { text in
            for token in sources.tokens(ofUnit: index) where token.kind.isWord { keys.keys(of: token, in: text) { key, _ in words.append(key) } }
        }
    }

    /// Which of `wanted` the translation writes in a unit whose source does not have them. Only a
    /// document with a candidate pays for this second pass.
    private func ownWords(_ wanted: Set<UInt64>, in document: Document, sources: SourceSide) -> Set<UInt64> {
        var keys = WordKeys(), target = Words(), source: [UInt64] = []
        var found: Set<UInt64> = []
        var tokenIndex = 0
        for (unitIndex, unit) in document.units.enumerated() where found.count < wanted.count {
            Self.words(Self.tokens(of: unit, in: document, from: &tokenIndex), in: document, keys: &keys, into: &target)
            let present = target.keys.filter { wanted.contains($0) && !found.contains($0) }
            guard !present.isEmpty else { continue }
            Self.sourceWords(ofUnit: unitIndex, in: sources, keys: &keys, into: &source)
            for key in present where !source.contains(key) { found.insert(key) }
        }
        return found
    }

    /// A unit's words, in order: each one's comparison key and its token.
    struct Words {
        var keys: [UInt64] = []
        var tokens: [Token] = []
        var count: Int { keys.count }

        @inline(__always)
        mutating func append(_ key: UInt64, _ token: Token) {
            keys.append(key)
            tokens.append(token)
        }

        mutating func removeAll() {
            keys.removeAll(keepingCapacity: true)
            tokens.removeAll(keepingCapacity: true)
        }
    }

    /// Whether three target words in a row occur in the source, each as a whole word (an
    /// ideograph anywhere), two of them different content words (`isContentWord`: a copy is
    /// reported only then): a test on the bytes that most units fail, so that their source is
    /// never tokenized (a Chinese or Japanese source's dictionary segmentation is the slowest
    /// step of a pair) and their translation's words never keyed. It passes every unit whose
    /// `longestCommonRun` holds two content words, short of a source letter that case-folds into
    /// ASCII (the long ſ, the Kelvin sign), which Chinese and Japanese text does not use.
    static func mayShareRun(_ tokens: ArraySlice<Token>, in text: [UInt8], source: ArraySlice<UInt8>) -> Bool {
        // The source's runs of ASCII letters and digits, keyed as an ASCII word is: a target word of
        // such bytes only occurs in the source as a whole word when its key is one of them. Most
        // Chinese and Japanese sentences have few (a year, a name in Latin letters), or none.
        let (runs, runLengths) = source.withUnsafeBufferPointer(asciiWordRuns)
        // Without such runs, no word of ASCII letters and digits occurs: a translation of ASCII only has nothing to look for.
        if runs.isEmpty, let first = tokens.first, let last = tokens.last,
           text[first.start..<last.end].withUnsafeBufferPointer({ ByteScan.nextNonASCII($0, from: 0) == $0.count }) {
            return false
        }
        // Other words (ideographs, accented, "don't") are looked for in the folded source, folded as the keys are.
        var haystack: [UInt8]? = nil
        func occurs(_ bytes: ArraySlice<UInt8>, wholeWord: Bool) -> Bool {
            if haystack == nil { haystack = Array(CaseFolding.fold(source).utf8) }
            let needle = bytes.allSatisfy { $0 < 0x80 } ? bytes.map(CaseFolding.asciiLower) : Array(CaseFolding.fold(bytes).utf8)
            return Self.occurs(needle, in: haystack!, wholeWord: wholeWord)
        }
        // The run of words the source has so far, and its different content words: keyed, or (words
        // with marks or beyond ASCII, rare in a run) each counted as one more.
        var inARow = 0, contentKeys: [UInt64] = [], otherContentWords = 0
        func extendRun(_ present: Bool, content: UInt64?, contentUnkeyed: Bool = false) -> Bool {
            guard present else {
                (inARow, otherContentWords) = (0, 0)
                contentKeys.removeAll(keepingCapacity: true)
                return false
            }
            inARow += 1
            if let content, !contentKeys.contains(content) { contentKeys.append(content) }
            if contentUnkeyed { otherContentWords += 1 }
            return inARow >= 3 && contentKeys.count + otherContentWords >= 2
        }
        for token in tokens where token.kind.isWord {
            if token.kind == .ideographic || token.kind == .kana {
                // Each ideograph is a word, and a content word, keyed as `WordKeys` keys it.
                var offset = token.start
                while offset < token.end {
                    let end = min(offset + ByteScan.length(text[offset]), token.end)
                    let present = occurs(text[offset..<end], wholeWord: false)
                    if extendRun(present, content: present ? FNV.hash(text[offset..<end]) : nil) { return true }
                    offset = end
                }
            } else if text[token.range].allSatisfy(isASCIIWordByte) {
                // Only a word as long as one of the runs can be one of them: most words are not hashed.
                let length = token.end - token.start
                let key = runLengths & 1 << min(length, 63) != 0 ? asciiWordKey(text[token.range])! : nil
                let present = key.map(runs.contains) ?? false
                // A content word: lower-case, four letters or more.
                let isContent = length >= 4 && text[token.start] >= 0x61 && text[token.start] <= 0x7A
                if extendRun(present, content: isContent ? key : nil) { return true }
            } else {
                // An ASCII word with other marks ("don't", "3.5") occurs whole only where each of its runs of
                // letters and digits is one of the source's: most do not, and the source need not be folded.
                let bytes = text[token.range]
                let present = (bytes.allSatisfy { $0 < 0x80 } ? asciiWordParts(bytes).allSatisfy(runs.contains) : true)
                    && occurs(bytes, wholeWord: true)
                if extendRun(present, content: nil, contentUnkeyed: true) { return true }  // counted as content: never too few
            }
        }
        return false
    }

    /// The keys of a text's runs of ASCII letters and digits. Eight bytes beyond ASCII (most of a
    /// Chinese or Japanese text) are passed over at once.
    static func asciiWordRuns(_ bytes: UnsafeBufferPointer<UInt8>) -> (keys: [UInt64], lengths: UInt64) {
        var runs: [UInt64] = []
        // One bit per length (63 for longer ones): a word of another length is none of them.
        var lengths: UInt64 = 0
        var hash = FNV.start, length = 0, index = 0
        func endRun() {
            runs.append(hash)
            lengths |= 1 << min(length, 63)
            (hash, length) = (FNV.start, 0)
        }
        while index < bytes.count {
            if index + 8 <= bytes.count,
               UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) & Swar.highs == Swar.highs {
                if length > 0 { endRun() }
                index += 8
                continue
            }
            let byte = bytes[index]
            if isASCIIWordByte(byte) {
                hash = FNV.adding(CaseFolding.asciiLower(byte), to: hash)
                length += 1
            } else if length > 0 {
                endRun()
            }
            index += 1
        }
        if length > 0 { endRun() }
        return (runs, lengths)
    }

    /// The keys of the runs of ASCII letters and digits inside a word ("don't": "don" and "t").
    static func asciiWordParts(_ bytes: ArraySlice<UInt8>) -> [UInt64] {
        bytes.split { !isASCIIWordByte($0) }.map { FNV.hash($0.lazy.map(CaseFolding.asciiLower)) }
    }

    /// The key of a word of ASCII letters and digits only (the key `WordKeys` gives it), else nil.
    static func asciiWordKey(_ bytes: ArraySlice<UInt8>) -> UInt64? {
        var hash = FNV.start
        for byte in bytes {
            guard isASCIIWordByte(byte) else { return nil }
            hash = FNV.adding(CaseFolding.asciiLower(byte), to: hash)
        }
        return hash
    }

    static func isASCIIWordByte(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) }

    /// `needle` in `haystack`, not glued to an ASCII letter or digit on either side when `wholeWord`.
    static func occurs(_ needle: [UInt8], in haystack: [UInt8], wholeWord: Bool) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        var start = 0
        while let position = haystack.firstOffset(of: needle, from: start) {
            let end = position + needle.count
            if !wholeWord || ((position == 0 || !isASCIIWordByte(haystack[position - 1])) && (end == haystack.count || !isASCIIWordByte(haystack[end]))) {
                return true
            }
            start = position + 1
        }
        return false
    }


    /// Word tokens as comparison keys: a hash of the word case-folded, or of each ideograph of it
    /// (ICU keeps a run of Chinese characters in one token). ASCII, Latin-1 and Cyrillic words are
    /// folded on the bytes, the others through ICU once per spelling (a document repeats its words).
    struct WordKeys {
        private var foldedByRawHash: [UInt64: UInt64] = [:]

        /// The key of a word token, or of each of its ideographs, each with the token it stands for.
        @inline(__always)
        mutating func keys(of token: Token, in text: UnsafeBufferPointer<UInt8>, _ body: (UInt64, Token) -> Void) {
            let bytes = UnsafeBufferPointer(rebasing: text[token.range])
            if token.kind == .ideographic || token.kind == .kana {
                var offset = token.start
                while offset < token.end {
                    let end = min(offset + ByteScan.length(text[offset]), token.end)
                    body(FNV.hash(text[offset..<end]), Token(start: offset, end: end, kind: token.kind, script: token.script))
                    offset = end
                }
            } else if let folded = UntranslatedSegment.latinOrCyrillicKey(bytes) {
                body(folded, token)
            } else {
                let raw = FNV.hash(bytes)
                if let key = foldedByRawHash[raw] { return body(key, token) }
                let key = FNV.hash(CaseFolding.fold(bytes).utf8)
                foldedByRawHash[raw] = key
                body(key, token)
            }
        }
    }

    /// The key of a word in ASCII, Latin-1 and Cyrillic letters, folded on its bytes as ICU folds
    /// them (À–Þ and А–Я, Ѐ–Џ to lower case); nil for any other letter ("ß" folds to "ss"), which
    /// goes through ICU. Most words of European languages never reach ICU.
    @inline(__always)
    static func latinOrCyrillicKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var hash = FNV.start
        func add(_ byte: UInt8) { hash = FNV.adding(byte, to: hash) }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x80 { add(CaseFolding.asciiLower(byte)); index += 1; continue }
            guard index + 1 < bytes.endIndex else { return nil }
            let next = bytes[index + 1]
            switch (byte, next) {
            case (0xC3, 0x80...0x9E) where next != 0x97: add(0xC3); add(next + 0x20)        // À–Þ (not ×)
            case (0xC3, 0xA0...0xBF): add(0xC3); add(next)                                   // à–ÿ
            case (0xD0, 0x90...0x9F): add(0xD0); add(next + 0x20)                            // А–П
            case (0xD0, 0xA0...0xAF): add(0xD1); add(next - 0x20)                            // Р–Я
            case (0xD0, 0x80...0x8F): add(0xD1); add(next + 0x10)                            // Ѐ–Џ
            case (0xD0, 0xB0...0xBF), (0xD1, 0x80...0x9F): add(byte); add(next)              // а–я, ѐ–џ
            default: return nil
            }
            index += 2
        }
        return hash
    }

    /// The longest run of consecutive words shared by both, as a range of `target`'s indices (the
    /// first such run), when it has three words or more.
    static func longestCommonRun(_ source: [UInt64], _ target: [UInt64]) -> Range<Int>? {
        guard source.count >= 3, target.count >= 3, source.count * target.count <= 250_000 else { return nil }
        // A run of three needs three target words in a row that the source has: most units have none,
        // which a bitmap of the source's keys (1,024 bits, on the stack) tells before any word is looked up.
        let mayHaveRun = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 16) { bitmap -> Bool in
            bitmap.initialize(repeating: 0)
            for key in source { bitmap[Int(key >> 60)] |= 1 << ((key >> 54) & 63) }
            var inARow = 0
            for key in target {
                inARow = bitmap[Int(key >> 60)] & (1 << ((key >> 54) & 63)) != 0 ? inARow + 1 : 0
                if inARow == 3 { return true }
            }
            return false
        }
        guard mayHaveRun else { return nil }
        // The places of each source key, from a small hash table on the stack (repeated words chained,
        // last place first). Target word after target word, the run ending at each place of the word in
        // the source extends the run that ended one place before at the previous target word: the work
        // is the words and their matches, not a table of every pair.
        let bits = Int.bitWidth - (2 * source.count - 1).leadingZeroBitCount, slots = 1 << bits
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: slots) { slotKeys -> Range<Int>? in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: slots + 3 * source.count) { table -> Range<Int>? in
                table.initialize(repeating: -1)
                let heads = table.baseAddress!, next = heads + slots, stamp = next + source.count, run = stamp + source.count
                func slot(of key: UInt64) -> Int {
                    var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
                    while heads[slot] >= 0 && slotKeys[slot] != key { slot = (slot + 1) & (slots - 1) }
                    return slot
                }
                for (place, key) in source.enumerated() {
                    let slot = slot(of: key)
                    slotKeys[slot] = key
                    next[place] = heads[slot]
                    heads[slot] = Int32(place)
                }
                var best: Int32 = 0, bestEnd = 0
                for (j, key) in target.enumerated() {
                    var place = Int(heads[slot(of: key)])
                    // Last place first: the run one place before is still the previous target word's.
                    while place >= 0 {
                        let length = (j > 0 && place > 0 && stamp[place - 1] == Int32(j - 1) ? run[place - 1] : 0) + 1
                        (stamp[place], run[place]) = (Int32(j), length)
                        if length > best { (best, bestEnd) = (length, j + 1) }
                        place = Int(next[place])
                    }
                }
                return best >= 3 ? (bestEnd - Int(best))..<bestEnd : nil
            }
        }
    }

    /// An ideograph, or a lower-case word of four letters or more: not a name, an acronym or a
    /// function word ("for", "and" inside "Centres for Disease Control and Prevention").
    private func isContentWord(_ token: Token, in text: [UInt8]) -> Bool {
        if token.kind == .ideographic || token.kind == .kana { return true }
        return Self.startsLowerCase(token, in: text) && String(decoding: text[token.range], as: UTF8.self).unicodeScalars.count >= 4
    }

    private func longestProseStretch(_ words: ArraySlice<Token>, in text: [UInt8]) -> ArraySlice<Token> {
        var best = words.prefix(0)
        var start = words.startIndex
        for index in words.indices {
            let next = index + 1
            if next == words.endIndex || !isProseGap(words[index], words[next], in: text) {
                if next - start > best.count { best = words[start..<next] }
                start = next
            }
        }
        return best
    }

    /// Words of prose are apart by white space, or by nothing between ideographs.
    private func isProseGap(_ a: Token, _ b: Token, in text: [UInt8]) -> Bool {
        let gap = text[a.end..<b.start]
        if gap.isEmpty { return [.ideographic, .kana].contains(a.kind) && [.ideographic, .kana].contains(b.kind) }
        return gap.allSatisfy { $0 == 0x20 || $0 == 0x0A }
    }

    private static let codeMarks: Set<UInt8> = Set("-_=/\\<>[]{}|@:.$%#`*".utf8)

    /// A run glued to code characters on either side ("--enable-reloc", "name=", "<path>").
    private func isCode(before start: Int, after end: Int, in text: [UInt8]) -> Bool {
        (start > 0 && Self.codeMarks.contains(text[start - 1])) || (end < text.count && Self.codeMarks.contains(text[end]) && text[end] != UInt8(ascii: "."))
            || (end + 1 < text.count && text[end] == UInt8(ascii: ".") && text[end + 1] != 0x20 && text[end + 1] != 0x0A)
    }

    /// Code the translation rightly keeps: a quoted literal ('git help config', `make install`,
    /// « git stash »), the command of a synopsis line ("git notes prune [<options>]") or one given its
    /// options, or a run holding an identifier ("git config pull.rebase false").
    private func isLiteral(_ range: Range<Int>, in text: [UInt8]) -> Bool {
        var before = range.lowerBound
        while before > 0 && (text[before - 1] == 0x20 || text[before - 1] == 0x09) { before -= 1 }
        var after = range.upperBound
        while after < text.count && text[after] == 0x20 { after += 1 }
        // The command a synopsis line opens, options or arguments after it.
        if before == 0 || text[before - 1] == 0x0A, after < text.count, text[after] == UInt8(ascii: "[") || text[after] == UInt8(ascii: "<") {
            return true
        }
        // A command given its options anywhere ("git notes merge --abort", "tar -x"): an option follows.
        if after > range.upperBound, after + 1 < text.count, text[after] == UInt8(ascii: "-"),
           text[after + 1] == UInt8(ascii: "-") || text[after + 1] | 0x20 >= 0x61 && text[after + 1] | 0x20 <= 0x7A {
            return true
        }
        // An identifier inside the run ("pull.rebase", "unicode_border_linestyle"): code, not prose.
        for inner in (range.lowerBound + 1)..<max(range.lowerBound + 1, range.upperBound - 1)
        where text[inner] == UInt8(ascii: ".") || text[inner] == UInt8(ascii: "_") {
            if text[inner - 1] >= 0x61 && text[inner - 1] <= 0x7A && text[inner + 1] >= 0x61 && text[inner + 1] <= 0x7A { return true }
        }
        // Quoted: a mark right before and right after, a space inside allowed (« git stash »).
        let (opening, closing) = text.withUnsafeBufferPointer { buffer -> ((value: UInt32, start: Int)?, UInt32?) in
            var opening = ByteScan.scalar(before: range.lowerBound, buffer)
            if let space = opening, ByteScan.isSpace(space.value) { opening = ByteScan.scalar(before: space.start, buffer) }
            guard range.upperBound < buffer.count else { return (opening, nil) }
            var closing = ByteScan.scalar(buffer, range.upperBound)
            let next = range.upperBound + closing.length
            if ByteScan.isSpace(closing.value) && next < buffer.count { closing = ByteScan.scalar(buffer, next) }
            return (opening, closing.value)
        }
        guard let opening, Self.openingQuotes.contains(opening.value) else { return false }
        if let closing, Self.closingQuotes.contains(closing) { return true }
        // An ASCII quote opens a literal that goes on past the run ('git bisect reset <commit>'):
        // its closing mark comes later on the line.
        guard opening.value < 0x80, opening.start == range.lowerBound - 1 else { return false }
        let mark = UInt8(opening.value)
        var index = range.upperBound
        while index < min(text.count, range.upperBound + 80) && text[index] != 0x0A {
            if text[index] == mark || (mark == UInt8(ascii: "`") && text[index] == UInt8(ascii: "'")) { return true }
            index += 1
        }
        return false
    }

    /// ' ` " « ‘ “ „ and ' ` " » ’ ” “ (German closes with “).
    static let openingQuotes: Set<UInt32> = [0x27, 0x60, 0x22, 0xAB, 0x2018, 0x201C, 0x201E]
    static let closingQuotes: Set<UInt32> = [0x27, 0x60, 0x22, 0xBB, 0x2019, 0x201D, 0x201C]

    private func isQuoted(_ range: Range<Int>, in unit: TranslationUnit, document: Document) -> Bool {
        let before = String(decoding: document.source.bytes[unit.target.lowerBound..<range.lowerBound], as: UTF8.self)
        return before.unicodeScalars.filter { Self.quoteMarks.contains($0) }.count % 2 == 1
    }
}
