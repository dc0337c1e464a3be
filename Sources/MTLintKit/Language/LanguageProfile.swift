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

    init(tag: String) {
        let normalized = String(tag.map { $0 == "-" ? "_" : $0 })
        icuLocale = normalized
        code = String(normalized.split(separator: "_").first ?? "en").lowercased()
        quotes = LocaleData.quotes(for: normalized)
        exemplars = ExemplarSet(locale: normalized)
        auxiliaryExemplars = ExemplarSet(locale: normalized, kind: .auxiliary)
        isCased = !LanguageProfile.caselessLanguages.contains(code)
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
