import Foundation
import Testing
@testable import MTLintKit

@Suite struct POReaderTests {
    static let sample = #"""
        # French translation.
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\n"
        "Language: fr_CA\n"

        #: src/main.c:10
        #, c-format
        msgid "Deleted %d files in %s."
        msgstr "%d fichiers supprimés dans %s."

        msgctxt "menu"
        msgid "Open"
        msgstr ""
        "Ouvrir le "
        "fichier \"récent\"\n"

        #, fuzzy
        msgid "Close"
        msgstr "Fermer"

        msgid "Save"
        msgstr ""

        msgid "One file"
        msgid_plural "%d files"
        msgstr[0] "Un fichier"
        msgstr[1] "Des fichiers"

        #~ msgid "Old"
        #~ msgstr "Vieux"

        """#

    @Test func unitsSourcesAndLanguage() throws {
        let file = try POReader.read(Array(Self.sample.utf8))
        #expect(file.targetLanguage == "fr-CA")
        #expect(file.units.map(\.source) == ["Deleted %d files in %s.", "Open", "One file", "%d files"])
        #expect(file.units.map(\.id) == ["Deleted %d files in %s.", "menu\u{4}Open", "One file", "One file[1]"])
        let targets = file.units.map { String(decoding: file.text[$0.target], as: UTF8.self) }
        #expect(targets == ["%d fichiers supprimés dans %s.", "Ouvrir le fichier \"récent\"\n", "Un fichier", "Des fichiers"])
        #expect(file.skippedUnits == 2)  // the fuzzy entry and the untranslated one
        #expect(file.units[0].flags.contains("c-format"))
        #expect(file.units[0].targetCodes == ["%d", "%s"] && file.units[0].sourceCodes == ["%d", "%s"])
        // No sentence can run from one unit into the next.
        #expect(String(decoding: file.text, as: UTF8.self).contains("supprimés dans %s.\n\nOuvrir le"))
    }

    @Test func everyTargetByteMapsBackToTheFile() throws {
        let bytes = Array(Self.sample.utf8)
        let file = try POReader.read(bytes)
        let text = String(decoding: file.text, as: UTF8.self)
        // Plain words map to themselves.
        for word in ["fichiers supprimés", "Ouvrir le", "récent", "Des fichiers"] {
            let start = try #require(text.utf8.firstRange(of: word.utf8))
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: start.lowerBound)
            let mapped = try #require(file.map.fileRange(offset..<(offset + word.utf8.count)))
            #expect(mapped.editable)
            #expect(String(decoding: bytes[mapped.range], as: UTF8.self) == word)
        }
        // An escaped quote maps to its two bytes; a range across two literals is not editable.
        let quote = text.utf8.count - text.utf8.drop { $0 != UInt8(ascii: "\"") }.count
        let mapped = try #require(file.map.fileRange(quote..<(quote + 1)))
        #expect(String(decoding: bytes[mapped.range], as: UTF8.self) == "\\\"")
        let across = try #require(text.utf8.firstRange(of: "le fichier".utf8))
        let acrossOffset = text.utf8.distance(from: text.utf8.startIndex, to: across.lowerBound)
        #expect(file.map.fileRange(acrossOffset..<(acrossOffset + 10))?.editable == false)
        // Two units are never one range.
        let end = file.units[0].target.upperBound
        #expect(file.map.fileRange((end - 1)..<(end + 3)) == nil)
    }

    @Test func syntaxErrorsNameTheLineAndColumn() {
        for (text, line, column) in [("msgid \"a\"\nmsgstr \"b\n", 2, 8), ("msgid \"a\"\nmsgstr b\n", 2, 8),
                                     ("msgid \"a\"\nmsgtxt \"b\"\n", 2, 1), ("\"stray\"\n", 1, 1)] {
            #expect(throws: FormatError.self) { try POReader.read(Array(text.utf8)) }
            do { _ = try POReader.read(Array(text.utf8)) } catch {
                #expect(error.line == line && error.column == column, "\(text): \(error)")
            }
        }
    }

    /// Every catalogue installed on this machine (human translations) parses,
    /// and msgfmt agrees on how many messages each translates.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/msgunfmt")))
    func installedCataloguesParse() throws {
        let folder = "/usr/share/locale/fr/LC_MESSAGES"
        let catalogues = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".mo") }.sorted()
        var units = 0
        for name in catalogues.prefix(40) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/msgunfmt")
            process.arguments = [folder + "/" + name]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { continue }
            let file = try POReader.read([UInt8](data))
            units += file.units.count
            #expect(file.units.allSatisfy { !$0.target.isEmpty }, "\(name)")
        }
        #expect(catalogues.isEmpty || units > 100)
    }
}
