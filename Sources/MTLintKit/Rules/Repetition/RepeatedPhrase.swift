/// "in the region in the region in the region": an n-gram loop of neural MT.
public struct RepeatedPhrase: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "repeated-phrase",
        family: .repetition,
        severity: .warning,
        languages: [],
        summary: "A phrase of 2–10 words repeated back to back (\"in the region in the region\"): an MT decoding loop.",
        rationale: """
            When a neural decoder loses its place it can fall into a loop and emit the same phrase again and \
            again ("in the region in the region in the region"). Single doubled words are repeated-word's \
            business; this rule looks for a sequence of 2 to 10 words followed immediately by the same sequence \
            (ignoring case), with only spaces between the words. Two-word phrases must occur three times, since \
            "very well very well" style doublings occur in speech; longer ones twice. Rhetorical repetition is \
            written with commas ("step by step, step by step") and is not matched, and a phrase of capitalised \
            words ("New York New York") is taken for a title, and two members of a correlative pair that start \
            alike ("ni une table ni une table distante") are grammar. Words apart by more than one space on a line are \
            table columns, not a sentence. The suggestion keeps the first occurrence; it is \
            unsafe, because the editor should check what the loop replaced.
            """,
        fixSafety: .unsafe,
        examples: [
            .triggers("Tensions rose ⟦in the region in the region in the region⟧ this week.", lang: "en",
                      fixed: "Tensions rose in the region this week."),
            .triggers("Les tensions ⟦dans la région dans la région⟧ augmentent.", lang: "fr",
                      fixed: "Les tensions dans la région augmentent."),
            .triggers("Die Spannungen ⟦in der Region in der Region⟧ steigen.", lang: "de",
                      fixed: "Die Spannungen in der Region steigen."),
            .triggers("Напряжённость ⟦в регионе растёт в регионе растёт⟧ быстро.", lang: "ru",
                      fixed: "Напряжённость в регионе растёт быстро."),
            .passes("Step by step, step by step, they rebuilt it. She sang New York New York.", lang: "en"),
            .passes("It was very good very good indeed, and more and more people came.", lang: "en"),
            // Correlative pairs repeat their opening words on purpose.
            .passes("La relation n'est ni une table ni une table distante.", lang: "fr"),
            .passes("Это либо новый файл либо новый каталог.", lang: "ru"),
            .passes("       c           taille du cache            TAILLE DU CACHE", lang: "fr"),
            .passes("  -a, --add username            add username to the members", lang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        let text = document.text, tokens = document.tokens
        var findings: [Finding] = []
        // The last position of each word's cheap key (length and first two bytes, hashed):
        // a word seen again 2–10 tokens back may start a loop, which is then verified.
        var last = [Int32](repeating: -1, count: 4096)
        var i = 0
        while i < tokens.count {
            // The cheap candidate test runs on every word, so it reads raw buffers.
            let candidate = text.withUnsafeBufferPointer { text in
                tokens.withUnsafeBufferPointer { tokens in
                    last.withUnsafeMutableBufferPointer { last in
                        nextCandidate(from: &i, text, tokens, last)
                    }
                }
            }
            guard let j = candidate else { break }
            let n = i - j
            guard blockMatches(j, i, n, tokens, document, joinedFrom: j + 1) else { i += 1; continue }
            var repeats = 2
            while blockMatches(j, j + repeats * n, n, tokens, document, joinedFrom: j + repeats * n) { repeats += 1 }
            let first = tokens[j], lastOfFirst = tokens[j + n - 1], end = tokens[j + repeats * n - 1]
            let single = (1..<n).allSatisfy { document.sameWordIgnoringCase(tokens[j], tokens[j + $0]) }
            let title = (0..<n).allSatisfy { isCapitalised(tokens[j + $0], text) }
            // A heading repeated as the first words of the next line ("Password age\nPassword age in days").
            let restatement = document.text[tokens[i - 1].end..<tokens[i].start].contains(0x0A) && isCapitalised(tokens[i], text)
            let numbers = (0..<n).contains { tokens[j + $0].kind == .number }
            // "ni une table ni une table distante": two members of a correlative pair that start alike.
            let correlative = repeats == 2 && (Self.correlatives[document.language.code]?.contains(document.string(first.range).lowercased()) ?? false)
            if repeats >= (n == 2 ? 3 : 2) && !single && !title && !restatement && !numbers && !correlative {
                let phrase = document.string(first.start..<lastOfFirst.end)
                findings.append(finding(first.start..<end.end,
                                        "\"\(phrase)\" is repeated \(repeats) times in a row: a translation loop",
                                        suggestions: [phrase],
                                        fix: Fix(safety: .unsafe, edits: [Edit(offset: lastOfFirst.end, length: end.end - lastOfFirst.end, replacement: "")])))
                i = j + repeats * n
                for index in last.indices { last[index] = -1 }
            } else {
                i += 1
            }
        }
        return findings
    }

    /// Conjunctions written before each member of a pair ("ni … ni", "soit … soit", "ни … ни").
    static let correlatives: [String: Set<String>] = [
        "fr": ["ni", "soit", "tantôt"], "es": ["ni", "ya"], "it": ["né", "sia"], "pt": ["nem", "quer"],
        "ru": ["ни", "то", "либо"], "uk": ["ні", "то", "чи"], "pl": ["ani", "albo"],
    ]

    /// Advances `i` to the next word whose key (length and first two bytes) was seen 2–10 tokens
    /// before, with the words after both also alike, and returns that earlier position; nil at the end.
    private func nextCandidate(from i: inout Int, _ text: UnsafeBufferPointer<UInt8>,
                               _ tokens: UnsafeBufferPointer<Token>, _ last: UnsafeMutableBufferPointer<Int32>) -> Int? {
        while i < tokens.count {
            let token = tokens[i]
            guard token.kind.isWord else { i += 1; continue }
            let length = token.end - token.start
            let b0 = UInt32(text[token.start] | 0x20), b1 = length > 1 ? UInt32(text[token.start + 1] | 0x20) : 0
            let key = UInt32(truncatingIfNeeded: length) << 16 | b0 << 8 | b1
            let slot = Int((key &* 2_654_435_761) >> 20) & 4095
            let j = Int(last[slot])
            last[slot] = Int32(truncatingIfNeeded: i)
            let n = i - j
            if j >= 0, n >= 2, n <= 10, i + 1 < tokens.count,
               tokens[j + 1].end - tokens[j + 1].start == tokens[i + 1].end - tokens[i + 1].start,
               text[tokens[j + 1].start] | 0x20 == text[tokens[i + 1].start] | 0x20 {
                return j
            }
            i += 1
        }
        return nil
    }

    /// Whether the n tokens at `b` are words repeating the n at `a`, and the tokens from
    /// `joinedFrom` to the end of the block are joined by spaces (one line break at most
    /// between two words). Extending a loop checks only the new block's joins, so a line
    /// that repeats one phrase 100,000 times stays linear.
    private func blockMatches(_ a: Int, _ b: Int, _ n: Int, _ tokens: [Token], _ document: Document,
                              joinedFrom: Int) -> Bool {
        guard b + n <= tokens.count else { return false }
        for k in 0..<n {
            let x = tokens[a + k], y = tokens[b + k]
            guard x.kind.isWord, y.kind.isWord, x.end - x.start == y.end - y.start,
                  document.sameWordIgnoringCase(x, y) else { return false }
        }
        for index in joinedFrom..<(b + n) where !spacesOnly(tokens[index - 1].end, tokens[index].start, document.text) {
            return false
        }
        return true
    }

    /// One space (or tab), or one line break with any indentation: a wider gap on one line
    /// separates table columns ("taille du cache      TAILLE DU CACHE"), not words of a sentence.
    private func spacesOnly(_ from: Int, _ to: Int, _ text: [UInt8]) -> Bool {
        guard to > from else { return to == from }
        var newlines = 0
        for offset in from..<to {
            switch text[offset] {
            case 0x20, 0x09, 0x0D: continue
            case 0x0A: newlines += 1
            default: return false
            }
        }
        return newlines == 1 || (newlines == 0 && to - from == 1)
    }

    private func isCapitalised(_ token: Token, _ text: [UInt8]) -> Bool {
        let byte = text[token.start]
        if byte < 0x80 { return byte >= 0x41 && byte <= 0x5A }
        let scalar = text.withUnsafeBufferPointer { ScriptLookup.scalar(at: token.start, in: $0) }
        return Unicode.Scalar(scalar)?.properties.isUppercase ?? false
    }
}
