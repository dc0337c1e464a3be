import Testing
import Foundation
@testable import MTLintKit

/// Every rule's own examples, run generically (DESIGN §7): a rule cannot exist
/// without examples, and its documentation cannot drift from its behaviour.
struct RuleExampleCase: CustomTestStringConvertible, Sendable {
    let rule: any Rule
    let example: RuleExample
    var testDescription: String { "\(rule.id) [\(example.language)] \(example.markedText.prefix(50))" }

    static var all: [RuleExampleCase] {
        RuleRegistry.all.flatMap { rule in rule.description.examples.map { RuleExampleCase(rule: rule, example: $0) } }
    }
}

func lint(_ text: String, rule: any Rule, language: String, format: DocumentFormat = .plain,
          source: String? = nil, sourceLanguage: String? = nil, unitStart: Int = 0) throws -> [Finding] {
    // A source makes the text (from `unitStart`) one unit.
    let units = source.map { [TranslationUnit(id: "1", source: $0, target: unitStart..<text.utf8.count)] } ?? []
    let dictionaries = rule.description.glossary.map { Dictionaries.shared.adding(glossary: $0) } ?? .shared
    var document = try Document(source: SourceText(text), format: format, language: .forTag(language),
                                dictionaries: dictionaries, units: units)
    document.sourceLanguage = sourceLanguage.map { .forTag($0) }
    return rule.check(document)
}

func lint(_ text: String, example: RuleExample, rule: any Rule, format: DocumentFormat = .plain, prefix: String = "") throws -> [Finding] {
    try lint(prefix + text, rule: rule, language: example.language, format: format, source: example.source,
             sourceLanguage: example.sourceLanguage, unitStart: prefix.utf8.count)
}

func fixed(_ text: String, rule: any Rule, language: String) -> String {
    var options = LintOptions(language: language)
    options.onlyEnabled = [rule.id]
    let outcome = Fixer(linter: Linter(options: options, rules: [rule]), includeUnsafe: true)
        .fix(SourceText(text), path: "example.txt")
    return String(decoding: outcome.bytes, as: UTF8.self)
}

func location(_ example: RuleExample) -> SourceLocation {
    SourceLocation(fileID: "MTLintKit/\(example.file)", filePath: example.file, line: example.line, column: 1)
}

@Suite struct RuleExamples {
    @Test(arguments: RuleExampleCase.all)
    func exampleBehavesAsDocumented(_ item: RuleExampleCase) throws {
        let (text, spans) = item.example.textAndSpans
        let findings = try lint(text, example: item.example, rule: item.rule)
        #expect(findings.map(\.range) == spans, "findings: \(findings.map { text.utf8Slice($0.range) })",
                sourceLocation: location(item.example))
        #expect(findings.allSatisfy { $0.rule == item.rule.id && !$0.message.isEmpty })
    }

    @Test(arguments: RuleExampleCase.all.filter { $0.example.fixed != nil })
    func fixProducesDocumentedTextAndIsIdempotent(_ item: RuleExampleCase) throws {
        let (text, _) = item.example.textAndSpans
        let once = fixed(text, rule: item.rule, language: item.example.language)
        #expect(once == item.example.fixed, sourceLocation: location(item.example))
        #expect(fixed(once, rule: item.rule, language: item.example.language) == once)
        let left = try lint(once, rule: item.rule, language: item.example.language)
        let safeLeft = left.filter { $0.fix?.safety == .safe }
        #expect(safeLeft.isEmpty, "a safe finding survived its own fix")
    }

    /// Multi-byte text in front (emoji with modifiers, combining marks, RTL)
    /// shifts every span by exactly its byte length.
    @Test(arguments: RuleExampleCase.all.filter { $0.example.isTriggering })
    func spansSurviveMultiByteTextInFront(_ item: RuleExampleCase) throws {
        let prefix = "👩🏽‍🚀 e\u{301}\u{323} שלום עולם 金.\n\n"
        let (text, spans) = item.example.textAndSpans
        let shift = prefix.utf8.count
        let findings = try lint(text, example: item.example, rule: item.rule, prefix: prefix)
        #expect(findings.map(\.range) == spans.map { ($0.lowerBound + shift)..<($0.upperBound + shift) },
                sourceLocation: location(item.example))
    }

    /// Markdown code is not prose: a triggering example inside a fenced block
    /// or an inline code span must not be flagged.
    /// (Source-aware rules compare with the source, so hiding the target is no test of them;
    /// suppression comments are directives wherever they stand.)
    @Test(arguments: RuleExampleCase.all.filter { $0.example.isTriggering && ![.source, .meta].contains($0.rule.description.family) })
    func silentInsideMarkdownCode(_ item: RuleExampleCase) throws {
        let (text, _) = item.example.textAndSpans
        let fenced = "Intro line.\n\n```\n\(text)\n```\n"
        #expect(try lint(fenced, example: item.example, rule: item.rule, format: .markdown).isEmpty)
        if !text.contains("\n") && !text.contains("`") {
            let inline = "Intro `\(text)` end.\n"
            #expect(try lint(inline, example: item.example, rule: item.rule, format: .markdown).isEmpty)
        }
    }
}

@Suite struct RuleRegistryTests {
    @Test func idsAreUniqueKebabCase() {
        let ids = RuleRegistry.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0 == "-" || $0.isNumber } && !id.hasPrefix("-") && !id.hasSuffix("-"), "\(id)")
        }
    }

    @Test(arguments: RuleRegistry.all.map(\.id))
    func everyRuleTeaches(_ id: String) throws {
        let description = try #require(RuleRegistry.rule(id: id)).description
        #expect(description.examples.contains { $0.isTriggering }, "\(id) needs a triggering example")
        #expect(description.examples.contains { !$0.isTriggering }, "\(id) needs a non-triggering example")
        if description.fixSafety != nil {
            #expect(description.examples.contains { $0.fixed != nil }, "\(id) offers fixes but shows none")
        } else {
            #expect(description.examples.allSatisfy { $0.fixed == nil }, "\(id) shows a fix it never offers")
        }
        #expect(description.rationale.count > 80, "\(id) needs a real rationale")
        #expect(!description.summary.isEmpty)
    }

    /// Each `struct X: Rule` under Sources/MTLintKit/Rules must be registered.
    @Test func registryListsEveryRuleFile() throws {
        let rulesFolder = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/MTLintKit/Rules")
        let registered = Set(RuleRegistry.all.map { String(describing: type(of: $0)) })
        var declared: Set<String> = []
        let files = FileManager.default.enumerator(atPath: rulesFolder.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let source = try String(contentsOf: rulesFolder.appendingPathComponent(file), encoding: .utf8)
            for line in source.split(separator: "\n") where line.contains("struct ") && line.contains(": Rule") {
                let name = line.split(separator: "struct ")[1].split(separator: ":")[0]
                declared.insert(String(name))
            }
        }
        #expect(!declared.isEmpty)
        #expect(declared == registered)
    }
}

extension String {
    func utf8Slice(_ range: Range<Int>) -> String {
        let bytes = Array(utf8)
        return String(decoding: bytes[max(0, range.lowerBound)..<min(bytes.count, range.upperBound)], as: UTF8.self)
    }
}
