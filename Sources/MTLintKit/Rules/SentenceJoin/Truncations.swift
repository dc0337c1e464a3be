/// Abbreviations made by cutting a word: "Verr. maj.", "Suppr.", "modif.", "internat.", as
/// keyboard layouts and terse interface strings write them when space is short. The word lists
/// cannot hold them all; the text itself shows one: the cut word ends on a consonant (French,
/// German and Russian cut before a vowel), the text writes it with its full stop at least as often
/// as without (a key name may stand alone too: "touche Suppr"), and the text writes a longer word
/// that it begins ("Suppression", "Verrouillage", "modification").
enum Truncations {
    /// The lower-cased letter words of the document, with whether a full stop follows each one:
    /// listed once a document, when a candidate first asks.
    private static func words(_ document: Document) -> [(word: String, dotted: Bool)] {
        document.shared.value("truncations.words") {
            let text = document.text
            return document.tokens.compactMap { token in
                guard token.kind == .letter else { return nil }
                return (document.string(token.range).lowercased(), token.end < text.count && text[token.end] == UInt8(ascii: "."))
            }
        }
    }

    /// Whether `word` (as written before its full stop) is such a cut word.
    static func isTruncation(_ word: String, in document: Document) -> Bool {
        let cut = word.lowercased()
        guard cut.count >= 2, let last = cut.unicodeScalars.last, last.properties.isAlphabetic,
              !Self.vowels.contains(last) else { return false }
        var longer = false, dottedCount = 0, plainCount = 0
        for (other, dotted) in words(document) {
            if other == cut {
                if dotted { dottedCount += 1 } else { plainCount += 1 }
            } else if !longer && other.count >= cut.count + 2 && other.hasPrefix(cut) {
                longer = true
            }
        }
        return longer && dottedCount >= plainCount
    }

    private static let vowels = Set("aeiouyàâäéèêëîïôöùûüÿœæåøáíóúаеёиоуыэюяієї".unicodeScalars)
}
