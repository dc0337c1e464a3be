import Testing
import Foundation
@testable import MTLintKit

/// ftfy's mojibake test cases (../shared/eval-dev/mojibake, not in the repository):
/// the encoding rules fire on every synthetic case that needs a repair and
/// reproduce the repair; they stay quiet on every case that needs none.
struct MojibakeCase: CustomTestStringConvertible, Sendable {
    let file: String
    let label: String
    let original: String
    let expected: String
    var testDescription: String { "\(file): \(label.prefix(70))" }

    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/eval-dev/mojibake")

    static func load(_ file: String) -> [MojibakeCase] {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(file)),
              let cases = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else { return [] }
        return cases.compactMap { entry in
            guard let original = entry["original"] as? String,
                  let fixed = (entry["fixed-encoding"] as? String) ?? (entry["fixed"] as? String) else { return nil }
            return MojibakeCase(file: file, label: entry["label"] as? String ?? "", original: original, expected: fixed)
        }
    }

    static var all: [MojibakeCase] { load("synthetic.json") + load("negative.json") }
    static var available: Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent("synthetic.json").path) }
}

let encodingRules: [any Rule] = RuleRegistry.all.filter { $0.description.family == .encoding }

@Suite(.enabled(if: MojibakeCase.available, "../shared/eval-dev/mojibake is not present"))
struct MojibakeEvalDevTests {
    @Test(arguments: MojibakeCase.all)
    func repairsExactlyWhatNeedsRepair(_ item: MojibakeCase) throws {
        let document = try Document(source: SourceText(item.original), format: .plain, language: .forTag("en"))
        let findings = encodingRules.flatMap { $0.check(document) }.filter { $0.rule != "replacement-character" }
        if item.expected == item.original {
            #expect(findings.isEmpty, "false alarm: \(findings.map { "\($0.rule): \(item.original.utf8Slice($0.range))" })")
        } else {
            #expect(!findings.isEmpty, "missed")
            var options = LintOptions(language: "en")
            options.onlyEnabled = Set(encodingRules.map(\.id))
            let outcome = Fixer(linter: Linter(options: options, rules: encodingRules), includeUnsafe: false)
                .fix(SourceText(item.original), path: "case.txt")
            #expect(String(decoding: outcome.bytes, as: UTF8.self) == item.expected)
        }
    }

    @Test func casesWereRead() {
        #expect(MojibakeCase.load("synthetic.json").count == 30)
        #expect(MojibakeCase.load("negative.json").count == 31)
    }
}
