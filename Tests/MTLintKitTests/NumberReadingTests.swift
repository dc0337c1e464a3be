import PropertyBased
import Testing
@testable import MTLintKit

@Suite struct NumberReadingTests {
    func values(_ text: String, _ language: String) -> [[Double]] {
        NumberReading.forLanguage(language).numbers(in: text).map(\.values)
    }

    @Test func separatorsFollowTheLanguage() {
        #expect(values("1,200.5 and 3.8%", "en") == [[1200.5], [3.8]])
        #expect(values("1.200,5 und 3,8 %", "de") == [[1200.5], [3.8]])
        #expect(values("1 200,5", "fr") == [[1200.5]])
        #expect(values("1.200", "de") == [[1200, 1.2]])
        #expect(values("in 2019 2020", "fr") == [[2019], [2020]])
    }

    @Test func scaleWordsAndNumberWords() {
        #expect(values("3000万人", "zh") == [[3e7]])
        #expect(values("7.8万名", "zh") == [[78000]])
        #expect(values("北京7.8万志愿者服务国庆交通出行。", "zh") == [[78000]])
        #expect(values("交通文明志愿者7万8千多名", "zh") == [[78000]])
        #expect(values("是20多万个蔬菜大棚", "zh") == [[200000]])
        #expect(values("12亿元", "zh") == [[1.2e9]])
        #expect(values("1.2 billion", "en") == [[1.2e9]])
        #expect(values("35 Millionen", "de") == [[3.5e7]])
        #expect(values("two ministers", "en") == [[2]])
        #expect(values("60 to 85 billion", "en") == [[60, 6e10], [8.5e10]])
        #expect(values("£5bn", "en") == [[5, 5e9]])
        // CLDR's compact forms, through ICU, in languages the rule was not written for.
        #expect(values("1 200,5 млн рублей", "ru") == [[1200.5, 1.2005e9]])
        #expect(values("3 Mio. Euro", "de") == [[3, 3e6]])
        #expect(values("2,4 Mrd di euro", "it") == [[2.4, 2.4e9]])
    }

    @Test func clockTimes() {
        #expect(values("at 8 pm", "en") == [[8, 20]])
        #expect(values("um 18.19 Uhr", "de") == [[18, 6], [19]])
        // A whole hour is the hour alone: "7:00" is also "7 Uhr".
        #expect(values("at 7:00 am", "en") == [[7, 19]])
        #expect(values("part à 8h15", "fr") == [[8, 20], [15]])
        #expect(values("bis zu 24\u{202F}000 Container", "de") == [[24000]])
    }

    @Test func magnitudesAndMultiples() {
        #expect(values("600至850亿元", "zh") == [[600, 6e10], [8.5e10]])
        #expect(values("11万7015人", "zh") == [[117_015]])
        #expect(values("22万亿", "zh") == [[2.2e13]])
        #expect(values("US$31-billion", "en") == [[3.1e10]])
        #expect(values("stiegen zehnmal", "de") == [[10]])
    }
}

/// Numbers in digits are read on the stretch around the digits only (`digitStretch`); that must
/// give what reading the whole text gives, whatever lies around the digits.
struct DigitStretchTests {
    static let pieces = ["12", "7", "2019", "1,200.5", "3.8", "0,1,2", "１２", "18.19", "8h15", "7:00", " ", "  ", "-", " Uhr", " pm", "p.m.",
                         "万", "亿", "万亿", "多", "年", "后", " million", " Millionen", " Mio.", "bn", " млн", "v", "USD", "DIR", "MIPS",
                         "r", "x", "'", "’", "s", "至", " to ", "公司新招聘", "员工", "Le ministre", "é", ",", ".", "\n", "，", "（"]

    @Test func theStretchReadsWhatTheWholeTextReads() async {
        let text = Gen.int(in: 0...(Self.pieces.count - 1)).array(of: 0...30).map { $0.map { Self.pieces[$0] }.joined() }
        let languages = ["en", "de", "fr", "zh", "ru", "ja"]
        await propertyCheck(count: 3_000, input: text, Gen.int(in: 0...(languages.count - 1))) { text, language in
            let reading = NumberReading.forLanguage(languages[language])
            ByteScan.withBytes(of: text) { bytes in
                #expect(reading.numbers(in: bytes, spelledOut: false) == reading.numbers(in: bytes, spelledOut: false, window: 0..<bytes.count),
                        "\(languages[language]): \(text)")
            }
            // number-mismatch passes over a unit whose source has no digit, sought as the stretch seeks them.
            #expect(NumberMismatch.hasDigit(text) == text.unicodeScalars.contains(where: NumberReading.isDigit), "\(text)")
        }
    }
}
