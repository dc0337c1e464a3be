import Foundation
import PropertyBased
import Testing
@testable import MTLintKit

/// The byte tokenizer of alphabetic text gives exactly ICU's tokens, kinds and scripts wherever it
/// answers: on every corpus article, every rule example, the edge cases of Unicode's word rules, and
/// (when they are present) the bench data's news and man pages.
struct AlphabeticWordBreaksTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Where the two tokenizers first part, or nil when they agree (or the byte one declines).
    func firstDifference(_ text: String, language: String) throws -> String? {
        let bytes = Array(text.utf8)
        guard let fast = AlphabeticWordBreaks.tokens(of: bytes, language: language) else { return nil }
        let icu = try Tokenizer.tokens(of: bytes, locale: language)
        for (index, (a, b)) in zip(fast, icu).enumerated() where a != b {
            let around = String(decoding: bytes[max(0, b.start - 20)..<min(bytes.count, b.end + 20)], as: UTF8.self)
            return "token \(index): \(a.range) \(a.kind) vs ICU \(b.range) \(b.kind) in \"\(around)\""
        }
        return fast.count == icu.count ? nil : "\(fast.count) tokens vs ICU's \(icu.count)"
    }

    @Test func edgeCasesOfTheWordRules() throws {
        let cases = [
            "U.S. a.b 3.5 1,200 1.200,50 can't rock'n'roll l·l ‘quoted’ don’t x_y __ _ 3_ a_3 _a 12:30 a:b naïve",
            "Ωmega Ἀθῆναι; Привет, мир! Ёлка п'ять ʼ 10 000 10\u{202F}000 a\u{00AD}b e\u{0301}t \u{0301}x",
            "line\u{2028}next\r\n\r\nand\ttab  two  spaces\u{00A0}nbsp € 5 -- — … «x» ¿qué? 3a a3 3.a a.3 3' '3 x'",
            "a.b.c 1.2.3 a..b 1,,2 a''b 1'000 _1_ ___ a\u{200D}b a\u{2009}b §2 °C 50% #tag @user e-mail x/y (a) [b]",
            "a\u{202A}b\u{202C} x\u{200B}y a\u{200E}b ²³ ½ ª º µ ǅ ƻ ǀ Ǆx ΆΈ ΐ ϐ ϕ Ѐ ѓ Ґ ӿ ԯ ḁ ỹ",
            "", " ", "\n", "\u{0301}", "a", "1", ".", "'", "_", "a'", "'a", "1.", ".1", "a:", ":a",
        ]
        for text in cases {
            for language in ["en", "de", "fr", "ru"] {
                let difference = try firstDifference(text, language: language)
                #expect(difference == nil, "\(language): \(difference ?? "")")
            }
        }
    }

    /// One character of every class the rules tell apart (letters of each alphabet, digits, the
    /// joiners between them, spaces, line breaks, marks, connectors, other punctuation).
    static let characters: [String] = [
        "a", "Z", "é", "ß", "Ω", "ж", "Ё", "ʼ", "@", "0", "7", ".", ",", ";", ":", "'", "’", "‘", "·", "‧", "⁄",
        "_", "\u{202F}", " ", "  ", "\u{00A0}", "\t", "\n", "\r\n", "\r", "\u{2028}", "\u{0301}", "\u{00AD}",
        "\u{200D}", "\u{202A}", "\u{200B}", "\u{0483}", "-", "—", "…", "«", "»", "\"", "(", "$", "€", "%", "#", "/", "!", "?",
    ]

    @Test func generatedMixesAgree() async {
        let texts = Gen.int(in: 0...(Self.characters.count - 1)).array(of: 0...30).map { (indices: [Int]) -> String in
            indices.map { Self.characters[$0] }.joined()
        }
        await propertyCheck(count: 500, input: texts) { text in
            let difference = try? firstDifference(text, language: "en")
            #expect(difference == nil, "\(text.debugDescription): \(difference ?? "")")
        }
    }

    @Test func declinesWhatItDoesNotKnow() {
        #expect(AlphabeticWordBreaks.tokens(of: Array("北朝鮮".utf8), language: "en") == nil)
        #expect(AlphabeticWordBreaks.tokens(of: Array("ok 👍".utf8), language: "en") == nil)
        #expect(AlphabeticWordBreaks.tokens(of: Array("plain text".utf8), language: "fi") == nil)
    }

    @Test func ruleExamplesAgree() throws {
        for rule in RuleRegistry.all {
            for example in rule.description.examples {
                for (text, language) in [(example.textAndSpans.text, example.language), (example.source ?? "", example.sourceLanguage ?? "")]
                where AlphabeticWordBreaks.languages.contains(language) {
                    let difference = try firstDifference(text, language: language)
                    #expect(difference == nil, "\(rule.description.id) [\(language)]: \(difference ?? "")")
                }
            }
        }
    }

    @Test func corpusArticlesAgree() throws {
        try agree(under: Self.root.appendingPathComponent("corpus"), languageOf: { $0.deletingLastPathComponent().lastPathComponent })
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: root.appendingPathComponent("bench-data/news/.complete").path)))
    func benchTextsAgree() throws {
        for (folder, language) in [("bench-data/news/en-de/source", "en"), ("bench-data/news/en-de/target", "de"),
                                   ("bench-data/news/zh-en/target", "en"), ("bench-data/bilingual/en", "en"), ("bench-data/bilingual/fr", "fr")] {
            try agree(under: Self.root.appendingPathComponent(folder), languageOf: { _ in language })
        }
        // The rendered man pages of the quiet-on-human-text script: man-<language>-….txt.
        try agree(under: Self.root.appendingPathComponent("bench-data/human"),
                  languageOf: { String($0.lastPathComponent.split(separator: "-").dropFirst().first ?? "") })
    }

    private func agree(under folder: URL, languageOf: (URL) -> String) throws {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where ["md", "txt"].contains(file.pathExtension) {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            let language = languageOf(file)
            let difference = try firstDifference(text, language: language)
            #expect(difference == nil, "\(file.lastPathComponent) [\(language)]: \(difference ?? "")")
        }
    }
}
