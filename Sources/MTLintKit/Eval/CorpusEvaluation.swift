import Foundation

/// Scores the linter on annotated articles: precision, recall and F1 per rule
/// and per family, and false alarms per 1,000 words on articles marked clean.
public struct CorpusEvaluation: Sendable {
    public var byRule: [String: Scores] = [:]
    public var byFamily: [String: Scores] = [:]
    public var articles = 0
    public var cleanArticles = 0
    public var cleanWords = 0
    public var cleanFindings: [String: Int] = [:]
    /// Gold entries naming a rule or family that does not exist yet.
    public var notImplemented: [String: Int] = [:]
    public var suggestionsChecked = 0
    public var suggestionsMatched = 0
    /// Unmatched findings and missed gold entries, for reading what went wrong.
    public var errors: [String] = []

    public var falseAlarmsPer1000Words: Double {
        cleanWords == 0 ? 0 : Double(cleanFindings.values.reduce(0, +)) * 1000 / Double(cleanWords)
    }

    public var overall: Scores { byFamily.values.reduce(Scores(), +) }

    /// Evaluates every article (a .txt or .md with a .gold.tsv beside it) under the paths.
    /// The language is the article's folder name when that is a language tag, else detected.
    public static func run(paths: [String], linter: (String?) -> Linter) throws -> CorpusEvaluation {
        var evaluation = CorpusEvaluation()
        for input in InputCollector.collect(paths).inputs {
            guard case .file(let path) = input else {
                if case .failed(let path, let error) = input { throw GoldFile.ParseError.malformed(path: path, line: 0, reason: error.description) }
                continue
            }
            let goldPath = GoldFile.goldPath(for: path)
            guard FileManager.default.fileExists(atPath: goldPath) else { continue }
            let source: SourceText
            switch InputReader.read(path: path) {
            case .success(let text): source = text
            case .failure(let error): throw GoldFile.ParseError.malformed(path: path, line: 0, reason: error.description)
            }
            let gold = try GoldFile.parse(try String(contentsOfFile: goldPath, encoding: .utf8), article: source.bytes, path: goldPath)
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
            let result = linter(LanguageDetector.isValidTag(folder) ? folder : nil).lint(source, path: path, articleSource: try articleSource(of: path))
            evaluation.add(result, gold: gold)
        }
        return evaluation
    }

    /// An article's source, when a `NAME.source.md` (or `.txt`) lies beside `NAME.md`.
    static func articleSource(of path: String) throws -> (text: SourceText, format: DocumentFormat)? {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        for suffix in ["md", "txt"] {
            let candidate = url.deletingLastPathComponent().appendingPathComponent("\(stem).source.\(suffix)").path
            guard FileManager.default.fileExists(atPath: candidate) else { continue }
            switch InputReader.read(path: candidate) {
            case .success(let text): return (text, .forPath(candidate))
            case .failure(let error): throw GoldFile.ParseError.malformed(path: candidate, line: 0, reason: error.description)
            }
        }
        return nil
    }

    mutating func add(_ result: FileResult, gold: GoldFile) {
        articles += 1
        if gold.isClean {
            cleanArticles += 1
            cleanWords += result.words
        }
        let known = Set(RuleRegistry.all.map(\.id)).union(RuleFamily.allCases.map(\.rawValue))
        let expected = gold.entries.filter { entry in
            if known.contains(entry.rule) { return true }
            notImplemented[entry.rule, default: 0] += 1
            return false
        }
        var matchedGold = Set<Int>()
        for finding in result.findings {
            // A finding matches an unmatched gold entry of its rule or family whose span overlaps.
            let match = expected.indices.first { index in
                !matchedGold.contains(index)
                    && (expected[index].rule == finding.rule || expected[index].rule == finding.family.rawValue)
                    && overlaps(expected[index].range, finding.range)
            }
            if let match {
                matchedGold.insert(match)
                count(finding.rule, finding.family.rawValue) { $0.truePositives += 1 }
                if let suggestion = expected[match].suggestion {
                    suggestionsChecked += 1
                    if finding.suggestions.first == suggestion { suggestionsMatched += 1 }
                }
            } else {
                count(finding.rule, finding.family.rawValue) { $0.falsePositives += 1 }
                if gold.isClean { cleanFindings[finding.rule, default: 0] += 1 }
                errors.append("false alarm  \(result.path) @\(finding.start): \(finding.rule): \(finding.message)")
            }
        }
        for (index, entry) in expected.enumerated() where !matchedGold.contains(index) {
            let family = RuleRegistry.rule(id: entry.rule)?.description.family.rawValue ?? entry.rule
            count(RuleRegistry.rule(id: entry.rule) == nil ? nil : entry.rule, family) { $0.falseNegatives += 1 }
            errors.append("missed       \(result.path) @\(entry.range.lowerBound): \(entry.rule) (gold line \(entry.line))")
        }
    }

    private mutating func count(_ rule: String?, _ family: String, _ update: (inout Scores) -> Void) {
        if let rule { update(&byRule[rule, default: Scores()]) }
        update(&byFamily[family, default: Scores()])
    }

    public var json: JSONValue {
        .object([
            ("articles", .int(articles)),
            ("overall", overall.json),
            ("rules", .object(byRule.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) })),
            ("families", .object(byFamily.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) })),
            ("clean", .object([
                ("articles", .int(cleanArticles)),
                ("words", .int(cleanWords)),
                ("findings", .object(cleanFindings.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
                ("falseAlarmsPer1000Words", .double(rounded(falseAlarmsPer1000Words))),
            ])),
            ("suggestions", .object([("checked", .int(suggestionsChecked)), ("matched", .int(suggestionsMatched))])),
            ("notImplemented", .object(notImplemented.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
        ])
    }

    public var text: String {
        var output = "Corpus: \(articles) annotated articles (\(cleanArticles) clean, \(cleanWords) words)\n\n"
        output += scoreTable(title: "rule", byRule) + "\n" + scoreTable(title: "family", byFamily)
        output += "\noverall      P \(formatRatio(overall.precision))  R \(formatRatio(overall.recall))  F1 \(formatRatio(overall.f1))\n"
        output += "false alarms on clean articles: \(cleanFindings.values.reduce(0, +)) (\(formatRate(falseAlarmsPer1000Words)) per 1,000 words)\n"
        if suggestionsChecked > 0 { output += "suggestions: \(suggestionsMatched)/\(suggestionsChecked) as expected\n" }
        if !notImplemented.isEmpty {
            output += "gold entries for rules not implemented yet: " + notImplemented.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        if !errors.isEmpty { output += "\n" + errors.joined(separator: "\n") + "\n" }
        return output
    }
}

func overlaps(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
    a.overlaps(b) || (a.isEmpty && b.contains(a.lowerBound)) || (b.isEmpty && a.contains(b.lowerBound))
}

func scoreTable(title: String, _ scores: [String: Scores]) -> String {
    let width = max(title.count, scores.keys.map(\.count).max() ?? 0)
    var output = "\(title.padding(to: width))    tp    fp    fn  precision  recall     f1\n"
    for (name, score) in scores.sorted(by: { $0.key < $1.key }) {
        output += name.padding(to: width)
            + String(score.truePositives).leftPadded(to: 6) + String(score.falsePositives).leftPadded(to: 6)
            + String(score.falseNegatives).leftPadded(to: 6)
            + formatRatio(score.precision).leftPadded(to: 11) + formatRatio(score.recall).leftPadded(to: 8)
            + formatRatio(score.f1).leftPadded(to: 7) + "\n"
    }
    return output
}
