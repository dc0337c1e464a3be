/// The reference the speed goal is measured against: a plain ICU word and
/// sentence break pass over UTF-8 text, with nothing done per boundary.
public enum ICUBaseline {
    /// Returns the number of boundaries, so the work cannot be optimised away.
    public static func wordAndSentencePass(_ bytes: [UInt8], locale: String) throws -> Int {
        var boundaries = 0
        try bytes.withUnsafeBufferPointer { buffer in
            try BreakIteratorPool.shared.withIterator(.word, locale: locale) { iterator in
                try iterator.forEachBoundary(in: buffer) { _, _ in boundaries += 1 }
            }
            try BreakIteratorPool.shared.withIterator(.sentence, locale: locale + "@ss=standard") { iterator in
                try iterator.forEachBoundary(in: buffer) { _, _ in boundaries += 1 }
            }
        }
        return boundaries
    }
}
