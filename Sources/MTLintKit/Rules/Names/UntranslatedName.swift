/// "Corée du Nord" in an English article, "North Korea" in a French one:
/// a name left in another language's form.
public struct UntranslatedName: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "untranslated-name",
        family: .names,
        severity: .warning,
        languages: [],
        summary: "A country, city or organisation name left in another language's form (\"Corée du Nord\" in English).",
        rationale: """
            When a translation system copies a name instead of translating it, the article keeps the source \
            language's form: "Corée du Nord" or "Nordkorea" in English, "North Korea" in French. The rule knows the \
            name of every country and territory in every language from CLDR (through ICU), and the cities and \
            organisations of dictionaries/entities/, so it works for any pair of languages. It flags a form of \
            another language that differs from the target language's form and looks foreign to its readers \
            (several words, a letter the target alphabet lacks, an acronym such as "OTAN", or a \
            long word); short words that might be the target language's own ("Island", "Georgia", "Jordan") \
            are left alone, and so are names in parentheses or right after an opening quote, which quote the \
            original on purpose, names inside a longer proper name ("United States Army", "LNG Canada"), and a command named with its \
            manual section ("WHO(1)" is who, not the World Health Organization). In a translation file, a third language's form that the message's source writes too ("La Habana" in \
            an English message) is the source's choice of a local name, and is left alone; the source language's own \
            form copied over is flagged. People's names are left to name-variant. The suggestion is the target \
            language's form; the fix is unsafe because the surrounding grammar (articles, case endings) may need \
            an edit too.
            """,
        fixSafety: .unsafe,
        examples: [
            .triggers("Talks with ⟦Corée du Nord⟧ resumed on Monday.", lang: "en", fixed: "Talks with North Korea resumed on Monday."),
            .triggers("Exports to ⟦Nordkorea⟧ were banned.", lang: "en", fixed: "Exports to North Korea were banned."),
            .passes("WHO(1)              Commandes de l'utilisateur              WHO(1)", lang: "fr"),
            .triggers("Les discussions avec la ⟦North Korea⟧ ont repris.", lang: "fr", fixed: "Les discussions avec la Corée du Nord ont repris."),
            .triggers("Die Gespräche mit ⟦South Korea⟧ laufen.", lang: "de", fixed: "Die Gespräche mit Südkorea laufen."),
            .triggers("Переговоры с ⟦South Korea⟧ продолжаются.", lang: "ru", fixed: "Переговоры с Южная Корея продолжаются."),
            .triggers("The summit in ⟦Genève⟧ ended.", lang: "en", fixed: "The summit in Geneva ended."),
            .passes("North Korea (Corée du Nord in French) and “Nordkorea” in German.", lang: "en"),
            .passes("The Island of Ireland and Chile's exports grew.", lang: "en"),
            .passes("Die United States Army und LNG Canada; Todesfälle in Georgia.", lang: "de"),
            .passes("La Corée du Nord et l'Ukraine.", lang: "fr"),
            .passes("Nordkorea und die Ukraine.", lang: "de"),
            .passes("Volodymyr Zelensky spoke in Kyiv.", lang: "en"),
            .passes("朝鲜和韩国。", lang: "zh"),
            .passes("Учения NATO начались в понедельник.", lang: "ru"),
            // The source keeps the local name itself; its own language's form copied over is still a finding.
            .passes("Le vol pour La Habana est parti.", lang: "fr", source: "The flight to La Habana left.", sourceLang: "en"),
            .triggers("Le vol pour ⟦North Korea⟧ est parti.", lang: "fr", fixed: "Le vol pour Corée du Nord est parti.",
                      source: "The flight to North Korea left.", sourceLang: "en"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        let names = NameMentions(document)
        let text = document.text
        // Cyrillic, Greek and CJK articles write Latin acronyms as they are (NATO, BBC, UEFA).
        let writesLatin = document.language.writesLatin
        var findings: [Finding] = []
        for mention in names.correct {
            guard let suggestion = names.pattern(mention).untranslatedSuggestion, !isQuotedOnPurpose(mention.range, in: text),
                  !names.isPartOfLongerName(mention.range), !isManualReference(mention.range, in: text) else { continue }
            let surface = names.surface(mention)
            if !writesLatin && surface.count >= 2 && surface.allSatisfy({ $0.isASCII && $0.isUppercase }) { continue }
            if followsItsSource(surface, names.pattern(mention), at: mention.range.lowerBound, document, names) { continue }
            findings.append(finding(mention.range,
                "\"\(surface)\" is \(formOwner(surface, names.pattern(mention), names)) form of the name; "
                    + "the target language writes \"\(suggestion)\"",
                suggestions: [suggestion],
                fix: Fix(safety: .unsafe, edits: [Edit(offset: mention.range.lowerBound, length: mention.range.count, replacement: suggestion)])))
        }
        return findings
    }

    /// A third language's form that the message's own source writes too ("La Habana" in an English
    /// msgid and its French msgstr): the translator kept the source's choice of a local name. The
    /// source language's own form copied over ("North Korea" kept in French) is still flagged.
    private func followsItsSource(_ surface: String, _ pattern: NamePattern, at offset: Int, _ document: Document, _ names: NameMentions) -> Bool {
        guard let sourceLanguage = document.sourceLanguage?.code, document.unitSourceContains(surface, at: offset) else { return false }
        return names.index.catalog.entities[pattern.entity].forms[sourceLanguage] != surface
    }

    /// "the French", or "another language's" when the form is not one language's alone
    /// (a message must never name a wrong language).
    private func formOwner(_ surface: String, _ pattern: NamePattern, _ names: NameMentions) -> String {
        guard case .form(let language) = pattern.role else { return "another language's" }
        let entity = names.index.catalog.entities[pattern.entity]
        let sharing = entity.forms.filter { $0.value == pattern.text }.count
        guard sharing == 1, let name = LocaleData.languageName(language, in: "en") else { return "another language's" }
        return "the \(name)"
    }

    /// "WHO(1)", "who(1)": a command and its manual section, not the organisation.
    private func isManualReference(_ range: Range<Int>, in text: [UInt8]) -> Bool {
        let end = range.upperBound
        return end + 2 < text.count && text[end] == 0x28 && ByteScan.isDigit(UInt32(text[end + 1]))
    }

    /// "(Corée du Nord)", "“Nordkorea”": the original quoted on purpose.
    private func isQuotedOnPurpose(_ range: Range<Int>, in text: [UInt8]) -> Bool {
        var index = range.lowerBound
        while index > 0 && text[index - 1] == 0x20 { index -= 1 }
        guard index > 0 else { return false }
        let before = text.withUnsafeBufferPointer { buffer -> UInt32 in
            var start = index - 1
            while start > 0 && buffer[start] & 0xC0 == 0x80 { start -= 1 }
            return ScriptLookup.scalar(at: start, in: buffer)
        }
        return [0x28, 0x22, 0x27, 0x201C, 0x201E, 0xAB, 0x2018, 0x201A, 0x2039, 0x300C].contains(before)
    }
}
