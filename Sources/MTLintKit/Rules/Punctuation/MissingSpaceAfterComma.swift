/// "ministers,who": no space after a comma or semicolon between two words.
public struct MissingSpaceAfterComma: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "missing-space-after-comma",
        family: .punctuation,
        severity: .warning,
        languages: ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk", "cs", "sv", "da", "no", "nb", "fi"],
        summary: "A comma or semicolon glued to the next word (\"ministers,who\"), in a language written with spaces.",
        rationale: """
            Detokenisers and MT systems sometimes drop the space after a comma or semicolon, gluing two words \
            ("Moscow,Beijing", "said;the"). Sentence punctuation glued to the next sentence ("ended.The") is \
            missing-sentence-space's business; this rule covers the clause marks. Numbers ("1,000", "3,5") and \
            identifiers keep their commas: the two sides must be words of at least two letters, and the chunk \
            between spaces must not contain = / _ @ or a digit, which marks code, options and lists in manuals; \
            identifier and keyword lists ("stat,euid,ruid", "app;paquet;outil") and two-item lists on a short \
            command line ("ps axk comm o comm,args") are code by their shape, and so is the semicolon of a \
            character reference ("&lt;touche&gt;"). In a translation file, a message whose source glues its \
            items too ("[installed,automatic]") keeps the source's layout. \
            Inserting the space is safe.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("The ministers met in Moscow⟦,⟧Beijing and Delhi.", lang: "en", fixed: "The ministers met in Moscow, Beijing and Delhi."),
            .triggers("Les ministres⟦,⟧qui sont arrivés hier, ont parlé.", lang: "fr", fixed: "Les ministres, qui sont arrivés hier, ont parlé."),
            .triggers("Die Minister⟦,⟧die gestern kamen, sprachen.", lang: "de", fixed: "Die Minister, die gestern kamen, sprachen."),
            .triggers("Министры⟦,⟧прибывшие вчера, выступили.", lang: "ru", fixed: "Министры, прибывшие вчера, выступили."),
            .passes("It cost 1,000 dollars, or 3,5 euros; use --opt=a,b or foo_bar,baz.", lang: "en"),
            // Code by its shape (CodeShapes): a keyword list, a two-item list on a short command line.
            .passes("Mots-clés : app;application;logiciel;paquet\n       ps axk comm o comm,args\n", lang: "fr"),
            .passes(" [Installiert,automatisch]", lang: "de", source: " [installed,automatic]", sourceLang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        guard description.applies(to: document.language.code) else { return [] }
        let text = document.text, tokens = document.tokens
        var findings: [Finding] = []
        guard tokens.count > 2 else { return [] }
        for candidate in PunctuationCandidates.indices(in: document) where candidate > 0 && Int(candidate) < tokens.count - 1 {
            let index = Int(candidate)
            let token = tokens[index]
            guard text[token.start] == 0x2C || text[token.start] == 0x3B else { continue }
            let before = tokens[index - 1], after = tokens[index + 1]
            guard before.end == token.start, after.start == token.end, before.kind == .letter, after.kind == .letter,
                  before.end - before.start >= 2, after.end - after.start >= 2 else { continue }
            // The chunk between white space must look like prose, not an option list or identifier.
            var start = before.start, end = after.end
            while start > 0 && !Tokenizer.isASCIISpace(text[start - 1]) { start -= 1 }
            while end < text.count && !Tokenizer.isASCIISpace(text[end]) { end += 1 }
            if text[start..<end].contains(where: { $0 == 0x3D || $0 == 0x2F || $0 == 0x5F || $0 == 0x40 || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0xC2 }) { continue }
            if text.withUnsafeBufferPointer({ ByteScan.lineLooksLikeCode($0, token.start) || ByteScan.endsCharacterReference(token.start, $0) }) { continue }
            // A catalogue's message that keeps its source's list ("[installed,automatic]" → "[Installiert,automatisch]").
            if let source = document.unitSource(at: token.start), Self.gluesItems(source) { continue }
            findings.append(finding(token.range, "no space after \"\(UnicodeScalar(text[token.start]))\"",
                                    suggestions: [String(UnicodeScalar(text[token.start])) + " "],
                                    fix: Fix(safety: .safe, edits: [Edit(offset: token.end, length: 0, replacement: " ")])))
        }
        return findings
    }

    /// A comma or semicolon glued to a letter after it, somewhere in the text.
    static func gluesItems(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.indices.dropLast().contains { index in
            (bytes[index] == 0x2C || bytes[index] == 0x3B) && ByteScan.isASCIILetter(UInt32(bytes[index + 1]))
        }
    }

}
