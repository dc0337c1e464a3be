import Testing
@testable import MTLintKit

/// mixed-script-word's look-alike tables come from ICU's confusables data.
@Suite struct LookAlikeTests {
    @Test func cyrillicAndGreekLettersMapToTheirLatinTwins() {
        #expect(MixedScriptWord.toLatin[0x430] == 0x61)   // Cyrillic а → a
        #expect(MixedScriptWord.toLatin[0x41E] == 0x4F)   // Cyrillic О → O
        // е р с у х → e p c y x, as the hand-written table had them.
        #expect([0x435, 0x440, 0x441, 0x443, 0x445].map { MixedScriptWord.toLatin[$0] } == [0x65, 0x70, 0x63, 0x79, 0x78])
        #expect(MixedScriptWord.toLatin[0x3BF] == 0x6F)   // Greek ο → o
        #expect(MixedScriptWord.toLatin[0x391] == 0x41)   // Greek Α → A
        #expect(MixedScriptWord.latinToCyrillic[0x61] == 0x430)
        #expect(MixedScriptWord.latinToCyrillic[0x43] == 0x421)   // C → С
    }

    @Test func lettersWithoutATwinOrOfAnotherCaseAreNotMapped() {
        #expect(MixedScriptWord.toLatin[0x434] == nil)    // д
        #expect(MixedScriptWord.toLatin[0x44F] == nil)    // я
        #expect(MixedScriptWord.toLatin.values.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
    }
}
