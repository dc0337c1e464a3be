/// Guesses the language of a text from its scripts and its most frequent words,
/// for when neither `--lang` nor the configuration names one.
public enum LanguageDetector {
    /// Frequent short words that tell Latin-script languages apart.
    static let frequentWords: [String: Set<String>] = [
        "en": ["the", "and", "of", "to", "is", "in", "that", "it", "was", "for", "with", "on", "are", "as", "this", "by", "be", "have", "from", "which", "not", "has", "were", "said", "but", "they", "his", "their", "would", "will"],
        "fr": ["le", "la", "les", "et", "des", "est", "un", "une", "du", "dans", "que", "qui", "pour", "pas", "sur", "au", "avec", "il", "ce", "sont", "par", "plus", "ont", "aux", "été", "elle", "mais", "cette", "nous", "être"],
        "de": ["der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "von", "mit", "sich", "des", "auf", "für", "im", "dem", "auch", "es", "sie", "wird", "werden", "hat", "wurde", "bei", "einen", "nach", "aus", "sind"],
        "es": ["el", "la", "los", "las", "y", "que", "de", "en", "un", "una", "es", "por", "con", "para", "del", "se", "no", "su", "al", "lo", "como", "más", "pero", "sus", "fue", "este", "ha", "muy", "también", "está"],
        "it": ["il", "la", "di", "che", "e", "è", "un", "una", "per", "non", "in", "del", "della", "sono", "con", "si", "gli", "le", "da", "nel", "alla", "dei", "anche", "ha", "più", "questo", "come", "ma", "lo", "essere"],
        "pt": ["o", "a", "os", "as", "e", "que", "de", "do", "da", "em", "um", "uma", "não", "para", "com", "por", "se", "dos", "das", "no", "na", "mais", "foi", "ao", "é", "são", "como", "mas", "seu", "também"],
        "nl": ["de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor", "met", "die", "er", "ook", "maar", "aan", "wordt", "werd"],
        "pl": ["i", "w", "nie", "na", "się", "z", "że", "do", "jest", "to", "o", "jak", "ale", "po", "co", "tak", "przez", "dla", "od", "są"],
    ]

    /// The BCP 47 code of the most likely language, looking at up to 64 KiB.
    public static func detect(_ bytes: [UInt8]) -> String {
        detect(bytes, onlyIfClear: false) ?? "en"
    }

    /// The language when the text shows it clearly: by its script, or, in Latin letters, by one
    /// language's frequent words making a tenth of the words and half as many again as the next
    /// language's. A list of names ("La Habana", "Santa Elena", "Tupí") does not: its few
    /// articles may be anyone's.
    public static func detectIfClear(_ bytes: [UInt8]) -> String? {
        detect(bytes, onlyIfClear: true)
    }

    private static func detect(_ bytes: [UInt8], onlyIfClear: Bool) -> String? {
        let sample = Array(bytes.prefix(65_536))
        var scriptCounts: [Script: Int] = [:]
        var ukrainianLetters = 0
        var russianLetters = 0
        String(decoding: sample, as: UTF8.self).unicodeScalars.forEach { scalar in
            let script = ScriptLookup.script(of: scalar.value)
            guard script != .common && script != .inherited else { return }
            scriptCounts[script, default: 0] += 1
            switch scalar.value {
            case 0x456, 0x457, 0x454, 0x491, 0x406, 0x407, 0x404, 0x490: ukrainianLetters += 1   // і ї є ґ
            case 0x44B, 0x44D, 0x44A, 0x451, 0x42B, 0x42D, 0x401: russianLetters += 1           // ы э ъ ё
            default: break
            }
        }
        let kana = scriptCounts[.hiragana, default: 0] + scriptCounts[.katakana, default: 0]
        if scriptCounts[.hangul, default: 0] > 0 && scriptCounts[.hangul, default: 0] >= kana { return "ko" }
        if kana > 0 { return "ja" }
        guard let dominant = scriptCounts.max(by: { $0.value < $1.value })?.key else { return "en" }
        switch dominant {
        case .han: return "zh"
        case .cyrillic: return ukrainianLetters > russianLetters ? "uk" : "ru"
        case .greek: return "el"
        case .arabic: return "ar"
        case .hebrew: return "he"
        case .thai: return "th"
        case .devanagari: return "hi"
        default:
            let vote = latinVote(sample)
            guard onlyIfClear else { return vote.language ?? "en" }
            return vote.votes * 10 >= vote.words && vote.votes * 2 >= vote.runnerUp * 3 ? vote.language : nil
        }
    }

    /// The language whose frequent words are most often among the sample's words, how often, how
    /// often the next language's are, and how many words there are.
    private static func latinVote(_ sample: [UInt8]) -> (language: String?, votes: Int, runnerUp: Int, words: Int) {
        var scores: [String: Int] = [:]
        let text = String(decoding: sample, as: UTF8.self).lowercased()
        let words = text.split(whereSeparator: { !$0.isLetter })
        for word in words {
            let word = String(word)
            for (language, frequent) in frequentWords where frequent.contains(word) {
                scores[language, default: 0] += 1
            }
        }
        // Ties go to the alphabetically first code, so the answer is stable.
        let ranked = scores.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        return (ranked.first?.key, ranked.first?.value ?? 0, ranked.dropFirst().first?.value ?? 0, words.count)
    }

    /// A syntactically valid BCP 47 tag ("en", "pt-BR", "zh-Hant-TW")?
    public static func isValidTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
              primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
