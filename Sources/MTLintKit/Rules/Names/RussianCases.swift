/// The oblique case forms of a Russian two-word name made of an adjective and a noun
/// ("Северная Корея" → "Северной Кореи", "Северной Корее", "Северную Корею", "Северной Кореей"),
/// so that the names rules read a garbled or fused name in any case ("лидер Кореи Северной").
/// Only the regular declensions: a feminine adjective in -ая/-яя with a noun in -а/-я/-ия, and a
/// masculine adjective in -ый/-ий/-ой with a noun ending in a consonant ("Южный Судан").
enum RussianCases {
    static func obliqueForms(of name: String) -> [String] {
        let words = name.split(separator: " ").map(String.init)
        guard words.count == 2 else { return [] }
        let (adjective, noun) = (words[0], words[1])
        if let stem = adjective.dropSuffix("ая") ?? adjective.dropSuffix("яя") {
            let soft = adjective.hasSuffix("яя")
            guard let nouns = feminineNoun(noun) else { return [] }
            let oblique = soft ? "ей" : "ой", accusative = soft ? "юю" : "ую"
            // Genitive, dative, accusative, instrumental, prepositional.
            return [stem + oblique + " " + nouns.genitive, stem + oblique + " " + nouns.dative,
                    stem + accusative + " " + nouns.accusative, stem + oblique + " " + nouns.instrumental]
        }
        if let stem = adjective.dropSuffix("ый") ?? adjective.dropSuffix("ий") ?? adjective.dropSuffix("ой"),
           let last = noun.last, !"аяоеиыйьуюэё".contains(last) {
            let soft = adjective.hasSuffix("ий") && !"гкх".contains(stem.last ?? " ")
            let (genitive, dative, instrumental, prepositional) = soft ? ("его", "ему", "им", "ем") : ("ого", "ому", "ым", "ом")
            return [stem + genitive + " " + noun + "а", stem + dative + " " + noun + "у",
                    stem + instrumental + " " + noun + "ом", stem + prepositional + " " + noun + "е"]
        }
        return []
    }

    private static func feminineNoun(_ noun: String) -> (genitive: String, dative: String, accusative: String, instrumental: String)? {
        if let stem = noun.dropSuffix("ия") { return (stem + "ии", stem + "ии", stem + "ию", stem + "ией") }
        if let stem = noun.dropSuffix("я") { return (stem + "и", stem + "е", stem + "ю", stem + "ей") }
        if let stem = noun.dropSuffix("а") {
            // After г, к, х, ж, ш, ч, щ the genitive ending is -и, not -ы.
            let genitive = "гкхжшчщ".contains(stem.last ?? " ") ? "и" : "ы"
            return (stem + genitive, stem + "е", stem + "у", stem + "ой")
        }
        return nil
    }
}

extension String {
    /// The word without a case ending, when a stem of three letters or more remains (Russian and Ukrainian declension).
    func dropSuffix(_ suffix: String) -> String? {
        hasSuffix(suffix) && count > suffix.count + 2 ? String(dropLast(suffix.count)) : nil
    }
}
