/// The reference the speed goal is measured against: a plain ICU word and
/// sentence break pass over UTF-8 text: `ubrk_next` to the end, nothing else.
public enum ICUBaseline {
    /// Returns the number of boundaries, so the work cannot be optimised away.
    public static func wordAndSentencePass(_ bytes: [UInt8], locale: String) throws -> Int {
        var boundaries = 0
        try bytes.withUnsafeBufferPointer { buffer in
            boundaries += try BreakIteratorPool.shared.withIterator(.word, locale: locale) { try $0.countBoundaries(in: buffer) }
            boundaries += try BreakIteratorPool.shared.withIterator(.sentence, locale: locale + "@ss=standard") {
                try $0.countBoundaries(in: buffer)
            }
        }
        return boundaries
    }
}
