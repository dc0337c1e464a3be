import MTLintKit

/// Lints a `/v2/check` text and writes the answer in LanguageTool's shape
/// (its `RuleMatchesAsJsonSerializer`): software, warnings, language, matches.
enum LanguageToolMatches {
    /// What a lint thread hands back: each finding with its ranges already in UTF-16.
    struct Result: Sendable {
        struct Match: Sendable {
            var finding: Finding
            /// UTF-16 range in the original text (text and markup).
            var range: Range<Int>
            var sentence: String
        }

        var matches: [Match]
        var detected: String
        var countsByRule: [String: Int]
    }

    /// Runs on a lint thread: the lint itself, then the offset conversions and sentences.
    static func lint(_ text: AnnotatedText, language: String, options: LintOptions, rules: [any Rule]) -> Result {
        let bytes = Array(text.text.utf8)
        let detected = LanguageDetector.detect(bytes)
        guard !rules.isEmpty else { return Result(matches: [], detected: detected, countsByRule: [:]) }
        let result = Linter(options: options, rules: rules).lint(SourceText(text.text), path: ServerOptions.requestPath, format: .plain)
        let findings = result.findings
        guard !findings.isEmpty else { return Result(matches: [], detected: detected, countsByRule: [:]) }
        let utf16 = UTF16Offsets.convert(findings.flatMap { [$0.start, $0.end] }, in: bytes)
        let sentences = (try? Tokenizer.sentences(of: bytes, locale: LanguageProfile.forTag(language).icuLocale)) ?? []
        var counts: [String: Int] = [:]
        let matches = findings.map { finding in
            counts[finding.rule, default: 0] += 1
            let range = text.originalRange(utf16[finding.start, default: 0]..<utf16[finding.end, default: 0])
            return Result.Match(finding: finding, range: range, sentence: sentence(containing: finding.start, sentences, bytes))
        }
        return Result(matches: matches, detected: detected, countsByRule: counts)
    }

    /// The text of the sentence a byte offset is in, trimmed (LanguageTool's `sentence`).
    static func sentence(containing offset: Int, _ sentences: [Span], _ bytes: [UInt8]) -> String {
        var low = 0, high = sentences.count
        while low < high {
            let middle = (low + high) / 2
            if sentences[middle].end <= offset { low = middle + 1 } else { high = middle }
        }
        guard low < sentences.count, sentences[low].start <= offset else { return "" }
        return String(decoding: bytes[sentences[low].range], as: UTF8.self).trimmingWhitespace
    }

    static func response(_ result: Result, check: LanguageToolAPI.CheckRequest) -> JSONValue {
        let original = Array(check.text.original.utf16)
        let primary = LanguageCatalog.supported(check.language) ?? check.language
        return .object([
            ("software", .object([
                ("name", .string("mtlint")),
                ("version", .string(MTLint.version)),
                ("buildDate", .string("")),
                ("apiVersion", .int(1)),
                ("premium", .bool(false)),
                ("status", .string("")),
            ])),
            ("warnings", .object([("incompleteResults", .bool(false))])),
            ("language", .object([
                ("name", .string(LanguageCatalog.name(primary))),
                ("code", .string(check.language)),
                // mtlint's detector gives no score: its guess is reported with full confidence.
                ("detectedLanguage", .object([
                    ("name", .string(LanguageCatalog.name(result.detected))),
                    ("code", .string(result.detected)),
                    ("confidence", .double(1)),
                ])),
            ])),
            ("matches", .array(result.matches.map { match(for: $0, original: original) })),
        ])
    }

    static func match(for match: Result.Match, original: [UInt16]) -> JSONValue {
        let finding = match.finding
        let rule = RuleRegistry.rule(id: finding.rule)?.description
        let issueType = issueType(finding)
        // Rules that judge a whole sentence (a fragment, a lower-case start) are wrong on a sentence still being typed.
        let needsSentence = finding.family == .sentenceJoin
        return .object([
            ("message", .string(finding.message)),
            ("shortMessage", .string("")),
            ("replacements", .array(replacements(finding).map { .object([("value", .string($0))]) })),
            ("offset", .int(match.range.lowerBound)),
            ("length", .int(match.range.count)),
            ("context", context(match.range, in: original)),
            ("sentence", .string(match.sentence)),
            ("type", .object([("typeName", .string(typeName(finding, issueType: issueType)))])),
            ("rule", .object([
                ("id", .string(finding.rule)),
                ("description", .string(rule?.summary ?? finding.message)),
                ("issueType", .string(issueType)),
                ("category", .object([("id", .string(categoryID(finding.family))), ("name", .string(categoryName(finding.family)))])),
            ])),
            ("ignoreForIncompleteSentence", .bool(needsSentence)),
            ("contextForSureMatch", .int(needsSentence ? -1 : 0)),
        ])
    }

    /// The suggestions, or else the replacement of a fix that rewrites exactly the flagged span.
    static func replacements(_ finding: Finding) -> [String] {
        if !finding.suggestions.isEmpty { return finding.suggestions }
        if let edits = finding.fix?.edits, edits.count == 1, edits[0].range == finding.range { return [edits[0].replacement] }
        return []
    }

    /// Up to 40 UTF-16 units either side, "..." where cut, newlines as spaces (LanguageTool's ContextTools).
    static func context(_ range: Range<Int>, in original: [UInt16], size: Int = 40) -> JSONValue {
        var start = max(0, range.lowerBound - size)
        var end = min(original.count, range.upperBound + size)
        // Never cut a surrogate pair in half.
        if start > 0 && start < original.count && UTF16.isTrailSurrogate(original[start]) { start += 1 }
        if end < original.count && end > 0 && UTF16.isLeadSurrogate(original[end - 1]) { end -= 1 }
        let prefix = start > 0 ? "..." : "", suffix = end < original.count ? "..." : ""
        let window = String(decoding: original[start..<max(start, end)].map { $0 == 0x0A ? 0x20 : $0 }, as: UTF16.self)
        return .object([
            ("text", .string(prefix + window + suffix)),
            ("offset", .int(prefix.utf16.count + range.lowerBound - start)),
            ("length", .int(range.count)),
        ])
    }

    /// Localization-quality issue types (ITS 2.0), the vocabulary of LanguageTool's `issueType`.
    static func issueType(_ finding: Finding) -> String {
        switch finding.family {
        case .names: "misspelling"
        case .sentenceJoin: "grammar"
        case .quotes, .punctuation: "typographical"
        case .repetition: "duplication"
        case .encoding: "characters"
        case .script: "untranslated"
        case .source: "mistranslation"
        case .meta: "other"
        }
    }

    /// LanguageTool's match types: UnknownWord (a spelling error), Hint (a style hint), Other.
    static func typeName(_ finding: Finding, issueType: String) -> String {
        if issueType == "misspelling" { return "UnknownWord" }
        return finding.severity == .info ? "Hint" : "Other"
    }

    /// The family as a LanguageTool category id ("SENTENCE_JOIN").
    static func categoryID(_ family: RuleFamily) -> String {
        String(family.rawValue.uppercased().map { $0 == "-" ? "_" : $0 })
    }

    static func categoryName(_ family: RuleFamily) -> String {
        switch family {
        case .names: "Names"
        case .sentenceJoin: "Broken sentence joins"
        case .quotes: "Quotes"
        case .punctuation: "Punctuation and spacing"
        case .repetition: "Repetition"
        case .encoding: "Encoding"
        case .script: "Foreign script"
        case .source: "Against the source"
        case .meta: "mtlint directives"
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
