/// The reference the speed goal is measured against: a plain ICU word and
/// sentence break pass over UTF-8 text: `ubrk_next` to the end, nothing else.
public enum ICUBaseline {
    /// Returns the number of boundaries, so the work cannot be optimised away.
    public static func wordAndSentencePass(_ bytes: [UInt8], locale: String) throws -> Int {
        try wordPass(bytes, locale: locale) + sentencePass(bytes, locale: locale)
    }

    /// The word half alone (the benchmark's breakdown compares the tokenizer with it).
    public static func wordPass(_ bytes: [UInt8], locale: String) throws -> Int {
        try bytes.withUnsafeBufferPointer { buffer in
            try BreakIteratorPool.shared.withIterator(.word, locale: locale) { try $0.countBoundaries(in: buffer) }
        }
    }

    /// The sentence half alone.
    public static func sentencePass(_ bytes: [UInt8], locale: String) throws -> Int {
        try bytes.withUnsafeBufferPointer { buffer in
            try BreakIteratorPool.shared.withIterator(.sentence, locale: locale + "@ss=standard") { try $0.countBoundaries(in: buffer) }
        }
    }
}
