/// The units' sources as one analysed document (tokens, names), so that the source-aware
/// rules tokenize them once: the article itself for an article pair, else the sources joined
/// a blank line apart. `ranges[i]` is unit i's source in it.
final class SourceSide: Sendable {
    let document: Document
    let ranges: [Range<Int>]

    init(document: Document, ranges: [Range<Int>]) {
        self.document = document
        self.ranges = ranges
    }

    static func of(_ document: Document) -> SourceSide? {
        guard let language = document.sourceLanguage, !document.units.isEmpty else { return nil }
        if let side = document.alignedSource { return side }
        return document.shared.value("source-side") {
            var text: [UInt8] = []
            var ranges: [Range<Int>] = []
            for unit in document.units {
                let bytes = Array(unit.source.utf8)
                ranges.append(text.count..<(text.count + bytes.count))
                text += bytes + [0x0A, 0x0A]
            }
            guard let joined = try? Document(source: SourceText(String(decoding: text, as: UTF8.self)), format: .plain,
                                             language: language, dictionaries: document.dictionaries, asSource: true) else { return nil }
            return SourceSide(document: joined, ranges: ranges)
        }
    }

    /// The unit whose source holds a byte of `document` (ranges are in order).
    func unit(containing offset: Int) -> Int? {
        var low = 0, high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        var index = low - 1
        // Empty ranges (sentences left out) share their start with the next one.
        while index >= 0 && !ranges[index].contains(offset) && ranges[index].lowerBound == offset { index -= 1 }
        return index >= 0 && ranges[index].contains(offset) ? index : nil
    }

    /// The tokens of unit i's source. A source made without its words (Chinese, Japanese) has just
    /// this unit tokenized.
    func tokens(ofUnit index: Int) -> ArraySlice<Token> {
        let range = ranges[index]
        if document.wordsDeferred {
            let tokens = (try? Tokenizer.tokens(of: Array(document.text[range]), locale: document.language.icuLocale)) ?? []
            return tokens.map { Token(start: $0.start + range.lowerBound, end: $0.end + range.lowerBound, kind: $0.kind, script: $0.script) }[...]
        }
        return document.tokens(in: range)
    }
}
