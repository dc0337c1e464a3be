/// The oblique case forms of a Ukrainian two-word name made of an adjective and a noun
/// ("Північна Корея" → "Північної Кореї", "Північній Кореї", "Північну Корею", "Північною Кореєю"),
/// so that the names rules read a garbled name in any case ("лідер Кореї Північної"), as `RussianCases`
/// does for Russian. Only the regular declensions: a feminine adjective in -а/-я with a noun in -а/-я, and a
/// masculine adjective in -ий/-ій with a noun ending in a consonant ("Південний Судан").
enum UkrainianCases {
    static func obliqueForms(of name: String) -> [String] {
        let words = name.split(separator: " ").map(String.init)
        guard words.count == 2 else { return [] }
        let (adjective, noun) = (words[0], words[1])
        // Letters only: "Мʼянма (Бірма)" is no adjective and noun.
        guard words.allSatisfy({ word in word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "'ʼ’".unicodeScalars.contains($0) } })
        else { return [] }
        if let stem = adjective.dropSuffix("ий") ?? adjective.dropSuffix("ій"), let last = noun.last, consonants.contains(last) {
            return masculine(stem, soft: adjective.hasSuffix("ій"), noun)
        }
        if let stem = adjective.dropSuffix("а") ?? adjective.dropSuffix("я"), let nouns = feminineNoun(noun) {
            // A soft adjective ("Верхня") keeps its softness with a soft sign: "Верхньої", "Верхньою".
            let soft = adjective.hasSuffix("я")
            let (genitive, dative, accusative, instrumental) = soft ? ("ьої", "ій", "ю", "ьою") : ("ої", "ій", "у", "ою")
            // Genitive, dative (the locative too), accusative, instrumental.
            return [stem + genitive + " " + nouns.genitive, stem + dative + " " + nouns.dative,
                    stem + accusative + " " + nouns.accusative, stem + instrumental + " " + nouns.instrumental]
        }
        return []
    }

    private static let consonants: Set<Character> = Set("бвгґджзклмнпрстфхцчшщ")

    /// A masculine name ("Південний Судан"). Place names are written with either genitive ending,
    /// -у or -а ("Судану", "Судана"), and either dative, -у or -ові; the locative is -і
    /// ("у Південному Судані"), with the adjective in -ому or -ім.
    private static func masculine(_ stem: String, soft: Bool, _ noun: String) -> [String] {
        let (genitive, dative, instrumental, locative) = soft ? ("ього", "ьому", "ім", "ьому") : ("ого", "ому", "им", "ому")
        // After ж, ч, ш, щ the instrumental ending is -ем, not -ом.
        let nounInstrumental = "жчшщ".contains(noun.last ?? " ") ? "ем" : "ом"
        var forms = [stem + genitive + " " + noun + "у", stem + genitive + " " + noun + "а",
                     stem + dative + " " + noun + "у", stem + dative + " " + noun + "ові",
                     stem + instrumental + " " + noun + nounInstrumental,
                     stem + locative + " " + alternated(noun) + "і", stem + "ім " + alternated(noun) + "і"]
        // After г, к, х the locative also keeps the consonant with -у ("у Нью-Йорку").
        if "гкх".contains(noun.last ?? " ") { forms.append(stem + locative + " " + noun + "у") }
        return forms.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    private static func feminineNoun(_ noun: String) -> (genitive: String, dative: String, accusative: String, instrumental: String)? {
        if let stem = noun.dropSuffix("я") {
            // After a vowel or apostrophe я is /ja/ and the endings keep the /j/: "Кореї", "Кореєю", "Британії".
            let afterVowel = stem.last.map { "аеєиіїоуюя'ʼ’".contains($0) } ?? false
            return afterVowel ? (stem + "ї", stem + "ї", stem + "ю", stem + "єю") : (stem + "і", stem + "і", stem + "ю", stem + "ею")
        }
        if let stem = noun.dropSuffix("а") {
            // After ж, ч, ш, щ the noun is of the mixed group: "Кручі", "Кручею".
            if "жчшщ".contains(stem.last ?? " ") { return (stem + "і", stem + "і", stem + "у", stem + "ею") }
            // The dative and locative -і changes г, к, х to з, ц, с: "Африці", "Празі".
            return (stem + "и", alternated(stem) + "і", stem + "у", stem + "ою")
        }
        return nil
    }

    /// The stem with its last consonant alternated before -і: г → з, к → ц, х → с.
    private static func alternated(_ stem: String) -> String {
        guard let last = stem.last, let replacement = ["г": "з", "к": "ц", "х": "с"][last] else { return stem }
        return String(stem.dropLast()) + replacement
    }
}
