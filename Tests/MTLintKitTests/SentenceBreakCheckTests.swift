import ICUShim
import PropertyBased
import Testing
@testable import MTLintKit

/// omission asks ICU for a source's sentences only when the sentence rules' own characters allow a
/// break inside it (`mtl_may_break_sentence_inside`); a text they rule out must be one sentence
/// for ICU, in every language the test tries.
struct SentenceBreakCheckTests {
    static let pieces = ["Il", " ", "est", "parti", ".", "!", "?", "。", "！", "？", "”", "»", ")", "\"", "他走了", "e.g.", "U.S.",
                         "3.5", ",", "，", "‼", "؟", "।", "Он", "ушёл", "\u{00A0}", "\u{2029}", "\u{0085}", "…", "a"]

    @Test func aTextRuledOutIsOneSentenceForICU() async throws {
        let text = Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 1...12).map { $0.map { Self.pieces[$0] }.joined() }
        let languages = ["en", "fr", "de", "zh", "ru", "ja", "ar", "hi"]
        var (ruledOut, allowed) = (0, 0)
        await propertyCheck(count: 1_500, input: text, Gen.int(in: 0...(languages.count - 1))) { text, language in
            let bytes = Array(text.utf8)
            guard !mtl_may_break_sentence_inside(bytes, Int64(bytes.count)) else { allowed += 1; return }
            ruledOut += 1
            let sentences = (try? Tokenizer.sentences(of: bytes, locale: languages[language])) ?? []
            #expect(sentences.count <= 1, "\(languages[language]): \(text.debugDescription) is \(sentences.count) sentences")
        }
        // Not vacuous: both answers occur.
        #expect(ruledOut > 100 && allowed > 100, "\(ruledOut) \(allowed)")
    }
}
