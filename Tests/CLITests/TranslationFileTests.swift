import Foundation
import Testing

/// Translation files and article pairs from the command line (issue #12): positions
/// inside the file as it is, fixes written with the format's escaping, sources read.
@Suite struct TranslationFileTests {
    static let po = #"""
        msgid ""
        msgstr ""
        "Content-Type: text/plain; charset=UTF-8\n"
        "Language: en\n"

        #, c-format
        msgid "Il a supprimé %d fichiers en 2023."
        msgstr "He deleted the the %d files in 2024."

        msgid "Le \"café\" est fermé."
        msgstr ""
        "The \"cafÃ©\" is "
        "closed and and shut."

        """#

    static var hasMsgfmt: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/msgfmt") }

    @Test func poFindingsPointIntoTheFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("fr.po", Self.po)
        let result = try CLI.run(["--format", "json", "--source-lang", "fr", path])
        #expect(result.status == 1)  // the mojibake is an error
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        #expect(file["language"] as? String == "en")
        let findings = try #require(file["findings"] as? [[String: Any]])
        let bytes = Array(Self.po.utf8)
        let located = findings.map { finding -> String in
            let offset = finding["offset"] as! Int, length = finding["length"] as! Int
            return "\(finding["rule"]!) \(finding["line"]!):\(finding["column"]!) \(String(decoding: bytes[offset..<(offset + length)], as: UTF8.self))"
        }
        #expect(located == ["repeated-word 8:20 the the", "number-mismatch 8:40 2024", "mojibake 12:11 Ã©", "repeated-word 13:9 and and"])
    }

    @Test func poFixesKeepEveryOtherByteAndStillCompile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("fr.po", Self.po)
        #expect(try CLI.run(["fix", path]).status == 0)
        let fixed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(fixed == Self.po.replacingOccurrences(of: "the the", with: "the").replacingOccurrences(of: "cafÃ©", with: "café")
            .replacingOccurrences(of: "and and", with: "and"))
        if Self.hasMsgfmt {
            #expect(try CLI.run(["--check", "-o", "/dev/null", path], executable: URL(fileURLWithPath: "/usr/bin/msgfmt")).status == 0)
        }
    }

    /// One finding whose fix spans three messages (french-spacing's mixed typography): each
    /// message gets its no-break space, nothing else changes, and msgfmt still accepts the file.
    @Test func aFixAcrossMessagesEditsEachInPlace() throws {
        let header = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: fr\\n\"\n"
        let messages = [("The copy failed: disk full.", "La copie a échoué: disque plein."),
                        ("The file could not be read: missing.", "Le fichier est illisible: absent."),
                        ("The access was refused: ask again.", "L'accès a été refusé: redemandez."),
                        ("See the note: above. The cause: unknown. The action: none.", "Voir la note : ci-dessus. La cause : inconnue. Une action : aucune."),
                        ("Really? Yes! The file: missing; the group: empty.", "Vraiment ? Oui ! Le fichier : absent ; le groupe : vide ; le bilan : rien.")]
        let po = header + messages.map { "\nmsgid \"\($0.0)\"\nmsgstr \"\($0.1)\"\n" }.joined()
        let folder = try TemporaryFolder()
        let path = try folder.file("fr.po", po)
        let lint = try CLI.run(["--format", "json", path])
        let json = try #require(JSONSerialization.jsonObject(with: Data(lint.stdout.utf8)) as? [String: Any])
        let findings = try #require((json["files"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == ["french-spacing"])
        #expect(try CLI.run(["fix", path]).status == 0)
        let fixed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(fixed == po.replacingOccurrences(of: "échoué:", with: "échoué\u{A0}:").replacingOccurrences(of: "illisible:", with: "illisible\u{A0}:")
            .replacingOccurrences(of: "refusé:", with: "refusé\u{A0}:"))
        if Self.hasMsgfmt {
            #expect(try CLI.run(["--check", "-o", "/dev/null", path], executable: URL(fileURLWithPath: "/usr/bin/msgfmt")).status == 0)
        }
    }

    /// Random PO files with artefacts in their strings: after `fix`, bytes outside the strings
    /// are unchanged and msgfmt still accepts the file.
    @Test(.enabled(if: hasMsgfmt)) func randomPOFilesStayValidAfterFixing() throws {
        let pieces = ["the the", "cafÃ©", " ,", "â€™", "\\\"quoted\\\"", "line\\nbreak", "and and", "word", "l’été", "1 200,5", "!!", " ."]
        var generator = SeededGenerator(seed: 7)
        let folder = try TemporaryFolder()
        for index in 0..<12 {
            var text = "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: en\\n\"\n"
            for unit in 0..<4 {
                let words = (0..<6).map { _ in pieces.randomElement(using: &generator)! }
                text += "\n#, c-format\nmsgid \"source \(unit) %s {name}\"\nmsgstr \"\"\n\"\(words[0..<3].joined(separator: " ")) %s\"\n\"\(words[3...].joined(separator: " ")) {name}\"\n"
            }
            let path = try folder.file("r\(index).po", text)
            let valid = try CLI.run(["--check", "-o", "/dev/null", path], executable: URL(fileURLWithPath: "/usr/bin/msgfmt"))
            #expect(valid.status == 0, "\(valid.stderr)")
            let result = try CLI.run(["fix", "--unsafe", path])
            #expect(result.status != 2, "\(result.stderr)")
            let after = try String(contentsOfFile: path, encoding: .utf8)
            let outside = { (po: String) in po.split(separator: "\n").filter { !$0.hasPrefix("\"") && !$0.hasPrefix("msgstr") } }
            #expect(outside(after) == outside(text))
            #expect(try CLI.run(["--check", "-o", "/dev/null", path], executable: URL(fileURLWithPath: "/usr/bin/msgfmt")).status == 0, "\(after)")
        }
    }

    static let xliff = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
          <file source-language="en" target-language="fr" datatype="plaintext" original="a.txt">
            <body>
              <trans-unit id="1">
                <source>The budget rose to 2.5 billion euros in 2023 &amp; more.</source>
                <target>Le budget est passé à 2,4 milliards d'euros en 2023 &amp; plus.</target>
              </trans-unit>
              <trans-unit id="2">
                <source>Click <g id="1">here</g> to see the results.</source>
                <target>Cliquez <g id="1">ici</g> pour voir les les résultats &lt;cafÃ©&gt;.</target>
              </trans-unit>
              <trans-unit id="3">
                <source>Save <x id="1"/> now.</source>
                <target>Enregistrez maintenant .</target>
              </trans-unit>
            </body>
          </file>
        </xliff>

        """

    @Test func xliffFindingsAndFixesStayInTheTargets() throws {
        let folder = try TemporaryFolder()
        let path = try folder.file("fr.xlf", Self.xliff)
        let lint = try CLI.run(["--format", "jsonl", path])
        let lines = lint.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(lint.stdout)")
        #expect(lines.contains { $0.contains("\"rule\":\"number-mismatch\"") && $0.contains("\"line\":7,\"column\":39") })
        #expect(lines.contains { $0.contains("\"rule\":\"markup-mismatch\"") && $0.contains("x:1") })
        #expect(try CLI.run(["fix", path]).status == 1)  // the number and the lost code remain
        let fixed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(fixed == Self.xliff.replacingOccurrences(of: "les les", with: "les").replacingOccurrences(of: "cafÃ©", with: "café")
            .replacingOccurrences(of: "maintenant .", with: "maintenant."))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
            #expect(try CLI.run(["--noout", path], executable: URL(fileURLWithPath: "/usr/bin/xmllint")).status == 0)
        }
    }

    @Test func tmxAndXLIFF2FindingsAndFixes() throws {
        let folder = try TemporaryFolder()
        let tmx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header srclang="en" segtype="sentence" adminlang="en" datatype="plaintext" o-tmf="x" creationtool="x" creationtoolversion="1"/>
            <body>
            <tu tuid="1"><tuv xml:lang="en"><seg>The meeting starts at 9 am.</seg></tuv><tuv xml:lang="de"><seg>Die Sitzung beginnt beginnt um 10 Uhr.</seg></tuv></tu>
            </body></tmx>

            """
        let tmxPath = try folder.file("memory.tmx", tmx)
        let tmxLint = try CLI.run(["--format", "jsonl", tmxPath])
        #expect(tmxLint.stdout.contains("\"rule\":\"number-mismatch\""), "\(tmxLint.stdout)")
        #expect(tmxLint.stdout.contains("\"rule\":\"repeated-word\""))
        #expect(try CLI.run(["fix", tmxPath]).status == 0)
        #expect(try String(contentsOfFile: tmxPath, encoding: .utf8) == tmx.replacingOccurrences(of: "beginnt beginnt", with: "beginnt"))
        let xliff2 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
              <file id="f1"><unit id="u1"><segment><source>Press <pc id="1">Save</pc> twice.</source>
              <target>Appuyez deux deux fois sur <pc id="1">Enregistrer</pc>.</target></segment></unit></file>
            </xliff>

            """
        let xliffPath = try folder.file("app.xlf", xliff2)
        #expect(try CLI.run(["fix", xliffPath]).status == 0)
        #expect(try String(contentsOfFile: xliffPath, encoding: .utf8) == xliff2.replacingOccurrences(of: "deux deux", with: "deux"))
        for path in [tmxPath, xliffPath] where FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
            #expect(try CLI.run(["--noout", path], executable: URL(fileURLWithPath: "/usr/bin/xmllint")).status == 0)
        }
    }

    /// An XLIFF file over the 32 MiB threshold is linted in batches, read from disk: the same
    /// findings, positions and excerpts as the same units in a small file. It is never held
    /// whole, so `fix` leaves it alone (exit 2).
    @Test func largeXLIFFIsLintedInBatchesAndLeftUnfixed() throws {
        let folder = try TemporaryFolder()
        // Padding after the units keeps their offsets, lines and columns (short comments:
        // libxml2 refuses a comment or text over 10 MB).
        let comment = "<!-- padding padding padding padding padding padding padding -->\n"
        let padding = String(repeating: comment, count: (33 << 20) / comment.utf8.count)
        let text = Self.xliff.replacingOccurrences(of: "    </body>", with: padding + "    </body>")
        let large = try folder.file("large.xlf", text)
        let small = try folder.file("small.xlf", Self.xliff)
        for format in ["json", "text"] {
            let expected = try CLI.run(["--format", format, small])
            let batched = try CLI.run(["--format", format, large])
            #expect(batched.status == expected.status)
            #expect(batched.stdout == expected.stdout.replacingOccurrences(of: small, with: large), "\(batched.stdout)")
        }
        for arguments in [["fix", large, small], ["fix", "--diff", large]] {
            let fix = try CLI.run(arguments)
            #expect(fix.status == 2)
            #expect(fix.stderr.contains("large.xlf: not fixed: XLIFF and TMX files over 32 MiB are linted in batches"), "\(fix.stderr)")
        }
        #expect(try String(contentsOfFile: large, encoding: .utf8) == text)
        // The other file was fixed.
        #expect(try String(contentsOfFile: small, encoding: .utf8) != Self.xliff)
    }

    /// A file without a language, or with one that is no BCP 47 tag, is detected, not trusted.
    @Test func missingOrInvalidDeclaredLanguagesAreDetected() throws {
        let folder = try TemporaryFolder()
        let body = "msgid \"The cat sleeps.\"\nmsgstr \"Le le chat dort dans la maison et il est très content.\"\n"
        try folder.file("none.po", "msgid \"\"\nmsgstr \"\"\n\n" + body)
        try folder.file("invalid.po", "msgid \"\"\nmsgstr \"Language: not a tag!\\n\"\n\n" + body)
        let result = try CLI.run(["--format", "json", "none.po", "invalid.po"], in: folder.url)
        let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.map { $0["language"] as? String } == ["fr", "fr"])
        #expect(files.allSatisfy { ($0["findings"] as? [Any])?.count == 1 })
    }

    @Test func entityBombsAndExternalEntitiesAreRefused() throws {
        let folder = try TemporaryFolder()
        let xxe = try folder.file("xxe.xlf", """
            <?xml version="1.0"?>
            <!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <xliff version="1.2"><file source-language="en" target-language="fr"><body>
            <trans-unit id="1"><source>a</source><target>&e;</target></trans-unit></body></file></xliff>
            """)
        let result = try CLI.run([xxe])
        #expect(result.status == 2)
        #expect(result.stdout.contains("xxe.xlf: error: malformed at 2:"))
        #expect(!result.stdout.contains("root:"))
    }

    @Test func glossariesFromTheCommandLineAndTheConfiguration() throws {
        let folder = try TemporaryFolder()
        try folder.file("terms.tsv", "# en-fr terms\nen\tfr\tcontract\tcontrat\tconvention|accord\n")
        try folder.file("fr.po", "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\nmsgid \"The contract was signed.\"\nmsgstr \"La convention a été signée.\"\n")
        let given = try CLI.run(["--glossary", "terms.tsv", "--source-lang", "en", "fr.po"], in: folder.url)
        #expect(given.stdout.contains("fr.po:5:12: warning: the glossary translates \"contract\" as \"contrat\", not \"convention\" [glossary]"))
        try folder.file(".mtlint.yml", "glossary: [terms.tsv]\nsource-language: en\n")
        #expect(try CLI.run(["fr.po"], in: folder.url).stdout.contains("[glossary]"))
        try folder.file("broken.tsv", "en fr contract\n")
        let broken = try CLI.run(["--no-config", "--glossary", "broken.tsv", "fr.po"], in: folder.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("glossary broken.tsv:1: expected source language"))
    }

    /// Random XLIFF files with artefacts in their targets: after `fix`, every byte outside the
    /// targets' text is unchanged and the file is still well-formed.
    @Test func randomXLIFFFilesStayValidAfterFixing() throws {
        let pieces = ["the the", "cafÃ©", " ,", "â€™", "&amp;", "&lt;b&gt;", "<g id=\"1\">word</g>", "<x id=\"2\"/>",
                      "and and", "l’été", "!!", " .", "Kim Jong-un", "« oui »"]
        var generator = SeededGenerator(seed: 11)
        let folder = try TemporaryFolder()
        for index in 0..<12 {
            var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
                + "<file source-language=\"fr\" target-language=\"en\" datatype=\"plaintext\" original=\"x\"><body>\n"
            for unit in 0..<4 {
                let words = (0..<6).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: " ")
                text += "<trans-unit id=\"u\(unit)\"><source>Source \(unit) <g id=\"1\">x</g> <x id=\"2\"/></source>"
                    + "<target>\(words)</target></trans-unit>\n"
            }
            text += "</body></file></xliff>\n"
            let path = try folder.file("r\(index).xlf", text)
            #expect(try CLI.run(["fix", "--unsafe", path]).status != 2)
            let after = try String(contentsOfFile: path, encoding: .utf8)
            // Outside the targets: the same bytes; inside them: the same tags.
            let outside = { (xliff: String) in xliff.replacingOccurrences(of: "<target>.*?</target>", with: "<target/>", options: .regularExpression) }
            let tags = { (xliff: String) in xliff.replacingOccurrences(of: ">[^<]*<", with: "><", options: .regularExpression) }
            #expect(outside(after) == outside(text), "\(after)")
            #expect(tags(after) == tags(text), "\(after)")
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") {
                #expect(try CLI.run(["--noout", path], executable: URL(fileURLWithPath: "/usr/bin/xmllint")).status == 0, "\(after)")
            }
        }
    }

    @Test func malformedTranslationFilesNameTheLineAndTheOthersAreLinted() throws {
        let folder = try TemporaryFolder()
        let bad = try folder.file("bad.po", "msgid \"a\"\nmsgstr \"b\n")
        let good = try folder.file("good.po", "msgid \"a\"\nmsgstr \"the the\"\n")
        let result = try CLI.run(["--lang", "en", bad, good])
        #expect(result.status == 2)
        #expect(result.stdout.contains("bad.po: error: malformed at 2:8: a string without its closing quote"))
        #expect(result.stdout.contains("good.po:2:9: warning: \"the\" is repeated"))
        let fix = try CLI.run(["fix", "--lang", "en", bad, good])
        #expect(fix.status == 2)
        #expect(fix.stderr.contains("bad.po: malformed at 2:8: a string without its closing quote; the file was left unchanged"))
        #expect(try String(contentsOfFile: good, encoding: .utf8) == "msgid \"a\"\nmsgstr \"the\"\n")
    }

    @Test func articlePairsAreAlignedAndChecked() throws {
        let folder = try TemporaryFolder()
        try folder.file("fr/a.md", "# Sommet\n\nLe budget a atteint 2,5 milliards d'euros en 2023. Les ministres se sont réunis mardi.\n")
        try folder.file("en/a.md", "# Summit\n\nThe budget reached 2.4 billion euros in 2023. The ministers met on Tuesday.\n")
        let single = try CLI.run(["--lang", "en", "en/a.md", "--source", "fr/a.md"], in: folder.url)
        #expect(single.stdout.contains("en/a.md:3:20: warning: the source has 2,5 here; \"2.4\" is a different number [number-mismatch]"))
        let tree = try CLI.run(["--lang", "en", "en", "--source-root", "fr"], in: folder.url)
        #expect(tree.stdout.contains("[number-mismatch]"))
        let aligned = try CLI.run(["align", "en/a.md", "--source", "fr/a.md"], in: folder.url)
        #expect(aligned.stdout.contains("source: Les ministres se sont réunis mardi.\n  target: The ministers met on Tuesday."))
        // A missing source is an input error; --source needs one article.
        try folder.file("en/b.md", "Another article.\n")
        let missing = try CLI.run(["--lang", "en", "en", "--source-root", "fr"], in: folder.url)
        #expect(missing.status == 2)
        #expect(missing.stdout.contains("en/b.md: error: cannot read: its source"))
        #expect(try CLI.run(["en", "--source", "fr/a.md"], in: folder.url).status == 2)
    }

    @Test func fixReadsTheSourceToo() throws {
        let folder = try TemporaryFolder()
        try folder.file("fr/a.md", "Le budget a atteint 2,5 milliards d'euros en 2023.\n")
        try folder.file("en/a.md", "The the budget reached 2.4 billion euros in 2023.\n")
        // The doubled word is fixed; the number the source contradicts remains, and fails the gate at warning.
        let fixed = try CLI.run(["fix", "--lang", "en", "--fail-on", "warning", "en/a.md", "--source", "fr/a.md"], in: folder.url)
        #expect(fixed.status == 1)
        #expect(fixed.stderr.contains("applied 1 fix (repeated-word: 1) in 1 file; 1 finding remain"))
        #expect(try String(contentsOf: folder.url.appendingPathComponent("en/a.md"), encoding: .utf8)
            == "The budget reached 2.4 billion euros in 2023.\n")
        // A source that cannot be read leaves the file alone.
        try folder.file("en/b.md", "The the end.\n")
        let missing = try CLI.run(["fix", "--lang", "en", "en", "--source-root", "fr"], in: folder.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("b.md: cannot read: its source"))
        #expect(try String(contentsOf: folder.url.appendingPathComponent("en/b.md"), encoding: .utf8) == "The the end.\n")
    }
}

/// A small deterministic generator (SplitMix64), so that a failing case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
