import Testing
@testable import MTLintKit

/// What a catalogue's message keeps from its msgid is the source's, not a slip of the
/// translator (#13): the rules leave it alone and still find the translator's own slips.
struct CatalogueSourceTests {
    static let catalogue = #"""
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\n"
        "Language: fr\n"

        msgid "Wadi Wadi"
        msgstr "wadi wadi"

        msgid "escape the ampersand as &amp;"
        msgstr "échappez l’esperluette avec &amp;"

        msgid "`"
        msgstr "« "

        msgid "Shell commands matching keyword `"
        msgstr "Commandes du shell correspondant au mot-clé « "

        msgid "Updating makefiles...."
        msgstr "Mise à jour des makefiles...."

        msgid "Access Rights : "
        msgstr "Droits d'accès : "

        msgid "only the TI and ARM unwinders are supported"
        msgstr "Seuls les les dérouleurs TI et ARM sont supportés"

        #, c-format
        msgid "cannot link %s with %s"
        msgstr "ne peut lier %2$s avec %1$s"

        """#

    func findings(_ text: String) -> [Finding] {
        let linter = Linter(options: LintOptions(language: "fr"))
        return linter.lint(SourceText(text), path: "messages.po").findings
    }

    @Test func whatTheSourceWritesIsLeftAlone() {
        let rules = findings(Self.catalogue).map(\.rule)
        for rule in ["html-entity", "unbalanced-quote", "punctuation-run", "space-before-punctuation", "markup-mismatch"] {
            #expect(!rules.contains(rule), "\(rule)")
        }
        // The translator's own doubling is still found, the source's is not.
        #expect(rules.filter { $0 == "repeated-word" }.count == 1)
    }

    @Test func msgidsAreEnglishUnlessTheyClearlySayOtherwise() {
        // Local place names of many countries (iso_3166-2) do not make the msgids Spanish for their few
        // articles: the name copied into the msgstr follows its source. German msgids are read as German.
        let names = Linter.detectedSource(of: ["La Habana", "Santa Elena", "Île-de-France", "Nordrhein-Westfalen", "Bayern",
                                               "Provence-Alpes-Côte d'Azur", "Zürich", "Małopolskie", "Lombardia", "Toscana",
                                               "Andalucía", "Cataluña", "Galicia", "Västra Götaland", "Uusimaa", "Jalisco"]
            .map { TranslationUnit(id: $0, source: $0, target: 0..<0) }, convention: "en")
        #expect(names == "en")
        let german = Linter.detectedSource(of: ["Die Datei ist nicht lesbar und wird übersprungen.", "Der Befehl ist unbekannt."]
            .map { TranslationUnit(id: $0, source: $0, target: 0..<0) }, convention: "en")
        #expect(german == "de")
        // Without a convention (an XLIFF file that names no language), the best guess stands.
        #expect(Linter.detectedSource(of: [TranslationUnit(id: "1", source: "La Habana", target: 0..<0)], convention: nil) == "es")
        let catalogue = #"""
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=UTF-8\n"
            "Language: fr\n"

            msgid "La Habana"
            msgstr "La Habana"

            msgid "Santa Elena"
            msgstr "Santa Elena"

            """#
        #expect(!findings(catalogue).contains { $0.rule == "untranslated-name" })
    }

    @Test func cognatesAreNotCopies() {
        // "type" and "double" are French too: the catalogue writes them where the msgid does not.
        // "Profile memory usage of PROGRAM" keeps two words French never writes ("memory", "of").
        let catalogue = #"""
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=UTF-8\n"
            "Language: fr\n"

            msgid "unknown kind of value"
            msgstr "type de valeur inconnu"

            msgid "quotes used twice"
            msgstr "guillemets double utilisés"

            msgid "\"%s\" is out of range for type double precision"
            msgstr "« %s » est en dehors des limites du type double precision"

            msgid "Profile memory usage of PROGRAM."
            msgstr "Profile memory usage of PROGRAM."

            """#
        let copied = findings(catalogue).filter { $0.rule == "untranslated-segment" }
        #expect(copied.count == 1)
        #expect(copied.first.map { String(decoding: Array(catalogue.utf8)[$0.start..<$0.end], as: UTF8.self) } == "Profile memory usage of PROGRAM")
    }

    @Test func aSentenceOfAnArticleIsNotAMessage() throws {
        // Aligned sentences are judged as one text: a quotation closed in a later sentence is
        // paired there, and one closed nowhere is flagged even if its sentence's source leaves it open.
        var options = LintOptions(language: "en")
        options.sourceLanguage = "zh"
        let linter = Linter(options: options)
        let target = "He said: “We came.\nWe stayed.\nWe will go. ”\nThey left. ”\n"
        let source = "他说：“我们来了。\n我们留下了。\n我们会走。”\n他们走了。”\n"
        let result = linter.lint(SourceText(target), path: "a.txt", articleSource: (text: SourceText(source), format: DocumentFormat.plain))
        #expect(result.findings.contains { $0.rule == "unbalanced-quote" })
    }

    @Test func punctuationAloneClosesTheSentenceBefore() throws {
        // Spaced punctuation ("。 ”") splits off a "sentence" without a word: the aligner joins it to
        // the sentence it closes, so it is never a sentence left out.
        let source = try Document(source: SourceText("他说 ： “ 正在累积 … … 正在累积 。 ” 联合国提出报告，一名外交官员说 ： “ 他们正在设施上忙着 。 ”\n"),
                                  format: .plain, language: .forTag("zh"))
        let target = try Document(source: SourceText("He said: “They are accumulating.” The UN issued a report, and a diplomat said: “They are busy.”\n"),
                                  format: .plain, language: .forTag("en"))
        let sentences = Aligner.sentences(source).sentences
        #expect(sentences.allSatisfy { Aligner.hasWord(source.text[$0]) })
        #expect(sentences.last.map { source.string($0).hasSuffix("”") } == true)
        #expect(Aligner.align(source: source, target: target).allSatisfy { pair in pair.source.map { Aligner.hasWord(source.text[$0]) } ?? true })
    }

    @Test func aSourceSentenceWithoutWordsIsNoOmission() throws {
        // The aligner may leave a closing mark or an ellipsis alone as a source "sentence" with no
        // translation (a unit with an empty target): no content is missing. A real sentence left out
        // that way is still reported.
        let target = "The minister arrived in Brussels on Tuesday. The talks lasted until late at night."
        func omissions(leftOut: String) throws -> [Finding] {
            var document = try Document(source: SourceText(target), format: .plain, language: .forTag("en"), units: [
                TranslationUnit(id: "1", source: "Der Minister kam am Dienstag in Brüssel an.", target: 0..<44),
                TranslationUnit(id: "2", source: leftOut, target: 44..<44),
                TranslationUnit(id: "3", source: "Die Gespräche dauerten bis spät in die Nacht.", target: 45..<target.utf8.count),
            ])
            document.sourceLanguage = .forTag("de")
            return Omission().check(document)
        }
        #expect(try omissions(leftOut: "”").isEmpty)
        #expect(try omissions(leftOut: "…").isEmpty)
        #expect(try omissions(leftOut: "Er traf dort seine Amtskollegen.").count == 1)
    }
}
