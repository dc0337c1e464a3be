import PropertyBased
import Testing
@testable import MTLintKit

/// Mojibake repair that does not hide damage (issue #11, item 10): text encoded
/// several times is decoded to the end, an unsure repair is not a safe fix, and
/// a safe fix never leaves garbled text that nothing flags any more.
@Suite struct MojibakeRepairTests {
    static let encodingRuleIDs: Set<String> = Set(RuleRegistry.all.filter { $0.description.family == .encoding }.map(\.id))

    static func lintEncoding(_ text: String, _ language: String) -> [Finding] {
        var options = LintOptions(language: language)
        options.onlyEnabled = encodingRuleIDs
        return Linter(options: options).lint(SourceText(text), path: "doc.txt").findings
            .filter { encodingRuleIDs.contains($0.rule) }
    }

    /// `mtlint fix` (safe fixes only) with the encoding rules, or with every rule.
    static func safeFix(_ text: String, _ language: String, allRules: Bool = false) -> String {
        var options = LintOptions(language: language)
        if !allRules { options.onlyEnabled = encodingRuleIDs }
        let outcome = Fixer(linter: Linter(options: options), includeUnsafe: false).fix(SourceText(text), path: "doc.txt")
        return String(decoding: outcome.bytes, as: UTF8.self)
    }

    /// UTF-8 read as Windows-1252, `times` times over. A strict decoder (`lossy`) drops the five
    /// bytes Windows-1252 leaves undefined; a sloppy one keeps them as C1 controls.
    static func misread(_ text: String, times: Int, lossy: Bool = false) -> String {
        var result = text
        for _ in 0..<times {
            var next = ""
            for byte in result.utf8 {
                if byte < 0x80 { next.unicodeScalars.append(Unicode.Scalar(byte)) }
                else if let character = MojibakeDecoder.byteString(byte) { next += character }
                else if !lossy || byte >= 0xA0 { next.unicodeScalars.append(Unicode.Scalar(byte)) }
            }
            result = next
        }
        return result
    }

    // MARK: Examples from the issue

    @Test func doubleEncodingIsRepairedToTheEndAndNothingIsLeft() {
        let fixed = Self.safeFix("The ministerÃ¢â‚¬â„¢s visit.", "en")
        #expect(fixed == "The minister’s visit.")
        #expect(Self.lintEncoding(fixed, "en").isEmpty)
        #expect(Self.safeFix("It isn" + Self.misread("’", times: 3) + "t over.", "en") == "It isn’t over.")
    }

    /// What the old repair left behind ("Ã¢€™") is still garbled: it stays flagged, and the
    /// repair of its "Ã¢" alone is unsure, so `mtlint fix` leaves it to the editor.
    @Test func aRepairThatLeavesMojibakeIsNotSafe() throws {
        let text = "The ministerÃ¢€™s visit."
        let findings = Self.lintEncoding(text, "en")
        let finding = try #require(findings.first { $0.rule == "mojibake" })
        #expect(finding.fix?.safety == .unsafe)
        #expect(Self.safeFix(text, "en") == text)
    }

    @Test(arguments: ["He said â€œnoâ€ and left.", "He said â€œnoâ€\nThen he left.", "He said â€œnoâ€"])
    func truncatedClosingQuoteIsFlaggedAndNotSilentlyFixed(_ text: String) throws {
        let truncated = try #require(Self.lintEncoding(text, "en").first { text.utf8Slice($0.range) == "â€" })
        #expect(truncated.suggestions == ["”"])
        #expect(truncated.fix?.safety == .unsafe)
        let fixed = Self.safeFix(text, "en")
        #expect(fixed.contains("“no"))
        #expect(Self.lintEncoding(fixed, "en").contains { $0.rule == "mojibake" }, "the lost byte is no longer flagged")
    }

    @Test(arguments: ["fr", "de", "en"])
    func mojibakeBesideACorrectlyAccentedWordIsCaught(_ language: String) {
        #expect(Self.safeFix("Le cafÃ© est fermé.", language) == "Le café est fermé.")
    }

    /// The words on either side weigh the same: "über x cafÃ©" and "cafÃ© said über" alike, and
    /// a dash two words before or after.
    @Test(arguments: [("über x cafÃ©", "cafÃ© said über"), ("– and the cafÃ©", "the cafÃ© and –")])
    func theWindowIsSymmetric(_ before: String, _ after: String) {
        #expect(Self.lintEncoding(before, "en").count == 1)
        #expect(Self.lintEncoding(after, "en").count == 1)
    }

    /// "„" in "â„¢", "“" in "â€“", "»" in "Ã»" are bytes of mojibake, not quotation marks.
    @Test(arguments: [("en", "The ministerÃ¢â‚¬â„¢s visit."), ("en", "Prices rose â€“ sharply, â€” they said."),
                      ("fr", "Le prix a augmentÃ© en aoÃ»t."), ("de", "Er sagte „Ja“ und ging nach MÃ¼nchen â€“ schnell.")])
    func quoteRulesIgnoreMarksInsideMojibake(_ language: String, _ text: String) {
        let findings = Linter(options: LintOptions(language: language)).lint(SourceText(text), path: "doc.txt").findings
        #expect(findings.allSatisfy { $0.family != .quotes }, "\(findings.map { "\($0.rule): \(text.utf8Slice($0.range))" })")
    }

    /// " . the": the space-before-punctuation rule flags it, and once the space is gone the
    /// lower-case start stays flagged; a full stop named as a character stays quiet.
    @Test func spaceBeforeFullStopBeforeALowerCaseSentenceStart() throws {
        let text = "Prices rose sharply . the government reacted."
        let findings = Linter(options: LintOptions(language: "en")).lint(SourceText(text), path: "doc.txt").findings
        let space = try #require(findings.first { $0.rule == "space-before-punctuation" })
        #expect(space.fix?.safety == .safe)
        let fixed = Self.safeFix(text, "en", allRules: true)
        #expect(fixed == "Prices rose sharply. the government reacted.")
        let after = Linter(options: LintOptions(language: "en")).lint(SourceText(fixed), path: "doc.txt").findings
        #expect(after.contains { $0.rule == "lowercase-sentence-start" })
    }

    // MARK: Properties

    /// Typical accented words and typographic punctuation; ” is the one that loses a byte.
    static let tokens: [String] = [
        "café", "été", "août", "über", "Straße", "naïve", "Müller", "façade", "déjà", "hôpital", "Noël", "São",
        "señor", "Zürich", "crème", "brûlée", "garçon", "Ångström", "Øresund", "minister’s", "“yes”", "«\u{A0}oui\u{A0}»",
        "„Ja“", "wait…", "2–3", "—", "5 €", "20 °C", "Cola™", "©", "l’été", "it’s", "«", "»", "ÉLECTIONS", "café,",
        "août.", "(Zürich)", "Ça", "À", "cœur",
    ]
    static let plainWords = ["the", "said", "and", "visit", "le", "der"]

    /// A sentence as token indices: index i is token i % count, misread i / count times (0–3).
    static let sentences = Gen.int(in: 0...(tokens.count * 4 - 1)).array(of: 1...8)
    static let languages = Gen.int(in: 0...2).map { (index: Int) -> String in ["en", "fr", "de"][index] }
    static let lossiness = Gen.int(in: 0...1).map { (value: Int) -> Bool in value == 1 }

    static func sentence(_ indices: [Int], lossy: Bool) -> (clean: String, damaged: String) {
        var clean: [String] = [], damaged: [String] = []
        for (position, index) in indices.enumerated() {
            let token = tokens[index % tokens.count]
            let plain = plainWords[position % plainWords.count]
            clean += [plain, token]
            damaged += [plain, misread(token, times: index / tokens.count, lossy: lossy)]
        }
        return (clean.joined(separator: " ") + ".", damaged.joined(separator: " ") + ".")
    }

    /// After the safe fixes, either the text is the original again or an encoding finding
    /// remains: a flag never disappears while garbled text stays. Clean text raises none.
    @Test func safeFixesNeverHideEncodingDamage() async {
        await propertyCheck(count: 400, input: Self.sentences, Self.languages, Self.lossiness) { indices, language, lossy in
            let (clean, damaged) = Self.sentence(indices, lossy: lossy)
            #expect(Self.lintEncoding(clean, language).isEmpty, "false alarm on clean text: \(clean)")
            let fixed = Self.safeFix(damaged, language)
            #expect(fixed == clean || !Self.lintEncoding(fixed, language).isEmpty,
                    "damage hidden: \(damaged) → \(fixed)")
        }
    }

    /// The same with every rule fixing at once: other rules' safe fixes must not garble a
    /// sequence so that it is no longer recognised ("„" in "â„¢" turned into "“"). Quote and
    /// spacing rules may settle quotes differently once the mojibake is gone, so the texts are
    /// compared without quotation marks and spaces.
    @Test func allSafeFixesTogetherNeverHideEncodingDamage() async {
        await propertyCheck(count: 200, input: Self.sentences, Self.languages, Self.lossiness) { indices, language, lossy in
            let (clean, damaged) = Self.sentence(indices, lossy: lossy)
            let fixed = Self.safeFix(damaged, language, allRules: true)
            #expect(Self.withoutQuotesAndSpaces(fixed) == Self.withoutQuotesAndSpaces(Self.safeFix(clean, language, allRules: true))
                    || !Self.lintEncoding(fixed, language).isEmpty, "damage hidden: \(damaged) → \(fixed)")
        }
    }

    static func withoutQuotesAndSpaces(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { scalar in
            !QuoteAnalysis.doubleMarks.contains(scalar.value) && !"‘’‚‹›".unicodeScalars.contains(scalar)
                && !scalar.properties.isWhitespace
        }))
    }
}
