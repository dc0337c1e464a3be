import PropertyBased
import Testing
@testable import MTLintKit

/// omission and addition quote the source in their messages: white space folded, long sentences cut.
struct OmissionQuoteTests {
    /// The byte test for white space agrees with Unicode's White_Space property on every scalar.
    @Test func whiteSpaceOnBytesIsUnicodes() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isSpace = ByteScan.withBytes(of: String(Character(scalar))) { Omission.whiteSpaceLength($0, at: 0) == $0.count }
            if isSpace != scalar.properties.isWhitespace { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).map { String($0, radix: 16) })")
    }

    /// Folded as splitting on white-space characters and joining with one space folds it.
    @Test func foldsAsCharactersDo() async {
        let pieces = ["公司", "a", "é", " ", "  ", "\n", "\t", "\u{00A0}", "\u{3000}", "\u{2009}", "\r\n", "x.", "\u{0085}"]
        let text = Gen.int(in: 0...(pieces.count - 1)).array(of: 0...30).map { $0.map { pieces[$0] }.joined() }
        await propertyCheck(count: 500, input: text) { text in
            let expected = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(Omission.quoted(text) == (expected.count > 80 ? String(expected.prefix(77)) + "…" : expected), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func quotesFoldWhiteSpaceAndCutLongSentences() {
        #expect(Omission.quoted("a  b\n c") == "a b c")
        #expect(Omission.quoted("Le\u{00A0}ministre  est\tarrivé") == "Le ministre est arrivé")
        #expect(Omission.quoted("公司\u{3000}新招聘") == "公司 新招聘")
        let eighty = String(repeating: "字", count: 80), eightyOne = String(repeating: "字", count: 81)
        #expect(Omission.quoted(eighty) == eighty)
        #expect(Omission.quoted(eightyOne) == String(repeating: "字", count: 77) + "…")
        // Counted in characters: 81 scalars that make 41 characters are not cut.
        let combined = String(repeating: "e\u{0301}", count: 40) + "x"
        #expect(Omission.quoted(combined) == combined)
    }
}
