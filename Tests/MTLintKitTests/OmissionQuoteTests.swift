import Testing
@testable import MTLintKit

/// omission and addition quote the source in their messages: white space folded, long sentences cut.
struct OmissionQuoteTests {
    /// The byte test for white space agrees with Unicode's White_Space property on every scalar.
    @Test func whiteSpaceOnBytesIsUnicodes() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "字" + String(Character(scalar)) + "字"
            if Omission.holdsWhiteSpace(text) != scalar.properties.isWhitespace { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).map { String($0, radix: 16) })")
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
