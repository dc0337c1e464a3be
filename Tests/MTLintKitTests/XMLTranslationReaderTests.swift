import Foundation
import Testing
@testable import MTLintKit

@Suite struct XMLTranslationReaderTests {
    // MARK: XLIFF 1.2

    static let xliff12 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
          <file source-language="en" target-language="fr_FR" datatype="plaintext" original="app.strings">
            <header><note>Exported by a tool</note></header>
            <body>
              <trans-unit id="greeting">
                <source>Hello, {name}!</source>
                <target state="translated">Bonjour, {name} !</target>
                <note>Shown on the home page</note>
              </trans-unit>
              <trans-unit id="terms">
                <source>Read the <g id="1">terms &amp; conditions</g>.</source>
                <target state="translated">Lisez les <g id="1">conditions générales</g> &amp; c'est tout.</target>
                <alt-trans><target>An alternative that is not the translation</target></alt-trans>
              </trans-unit>
              <trans-unit id="bold">
                <source>Press <ph id="1">&lt;b&gt;</ph>Save<ph id="2">&lt;/b&gt;</ph> <x id="3"/>now.</source>
                <target>Appuyez sur <ph id="1">&lt;b&gt;</ph>Enregistrer<ph id="2">&lt;/b&gt;</ph> <x id="3"/>maintenant.</target>
              </trans-unit>
              <trans-unit id="new"><source>Later</source><target state="new">Plus tard</target></trans-unit>
              <trans-unit id="needs"><source>Soon</source><target state="needs-translation">Bientôt</target></trans-unit>
              <trans-unit id="untranslated"><source>Nothing yet</source></trans-unit>
              <trans-unit id="empty"><source>Empty</source><target>  </target></trans-unit>
              <trans-unit id="locked" translate="no"><source>ACME</source><target>ACME</target></trans-unit>
              <group translate="no"><trans-unit id="in-group"><source>Kept</source><target>Gardé</target></trans-unit></group>
              <trans-unit id="cdata"><source>Less &lt; more</source><target><![CDATA[Moins < plus]]> <!-- a comment --> ok</target></trans-unit>
            </body>
          </file>
        </xliff>
        """

    @Test func readsXLIFF12() throws {
        let bytes = Array(Self.xliff12.utf8)
        let file = try XMLTranslationReader.read(bytes, dialect: .xliff)
        #expect(string(file.text) == "Bonjour, {name} !\n\nLisez les conditions générales & c'est tout.\n\nAppuyez sur Enregistrer maintenant.\n\nMoins < plus  ok")
        try #require(file.units.map(\.id) == ["greeting", "terms", "bold", "cdata"])
        #expect(file.units.map(\.source) == ["Hello, {name}!", "Read the terms & conditions.", "Press Save now.", "Less < more"])
        #expect(file.units.map { string(file.text[$0.target]) }
                == ["Bonjour, {name} !", "Lisez les conditions générales & c'est tout.", "Appuyez sur Enregistrer maintenant.", "Moins < plus  ok"])
        #expect(file.sourceLanguage == "en")
        #expect(file.targetLanguage == "fr-FR")
        #expect(file.skippedUnits == 6)  // new, needs-translation, untranslated, empty, locked, in a translate="no" group
        #expect(file.escaping == .xml)
        try checkMap(file, bytes)
    }

    @Test func xliff12CodesAndPlaceholders() throws {
        let file = try XMLTranslationReader.read(Array(Self.xliff12.utf8), dialect: .xliff)
        try #require(file.units.count == 4)
        #expect(file.units[0].sourceCodes == ["{name}"])
        #expect(file.units[0].targetCodes == ["{name}"])
        #expect(file.units[1].sourceCodes == ["g:1"])
        #expect(file.units[1].targetCodes == ["g:1"])
        #expect(file.units[2].sourceCodes == ["ph:1", "ph:2", "x:3"])
        #expect(file.units[2].targetCodes == ["ph:1", "ph:2", "x:3"])
        // The placeholder is hidden from the rules.
        let placeholder = try #require(file.text.firstRange(of: Array("{name}".utf8)))
        #expect(file.codes == [placeholder])
    }

    @Test func entityMapsToItsWholeReference() throws {
        let bytes = Array(Self.xliff12.utf8)
        let file = try XMLTranslationReader.read(bytes, dialect: .xliff)
        try #require(file.units.count == 4)
        let target = file.units[1].target
        let ampersand = try #require(file.text[target].firstIndex(of: UInt8(ascii: "&")))
        let mapped = try #require(file.map.fileRange(ampersand..<(ampersand + 1)))
        #expect(string(bytes[mapped.range]) == "&amp;")
        #expect(mapped.editable)
        // That is the target's "&amp;", not the source's one.
        let targetStart = try #require(bytes.firstRange(of: Array("Lisez".utf8))).lowerBound
        #expect(mapped.range.lowerBound > targetStart)
        // A range across a tag maps, but an edit across the tag is refused.
        let across = try #require(file.map.fileRange((target.lowerBound + 6)..<(target.lowerBound + 15)))
        #expect(!across.editable)
        // The CDATA text is verbatim: "<" is the file's own "<".
        let cdata = file.units[3].target
        let less = try #require(file.text[cdata].firstIndex(of: UInt8(ascii: "<")))
        let lessInFile = try #require(file.map.fileRange(less..<(less + 1)))
        #expect(string(bytes[lessInFile.range]) == "<")
        #expect(lessInFile.editable)
    }

    @Test func byteOrderMarkAndCRLFKeepOffsetsExact() throws {
        let text = "\u{FEFF}" + Self.xliff12.replacingOccurrences(of: "\n", with: "\r\n")
            .replacingOccurrences(of: "Bonjour, {name} !", with: "Bonjour,\r\n{name} !")
        let bytes = Array(text.utf8)
        let file = try XMLTranslationReader.read(bytes, dialect: .xliff)
        try #require(file.units.count == 4)
        #expect(string(file.text[file.units[0].target]) == "Bonjour,\r\n{name} !")
        try checkMap(file, bytes)
    }

    // MARK: XLIFF 2.0

    static let xliff20 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" version="2.0" srcLang="en-US" trgLang="de">
          <file id="f1">
            <notes><note>File note</note></notes>
            <unit id="u1">
              <originalData><data id="d1">&lt;br/&gt;</data></originalData>
              <mtc:matches><mtc:match ref="#s1"><source>First sentence.</source><target>Erster Satz (Vorschlag).</target></mtc:match></mtc:matches>
              <segment id="s1" state="translated">
                <source>First sentence.</source>
                <target>Erster Satz.</target>
              </segment>
              <ignorable><source> </source><target> </target></ignorable>
              <segment id="s2" state="translated">
                <source>Click <pc id="1">here</pc><ph id="2" dataRef="d1"/> now.</source>
                <target>Klicken Sie <pc id="1">hier</pc><ph id="2" dataRef="d1"/> jetzt.</target>
              </segment>
            </unit>
            <unit id="u2">
              <segment state="initial"><source>Untranslated</source><target></target></segment>
            </unit>
            <unit id="u3">
              <segment><source>No target</source></segment>
            </unit>
            <unit id="u5" translate="no">
              <segment state="final"><source>ACME</source><target>ACME</target></segment>
            </unit>
            <unit id="u4">
              <segment state="reviewed"><source>Tom &amp; Jerry <sc id="1"/>bold<ec startRef="1"/></source><target>Tom &amp; Jerry &#x263A; <sc id="1"/>fett<ec startRef="1"/></target></segment>
            </unit>
          </file>
        </xliff>
        """

    @Test func readsXLIFF20() throws {
        let bytes = Array(Self.xliff20.utf8)
        let file = try XMLTranslationReader.read(bytes, dialect: .xliff)
        #expect(string(file.text) == "Erster Satz.\n\nKlicken Sie hier jetzt.\n\nTom & Jerry ☺ fett")
        try #require(file.units.map(\.id) == ["u1/s1", "u1/s2", "u4"])
        #expect(file.units.map(\.source) == ["First sentence.", "Click here now.", "Tom & Jerry bold"])
        #expect(file.units[1].targetCodes == ["pc:1", "ph:2"])
        #expect(file.units[1].sourceCodes == ["pc:1", "ph:2"])
        #expect(file.units[2].targetCodes == ["sc:1", "ec:1"])
        #expect(file.sourceLanguage == "en-US")
        #expect(file.targetLanguage == "de")
        #expect(file.skippedUnits == 3)  // u2 (initial, empty), u3 (no target), u5 (translate="no"); the ignorable is not a unit
        try checkMap(file, bytes)
        // A character reference maps to its whole "&#x263A;".
        let smiley = try #require(file.text.firstRange(of: Array("☺".utf8)))
        let mapped = try #require(file.map.fileRange(smiley))
        #expect(string(bytes[mapped.range]) == "&#x263A;")
    }

    // MARK: TMX

    static let tmx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
          <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="en" datatype="plaintext"/>
          <body>
            <tu tuid="t1">
              <prop type="x-domain">news</prop>
              <tuv xml:lang="en"><seg>The <bpt i="1">&lt;b&gt;</bpt>president<ept i="1">&lt;/b&gt;</ept> said.</seg></tuv>
              <tuv xml:lang="fr-FR"><seg>Le <bpt i="1">&lt;b&gt;</bpt>président<ept i="1">&lt;/b&gt;</ept> a dit.</seg></tuv>
              <tuv xml:lang="de"><seg>Der Präsident sagte.</seg></tuv>
            </tu>
            <tu>
              <tuv xml:lang="fr-FR"><seg>Il a <hi type="b">déclaré</hi> <ph>&lt;br/&gt;</ph>hier.</seg></tuv>
              <tuv xml:lang="en"><seg>He <hi type="b">stated</hi> <ph>&lt;br/&gt;</ph>yesterday.</seg></tuv>
              <note>The target comes first here.</note>
            </tu>
            <tu tuid="t3"><tuv xml:lang="en"><seg>Only a source</seg></tuv></tu>
          </body>
        </tmx>
        """

    @Test func readsTMX() throws {
        let bytes = Array(Self.tmx.utf8)
        let file = try XMLTranslationReader.read(bytes, dialect: .tmx)
        #expect(string(file.text) == "Le président a dit.\n\nIl a déclaré hier.")
        try #require(file.units.map(\.id) == ["t1", "2"])
        #expect(file.units.map(\.source) == ["The president said.", "He stated yesterday."])
        #expect(file.units[0].targetCodes == ["bpt:1", "ept:1"])
        #expect(file.units[0].sourceCodes == ["bpt:1", "ept:1"])
        #expect(file.units[1].targetCodes == ["hi", "ph:<br/>"])
        #expect(file.units[1].sourceCodes == ["hi", "ph:<br/>"])
        #expect(file.sourceLanguage == "en")
        #expect(file.targetLanguage == "fr-FR")
        #expect(file.skippedUnits == 1)
        try checkMap(file, bytes)
        // The format dispatcher reaches this reader.
        #expect(try TranslationReaders.read(bytes, format: .tmx).units.count == 2)
    }

    @Test func dialectMustMatchTheRoot() {
        #expect(throws: FormatError.self) { try XMLTranslationReader.read(Array(Self.tmx.utf8), dialect: .xliff) }
        #expect(throws: FormatError.self) { try XMLTranslationReader.read(Array(Self.xliff12.utf8), dialect: .tmx) }
    }

    // MARK: Malformed input

    @Test func malformedFileGivesTheLine() {
        let mismatched = "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n<file source-language=\"en\" target-language=\"fr\">\n<body>\n"
            + "<trans-unit id=\"1\"><source>a</source><target>b</trans-unit>\n</body></file></xliff>\n"
        #expect(formatError(mismatched)?.line == 5)
        let ampersand = "<xliff version=\"1.2\"><file>\n<body>\n<trans-unit id=\"1\"><source>Tom & Jerry</source></trans-unit>\n</body></file></xliff>"
        #expect(formatError(ampersand)?.line == 3)
        let lessThan = "<xliff version=\"1.2\">\n<file><body><trans-unit id=\"1\">\n<source>a</source>\n<target>1 < 2</target></trans-unit></body></file></xliff>"
        let error = formatError(lessThan)
        #expect(error?.line == 4)
        #expect(error?.message.contains("&lt;") == true)
        let truncated = "<xliff version=\"1.2\">\n<file><body><trans-unit id=\"1\">\n<source>a</source>"
        #expect(formatError(truncated) != nil)
        #expect(formatError("") != nil)
        #expect(formatError("<a>") != nil)  // shorter than what XMLParser needs to start
        #expect(formatError("just text") != nil)
        #expect(formatError("<xliff version=\"1.2\"/><xliff/>") != nil)
    }

    @Test func undefinedEntityIsAnErrorEvenWithAnExternalDTD() {
        let text = "<!DOCTYPE xliff SYSTEM \"file:///etc/passwd\">\n<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>a</source><target>&e;</target></trans-unit></body></file></xliff>"
        let error = formatError(text)
        #expect(error?.line == 3)
        #expect(error?.message.contains("undefined entity") == true)
    }

    @Test func truncatedAndDamagedInputNeverCrashes() {
        for sample in [Self.xliff12, Self.xliff20, Self.tmx] {
            let bytes = Array(sample.utf8)
            for length in stride(from: 0, to: bytes.count, by: 3) {
                #expect(throws: FormatError.self) { try XMLTranslationReader.read(Array(bytes[..<length]), dialect: .xliff) }
            }
            for offset in stride(from: 0, to: bytes.count, by: 5) {
                for byte in Array("<>&\"/;]".utf8) + [0x00, 0xC3] {
                    var damaged = bytes
                    damaged[offset] = byte
                    _ = try? XMLTranslationReader.read(damaged, dialect: offset % 2 == 0 ? .xliff : .tmx)
                }
            }
        }
    }

    @Test func invalidUTF8NeverCrashes() {
        let cases: [[UInt8]] = [
            Array("<xliff version=\"1.2\"><!-- ".utf8) + [0xFF, 0xC3] + Array(" --></xliff>".utf8),
            Array("<xliff version=\"1.2\"><?pi ".utf8) + [0xFF] + Array("?></xliff>".utf8),
            Array("<xliff version=\"1.2\">&".utf8) + [0xC3] + Array(";</xliff>".utf8),
            Array("<xliff version=\"1.2\" a=\"".utf8) + [0xFE] + Array("\"></xliff>".utf8),
            Array("<xliff version=\"1.2\"><".utf8) + [0xE9] + Array("/></xliff>".utf8),
            Array("<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</source><target>".utf8) + [0xC3, 0x28] + Array("</target></trans-unit></body></file></xliff>".utf8),
        ]
        for bytes in cases {
            #expect(throws: FormatError.self) { try XMLTranslationReader.read(bytes, dialect: .xliff) }
        }
    }

    // MARK: Security

    @Test func externalEntityIsRefused() {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <xliff version="1.2"><file><body><trans-unit id="1"><source>a</source><target>&e;</target></trans-unit></body></file></xliff>
            """
        let clock = ContinuousClock()
        var error: FormatError?
        let duration = clock.measure { error = formatError(xxe) }
        #expect(error?.line == 2)
        #expect(error?.message.contains("refused") == true)
        #expect(duration < .milliseconds(100))
    }

    @Test func billionLaughsIsRefused() {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            text += " <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n"
        }
        text += "]>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu><tuv xml:lang=\"fr\"><seg>&lol9;</seg></tuv></tu></body></tmx>"
        let clock = ContinuousClock()
        var error: FormatError?
        let duration = clock.measure { error = formatError(text, dialect: .tmx) }
        #expect(error?.message.contains("refused") == true)
        #expect(duration < .milliseconds(100))
        // An entity declaration outside any DOCTYPE is refused too.
        #expect(formatError("<!ENTITY x \"y\"><xliff/>")?.message.contains("refused") == true)
    }

    @Test func publicDoctypeIsAcceptedButNeverFetched() throws {
        let text = Self.xliff12.replacingOccurrences(
            of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            with: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xliff PUBLIC \"-//XLIFF//DTD XLIFF//EN\" \"http://www.oasis-open.org/committees/xliff/documents/xliff.dtd\">")
        let bytes = Array(text.utf8)
        let file = try XMLTranslationReader.read(bytes, dialect: .xliff)
        #expect(file.units.count == 4)
        try checkMap(file, bytes)
    }

    @Test func otherEncodingsAreRefused() {
        let latin1 = Self.xliff12.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"ISO-8859-1\"")
        #expect(formatError(latin1)?.message.contains("UTF-8") == true)
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in Self.xliff12.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(throws: FormatError.self) { try XMLTranslationReader.read(utf16, dialect: .xliff) }
    }

    // MARK: Size

    @Test func largeXLIFFReadsInSeconds() throws {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"big\"><body>\n"
        for index in 0..<60_000 {
            text += "<trans-unit id=\"u\(index)\"><source>Hello &amp; welcome to page <g id=\"1\">number</g> \(index), {user}.</source>"
            text += "<target state=\"translated\">Bonjour &amp; bienvenue sur la page <g id=\"1\">numéro</g> \(index), {user}.</target>"
            text += "<note>In the header.</note></trans-unit>\n"
        }
        text += "</body></file></xliff>\n"
        let bytes = Array(text.utf8)
        #expect(bytes.count >= 12_000_000)
        let clock = ContinuousClock()
        var file: TranslationFile?
        let duration = try clock.measure { file = try XMLTranslationReader.read(bytes, dialect: .xliff) }
        print("XMLTranslationReader: \(bytes.count) bytes, 60000 units in \(duration)")
        let read = try #require(file)
        #expect(read.units.count == 60_000)
        #expect(read.units.last?.id == "u59999")
        #expect(read.codes.count == 60_000)
        #expect(duration < .seconds(20))
    }

    // MARK: Helpers

    private func string<S: Sequence<UInt8>>(_ bytes: S) -> String { String(decoding: Array(bytes), as: UTF8.self) }

    private func formatError(_ text: String, dialect: XMLTranslationReader.Dialect = .xliff) -> FormatError? {
        do {
            _ = try XMLTranslationReader.read(Array(text.utf8), dialect: dialect)
            return nil
        } catch {
            return error
        }
    }

    /// Every piece of the text maps back to the file: verbatim bytes are the file's
    /// bytes, an escape is one whole reference that decodes to its text, and the
    /// pieces cover the text without gaps.
    private func checkMap(_ file: TranslationFile, _ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        var expectedStart = 0
        for piece in file.map.pieces {
            #expect(piece.textStart == expectedStart, sourceLocation: sourceLocation)
            expectedStart = piece.textStart + piece.textLength
            let text = Array(file.text[piece.textStart..<expectedStart])
            let fileBytes = Array(bytes[piece.fileStart..<(piece.fileStart + piece.fileLength)])
            switch piece.kind {
            case .verbatim:
                #expect(text == fileBytes, sourceLocation: sourceLocation)
            case .escape:
                #expect(fileBytes.first == UInt8(ascii: "&") && fileBytes.last == UInt8(ascii: ";"), sourceLocation: sourceLocation)
                #expect(XMLByteScanner.decodeReference(string(fileBytes.dropFirst().dropLast())) == string(text), sourceLocation: sourceLocation)
            case .separator:
                #expect(text == Array("\n\n".utf8), sourceLocation: sourceLocation)
            }
        }
        #expect(expectedStart == file.text.count, sourceLocation: sourceLocation)
        // Byte by byte through the public lookup, for the targets' verbatim bytes.
        for unit in file.units {
            for offset in unit.target {
                let range = try #require(file.map.fileRange(offset..<(offset + 1)), sourceLocation: sourceLocation)
                if range.range.count == 1 {
                    #expect(bytes[range.range.lowerBound] == file.text[offset], sourceLocation: sourceLocation)
                } else {
                    #expect(bytes[range.range.lowerBound] == UInt8(ascii: "&"), sourceLocation: sourceLocation)
                }
            }
        }
    }
}
