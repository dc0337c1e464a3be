/// Every rule mtlint has, in the order `mtlint rules` lists them.
/// A test checks that each file under Rules/ is registered here.
public enum RuleRegistry {
    public static let all: [any Rule] = [
        RepeatedWord(),
        ReplacementCharacter(),
        LowercaseSentenceStart(),
        SentenceFragment(),
        DanglingWord(),
        MissingSentenceSpace(),
        RunOnSentences(),
        GarbledName(),
        NameVariant(),
        UntranslatedName(),
        Mojibake(),
        C1ControlCharacter(),
        HTMLEntity(),
        QuoteOrientation(),
        UnbalancedQuote(),
        QuoteSpacing(),
        ForeignQuoteStyle(),
        PunctuationRun(),
        SpaceBeforePunctuation(),
        FrenchSpacing(),
        CJKPunctuationWidth(),
        MissingSpaceAfterComma(),
        RepeatedPhrase(),
        MixedScriptWord(),
        ForeignScript(),
        NumberMismatch(),
        UntranslatedSegment(),
        MarkupMismatch(),
        Omission(),
        Addition(),
        GlossaryTerm(),
        EntityMismatch(),
        InvalidSuppression(),
        UnusedSuppression(),
    ]

    public static func rule(id: String) -> (any Rule)? {
        all.first { $0.id == id }
    }
}
