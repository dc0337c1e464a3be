import Testing
import Foundation
@testable import MTLintKit

@Suite struct NamesDataTests {
    static let catalog = EntityCatalog.load(.shared)

    @Test func russianNamesAreDeclinedInEveryObliqueCase() {
        #expect(RussianCases.obliqueForms(of: "Северная Корея") == ["Северной Кореи", "Северной Корее", "Северную Корею", "Северной Кореей"])
        #expect(RussianCases.obliqueForms(of: "Саудовская Аравия") == ["Саудовской Аравии", "Саудовской Аравии", "Саудовскую Аравию", "Саудовской Аравией"])
        #expect(RussianCases.obliqueForms(of: "Южная Африка") == ["Южной Африки", "Южной Африке", "Южную Африку", "Южной Африкой"])
        #expect(RussianCases.obliqueForms(of: "Южный Судан") == ["Южного Судана", "Южному Судану", "Южным Суданом", "Южном Судане"])
        // Other shapes are not guessed at.
        #expect(RussianCases.obliqueForms(of: "Великобритания").isEmpty)
        #expect(RussianCases.obliqueForms(of: "Объединённые Арабские Эмираты").isEmpty)
    }

    @Test func ukrainianNamesAreDeclinedInEveryObliqueCase() {
        #expect(UkrainianCases.obliqueForms(of: "Північна Корея") == ["Північної Кореї", "Північній Кореї", "Північну Корею", "Північною Кореєю"])
        #expect(UkrainianCases.obliqueForms(of: "Велика Британія") == ["Великої Британії", "Великій Британії", "Велику Британію", "Великою Британією"])
        // The dative and locative alternate г, к, х with з, ц, с.
        #expect(UkrainianCases.obliqueForms(of: "Південна Африка") == ["Південної Африки", "Південній Африці", "Південну Африку", "Південною Африкою"])
        #expect(UkrainianCases.obliqueForms(of: "Домініканська Республіка")
                == ["Домініканської Республіки", "Домініканській Республіці", "Домініканську Республіку", "Домініканською Республікою"])
        #expect(UkrainianCases.obliqueForms(of: "Верхня Сілезія") == ["Верхньої Сілезії", "Верхній Сілезії", "Верхню Сілезію", "Верхньою Сілезією"])
        // A masculine place name takes -у or -а in the genitive, -у or -ові in the dative.
        #expect(UkrainianCases.obliqueForms(of: "Південний Судан") == ["Південного Судану", "Південного Судана", "Південному Судану",
                                                                      "Південному Суданові", "Південним Суданом", "Південному Судані", "Південнім Судані"])
        // Other shapes are not guessed at.
        #expect(UkrainianCases.obliqueForms(of: "Чехія").isEmpty)
        #expect(UkrainianCases.obliqueForms(of: "Обʼєднані Арабські Емірати").isEmpty)
        #expect(UkrainianCases.obliqueForms(of: "Острів Мен").isEmpty)
        #expect(UkrainianCases.obliqueForms(of: "Мʼянма (Бірма)").isEmpty)
        #expect(NameIndex.obliqueForms(of: "Північна Корея", language: "uk") == UkrainianCases.obliqueForms(of: "Північна Корея"))
        #expect(NameIndex.obliqueForms(of: "Северная Корея", language: "ru") == RussianCases.obliqueForms(of: "Северная Корея"))
        #expect(NameIndex.obliqueForms(of: "Северная Корея", language: "bg").isEmpty)
    }

    @Test func ukrainianIndexKnowsTheCasesOfCLDRNamesAndTheirGarblings() {
        let index = NameIndex(language: "uk", catalog: Self.catalog)
        #expect(Self.catalog.entities.first { $0.key == "territory:KP" }?.forms["uk"] == "Північна Корея")
        #expect(index.patterns.contains { $0.text == "Північної Кореї" && $0.role == .inflected })
        let garbled = index.patterns.first { $0.text == "Кореї Північної" }
        #expect(garbled?.role == .garbled && garbled?.correctOrder == "Північної Кореї")
    }

    @Test func dictionariesHoldEnoughEntitiesWithTheirForms() {
        let listed = Self.catalog.entities.filter { $0.kind != .territory }
        #expect(listed.count >= 300)
        for entity in listed {
            for language in EntityCatalog.languages {
                #expect(entity.forms[language]?.isEmpty == false, "\(entity.key) lacks its \(language) form")
            }
        }
        let kim = Self.catalog.entities.first { $0.key == "kim-jong-un" }
        #expect(kim?.variants.contains("Kim Jong Un") == true)
        #expect(kim?.forms["ru"] == "Ким Чен Ын")
    }

    @Test func territoriesComeFromCLDRAndArePressForms() {
        let korea = Self.catalog.entities.first { $0.key == "territory:KP" }
        #expect(korea?.forms["en"] == "North Korea")
        #expect(korea?.forms["de"] == "Nordkorea")
        #expect(korea?.forms["ru"] == "Северная Корея")  // refined by territories.tsv; CLDR says КНДР
        #expect(korea?.variants.contains("КНДР") == true)
        let hongKong = Self.catalog.entities.first { $0.key == "territory:HK" }
        #expect(hongKong?.forms["en"] == "Hong Kong")  // CLDR's short form
        #expect(Self.catalog.entities.filter { $0.kind == .territory }.count > 200)
    }

    @Test func foldKeysJoinSpellingsAcrossScriptsAndPunctuation() {
        #expect(NameFolding.key("Kim Jong-un") == NameFolding.key("KIM JONG UN"))
        #expect(NameFolding.key("P'yŏngyang") == "pyongyang")
        #expect(NameFolding.key("Zelenský") == "zelensky")
        #expect(NameFolding.key("Ким Чен Ын") == NameFolding.key("Ким Чен-Ын"))
        let dashed = Array("Kim Jong-un".utf8).withUnsafeBufferPointer(NameFold.hashes)
        let spaced = Array("Kim Jong Un".utf8).withUnsafeBufferPointer(NameFold.hashes)
        #expect(dashed.fold == spaced.fold)
    }

    @Test func foldHashesTellPlainWordsFromOtherSpellings() {
        func hashes(_ spelling: String) -> NameFold.Hashes { Array(spelling.utf8).withUnsafeBufferPointer(NameFold.hashes) }
        func fold(_ spelling: String) -> UInt64 {
            let found = hashes(spelling)
            return found.ascii ? found.fold : Array(spelling.utf8).withUnsafeBufferPointer(NameFold.transliterated)
        }
        let linux = hashes("Linux")
        #expect(linux.plain && linux.ascii && linux.fold != 0)
        #expect(hashes("LINUX").fold == linux.fold && hashes("LINUX").spelling == linux.spelling)
        for spelling in ["P'yongyang", "Jong-un", "Kim Jong", "People’s"] {
            #expect(!hashes(spelling).plain, "\(spelling)")
        }
        #expect(hashes("People’s").spelling == hashes("People's").spelling)
        #expect(fold("Pjöngjang") == fold("Pjongjang"))
        #expect(fold("Москва") == fold("Moskva"))
        #expect(fold("Kim") == 0)  // too short to compare
    }

    @Test func namesInLatinCyrillicAndGreekFoldWithoutICUTransliteration() {
        #expect(NameFolding.tableKey("Hrvatska Straße") == "hrvatskastrasse")
        #expect(NameFolding.tableKey("Łódź") == "lodz")
        #expect(NameFolding.tableKey("Хрущёв") == "khrushchev")
        #expect(NameFolding.tableKey("Αθήνα") == "athina")
        #expect(NameFolding.tableKey("İlham Əliyev") == "ilhameliyev")
        #expect(NameFolding.tableKey("Организация стран — экспортеров") == "organizatsiyastraneksporterov")
        #expect(NameFolding.tableKey("Նիկոլ Փաշինյան") == nil)  // Armenian: ICU's transliterator
        #expect(NameFolding.key("Նիկոլ Փաշինյան") == "nikolpasinyan")
        #expect(NameFolding.tableKey("金正恩") == nil)
    }

    @Test func hashedKeyTableStoresReplacesAndMisses() {
        var table = HashedKeyTable<Int>(capacity: 40)
        // Keys that land in neighbouring slots, and the key 0 that marks empty slots.
        let keys: [UInt64] = (0..<40).map { $0 } + [UInt64.max]
        for key in keys.prefix(40) { table.set(Int(key) * 10, for: key) }
        for key in keys.prefix(40) { #expect(table[key] == Int(key) * 10) }
        #expect(table[UInt64.max] == nil)
        table.set(7, for: 3)
        #expect(table[3] == 7 && table[0] == 0 && table[39] == 390)
        let built = HashedKeyTable<String>([5: "five", 0: "zero"])
        #expect(built[5] == "five" && built[0] == "zero" && built[6] == nil)
    }

    @Test func garblingsAreTheOtherWordOrders() {
        #expect(NameIndex.garblings(of: "North Korea") == ["Korea North"])
        #expect(Set(NameIndex.garblings(of: "Corée du Nord")) == ["Corée Nord du", "Nord du Corée", "Nord Corée du"])
        #expect(NameIndex.garblings(of: "Nordkorea").contains("Korea Nord"))
        #expect(NameIndex.garblings(of: "Bosnia & Herzegovina").isEmpty)
    }

    @Test func namesRulesRunByDefaultAndCanBeSwitchedOff() {
        let text = "Missiles were fired by Korea North on Monday."
        #expect(Linter(options: LintOptions(language: "en")).lint(SourceText(text), path: "a.txt").findings.map(\.rule) == ["garbled-name"])
        var options = LintOptions(language: "en")
        options.disabled = ["garbled-name"]  // what --disable does
        #expect(Linter(options: options).lint(SourceText(text), path: "a.txt").findings.isEmpty)
    }

    @Test func aNarrowNoBreakSpaceAfterANameIsNotPartOfIt() {
        // ICU keeps U+202F in the word's token; French writes it before : ; ! ?
        var options = LintOptions(language: "en")
        options.onlyEnabled = ["untranslated-name"]
        let text = "Crowds in Pékin\u{202F}! Then Pékin\u{202F}: quiet."
        let findings = Linter(options: options).lint(SourceText(text), path: "a.txt").findings
        #expect(findings.map { text.utf8Slice($0.range) } == ["Pékin", "Pékin"])
    }

    @Test func userEntityFilesAreRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mtlint-names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("newsroom.tsv")
        try "ana-lopez\tperson\tAna López\tAna López\tAna López\tAna López\tАна Лопес\tAna Lopes\n".write(to: file, atomically: true, encoding: .utf8)
        var options = LintOptions(language: "en")
        options.dictionaries = Dictionaries.shared.adding([file.path])
        options.onlyEnabled = ["name-variant"]
        let text = "Ana López spoke. Ana López left. Later Ana Lopes returned."
        let findings = Linter(options: options).lint(SourceText(text), path: "a.txt").findings
        #expect(findings.map { text.utf8Slice($0.range) } == ["Ana Lopes"])
        #expect(findings.first?.suggestions == ["Ana López"])
    }
}
