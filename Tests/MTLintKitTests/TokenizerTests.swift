import Testing
@testable import MTLintKit

@Suite struct TokenizerTests {
    func words(_ text: String, _ locale: String = "en") throws -> [(String, TokenKind, String)] {
        let bytes = Array(text.utf8)
        return try Tokenizer.tokens(of: bytes, locale: locale).map {
            (String(decoding: bytes[$0.range], as: UTF8.self), $0.kind, $0.script.description)
        }
    }

    @Test func tokensCarryRuleStatusAndScript() throws {
        let tokens = try words("Kim visited 2 cities, 北京 and Москва.")
        #expect(tokens.map(\.0) == ["Kim", "visited", "2", "cities", ",", "北京", "and", "Москва", "."])
        #expect(tokens.map(\.1) == [.letter, .letter, .number, .letter, .punctuation, .ideographic, .letter, .letter, .punctuation])
        #expect(tokens.map(\.2) == ["Latn", "Latn", "Zyyy", "Latn", "Zyyy", "Hani", "Latn", "Cyrl", "Zyyy"])
        // Japanese is segmented by ICU's dictionary; every piece is a word in the Japanese scripts.
        let japanese = try words("東京でカタカナとひらがなを書く", "ja")
        #expect(japanese.allSatisfy { $0.1 == .kana || $0.1 == .ideographic })
        #expect(Set(japanese.map(\.2)).isSubset(of: ["Hani", "Hira", "Kana"]))
    }

    @Test func whiteSpaceIsNotAToken() throws {
        #expect(try words("a \u{00A0}\t\n b").map(\.0) == ["a", "b"])
    }

    @Test func sentencesKeepAbbreviationsTogether() throws {
        let text = "Mr. Kim met Mrs. Lee on Jan. 5. They talked. Then they left!"
        let bytes = Array(text.utf8)
        let sentences = try Tokenizer.sentences(of: bytes, locale: "en").map { String(decoding: bytes[$0.range], as: UTF8.self) }
        #expect(sentences == ["Mr. Kim met Mrs. Lee on Jan. 5. ", "They talked. ", "Then they left!"])
    }

    @Test func chineseSentencesEndAtIdeographicFullStop() throws {
        let bytes = Array("他来了。她走了。".utf8)
        #expect(try Tokenizer.sentences(of: bytes, locale: "zh").count == 2)
    }

    @Test func paragraphsAndHeadings() {
        let text = "Russian humanitarian aid\n\nThe convoy left on Monday.\nIt arrived late.\n\n   \nWhat next?\n\n# Notes\n"
        let paragraphs = Tokenizer.paragraphs(of: Array(text.utf8))
        #expect(paragraphs.count == 4)
        #expect(paragraphs.map(\.isHeading) == [true, false, false, true])
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[paragraphs[1].range], as: UTF8.self) == "The convoy left on Monday.\nIt arrived late.")
    }
}

@Suite struct LanguageTests {
    static let samples: [(String, String)] = [
        ("en", "The government said on Monday that the talks would continue, and that both sides were ready to sign."),
        ("fr", "Le gouvernement a déclaré lundi que les discussions se poursuivraient et que les deux parties étaient prêtes."),
        ("de", "Die Regierung sagte am Montag, dass die Gespräche fortgesetzt werden und beide Seiten bereit sind."),
        ("es", "El gobierno dijo el lunes que las conversaciones continuarán y que las dos partes están listas para firmar."),
        ("it", "Il governo ha detto lunedì che i colloqui continueranno e che le due parti sono pronte a firmare."),
        ("pt", "O governo disse na segunda-feira que as conversas vão continuar e que as duas partes estão prontas."),
        ("ru", "Правительство заявило в понедельник, что переговоры продолжатся и обе стороны готовы подписать соглашение."),
        ("uk", "Уряд заявив у понеділок, що переговори триватимуть і обидві сторони готові підписати угоду."),
        ("zh", "政府星期一表示，谈判将继续进行，双方都准备签署协议。"),
        ("ja", "政府は月曜日、交渉は続けられ、双方が合意に署名する準備ができていると述べた。"),
        ("ko", "정부는 월요일 협상이 계속될 것이며 양측 모두 합의에 서명할 준비가 되어 있다고 밝혔다."),
    ]

    @Test(arguments: samples)
    func detectsTheLanguageOfAParagraph(_ sample: (String, String)) {
        #expect(LanguageDetector.detect(Array(sample.1.utf8)) == sample.0)
    }

    @Test func validatesTags() {
        for tag in ["en", "pt-BR", "zh-Hant-TW", "fil"] { #expect(LanguageDetector.isValidTag(tag)) }
        for tag in ["", "e", "english", "12", "en_US", "en-", "en--US"] { #expect(!LanguageDetector.isValidTag(tag)) }
    }

    @Test func profilesExposeICULocaleData() throws {
        let french = LanguageProfile.forTag("fr")
        #expect(french.quotes?.open == "«")
        #expect(french.quotes?.close == "»")
        #expect(LanguageProfile.forTag("de").quotes?.open == "„")
        #expect(french.territoryName("KP") == "Corée du Nord")
        #expect(LanguageProfile.forTag("en").territoryName("KP") == "North Korea")
        #expect(try #require(french.exemplars).contains("é"))
        #expect(try #require(french.exemplars).contains("ж") == false)
        #expect(LanguageProfile.forTag("zh").isCased == false)
        #expect(LocaleData.territoryCodes.contains("KP"))
        #expect(LocaleData.languageName("de", in: "en") == "German")
    }

    @Test func caseFoldingIsFullUnicode() {
        #expect(CaseFolding.fold("Straße") == CaseFolding.fold("STRASSE"))
        #expect(CaseFolding.fold("ПРИВЕТ") == "привет")
    }
}
