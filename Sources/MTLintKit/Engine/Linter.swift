import Foundation

/// The result for one input: its findings, or why it could not be read.
public struct FileResult: Sendable {
    public var path: String
    public var language: String
    public var words: Int
    public var findings: [Finding]
    /// Set when the input could not be read or decoded (exit code 2).
    public var error: InputError?
    /// The text, kept for reporters that show the source line.
    public var source: SourceText?
    /// For a translation file: the units checked, and those left out (untranslated, fuzzy, needing review).
    public var units: (checked: Int, skipped: Int)?

    public static func failed(_ path: String, _ error: InputError) -> FileResult {
        FileResult(path: path, language: "", words: 0, findings: [], error: error, source: nil, units: nil)
    }
}

/// Runs the enabled rules over documents.
public struct Linter: Sendable {
    public let rules: [any Rule]
    public let options: LintOptions

    public init(options: LintOptions = LintOptions(), rules: [any Rule] = RuleRegistry.all) {
        self.options = options
        self.rules = rules.filter { options.isEnabled($0.id, byDefault: $0.description.enabledByDefault) }
    }

    /// Lints text already in memory; `path` only names it in the report. `units` pair
    /// parts of a plain or Markdown text with their sources (translation files carry their own);
    /// or `articleSource` is the whole article it translates, aligned sentence by sentence.
    public func lint(_ source: SourceText, path: String, format: DocumentFormat? = nil, units: [TranslationUnit] = [],
                     articleSource: (text: SourceText, format: DocumentFormat)? = nil) -> FileResult {
        let format = format ?? .forPath(path)
        do {
            var document: Document
            var map = OffsetMap.identity
            var escaping = TextEscaping.none
            var languageTag: String
            var declaredSource: String?
            var unitCounts: (checked: Int, skipped: Int)?
            if format.isExtracted {
                let translations = try TranslationReaders.read(source.bytes, format: format)
                // The language a translation file declares wins: a tree of PO files holds many.
                // An HTML page's `lang` only stands in for `--lang`, which may correct it.
                // A declared tag that is not BCP 47 ("not a tag", "fr_FR@euro") is ignored, not trusted.
                let declared = translations.targetLanguage.flatMap { LanguageDetector.isValidTag($0) ? $0 : nil }
                let given = format.isTranslationFile ? declared ?? options.language : options.language ?? declared
                languageTag = given ?? LanguageDetector.detect(translations.text)
                document = try Document(translations: translations, language: .forTag(languageTag), dictionaries: options.dictionaries)
                (map, escaping) = (translations.map, translations.escaping)
                declaredSource = translations.sourceLanguage.flatMap { LanguageDetector.isValidTag($0) ? $0 : nil }
                if format.isTranslationFile { unitCounts = (translations.units.count, translations.skippedUnits) }
            } else {
                languageTag = options.language ?? LanguageDetector.detect(source.bytes)
                document = try Document(source: source, format: format, language: .forTag(languageTag),
                                        dictionaries: options.dictionaries, units: units)
            }
            if let articleSource {
                let original = try Document.article(articleSource.text, format: articleSource.format, language: options.sourceLanguage,
                                                    dictionaries: options.dictionaries, asSource: true)
                let (units, sources) = Aligner.unitsAndSources(Aligner.align(source: original, target: document), source: original)
                document.units = units
                document.alignedSource = SourceSide(document: original, ranges: sources)
                declaredSource = original.language.icuLocale
            }
            if !document.units.isEmpty {
                // Detected from the sources only when neither the command line nor the file says.
                let tag = options.sourceLanguage ?? declaredSource
                    ?? LanguageDetector.detect(Array(document.units.lazy.map(\.source).joined(separator: "\n").utf8))
                document.sourceLanguage = .forTag(tag)
            }
            var inFile = map.isIdentity ? ruleFindings(in: document) : ruleFindings(in: document).compactMap { Self.mapped($0, map, escaping) }
            // An HTML page's suppression comments are in the file, not in the extracted text.
            if format == .html, let rule = rules.lazy.compactMap({ $0 as? InvalidSuppression }).first {
                inFile += rule.check(fileBytes: source.bytes).map(regraded)
            }
            return FileResult(path: path, language: languageTag, words: document.wordCount,
                              findings: unsuppressed(inFile, fileBytes: source.bytes), error: nil, source: source, units: unitCounts)
        } catch let error as FormatError {
            return .failed(path, .malformed(error))
        } catch {
            return .failed(path, .unreadable(reason: "\(error)"))
        }
    }

    /// Reads and lints a file; unreadable or undecodable input becomes a failed result.
    public func lintFile(at path: String) -> FileResult {
        switch InputReader.read(path: path) {
        case .success(let source): return lint(source, path: path)
        case .failure(let error): return .failed(path, error)
        }
    }

    /// The rules' findings on a document, in its own offsets, re-graded as configured.
    public func ruleFindings(in document: Document) -> [Finding] {
        var all: [Finding] = []
        // unused-suppression is measured against this run's own findings (`unsuppressed`).
        for rule in rules where rule.description.applies(to: document.language.code) && !(rule is UnusedSuppression) {
            all += rule.check(document).map(regraded)
        }
        return all
    }

    /// A finding with the severity the options give its rule.
    private func regraded(_ finding: Finding) -> Finding {
        var finding = finding
        if let severity = options.severities[finding.rule] { finding.severity = severity }
        return finding
    }

    /// The findings of a plain or Markdown document, suppressions applied, in order.
    public func findings(in document: Document) -> [Finding] {
        unsuppressed(ruleFindings(in: document), fileBytes: document.source.bytes)
    }

    /// A finding moved from extracted text into the file: nil when it spans two units;
    /// its fix kept only where the file bytes can be replaced, its replacements escaped.
    static func mapped(_ finding: Finding, _ map: OffsetMap, _ escaping: TextEscaping) -> Finding? {
        guard let (range, _) = map.fileRange(finding.range) else { return nil }
        var moved = finding
        moved.start = range.lowerBound
        moved.end = range.upperBound
        if let fix = finding.fix {
            var edits: [Edit] = []
            for edit in fix.edits {
                guard let (target, editable) = map.fileRange(edit.range), editable else { moved.fix = nil; return moved }
                edits.append(Edit(offset: target.lowerBound, length: target.count, replacement: escaping.escape(edit.replacement)))
            }
            moved.fix = Fix(safety: fix.safety, edits: edits)
        }
        return moved
    }

    /// Drops what `<!-- mtlint-disable -->` comments in the file suppress, reports
    /// unused ones when asked, and sorts.
    func unsuppressed(_ findings: [Finding], fileBytes: [UInt8]) -> [Finding] {
        var (kept, unused) = Suppressions(source: fileBytes).filter(findings)
        if options.reportUnusedSuppressions || rules.contains(where: { $0 is UnusedSuppression }) {
            let rule = UnusedSuppression()
            kept += unused.map { directive in
                var finding = rule.finding(for: directive)
                if let severity = options.severities[finding.rule] { finding.severity = severity }
                return finding
            }
        }
        kept.sort { ($0.start, $0.end, $0.rule) < ($1.start, $1.end, $1.rule) }
        return kept
    }
}
