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
            "HÔTEL", but not "AHÅ™" or "10 Å—"). Text encoded twice or three times ("Ã¢â‚¬â„¢", "ÃƒÂ©") is \
            decoded again until it no longer decodes, as ftfy does, keeping the deepest layer that is still \
            plausible. A two-byte Latin candidate beside a correctly encoded dash or symbol (in its own word or \
            one word on either side: "Bremer/Mccoy – DrÃ¥ber") is left alone; correct letters, quotation marks, \
            other punctuation and no-break spaces do not count, since they fill every French or German line and \
            a misdecoded word beside them ("Le cafÃ© est fermé") is how mixed sources show. The fix replaces the run with its \
            re-decoding, which round-trips to the same bytes, so it is safe — unless the characters around it \
            still look like mojibake afterwards (part of the damage would survive and stop being flagged), or \
            a byte was lost: "â€" before a space or a line end is ” whose last byte, undefined in \
            Windows-1252, a strict decoder dropped. Both keep an unsafe fix. Text that merely uses rare \
            characters is never touched: a decoding that yields a lone letter of another script, a \
            private-use character or a control is rejected.
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
            // Encoded twice and three times: decoded to the end, not to "€™".
            .triggers("The minister⟦Ã¢â‚¬â„¢⟧s visit was postponed.", lang: "en", fixed: "The minister’s visit was postponed."),
            .triggers("It isn⟦ÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢⟧t over.", lang: "en", fixed: "It isn’t over."),
            // ” whose last byte (undefined in Windows-1252) was dropped: a guess, so an unsafe fix.
            .triggers("⟦â€œ⟧We will not yield,⟦â€⟧ he said.", lang: "en", fixed: "“We will not yield,” he said."),
            .triggers("He called it ⟦â€œ⟧a disaster⟦â€⟧\nThen he left.", lang: "en",
                      fixed: "He called it “a disaster”\nThen he left."),
            // Beside correctly accented words, on either side.
            .triggers("Le caf⟦Ã©⟧ est fermé.", lang: "fr", fixed: "Le café est fermé."),
            .triggers("Das Caf⟦Ã©⟧ in München ist geschlossen.", lang: "de", fixed: "Das Café in München ist geschlossen."),
            .triggers("« Joyeux No⟦Ã«⟧l », a-t-il dit.", lang: "fr", fixed: "« Joyeux Noël », a-t-il dit."),
            // A dash two words away, before or after, is outside the window.
            .triggers("Das Caf⟦Ã©⟧ ist – wie immer – voll.", lang: "de", fixed: "Das Café ist – wie immer – voll."),
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
            let message: String
            switch repair.confidence {
            case .exact:
                message = "\"\(original)\" looks like UTF-8 read as \(repair.codec.name) (mojibake); it should read \"\(repair.replacement)\""
            case .lostByte:
                message = "\"\(original)\" is UTF-8 read as \(repair.codec.name) with its last byte lost (mojibake); it was probably \"\(repair.replacement)\""
            case .partial:
                message = "\"\(original)\" looks like UTF-8 read as \(repair.codec.name) (mojibake); it decodes to \"\(repair.replacement)\", but mojibake remains around it: check it by hand"
            }
            // Only an exact re-decoding is mechanical; a guess must not make the damage disappear.
            let safety: FixSafety = repair.confidence == .exact ? .safe : .unsafe
            return finding(repair.range, message, suggestions: [repair.replacement],
                           fix: Fix(safety: safety, edits: [Edit(offset: repair.range.lowerBound, length: repair.range.count,
                                                                 replacement: repair.replacement)]))
        }
    }
}
