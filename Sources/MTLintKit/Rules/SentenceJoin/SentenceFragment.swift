/// "Pyongyang fired two ballistic missiles. Heading towards Japan.": a short
/// verbless piece split off the sentence it belongs to.
public struct SentenceFragment: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "sentence-fragment",
        family: .sentenceJoin,
        severity: .warning,
        languages: clauseShapeLanguages,
        summary: "A short verbless fragment split off the previous sentence (\"missiles. Heading towards Japan.\").",
        rationale: """
            When machine translation breaks a long source sentence, the tail often comes out as a sentence of its \
            own: a participle or prepositional phrase with a capital and a full stop ("Heading towards Japan.", \
            "In his war."). A fragment is judged by its shape: two to six words on the same line as a full \
            sentence of at least four words that ends with a full stop, opened by a preposition from \
            dictionaries/<lang>/fragment-openers.txt or by a participle (English -ing, Spanish -ando/-iendo, \
            Italian -ando/-endo (-andosi/-endosi), Portuguese -ando/-endo/-indo, Russian -ясь/-вшись, Ukrainian -ючи/-вши, \
            Polish -ąc/-wszy), or by a noun phrase whose second or third word is such a participle with words \
            after it ("Both missiles heading towards Japan."), with no finite verb or \
            subject pronoun (dictionaries/<lang>/finite-verbs.txt, sentence-starters.txt; in Russian and Ukrainian, \
            a present or past verb ending such as -ает, -ится, -али or -ють, or a short adjective or participle \
            that is a predicate (-ен, -ана, -ыт, -ст: "По умолчанию префикс пуст."); in French, Spanish, Italian and \
            Portuguese, an imperfect, simple past, future or conditional ending such as -aient, -aron, -erà or \
            -ava; in Dutch, any word of four letters or \
            more ending in -t, -en, -de or -te; in German, where \
            nouns are capitalised, any lower-case content word counts as a verb; in Polish, whose verbs end like \
            nouns, so does any lower-case word that does not end in a case ending such as -u, -ów, -ach, -ego or \
            -ej) and nothing but words, \
            spaces, hyphens and apostrophes inside. Headings, captions and list items stand alone on their line \
            and are never fragments; quotations, questions and exclamations are left alone, as are pronoun-like \
            -ing words ("Nothing else."). The span runs from the full stop before the fragment to its last word; \
            the unsafe fix joins it to the previous sentence. Scripts without case are never flagged, nor is \
            Turkish: it puts postpositions after the noun and writes verbless sentences ("Hava güzel."), so a \
            split-off phrase has no shape of its own.
            """,
        fixSafety: .unsafe,
        examples: [
            .triggers("Pyongyang fired two ballistic missiles⟦. Heading towards Japan⟧.", lang: "en",
                      fixed: "Pyongyang fired two ballistic missiles heading towards Japan."),
            .triggers("Moscow sorely needs the shells and the drones⟦. In its war against Ukraine⟧.", lang: "en",
                      fixed: "Moscow sorely needs the shells and the drones in its war against Ukraine."),
            .triggers("Pyongyang a tiré deux missiles balistiques⟦. Vers la mer du Japon⟧.", lang: "fr",
                      fixed: "Pyongyang a tiré deux missiles balistiques vers la mer du Japon."),
            .triggers("Pjöngjang feuerte zwei ballistische Raketen ab⟦. In Richtung Japan⟧.", lang: "de",
                      fixed: "Pjöngjang feuerte zwei ballistische Raketen ab in Richtung Japan."),
            .triggers("Pyongyang disparó dos misiles balísticos⟦. Dirigiéndose hacia Japón⟧.", lang: "es",
                      fixed: "Pyongyang disparó dos misiles balísticos dirigiéndose hacia Japón."),
            .triggers("Пхеньян запустил две баллистические ракеты⟦. В сторону Японии⟧.", lang: "ru",
                      fixed: "Пхеньян запустил две баллистические ракеты в сторону Японии."),
            // A noun phrase and a participle phrase, whatever the first word.
            .triggers("Pyongyang fired two ballistic missiles on Monday⟦. Both missiles heading towards Japan⟧.", lang: "en",
                      fixed: "Pyongyang fired two ballistic missiles on Monday both missiles heading towards Japan."),
            .triggers("Pyongyang disparó dos misiles balísticos el lunes⟦. Los misiles dirigiéndose hacia Japón⟧.", lang: "es",
                      fixed: "Pyongyang disparó dos misiles balísticos el lunes los misiles dirigiéndose hacia Japón."),
            .passes("He thanked the staff for their work. Thanks for coming.", lang: "en"),
            .passes("The ministers met in Brussels on Monday. Another meeting is planned.", lang: "en"),
            // A verb outside the lists, read by its conjugation ending (imperfect, future).
            .passes("Le gouvernement a présenté son budget mardi. Selon lui les dépenses baissaient.", lang: "fr"),
            .passes("La cumbre terminó el martes por la noche. Según fuentes oficiales continuará en mayo.", lang: "es"),
            .passes("Il vertice è finito martedì sera. Secondo le fonti riprenderà a maggio.", lang: "it"),
            .passes("A cimeira terminou na terça-feira à noite. Segundo fontes oficiais continuará em maio.", lang: "pt"),
            .passes("Russian humanitarian aid\nThe convoy reached the city on Monday.", lang: "en"),
            .passes("Pyongyang fired two missiles.\nHeading towards Japan.", lang: "en"),
            .passes("Pyongyang fired two missiles. In Tokyo, the government protested.", lang: "en"),
            .passes("Pyongyang fired two missiles on Monday. Nothing else happened. Nothing at all.", lang: "en"),
            .passes("The minister was asked about it. “In our lifetime.” That was all.", lang: "en"),
            .passes("Pjöngjang feuerte zwei Raketen ab. In Tokio tagte die Regierung.", lang: "de"),
            .triggers("Пхеньян запустив дві балістичні ракети⟦. У бік Японії⟧.", lang: "uk",
                      fixed: "Пхеньян запустив дві балістичні ракети у бік Японії."),
            .passes("Уряд ухвалив бюджет у вівторок. Після цього депутати повертаються до роботи.", lang: "uk"),
            .triggers("Pyongyang heeft twee ballistische raketten afgevuurd⟦. In de richting van Japan⟧.", lang: "nl",
                      fixed: "Pyongyang heeft twee ballistische raketten afgevuurd in de richting van Japan."),
            // Dutch puts the verb second: a sentence opened by a phrase has its verb right after it.
            .passes("De raad vergaderde op dinsdag over de begroting. Na afloop volgde een persconferentie.", lang: "nl"),
            .passes("Het kabinet wil de landbouw hervormen. In Utrecht protesteerden honderden boeren.", lang: "nl"),
            .triggers("Pjongjang wystrzelił dwie rakiety balistyczne⟦. W kierunku Japonii⟧.", lang: "pl",
                      fixed: "Pjongjang wystrzelił dwie rakiety balistyczne w kierunku Japonii."),
            // A Polish present-tense verb ends like a noun ("wyświetla", "kończy"): not a fragment.
            .passes("Program sprawdza wszystkie pliki po kolei. Dla każdego pliku wyświetla jego rozmiar.", lang: "pl"),
            .passes("Rząd przyjął budżet we wtorek. Miesiąc później.", lang: "pl"),
            .passes("Pyongyang iki balistik füze fırlattı. Japonya'ya doğru.", lang: "tr"),
            .passes("平壤发射了两枚弹道导弹。朝向日本。", lang: "zh"),
            // A finite verb outside any list, by its ending.
            .passes("Сервер перезапускает все службы по очереди. После этого клиент повторяет запрос.", lang: "ru"),
            .passes("Параметр задаёт размер буфера в байтах. Для больших файлов используется отображение в память.", lang: "ru"),
            .passes("Министры встретились во вторник утром. На встрече обсуждали бюджет.", lang: "ru"),
            .passes("Указывает префикс полного пути к архиву. По умолчанию префикс пуст.", lang: "ru"),
        ]
    )

    /// Participle endings that open a verbless fragment, per language.
    static let participleEndings: [String: [String]] = [
        "en": ["ing"], "es": ["ando", "iendo", "yendo", "ándose", "iéndose"], "it": ["ando", "endo", "andosi", "endosi"],
        "pt": ["ando", "endo", "indo"], "ru": ["ясь", "вшись"], "uk": ["ючи", "учи", "вши", "вшись"],
        "pl": ["ąc", "wszy"],
    ]

    /// Words with a participle's ending that are nouns or pronouns ("Nothing else.", "Miesiąc później.").
    static let participleLookalikes: [String: Set<String>] = [
        "en": ["nothing", "something", "anything", "everything", "morning", "evening",
               "king", "thing", "spring", "string", "beijing", "wedding", "ring", "wing"],
        "pl": ["miesiąc", "tysiąc"],
    ]

    /// Endings of finite verbs, for languages whose verbs a list cannot cover: English -ed, Russian present and
    /// future (-ает, -ит, -ут, -ется…) and past (-ал, -ила, -лись…). A noun with such an ending
    /// ("бюджет", "канал") makes the rule stay quiet, the safe side for a rule that must be rare on
    /// human text: a list flagged "После этого Vim завершает работу." for lacking "завершает".
    static let finiteEndings: [String: [String]] = [
        // English past tense and participle ("fired", "signed").
        "en": ["ed"],
        "ru": ["ет", "ёт", "ит", "ут", "ют", "ат", "ят", "ешь", "ишь", "ете", "ите", "ем", "им",
               "ется", "ётся", "ится", "утся", "ются", "атся", "ятся",
               "ал", "ала", "ало", "али", "ял", "яла", "яло", "яли", "ил", "ила", "ило", "или", "ел", "ела", "ело", "ели",
               "ул", "ула", "уло", "ули", "лся", "лась", "лось", "лись",
               // Short adjectives and participles, predicates without a verb ("префикс пуст", "файл создан").
               "ен", "ён", "ена", "ено", "ены", "ана", "ано", "аны", "ыт", "ыта", "ыто", "ыты", "ст", "ста", "сты"],
        // Ukrainian present (-ає, -ить, -ють, -ється…) and past (-ала, -или, -лася…); the masculine
        // past in -в is left out, since it is also the ending of "Київ" and of genitive plurals.
        "uk": ["ає", "яє", "ує", "іє", "ить", "ать", "ять", "уть", "ють", "емо", "имо", "ете", "ите",
               "ться", "ється", "ються", "иться", "аться", "яться",
               "ала", "ало", "али", "ила", "ило", "или", "ела", "ело", "ели", "яла", "яли", "ула", "ули",
               "вся", "лася", "лося", "лися"],
        // Dutch present (-t, plural -en) and weak past (-de, -te, -den, -ten). Plural nouns, infinitives
        // and adjectives share them ("verkiezingen", "eerste"), so a fragment holding one is let go.
        "nl": ["t", "en", "de", "te"],
        // Polish past (-ł, -ła, -li, -łem, -liśmy…) and present in -uje, -ują, -ają, -eją; the other
        // present forms end like nouns and are read by `caseEndings` instead.
        "pl": ["ł", "ła", "ło", "li", "ły", "łem", "łam", "łeś", "łaś", "śmy", "liście", "łyście", "łby", "łaby",
               "uje", "ują", "ają", "eją"],
        // Romance imperfect, simple past, future and conditional endings, which few nouns share
        // (a noun read as a verb only lets a fragment go). The present is left to the lists: its
        // endings (-e, -a, -ent, -an) are those of nouns and adjectives too.
        "fr": ["ait", "aient", "èrent", "irent", "urent", "eront", "erait", "eraient", "issait", "issaient", "issent"],
        "es": ["aba", "aban", "ábamos", "aron", "ieron", "ió", "ará", "erá", "irá", "arán", "erán", "irán",
               "aría", "ería", "iría", "arían", "erían", "irían"],
        "it": ["ava", "avano", "eva", "evano", "iva", "ivano", "arono", "erono", "irono", "erà", "irà", "ranno", "rebbe", "rebbero"],
        "pt": ["ava", "avam", "aram", "eram", "iram", "ará", "erá", "irá", "arão", "erão", "irão", "aria", "eria", "iria", "ariam", "eriam"],
    ]

    /// Case endings that no finite verb has, for a language whose present-tense verbs end like nouns
    /// (Polish "wyświetla", "kończy", "może"): there a lower-case word counts as a possible verb unless
    /// it ends in one of these ("kierunku", "krajów", "miastach", "przyszłego", "swojej", "Rosji").
    /// A Polish verb ends in -y only after cz, sz, rz, ż ("leży"), ł ("były"), b ("zrobiłby") or
    /// m ("mamy"), so -cy, -dy, -ny, -ty… are nouns and adjectives ("pracy", "wizyty", "strony").
    static let caseEndings: [String: [String]] = [
        "pl": ["u", "ów", "ach", "ami", "om", "owi", "owie", "ego", "emu", "ej", "ych", "ich", "ym", "im",
               "ii", "ji", "ości", "cy", "dy", "fy", "gy", "ky", "ny", "py", "ry", "sy", "ty", "wy"],
    ]

    /// A word of at least four letters with a finite verb's ending (`finiteEndings`).
    static func hasFiniteEnding(_ word: String, language: String) -> Bool {
        guard let endings = finiteEndings[language], word.count >= 4 else { return false }
        return endings.contains { word.hasSuffix($0) }
    }

    /// A lower-case word that may be a finite verb in a language read by `caseEndings` (Polish):
    /// not a preposition or conjunction, and not ending in a case ending.
    static func mayBeVerb(_ word: Range<Int>, _ folded: String, in text: JoinText, lexicon: JoinLexicon, language: String) -> Bool {
        guard let endings = caseEndings[language], text.startsLower(word),
              !lexicon.dangling.contains(folded), !lexicon.prepositions.contains(folded) else { return false }
        return !endings.contains { folded.hasSuffix($0) }
    }

    public func check(_ document: Document) -> [Finding] {
        let language = document.language.code
        let lexicon = JoinLexicon.of(language, in: document.dictionaries)
        guard !lexicon.prepositions.isEmpty else { return [] }
        let endings = SentenceFragment.participleEndings[language] ?? []
        return document.text.withUnsafeBufferPointer { buffer -> [Finding] in
            let text = JoinText(bytes: buffer)
            var findings: [Finding] = []
            var index = 1
            let count = buffer.count
            // Jump from full stop to full stop.
            while let stop = text.next(0x2E, from: index), stop + 2 < count {
                index = stop
                let dot = index
                index += 1
                guard buffer[dot + 1] == 0x20, buffer[dot - 1] != 0x2E else { continue }
                let (next, _) = text.skipSpace(from: dot + 1)
                guard next < count else { continue }
                let first = text.word(startingAt: next)
                // Capitalised ("Heading"), or a one-letter preposition ("В сторону Японии").
                guard text.isCapitalised(first) || (text.startsUpper(first) && text.scalarCount(first) == 1),
                      !text.hasDigit(first) else { continue }
                // Opened by a preposition or a participle (checked first: it rejects most sentences), or
                // a noun phrase whose second or third word is a participle ("Missiles heading towards Japan").
                let opener = text.folded(first)
                func isParticiple(_ word: Range<Int>) -> Bool {
                    let folded = text.folded(word)
                    return endings.contains { folded.hasSuffix($0) } && text.scalarCount(word) >= 6
                        && !(SentenceFragment.participleLookalikes[language]?.contains(folded) ?? false)
                }
                let opensPhrase = isParticiple(first) || lexicon.prepositions.contains(opener)
                // A pronoun or a verb does not open a noun phrase; an article does.
                let mayOpenNounPhrase = !endings.isEmpty && !lexicon.verbs.contains(opener) && !lexicon.subordinators.contains(opener)
                    && (!lexicon.starters.contains(opener) || lexicon.dangling.contains(opener))
                guard opensPhrase || mayOpenNounPhrase else { continue }
                // A full sentence of at least four words before, on the same line.
                let previous = text.word(endingAt: dot)
                guard !previous.isEmpty, !text.isTechnicalPrefix(before: previous.lowerBound),
                      text.scalarCount(previous) >= 2,
                      text.wordsBefore(dot, limit: 4).count >= 4,
                      !lexicon.abbreviations.contains(text.folded(previous)) else { continue }
                guard let fragment = fragmentWords(from: first, in: text) else { continue }
                guard (2...6).contains(fragment.count) else { continue }
                // In a noun phrase, a participle with words after it: "Next meeting." is a noun, "Thanks for coming." a formula.
                guard opensPhrase || fragment.count >= 3 && fragment[1...min(2, fragment.count - 2)].contains(where: isParticiple) else { continue }
                // No finite verb or subject: a clause is not a fragment.
                let hasVerb = fragment.dropFirst().contains { word in
                    let folded = text.folded(word)
                    return lexicon.verbs.contains(folded)
                        || (lexicon.starters.contains(folded) && !lexicon.dangling.contains(folded))  // a subject pronoun
                        || SentenceFragment.hasFiniteEnding(folded, language: language)
                        || SentenceFragment.mayBeVerb(word, folded, in: text, lexicon: lexicon, language: language)
                        // German writes nouns with a capital: a lower-case content word is a verb or adjective.
                        || (language == "de" && text.startsLower(word) && !lexicon.dangling.contains(folded)
                            && !lexicon.prepositions.contains(folded) && !lexicon.starters.contains(folded))
                }
                if hasVerb || lexicon.verbs.contains(opener) { continue }
                let last = fragment[fragment.count - 1]
                let firstLength = text.scalarLength(at: first.lowerBound)
                let joinRange = dot..<(first.lowerBound + firstLength)
                let replacement = " " + text.lowercasingFirst(first)
                findings.append(finding(dot..<last.upperBound,
                    "\"\(text.string(first.lowerBound..<last.upperBound))\" has no verb: a fragment split off the previous sentence",
                    suggestions: [text.joinedPreview(replacing: joinRange, with: replacement)],
                    fix: Fix(safety: .unsafe, edits: [Edit(offset: dot, length: joinRange.count, replacement: replacement)])))
                index = last.upperBound
            }
            return findings
        }
    }

    /// The words of a candidate fragment up to its closing full stop, or nil when
    /// it holds anything but words, spaces, hyphens and apostrophes, ends otherwise,
    /// or runs on past six words.
    private func fragmentWords(from first: Range<Int>, in text: JoinText) -> [Range<Int>]? {
        var words: [Range<Int>] = [first]
        var index = first.upperBound
        while index < text.count {
            let byte = text[index]
            if byte == 0x2E {
                // The closing full stop: not an ellipsis, followed by space, a line break or the end.
                guard index + 1 >= text.count || text[index + 1] == 0x20 || text[index + 1] == 0x0A || text[index + 1] == 0x0D
                else { return nil }
                return words
            }
            if byte == 0x20 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "'") { index += 1; continue }
            let scalar = text.scalar(at: index)
            if scalar == 0x2019 || scalar == 0xA0 { index += text.scalarLength(at: index); continue }
            guard JoinText.isWordScalar(scalar) else { return nil }
            let word = text.word(startingAt: index)
            words.append(word)
            if words.count > 6 { return nil }
            index = word.upperBound
        }
        return nil
    }
}
