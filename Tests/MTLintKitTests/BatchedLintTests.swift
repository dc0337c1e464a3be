import Foundation
import Testing
@testable import MTLintKit

/// XLIFF and TMX files linted in batches of units, read from disk as they are parsed
/// (issue #12): with the rules that judge a whole document left out, the findings,
/// their offsets, lines and columns, the reports and the baselines are those of the
/// file read whole, wherever the batches cut.
@Suite struct BatchedLintTests {
    /// The rules whose findings depend on other units than the one they flag judge a batch at a time.
    static let documentLevel = Set(RuleRegistry.all.filter(\.description.judgesWholeDocument).map(\.id))

    static let linter: Linter = {
        var options = LintOptions()
        options.disabled = documentLevel
        options.reportUnusedSuppressions = true
        return Linter(options: options)
    }()

    /// Batch sizes that cut between units everywhere, every few units, by text size, and not at all.
    static let batchings = [(1, Int.max), (2, Int.max), (3, Int.max), (7, Int.max), (Int.max, 1), (Int.max, 300), (Int.max, 2_000), (10_000, Int.max)]
        .map { Batching(threshold: 0, units: $0.0, textBytes: $0.1) }

    @Test(arguments: [Dialect.xliff12, .xliff20, .tmx])
    func batchesGiveTheFindingsOfTheWholeFile(_ dialect: Dialect) throws {
        let text = Self.file(dialect, units: 60)
        let folder = try Folder()
        let path = try folder.write(dialect.fileName, text)
        let whole = Self.linter.lint(SourceText(text), path: path)
        #expect(whole.error == nil)
        let wholeReport = LintReport(results: [whole])
        let located = Self.located(wholeReport)
        // The file exercises the rules: findings in many units, codes, entities and line breaks.
        #expect(located.count > 40, "\(located.count) findings")
        #expect(Set(whole.findings.map(\.rule)).count >= 15, "\(Set(whole.findings.map(\.rule)))")
        #expect(whole.findings.contains { $0.rule == "unused-suppression" })
        #expect(Self.documentLevel == ["foreign-quote-style", "french-spacing", "name-variant", "garbled-name", "omission", "addition", "unbalanced-quote"])
        for batching in Self.batchings {
            let batched = Self.linter.lintInBatches(path: path, batching: batching)
            let label = "units \(batching.units), text \(batching.textBytes)"
            try #require(batched.error == nil, "\(label): \(batched.error!)")
            #expect(batched.source == nil)
            let report = LintReport(results: [batched])
            #expect(Self.located(report) == located, "\(label)")
            #expect(batched.units! == whole.units!, "\(label)")
            #expect(batched.words == whole.words, "\(label)")
            #expect(batched.language == whole.language, "\(label)")
            // What reporters and baselines read around each finding comes back from the file.
            #expect(TextReporter.render(report, color: false) == TextReporter.render(wholeReport, color: false), "\(label)")
            #expect(JSONReporter.render(report) == JSONReporter.render(wholeReport), "\(label)")
            let folderPath = (path as NSString).deletingLastPathComponent
            #expect(Baseline(report: report, folder: folderPath).serialized() == Baseline(report: wholeReport, folder: folderPath).serialized())
        }
    }

    @Test(arguments: [Dialect.xliff12, .xliff20, .tmx])
    func batchesHoldTheUnitsOfTheWholeFile(_ dialect: Dialect) throws {
        let text = Self.file(dialect, units: 60)
        let folder = try Folder()
        let path = try folder.write(dialect.fileName, text)
        let whole = try XMLTranslationReader.read(Array(text.utf8), dialect: dialect.reader)
        var batches: [TranslationFile] = []
        try XMLTranslationReader.read(path: path, dialect: dialect.reader, batching: Batching(threshold: 0, units: 4, textBytes: .max)) {
            batches.append($0)
            return true
        }
        // A batch ends with the unit that brings it to four targets (an XLIFF 2 unit may bring two).
        #expect(batches.dropLast().allSatisfy { (4...5).contains($0.units.count) })
        #expect(batches.count > whole.units.count / 5)
        #expect(batches.flatMap(\.units).map(\.id) == whole.units.map(\.id))
        #expect(batches.flatMap(\.units).map(\.source) == whole.units.map(\.source))
        #expect(batches.flatMap(\.units).map(\.targetCodes) == whole.units.map(\.targetCodes))
        #expect(batches.reduce(0) { $0 + $1.skippedUnits } == whole.skippedUnits)
        #expect(batches.allSatisfy { $0.targetLanguage == whole.targetLanguage && $0.sourceLanguage == whole.sourceLanguage })
        // Each batch's targets map to the same file bytes as the whole file's.
        let bytes = Array(text.utf8)
        let wholeTargets = whole.units.map { whole.map.fileRange($0.target)!.range }
        let batchTargets = batches.flatMap { batch in batch.units.map { batch.map.fileRange($0.target)!.range } }
        #expect(batchTargets == wholeTargets)
        #expect(batches.flatMap { batch in batch.units.map { String(decoding: batch.text[$0.target], as: UTF8.self) } }
                == whole.units.map { String(decoding: whole.text[$0.target], as: UTF8.self) })
        #expect(wholeTargets.allSatisfy { $0.upperBound <= bytes.count })
    }

    @Test(arguments: [("</targt>", "mismatched end tag"), ("&nbsp;", "undefined entity"), ("AT & T", "bare ampersand")])
    func malformedXMLInTheMiddleIsTheSameError(_ broken: (text: String, what: String)) throws {
        var text = Self.file(.xliff12, units: 200)
        let middle = try #require(text.range(of: "<trans-unit id=\"u100\""))
        let target = try #require(text.range(of: "</target>", range: middle.upperBound..<text.endIndex))
        text.replaceSubrange(target, with: broken.text == "</targt>" ? "</targt>" : broken.text + "</target>")
        let folder = try Folder()
        let path = try folder.write("broken.xlf", text)
        let whole = Self.linter.lint(SourceText(text), path: path)
        let wholeError = try #require(whole.error, "\(broken.what)")
        guard case .malformed(let error) = wholeError else { Issue.record("\(wholeError)"); return }
        #expect(error.line > 100, "\(broken.what): \(error)")
        for units in [1, 10, 1_000] {
            let batched = Self.linter.lintInBatches(path: path, batching: Batching(threshold: 0, units: units, textBytes: .max))
            #expect(batched.error == wholeError, "\(broken.what), batches of \(units)")
            // Findings of the batches before the error are dropped, as for a file read whole.
            #expect(batched.findings.isEmpty)
        }
    }

    @Test func entityDeclarationsAreRefusedBeforeAnyBatch() throws {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"the the\">]>\n" + Self.file(.xliff12, units: 5)
            .replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "")
        let folder = try Folder()
        let path = try folder.write("xxe.xlf", text)
        var batches = 0
        #expect(throws: InputError.self) {
            try XMLTranslationReader.read(path: path, dialect: .xliff, batching: Batching(threshold: 0, units: 1, textBytes: .max)) { _ in
                batches += 1
                return true
            }
        }
        #expect(batches == 0)
        let result = Self.linter.lintInBatches(path: path, batching: Batching(threshold: 0, units: 1, textBytes: .max))
        guard case .malformed(let error) = result.error else { Issue.record("\(String(describing: result.error))"); return }
        #expect(error.line == 2 && error.message.contains("refused"))
    }

    @Test func notUTF8InTheMiddleIsReportedAtItsOffset() throws {
        var bytes = Array(Self.file(.tmx, units: 12_000).utf8)
        // The first letter of a target, past the first chunk the scanner reads.
        let seg = try #require(bytes[(bytes.count / 2)...].firstRange(of: Array("<tuv xml:lang=\"fr\"><seg>".utf8)))
        bytes[seg.upperBound] = 0xFF
        #expect(seg.upperBound > ByteWindow.chunkSize)
        let folder = try Folder()
        let path = try folder.write("bad.tmx", bytes)
        #expect(throws: InputError.invalidUTF8(offset: seg.upperBound, byte: 0xFF)) {
            try XMLTranslationReader.read(path: path, dialect: .tmx, batching: Batching(threshold: 0, units: 500, textBytes: .max)) { _ in true }
        }
    }

    @Test func aRunLintsLargeTranslationFilesInBatches() throws {
        let folder = try Folder()
        let xliff = try folder.write("a.xlf", Self.file(.xliff12, units: 3))
        let po = try folder.write("a.po", "msgid \"a\"\nmsgstr \"b b\"\n")
        var run = LintRun(configuration: nil, commandLine: LintOptions(language: "fr"), jobs: 1)
        run.batching = Batching(threshold: 10, units: 1, textBytes: .max)
        let results = run.lint(run.inputs([xliff, po]))
        #expect(results.map(\.path) == [xliff, po])
        #expect(results[0].source == nil && results[0].sourceOnDisk != nil && results[0].units! == (3, 0))
        #expect(results[1].source != nil && results[1].sourceOnDisk == nil)
        #expect(results.allSatisfy { $0.error == nil && !$0.findings.isEmpty })
    }

    /// A file read in chunks is held only from the first byte not released, and lines and
    /// columns still count from the start of the file.
    @Test func theWindowHoldsOnlyWhatIsNotReleased() throws {
        let bytes = Array(String(repeating: "une ligne d’été\n", count: 5 * ByteWindow.chunkSize / 19).utf8)
        let folder = try Folder()
        let descriptor = open(try folder.write("lines.txt", bytes), O_RDONLY)
        defer { close(descriptor) }
        var window = ByteWindow(descriptor: descriptor)
        let whole = ByteWindow(bytes: bytes)
        var offset = 0, held = 0, wrong = 0
        while window.has(offset) {
            if window[offset] != bytes[offset] { wrong += 1 }
            held = max(held, window.end - window.start)
            if offset % 100_003 == 0 { #expect(window.position(of: offset) == whole.position(of: offset)) }
            offset += 1
            window.release(before: offset - 50)
        }
        #expect(offset == bytes.count && wrong == 0)
        #expect(held <= ByteWindow.chunkSize + 60)
        #expect(window.failure == nil)
    }

    @Test func largeFilesAreBatchedAndOthersNot() throws {
        let folder = try Folder()
        let xliff = try folder.write("a.xlf", Self.file(.xliff12, units: 3))
        let po = try folder.write("a.po", "msgid \"a\"\nmsgstr \"b\"\n")
        #expect(Batching(threshold: 10, units: 1, textBytes: 1).applies(to: xliff))
        #expect(!Batching.standard.applies(to: xliff))
        #expect(!Batching(threshold: 0, units: 1, textBytes: 1).applies(to: po))
        #expect(!Batching(threshold: 0, units: 1, textBytes: 1).applies(to: folder.path + "/missing.xlf"))
    }

    /// Suppression comments read in chunks give the directives of the bytes read at once,
    /// wherever the chunks cut (a comment, a line, a "<!--" cut in two).
    @Test func suppressionsReadInPiecesAreTheSame() {
        let directives = """
            a <!-- mtlint-disable repeated-word --> b the the
            <!-- mtlint-disable-next-line -->
            c d
            <!-- mtlint-enable --> e <!-- plain --> <!-- mtlint-disable-next-line x, y -->
            f
            <!-- mtlint-disable -->
            g <!-- mtlint-disable-next-line
            """
        // A comment too long to be a directive is skipped, not held.
        let long = "x <!-- " + String(repeating: "long ", count: 20_000) + "--> y <!-- mtlint-disable-next-line -->\nz\n"
        for (text, count) in [(Array(directives.utf8), 4), (Array(long.utf8), 1)] {
            let whole = Suppressions(source: text).directives
            #expect(whole.count == count)
            for size in [1, 2, 3, 5, 8, 13, 40, 4_096] {
                var reader = Suppressions.Reader()
                for start in stride(from: 0, to: text.count, by: size) {
                    reader.read(Array(text[start..<min(text.count, start + size)]), at: start)
                }
                #expect(Suppressions(comments: reader.comments(length: text.count), length: text.count).directives == whole, "pieces of \(size)")
            }
        }
    }

    // MARK: Files

    enum Dialect: CustomStringConvertible, CaseIterable {
        case xliff12, xliff20, tmx
        var fileName: String { self == .tmx ? "units.tmx" : "units.xlf" }
        var reader: XMLTranslationReader.Dialect { self == .tmx ? .tmx : .xliff }
        var description: String { "\(self == .xliff12 ? "XLIFF 1.2" : self == .xliff20 ? "XLIFF 2.0" : "TMX")" }
    }

    /// Targets with artefacts for many rules, inline codes, references, CDATA and line breaks.
    static let targets: [(source: String, target: String)] = [
        ("The budget rose to 2.5 billion euros in 2023.", "Le budget est passé à 2,4 milliards d'euros en 2023 &amp; plus ."),
        ("Click {1}here{/1} to see the results.", "Cliquez {1}ici{/1} pour voir les les résultats &lt;cafÃ©&gt;."),
        ("Save {x} now.", "Enregistrez maintenant ,puis fermez. puis quittez l'application !!"),
        ("It costs 12 euros.", "Cela coûte 12 euros.\n      Et le le reste est gratuit&#8201;!"),
        ("The committee approved the annual budget report.", "Le comité a dit: the annual budget report was approved."),
        ("Open the file.", "Ouvrez le fichier � maintenant .Puis enregistrez-le,merci."),
        ("He said hello.", "Il a dit « bonjour », et “ au revoir ” à Zelensky."),
        ("North Korea fired a missile.", "La Corée du Sud a tiré un missile vers la Frаnce, dit Zelenskyy."),
        ("The envoy of North Korea spoke.", "L'envoyé de la North Korea a parlé."),
        ("Press {1}Save{/1}.", "Appuyez sur {1}Enregistrer{/1} <![CDATA[a < b]]> , merci : c&amp;amp;d."),
        ("Next page.", "Page suivante\u{0085} ici ici, dans la région la région la région."),
        ("Yes.", "Oui, bien sûr, nous le ferons demain matin sans faute et avec plaisir pour vous tous."),
        ("The report is ready.", "Le rapport est prêt; voir “ici”."),
    ]

    static func file(_ dialect: Dialect, units: Int) -> String {
        var body = ""
        for index in 0..<units {
            let (source, target) = targets[index % targets.count]
            let id = "u\(index)"
            // Every ninth unit is left out; every seventh has its target's first line suppressed.
            let skipped = index % 9 == 4
            let suppression = index % 7 == 3 ? "    <!-- mtlint-disable-next-line repeated-word, space-before-punctuation -->\n" : ""
            if index % 13 == 5 { body += "  <!-- mtlint-disable-next-line mojibake -->\n" }
            if index == 11 { body += "  <!-- mtlint-disable missing-space-after-comma -->\n" }
            if index == 30 { body += "  <!-- mtlint-enable -->\n" }
            switch dialect {
            case .xliff12:
                let state = skipped ? " state=\"new\"" : ""
                body += "  <trans-unit id=\"\(id)\">\n    <source>\(codes(source, .xliff12))</source>\n" + suppression
                body += "    <target\(state)>\(codes(target, .xliff12))</target>\n  </trans-unit>\n"
            case .xliff20:
                body += "  <unit id=\"\(id)\"\(skipped ? " translate=\"no\"" : "")>\n"
                body += "    <segment id=\"s1\"><source>\(codes(source, .xliff20))</source>\n" + suppression
                body += "    <target>\(codes(target, .xliff20))</target></segment>\n"
                if index % 5 == 0 { body += "    <segment id=\"s2\"><source>Done.</source><target>Fini fini.</target></segment>\n" }
                body += "  </unit>\n"
            case .tmx:
                body += "  <tu tuid=\"\(id)\"><tuv xml:lang=\"en\"><seg>\(codes(source, .tmx))</seg></tuv>\n" + suppression
                if !skipped { body += "    <tuv xml:lang=\"fr\"><seg>\(codes(target, .tmx))</seg></tuv>\n" }
                body += "  </tu>\n"
            }
        }
        switch dialect {
        case .xliff12:
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
                <file source-language="en" target-language="fr" datatype="plaintext" original="a.txt"><body>
                \(body)</body></file>
                </xliff>

                """
        case .xliff20:
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                <xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr">
                <file id="f1">
                \(body)</file>
                </xliff>

                """
        case .tmx:
            return """
                <?xml version="1.0" encoding="UTF-8"?>
                <tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>
                <body>
                \(body)</body>
                </tmx>

                """
        }
    }

    /// The markers {1}…{/1} and {x} as each dialect's inline codes.
    static func codes(_ text: String, _ dialect: Dialect) -> String {
        switch dialect {
        case .xliff12:
            text.replacingOccurrences(of: "{1}", with: "<g id=\"1\">").replacingOccurrences(of: "{/1}", with: "</g>")
                .replacingOccurrences(of: "{x}", with: "<x id=\"2\"/><ph id=\"3\">&lt;br/&gt;</ph>")
        case .xliff20:
            text.replacingOccurrences(of: "{1}", with: "<pc id=\"1\">").replacingOccurrences(of: "{/1}", with: "</pc>")
                .replacingOccurrences(of: "{x}", with: "<ph id=\"2\"/><sc id=\"3\"/>x<ec startRef=\"3\"/>")
        case .tmx:
            text.replacingOccurrences(of: "{1}", with: "<bpt i=\"1\">&lt;b&gt;</bpt>").replacingOccurrences(of: "{/1}", with: "<ept i=\"1\">&lt;/b&gt;</ept>")
                .replacingOccurrences(of: "{x}", with: "<ph>&lt;br/&gt;</ph>")
        }
    }

    /// Each finding as a reader sees it: rule, offsets, positions, message, suggestions and fix.
    static func located(_ report: LintReport) -> [String] {
        report.files.flatMap(\.findings).map { located in
            let finding = located.finding
            return "\(finding.rule) \(finding.start)-\(finding.end) \(located.start.line):\(located.start.column)-\(located.end.line):\(located.end.column) "
                + "\(finding.severity) \(finding.message) \(finding.suggestions) \(String(describing: finding.fix))"
        }
    }

    /// A temporary folder, removed when the test ends.
    final class Folder {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "mtlint-batched-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func write(_ name: String, _ text: String) throws -> String {
            try write(name, Array(text.utf8))
        }
        func write(_ name: String, _ bytes: [UInt8]) throws -> String {
            let file = path + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            return file
        }
    }
}
