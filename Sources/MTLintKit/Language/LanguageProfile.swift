import Synchronization

/// What rules know about the target language: its code, ICU locale data and
/// the word lists of `dictionaries/`. One shared instance per language.
public final class LanguageProfile: Sendable {
    /// The primary language subtag, lower case ("en" for "en-GB").
    public let code: String
    /// The tag as given ("en-GB"), in ICU's form ("en_GB"), for locale data.
    public let icuLocale: String
    public let quotes: LocaleData.Quotes?
    public let exemplars: ExemplarSet?
    /// Letters of loanwords and foreign names the language also writes (CLDR's auxiliary set).
    public let auxiliaryExemplars: ExemplarSet?
    /// Writing systems with upper and lower case letters.
    public let isCased: Bool
    /// Whether the alphabet is the Latin one. In a language that is not, Latin words are names, code
    /// or commands ("man man", "abc ss ? EUR"), not its prose.
    public let writesLatin: Bool

    init(tag: String) {
        let normalized = String(tag.map { $0 == "-" ? "_" : $0 })
        icuLocale = normalized
        code = String(normalized.split(separator: "_").first ?? "en").lowercased()
        quotes = LocaleData.quotes(for: normalized)
        exemplars = ExemplarSet(locale: normalized)
        auxiliaryExemplars = ExemplarSet(locale: normalized, kind: .auxiliary)
        isCased = !LanguageProfile.caselessLanguages.contains(code)
        writesLatin = exemplars?.contains("a") ?? true
    }

    /// Whether `scalar` is a letter of the language's own alphabet (CLDR exemplars, either case).
    public func isOwnLetter(_ scalar: Unicode.Scalar) -> Bool {
        guard let exemplars else { return true }
        return exemplars.contains(scalar) || scalar.properties.lowercaseMapping.unicodeScalars.first.map(exemplars.contains) == true
    }

    /// Languages written without spaces between words, which ICU segments with a dictionary:
    /// several times slower than the rule-based word pass of the others.
    public var segmentsWithDictionary: Bool { ["zh", "ja", "th", "lo", "km", "my"].contains(code) }

    static let caselessLanguages: Set<String> = ["zh", "ja", "ko", "th", "ar", "he", "fa", "hi", "bn", "ta", "te", "ur", "km", "lo", "my", "ka"]

    private static let cache = Mutex<[String: LanguageProfile]>([:])

    public static func forTag(_ tag: String) -> LanguageProfile {
        cache.withLock { cache in
            if let profile = cache[tag] { return profile }
            let profile = LanguageProfile(tag: tag)
            cache[tag] = profile
            return profile
        }
    }

    /// The territory's name in this language, from CLDR ("KP" → "North Korea").
    public func territoryName(_ territory: String) -> String? {
        LocaleData.territoryName(territory, in: icuLocale)
    }
}
