/// "cafÃ©", "â€™", "Ð¡Ð¾": UTF-8 text that was decoded with a single-byte code page.
public struct Mojibake: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "mojibake",
        family: .encoding,
        severity: .error,
        languages: [],
        summary: "UTF-8 text read as Windows-1252, Latin-1, Windows-1250/1251 or Mac Roman (\"cafÃ©\", \"â€™\", \"Ð¡Ð¾\").",
        rationale: """
            When a pipeline decodes UTF-8 bytes with a legacy code page, every accented letter, curly quote or \
            non-Latin word turns into two or three Latin-1 characters: "é" becomes "Ã©", "’" becomes "â€™", \
            "Со" becomes "Ð¡Ð¾" (or "РЎРѕ" through Windows-1251). The rule maps a run of characters back to the \
            bytes the code page gives them and flags it only when those bytes are complete, valid UTF-8 and the \
            result is more plausible than the input: three-byte punctuation ("â€™"), a word of one non-Latin \
            script not glued to a Latin word, or a Latin letter whose case fits its neighbours ("HÃ”TEL" → \
            "HÔTEL", but not "AHÅ™" or "10 Å—"). Layered mojibake ("ÃƒÂ©") is decoded repeatedly. A two-byte \
            Latin candidate next to a correctly encoded non-ASCII character (in its own word or the words on \
            either side) is left alone, since misdecoded text would have no correct characters. The fix replaces the run with its re-decoding, \
            which round-trips to the same bytes, so it is safe. Text that merely uses rare characters is never \
            touched: a decoding that yields a lone letter of another script, a private-use character or a \
            control is rejected.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("The caf⟦Ã©⟧ reopened on Monday.", lang: "en", fixed: "The café reopened on Monday."),
            .triggers("The minister⟦â€™⟧s visit was postponed.", lang: "en", fixed: "The minister’s visit was postponed."),
            .triggers("⟦â€œ⟧We will not yield,⟦â€\u{FFFD}⟧ he said.", lang: "en", fixed: "“We will not yield,\u{FFFD} he said."),
            .triggers("Le prix a augment⟦Ã©⟧ en ao⟦Ã»⟧t ⟦Ã\u{A0}⟧ l⟦â€™⟧h⟦Ã´⟧pital.", lang: "fr",
                      fixed: "Le prix a augmenté en août à l’hôpital."),
            .triggers("Die Verhandlungen in M⟦Ã¼⟧nchen waren schwierig.", lang: "de",
                      fixed: "Die Verhandlungen in München waren schwierig."),
            .triggers("Президент заявил: ⟦Ð¡Ð¾⟧юз сохранится.", lang: "ru", fixed: "Президент заявил: Союз сохранится."),
            .triggers("Глава ⟦РЎРѕ⟧юза выступил.", lang: "ru", fixed: "Глава Союза выступил."),
            .triggers("他说⟦ä¸\u{AD}å›½⟧经济很好。", lang: "zh", fixed: "他说中国经济很好。"),
            .triggers("The caf⟦ÃƒÂ©⟧ was full.", lang: "en", fixed: "The café was full."),
            .passes("AHÅ™, the new sofa from IKEA, costs 10 Å— nothing.", lang: "en"),
            .passes("I'm not such a fan of Charlotte Brontë…”", lang: "en"),
            .passes("There are a lot of Ã’s in mojibake text.", lang: "en"),
            .passes("ВІКІ is Ukrainian for WIKI; ПоздравЂаво.", lang: "ru"),
            .passes("Bremer/Mccoy – DrÃ¥ber", lang: "de"),
            .passes("Le château, la forêt et l’été à Noël — « très » bien.", lang: "fr"),
            .passes("Ärger über Öl: Straße gesperrt, 5 °C, 20 € — „gut“.", lang: "de"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        MojibakeDecoder.repairs(in: document).map { repair in
            let original = document.string(repair.range)
            return finding(repair.range,
                           "\"\(original)\" looks like UTF-8 read as \(repair.codec.name) (mojibake); it should read \"\(repair.replacement)\"",
                           suggestions: [repair.replacement],
                           fix: Fix(safety: .safe, edits: [Edit(offset: repair.range.lowerBound, length: repair.range.count,
                                                                replacement: repair.replacement)]))
        }
    }
}
