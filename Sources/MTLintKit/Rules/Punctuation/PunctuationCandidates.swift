/// The one-byte punctuation tokens , . ; : ! ? of a document, found in one pass
/// over the tokens and shared by punctuation-run, space-before-punctuation and
/// missing-space-after-comma.
enum PunctuationCandidates {
    static func indices(in document: Document) -> [Int32] {
        document.shared.value("punctuation.candidates") {
            var result: [Int32] = []
            document.text.withUnsafeBufferPointer { text in
                document.tokens.withUnsafeBufferPointer { tokens in
                    for index in 0..<tokens.count {
                        let token = tokens[index]
                        guard token.kind == .punctuation, token.end - token.start == 1 else { continue }
                        switch text[token.start] {
                        case 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F: result.append(Int32(truncatingIfNeeded: index))
                        default: continue
                        }
                    }
                }
            }
            return result
        }
    }
}
