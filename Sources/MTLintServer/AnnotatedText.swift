import Foundation

/// LanguageTool's annotated text (the `data` parameter): `{"annotation": [{"text": …},
/// {"markup": …, "interpretAs"?: …}]}`. Text is linted; markup is skipped, or stands for its
/// `interpretAs` text. Offsets in answers are over the original: all text and markup in order.
struct AnnotatedText: Sendable {
    struct Piece: Sendable {
        /// UTF-16 range in the linted text.
        var linted: Range<Int>
        /// UTF-16 range in the original (text and markup).
        var original: Range<Int>
        var isMarkup: Bool
    }

    /// The text linted.
    var text: String
    /// The original: text and markup concatenated.
    var original: String
    var pieces: [Piece]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Plain text: linted as it is.
    init(plain: String) {
        text = plain
        original = plain
        let count = plain.utf16.count
        pieces = [Piece(linted: 0..<count, original: 0..<count, isMarkup: false)]
    }

    init(json: String) throws(Failure) {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: Data(json.utf8)) } catch {
            throw Failure(description: "'data' is not valid JSON: \(Self.reason(error))")
        }
        guard let object = root as? [String: Any], let items = object["annotation"] as? [Any] else {
            throw Failure(description: "'data' must be a JSON object with an 'annotation' array")
        }
        text = ""
        original = ""
        pieces = []
        var lintedLength = 0, originalLength = 0
        for (index, item) in items.enumerated() {
            guard let item = item as? [String: Any] else {
                throw Failure(description: "'data': annotation item \(index) is not an object")
            }
            let textValue = item["text"], markupValue = item["markup"]
            if let text = textValue as? String, markupValue == nil {
                let length = text.utf16.count
                self.text += text
                original += text
                pieces.append(Piece(linted: lintedLength..<(lintedLength + length),
                                    original: originalLength..<(originalLength + length), isMarkup: false))
                lintedLength += length
                originalLength += length
            } else if let markup = markupValue as? String, textValue == nil {
                var interpretation = ""
                if let value = item["interpretAs"] {
                    guard let value = value as? String else {
                        throw Failure(description: "'data': annotation item \(index): 'interpretAs' must be a string")
                    }
                    interpretation = value
                }
                let length = interpretation.utf16.count, markupLength = markup.utf16.count
                self.text += interpretation
                original += markup
                pieces.append(Piece(linted: lintedLength..<(lintedLength + length),
                                    original: originalLength..<(originalLength + markupLength), isMarkup: true))
                lintedLength += length
                originalLength += markupLength
            } else {
                throw Failure(description: "'data': annotation item \(index) needs either a 'text' or a 'markup' string")
            }
        }
    }

    private static func reason(_ error: any Error) -> String {
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return detail ?? "\(error)"
    }

    /// The original range of a range of the linted text (UTF-16). A position inside text maps
    /// one to one; inside an `interpretAs` replacement, to the start or end of its markup.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        let start = originalPosition(range.lowerBound, isEnd: false)
        let end = max(start, originalPosition(range.upperBound, isEnd: true))
        return start..<end
    }

    private func originalPosition(_ position: Int, isEnd: Bool) -> Int {
        // The first piece that holds the position: for a start, one that ends after it; for an
        // end, one that ends at or after it (so empty markup maps to the text around it).
        var low = 0, high = pieces.count
        while low < high {
            let middle = (low + high) / 2
            let piece = pieces[middle]
            if isEnd ? piece.linted.upperBound < position : piece.linted.upperBound <= position {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low < pieces.count else { return original.utf16.count }
        let piece = pieces[low]
        if piece.isMarkup { return isEnd ? piece.original.upperBound : piece.original.lowerBound }
        return piece.original.lowerBound + (position - piece.linted.lowerBound)
    }
}
