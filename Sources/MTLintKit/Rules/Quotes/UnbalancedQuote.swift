/// A quotation that never closes, a closing mark without an opening one, or a quotation
/// closed (or opened) with the wrong mark: "« prêts « puis", "„gotowi“".
public struct UnbalancedQuote: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "unbalanced-quote",
        family: .quotes,
        severity: .warning,
        languages: [],
        summary: "An opening quotation mark that is never closed in its paragraph, a closing mark that closes nothing, or a quotation closed with the wrong mark.",
        rationale: """
            Machine translation drops or duplicates quotation marks when it reorders a sentence, and the reader \
            can no longer tell where the quoted words end. The rule pairs the locale's marks over the whole \
            paragraph, because quotations span sentences (in a text of one segment a line, where a quotation \
            may run over many lines, only closing marks that close nothing are reported; a single-line text is \
            one paragraph), and lets a quotation continue into the next paragraph \
            when that paragraph opens with the same mark (the convention for quoting several paragraphs). \
            Straight quotes (") are paired but never reported, since they double as inch and ditto marks, and \
            marks foreign to the locale are left to foreign-quote-style; a straight quote between spaces is the \
            character itself (« " »), and "" an empty string. In a translation file, a message that is a piece of a quotation, whose \
            source leaves it open or closes it as well ("`", "d' and `c" → "d » et « c"), is left alone. A \
            quotation that never closes has no mechanical fix: only the editor knows where it ends. But when \
            the mark that ends it is the wrong one, the finding is that mark, not the quotation's opening one: \
            an opening mark that stands where the quotation closes, followed by no word ("« prêts « puis", \
            "„bereit „ dann"), the closing mark of the locale's inner pair ("«готовы“") or of another locale \
            ("„gotowi“" in Polish, "“ready„" in English), and a closing mark between spaces that opens the \
            quotation a later one closes (French "» prêts »"). The message names the mark it \
            should be, and the fix writes it: safe when the mark is glued to the word it closes and the \
            quotation opens with the locale's own mark, unsafe when spaces on both sides leave its role to a guess.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("⟦“⟧The summit ended without a deal, the minister said. Talks resume in May.\n\nThe next round is in June.", lang: "en"),
            .triggers("The deal is dead⟦”⟧ the minister said.", lang: "en"),
            .triggers("He said: ⟦“⟧We will come back. Nobody doubted him.", lang: "en"),
            .passes("He said: “We will come back.\nNobody doubted him.”", lang: "en"),
            .triggers("Selon lui, ⟦«⟧\u{A0}le sommet a échoué. Les discussions reprendront en mai.\n\nLa suite en juin.", lang: "fr"),
            .triggers("Er sagte: ⟦„⟧Wir kommen. Dann ging er.\n\nDas war alles.", lang: "de"),
            .triggers("Он сказал: ⟦«⟧Мы придём. Потом ушёл.\n\nВот и всё.", lang: "ru"),
            .triggers("他说：⟦“⟧我们会来。然后离开了。\n\n就这样。", lang: "zh"),
            .passes("“We will come. We will stay. We will win,” he said.", lang: "en"),
            .passes("“The first paragraph of a long quotation.\n\n“The second one, which closes it.”", lang: "en"),
            .passes("He is 6' 2\" tall and \"fine\".", lang: "en"),
            .passes("Er sagte: „Wir kommen.“ Dann ging er.", lang: "de"),
            .passes("Le premier caractère n'est pas « \" ». La syntaxe « $\"...\" » est obsolète. Sans l'entrée « msgid \"\" ».", lang: "fr"),
            .passes("Commandes du shell correspondant au mot-clé « ", lang: "fr",
                    source: "Shell commands matching keyword `", sourceLang: "en"),
            .triggers("La méthode d'authentification ⟦«⟧peer n'est pas supportée.", lang: "fr",
                      source: "peer authentication is not supported", sourceLang: "en"),
            // The wrong mark: reported where it stands, with the mark it should be.
            .triggers("Il a dit : « Nous sommes prêts ⟦«⟧ puis il est parti.\n\nLa suite.", lang: "fr",
                      fixed: "Il a dit : « Nous sommes prêts » puis il est parti.\n\nLa suite."),
            .triggers("Il a dit : ⟦»⟧ Nous sommes prêts », puis il est parti.\n\nLa suite.", lang: "fr",
                      fixed: "Il a dit : « Nous sommes prêts », puis il est parti.\n\nLa suite."),
            .triggers("Er sagte: „Wir sind bereit ⟦„⟧ dann ging er.\n\nDas war alles.", lang: "de",
                      fixed: "Er sagte: „Wir sind bereit “ dann ging er.\n\nDas war alles."),
            .triggers("Il a dit : « Nous sommes prêts⟦”⟧ puis il est parti.\n\nLa suite.", lang: "fr",
                      fixed: "Il a dit : « Nous sommes prêts» puis il est parti.\n\nLa suite."),
            .triggers("Он сказал: «Мы готовы ⟦«⟧ и ушёл.\n\nВот и всё.", lang: "ru",
                      fixed: "Он сказал: «Мы готовы » и ушёл.\n\nВот и всё."),
            .triggers("Он сказал: «Мы готовы⟦“⟧ и ушёл.\n\nВот и всё.", lang: "ru",
                      fixed: "Он сказал: «Мы готовы» и ушёл.\n\nВот и всё."),
            .triggers("He said: “We are ready ⟦“⟧ and left.\n\nThat was all.", lang: "en",
                      fixed: "He said: “We are ready ” and left.\n\nThat was all."),
            .triggers("He said: “We are ready⟦„⟧ and left.\n\nThat was all.", lang: "en",
                      fixed: "He said: “We are ready” and left.\n\nThat was all."),
            .triggers("Powiedział: „Jesteśmy gotowi⟦“⟧ i wyszedł.\n\nTo wszystko.", lang: "pl",
                      fixed: "Powiedział: „Jesteśmy gotowi” i wyszedł.\n\nTo wszystko."),
            .triggers("Powiedział: „Jesteśmy gotowi ⟦„⟧ i wyszedł.\n\nTo wszystko.", lang: "pl",
                      fixed: "Powiedział: „Jesteśmy gotowi ” i wyszedł.\n\nTo wszystko."),
            .passes("Il a dit : « Nous sommes prêts », puis « il est parti ».\n\nLa suite.", lang: "fr"),
            .passes("Er sagte: „Das ist »wahr« und gut“.\n\nDas war alles.", lang: "de"),
            // German accepts „…“ and »…« alike: in „-c« either mark may be the wrong one.
            .passes("Sie können bis zu 10 »+«- oder „-c«-Befehle verwenden.\n\nDas war alles.", lang: "de"),
            .passes("Он сказал: «Это “правда” и „истина“».\n\nВот и всё.", lang: "ru"),
            .passes("He said: “We are ready” and left.\n\nThat was all.", lang: "en"),
            .passes("Powiedział: „To jest «prawda» i tyle”.\n\nTo wszystko.", lang: "pl"),
            // A second quotation that opens onto a word is no closing mark: both quotations stay open.
            .triggers("He said: ⟦“⟧We are ready. ⟦“⟧Then he left.\n\nThat was all.", lang: "en"),
            // » is a byte of the mojibake of û, not a mark.
            .passes("Le prix a augmenté en aoÃ»t.", lang: "fr"),
        ],
        judgesWholeDocument: true
    )

    public func check(_ document: Document) -> [Finding] {
        QuoteAnalysis.issues(in: document).compactMap { issue -> Finding? in
            switch issue {
            case let .unbalanced(mark, opening):
                // A message that is a piece of a quotation ("`", "d' and `c") leaves it open as its source does.
                if let source = document.unitSource(at: mark.lowerBound),
                   opening ? Self.sourceBalance(source).opensUnclosed : Self.sourceBalance(source).closesUnopened { return nil }
                let text = document.string(mark)
                return finding(mark, opening
                               ? "\(text) opens a quotation that is never closed in this paragraph"
                               : "\(text) closes a quotation that was never opened")
            case let .mismatched(mark, partner, edit, safe):
                if let source = document.unitSource(at: mark.lowerBound),
                   Self.sourceBalance(source).opensUnclosed || Self.sourceBalance(source).closesUnopened { return nil }
                let (text, other) = (document.string(mark), document.string(partner))
                let message = mark.lowerBound > partner.lowerBound
                    ? "\(text) ends the quotation opened by \(other) but is not its closing mark: use \(edit.replacement)"
                    : "\(text) opens the quotation that \(other) closes but is not its opening mark: use \(edit.replacement)"
                return finding(mark, message, suggestions: [edit.replacement], fix: Fix(safety: safe ? .safe : .unsafe, edits: [edit]))
            default:
                return nil
            }
        }.sorted { $0.start < $1.start }
    }

    /// Whether a source text closes a quotation it never opened, and leaves one open: with the
    /// English marks ` ' " “ ” ‘ and « » „. An apostrophe between letters ("don't") is no mark, and a
    /// straight quote (") is unbalanced when the text has an odd number of them.
    static func sourceBalance(_ source: String) -> (closesUnopened: Bool, opensUnclosed: Bool) {
        let scalars = Array(source.unicodeScalars)
        var depth = 0, closesUnopened = false, straight = 0
        for (index, scalar) in scalars.enumerated() {
            let before = index > 0 ? scalars[index - 1] : " ", after = index + 1 < scalars.count ? scalars[index + 1] : " "
            switch scalar {
            case "`", "“", "«", "„", "‘": depth += 1
            case "”", "»", "’", "'":
                if before.properties.isAlphabetic && after.properties.isAlphabetic { continue }  // an apostrophe
                if depth > 0 { depth -= 1 }
                else if scalar == "'" && !after.properties.isWhitespace && !before.properties.isAlphabetic { depth += 1 }  // 'word'
                else { closesUnopened = true }
            case "\"": straight += 1
            default: continue
            }
        }
        return (closesUnopened, depth > 0 || straight % 2 == 1)
    }
}
