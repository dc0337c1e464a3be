/// "the leader of South Korea North", "Korea North", "Jong-un Kim": a known
/// name whose words the translation put in the wrong order.
public struct GarbledName: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "garbled-name",
        family: .names,
        severity: .error,
        languages: [],
        summary: "A known name with its words in the wrong order or fused with a contradicting word (\"Korea North\", \"South Korea North\").",
        rationale: """
            Translation systems that reorder modifiers (Chinese, Korean and Japanese put them differently) \
            garble multi-word names: "Korea North" for North Korea, "the Kingdom United", "Jong-un Kim", \
            German "Korea Süd", French "Corée Nord du". Worse, a name can be fused with a second modifier that \
            contradicts it, as in "the leader of South Korea North", which names neither country, in the word \
            order of each language: French "Corée du Sud du Nord", Spanish "Corea del Norte Sur", German \
            "Südkorea-Nord". The rule knows \
            every country and territory name of the target language from CLDR (through ICU) and the people, \
            organisations and cities of dictionaries/entities/, and looks for their words in another order, \
            in Russian and Ukrainian, which decline names, in every case ("лидер Кореи Северной", \
            "лідер Кореї Північної"). \
            When the phrase admits one reading, the fix restores it (safe). When it fuses two names, the \
            suggestion is the one the document names most often, and the fix is unsafe; with no dominant reading \
            both are suggested and nothing is changed. Orders that start with a lower-case word, names followed \
            by a hyphenated word ("Korea North-South talks") and names separated by commas ("Korea, North") are \
            left alone.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("Missiles were fired by ⟦Korea North⟧ on Monday.", lang: "en", fixed: "Missiles were fired by North Korea on Monday."),
            .triggers("North Korea tested a missile. The leader of ⟦South Korea North⟧ watched. North Korea said so.", lang: "en",
                      fixed: "North Korea tested a missile. The leader of North Korea watched. North Korea said so."),
            .triggers("The talks between ⟦Jong-un Kim⟧ and the envoy ended.", lang: "en",
                      fixed: "The talks between Kim Jong-un and the envoy ended."),
            .triggers("Trade with the ⟦Kingdom United⟧ fell.", lang: "en", fixed: "Trade with the United Kingdom fell."),
            .triggers("Die Regierung in ⟦Korea Süd⟧ protestierte.", lang: "de", fixed: "Die Regierung in Südkorea protestierte."),
            .triggers("Le dirigeant de la ⟦Corée Nord du⟧ a parlé.", lang: "fr", fixed: "Le dirigeant de la Corée du Nord a parlé."),
            .triggers("Лидер ⟦Корея Северная⟧ выступил.", lang: "ru", fixed: "Лидер Северная Корея выступил."),
            // A complete name followed by the other's own words, in each language's word order.
            .triggers("Le dirigeant de la ⟦Corée du Sud du Nord⟧ a parlé.", lang: "fr"),
            .triggers("El líder de ⟦Corea del Norte Sur⟧ habló ayer.", lang: "es"),
            .triggers("Il presidente della ⟦Corea del Nord Sud⟧ ha parlato.", lang: "it"),
            .triggers("O governo da ⟦Coreia do Sul do Norte⟧ protestou.", lang: "pt"),
            .triggers("Der Machthaber von ⟦Südkorea-Nord⟧ sprach.", lang: "de"),
            .triggers("Die Regierung ⟦Nordkorea Süd⟧ protestierte.", lang: "de"),
            .triggers("Лидер ⟦Южная Корея Северная⟧ выступил.", lang: "ru"),
            // Russian declines names: the garbled and the fused name in the genitive.
            .triggers("Лидер ⟦Кореи Северной⟧ выступил.", lang: "ru", fixed: "Лидер Северной Кореи выступил."),
            .triggers("Лидер ⟦Южной Кореи Северной⟧ выступил.", lang: "ru"),
            .passes("Лидер Северной Кореи встретился с президентом Южной Кореи. Северная Корея согласилась.", lang: "ru"),
            // Ukrainian too, with its own endings and the consonant alternation of the dative ("Республіці").
            .triggers("Лідер ⟦Кореї Північної⟧ виступив.", lang: "uk", fixed: "Лідер Північної Кореї виступив."),
            .triggers("Посольство в ⟦Республіці Домініканській⟧ закрили.", lang: "uk",
                      fixed: "Посольство в Домініканській Республіці закрили."),
            .triggers("Місія ООН у ⟦Судані Південному⟧ завершилася.", lang: "uk", fixed: "Місія ООН у Південному Судані завершилася."),
            .triggers("Делегація ⟦Корея Північна⟧ прибула.", lang: "uk", fixed: "Делегація Північна Корея прибула."),
            .triggers("Лідер ⟦Південної Кореї Північної⟧ виступив.", lang: "uk"),
            .passes("Лідер Північної Кореї зустрівся з президентом Південної Кореї. Північна Корея погодилася.", lang: "uk"),
            .passes("Торгівля з Північною Кореєю та Південною Кореєю впала; уряд засудив Північну Корею.", lang: "uk"),
            .passes("Делегація Південного Судану прибула до Домініканської Республіки. У Південному Судані та Великій Британії пройшли вибори.", lang: "uk"),
            .triggers("El líder de ⟦Corea Norte del⟧ habló.", lang: "es"),
            // A hyphenated name written as separate words in swapped order.
            .triggers("The national team of ⟦Bissau Guinea⟧ played.", lang: "en", fixed: "The national team of Guinea-Bissau played."),
            .triggers("L'équipe de ⟦Bissau-Guinée⟧ a joué.", lang: "fr", fixed: "L'équipe de Guinée-Bissau a joué."),
            .triggers("Die Mannschaft von ⟦Bissau-Guinea⟧ spielte.", lang: "de", fixed: "Die Mannschaft von Guinea-Bissau spielte."),
            .triggers("El equipo de ⟦Bisáu Guinea⟧ jugó.", lang: "es", fixed: "El equipo de Guinea-Bisáu jugó."),
            .triggers("La squadra della ⟦Bissau Guinea⟧ ha giocato.", lang: "it", fixed: "La squadra della Guinea-Bissau ha giocato."),
            .triggers("A seleção da ⟦Bissau Guiné⟧ jogou.", lang: "pt", fixed: "A seleção da Guiné-Bissau jogou."),
            .triggers("Сборная ⟦Бисау Гвинея⟧ сыграла.", lang: "ru", fixed: "Сборная Гвинея-Бисау сыграла."),
            .passes("El líder de Corea del Norte y el de Corea del Sur hablaron.", lang: "es"),
            .passes("Le Soudan du Sud et le Soudan du Nord.", lang: "fr"),
            .passes("Nordkorea und Südkorea verhandeln; ein Nordkorea-Südkorea-Gipfel.", lang: "de"),
            .passes("South Korea and North Korea met; North and South Korea agreed.", lang: "en"),
            .passes("The Korean peninsula north of the border is closed. North Korea's army and North Korean troops.", lang: "en"),
            .passes("The Korea North-South summit ended. See Korea, North in the list.", lang: "en"),
            .passes("Nordkorea und Südkorea verhandeln.", lang: "de"),
            .passes("He said Kim Jong-un Kim Jong-un twice.", lang: "en"),
            .passes("La Corée du Nord et la Corée du Sud.", lang: "fr"),
            .passes("Северная Корея и Южная Корея.", lang: "ru"),
            .passes("朝鲜和韩国举行了会谈。", lang: "zh"),
        ],
        judgesWholeDocument: true
    )

    public func check(_ document: Document) -> [Finding] {
        let names = NameMentions(document)
        let garbled = names.garbled
        guard !garbled.isEmpty else { return [] }
        let counts = names.entityCounts
        var findings: [Finding] = []
        var lastEnd = -1
        for mention in garbled where mention.range.lowerBound >= lastEnd {
            // "Kim Jong-un Kim Jong-un" holds "Jong-un Kim" across two correct mentions of the same
            // name: no garbling, and "fixing" it would garble the text.
            let entity = names.pattern(mention).entity
            if names.all.contains(where: { names.pattern($0).role != .garbled && names.pattern($0).entity == entity && $0.range.overlaps(mention.range) }) {
                continue
            }
            // A correct name overlapping the garbled words fuses two readings ("South Korea North");
            // one inside them is only a part of the garbled name ("Guinea" of "Bissau Guinea").
            let fused = names.all.filter { other in
                names.pattern(other).role != .garbled && other.range.overlaps(mention.range)
                    && !(mention.range.lowerBound <= other.range.lowerBound && other.range.upperBound <= mention.range.upperBound)
                    && names.pattern(other).entity != names.pattern(mention).entity
            }
            let range = fused.reduce(mention.range) { min($0.lowerBound, $1.range.lowerBound)..<max($0.upperBound, $1.range.upperBound) }
            var readings = [names.pattern(mention).entity] + [names.pattern(mention).fusedWith].compactMap { $0 }
                + fused.map { names.pattern($0).entity }
            readings = readings.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
            // In the case the text declines the name ("Кореи Северной" → "Северной Кореи").
            var forms = readings.compactMap { names.index.targetForm(names.index.catalog.entities[$0]) }
            if forms.count == readings.count {
                if let inflected = names.pattern(mention).correctOrder { forms[0] = inflected }
                for other in fused where names.pattern(other).role == .inflected {
                    if let position = readings.firstIndex(of: names.pattern(other).entity) { forms[position] = names.pattern(other).text }
                }
            }
            guard forms.count == readings.count, let intended = forms.first else { continue }
            let surface = document.string(range)
            lastEnd = range.upperBound
            if readings.count == 1 {
                findings.append(finding(range, "\"\(surface)\" is \"\(intended)\" with its words in the wrong order",
                                        suggestions: [intended],
                                        fix: Fix(safety: .safe, edits: [Edit(offset: range.lowerBound, length: range.count, replacement: intended)])))
                continue
            }
            // Two names fused: the document's dominant one, if any, is the likely reading.
            let ranked = readings.indices.sorted { counts[readings[$0], default: 0] > counts[readings[$1], default: 0] }
            let best = counts[readings[ranked[0]], default: 0], second = counts[readings[ranked[1]], default: 0]
            let dominant = best >= 2 && best >= 2 * second
            let suggestions = dominant ? [forms[ranked[0]]] + ranked.dropFirst().map { forms[$0] } : forms
            let message = "\"\(surface)\" fuses \(forms.map { "\"\($0)\"" }.joined(separator: " and ")): the words of a name are in the wrong order"
                + (dominant ? "; the article names \"\(forms[ranked[0]])\" \(best) times" : "")
            findings.append(finding(range, message, suggestions: suggestions,
                                    fix: dominant ? Fix(safety: .unsafe, edits: [Edit(offset: range.lowerBound, length: range.count, replacement: forms[ranked[0]])]) : nil))
        }
        return findings
    }
}
