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
    /// For a file linted in batches, whose text is not kept: the positions of its findings, and its bytes on disk.
    public var sourceOnDisk: SourceOnDisk?

    public static func failed(_ path: String, _ error: InputError) -> FileResult {
        FileResult(path: path, language: "", words: 0, findings: [], error: error, source: nil, units: nil)
    }

    /// The file's bytes around a finding, for reporters that show its line.
    public func excerpt(around finding: Finding) -> FileExcerpt? {
        source.map(FileExcerpt.init) ?? sourceOnDisk?.excerpt(around: finding)
    }
}

/// Runs the enabled rules over documents.
public struct Linter: Sendable {
    public let rules: [any Rule]
    public let options: LintOptions

    public init(options: LintOptions = LintOptions(), rules: [any Rule] = RuleRegistry.all) {
        self.options = options
        self.rules = rules.filter { rule in
            let description = rule.description  // read once: a description is a large value
            return options.isEnabled(description.id, byDefault: description.enabledByDefault)
        }
    }

    /// Lints text already in memory; `path` only names it in the report. `units` pair
    /// parts of a plain or Markdown text with their sources (translation files carry their own);
    /// or `articleSource` is the whole article it translates, aligned sentence by sentence.
    public func lint(_ source: SourceText, path: String, format: DocumentFormat? = nil, units: [TranslationUnit] = [],
                     articleSource: (text: SourceText, format: DocumentFormat)? = nil) -> FileResult {
        let format = format ?? .forPath(path)
        do {
            var summary = FileSummary()
            var inFile: [Finding]
            if format.isExtracted {
                // The whole file is one batch.
                var translations = try TranslationReaders.read(source.bytes, format: format)
                inFile = try lint(batch: &translations, format: format, into: &summary, articleSource: articleSource)
            } else {
                let tag = options.language ?? LanguageDetector.detect(source.bytes)
                summary.language = tag
                var document = try Document(source: source, format: format, language: .forTag(tag),
                                            dictionaries: options.dictionaries, units: units)
                inFile = try findings(in: &document, declaredSource: nil, conventionalSource: nil, articleSource: articleSource, summary: &summary)
            }
            // An HTML page's suppression comments are in the file, not in the extracted text.
            if format == .html, let rule = rules.lazy.compactMap({ $0 as? InvalidSuppression }).first {
                inFile += rule.check(fileBytes: source.bytes).map(regraded)
            }
            return FileResult(path: path, language: summary.language ?? "", words: summary.words,
                              findings: unsuppressed(inFile, Suppressions(source: source.bytes)), error: nil, source: source,
                              units: format.isTranslationFile ? (summary.checked, summary.skipped) : nil)
        } catch let error as FormatError {
            return .failed(path, .malformed(error))
        } catch {
            return .failed(path, .unreadable(reason: "\(error)"))
        }
    }

    /// Reads and lints a file; unreadable or undecodable input becomes a failed result.
    /// An XLIFF or TMX file above `batching`'s threshold is linted in batches.
    public func lintFile(at path: String, batching: Batching = .standard) -> FileResult {
        if batching.applies(to: path) { return lintInBatches(path: path, batching: batching) }
        switch InputReader.read(path: path) {
        case .success(let source): return lint(source, path: path)
        case .failure(let error): return .failed(path, error)
        }
    }

    /// Lints an XLIFF or TMX file read from disk as it is parsed, each batch of units one
    /// document: memory is bounded by the batch, not the file. The file's text is not kept:
    /// once its findings are known, two more passes find its suppression comments and the
    /// findings' lines and columns, and reports read the bytes around a finding back when
    /// they show it. A file that turns out malformed partway gives its error only, like a
    /// small one.
    func lintInBatches(path: String, batching: Batching) -> FileResult {
        let format = DocumentFormat.forPath(path)
        var summary = FileSummary()
        var inFile: [Finding] = []
        var failure: (any Error)?
        do throws(InputError) {
            try XMLTranslationReader.read(path: path, dialect: format == .tmx ? .tmx : .xliff, batching: batching) { batch in
                var batch = batch
                do { inFile += try lint(batch: &batch, format: format, into: &summary, articleSource: nil) } catch {
                    failure = error
                    return false
                }
                return true
            }
            if let failure { return .failed(path, .unreadable(reason: "\(failure)")) }
            let findings = unsuppressed(inFile, try Suppressions(file: path))
            return FileResult(path: path, language: summary.language ?? "", words: summary.words, findings: findings, error: nil,
                              source: nil, units: (summary.checked, summary.skipped),
                              sourceOnDisk: try SourceOnDisk.locating(findings, in: path))
        } catch {
            return .failed(path, error)
        }
    }

    /// What a file's batches add up to. The first batch decides the languages, which the others keep.
    struct FileSummary {
        var language: String?
        var sourceLanguage: String?
        var words = 0
        var checked = 0
        var skipped = 0
    }

    /// Lints one batch of a file's extracted text (a whole file read in memory is one) as one
    /// document, and moves its findings into the file. The batch's text is dropped once the
    /// document holds its own copies, before the rules run.
    private func lint(batch translations: inout TranslationFile, format: DocumentFormat, into summary: inout FileSummary,
                      articleSource: (text: SourceText, format: DocumentFormat)?) throws -> [Finding] {
        if summary.language == nil {
            // The language a translation file declares wins: a tree of PO files holds many.
            // An HTML page's `lang` only stands in for `--lang`, which may correct it.
            // A declared tag that is not BCP 47 ("not a tag", "fr_FR@euro") is ignored, not trusted.
            let declared = translations.targetLanguage.flatMap { LanguageDetector.isValidTag($0) ? $0 : nil }
            let given = format.isTranslationFile ? declared ?? options.language : options.language ?? declared
            summary.language = given ?? LanguageDetector.detect(translations.text)
        }
        var document = try Document(translations: translations, language: .forTag(summary.language!), dictionaries: options.dictionaries)
        translations.text = []
        let declaredSource = translations.sourceLanguage.flatMap { LanguageDetector.isValidTag($0) ? $0 : nil }
        let found = try findings(in: &document, declaredSource: declaredSource, conventionalSource: translations.conventionalSourceLanguage,
                                 articleSource: articleSource, summary: &summary)
        summary.checked += translations.units.count
        summary.skipped += translations.skippedUnits
        return found.compactMap { Self.mapped($0, translations.map, translations.escaping) }
    }

    /// The rules' findings on a document, in its own offsets, once its source is known:
    /// the article it translates, aligned with it, or its units' sources.
    private func findings(in document: inout Document, declaredSource: String?, conventionalSource: String?,
                          articleSource: (text: SourceText, format: DocumentFormat)?, summary: inout FileSummary) throws -> [Finding] {
        var declaredSource = declaredSource
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
            let tag = summary.sourceLanguage ?? options.sourceLanguage ?? declaredSource
                ?? Self.detectedSource(of: document.units, convention: conventionalSource)
            summary.sourceLanguage = tag
            document.sourceLanguage = .forTag(tag)
        }
        summary.words += document.wordCount
        return ruleFindings(in: document)
    }

    /// The language of the units' sources; a format's convention (PO's English msgids) stands
    /// unless they show another language clearly.
    static func detectedSource(of units: [TranslationUnit], convention: String?) -> String {
        let sources = Array(units.lazy.map(\.source).joined(separator: "\n").utf8)
        guard let convention else { return LanguageDetector.detect(sources) }
        return LanguageDetector.detectIfClear(sources) ?? convention
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
        unsuppressed(ruleFindings(in: document), Suppressions(source: document.source.bytes))
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
    func unsuppressed(_ findings: [Finding], _ suppressions: Suppressions) -> [Finding] {
        var (kept, unused) = suppressions.filter(findings)
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
