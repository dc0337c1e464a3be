import ArgumentParser
import Foundation
import MTLintKit

/// `mtlint align TARGET --source SOURCE`: the sentence pairs the source-aware rules see.
struct AlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Print the sentence pairs of an article and its source, as the source-aware rules see them."
    )

    @Option(name: .customLong("source"), help: "The source article.")
    var source: String

    @Option(name: .customLong("lang"), help: "Target language (BCP 47); detected when absent.")
    var language: String?

    @Option(name: .customLong("source-lang"), help: "Source language (BCP 47); detected when absent.")
    var sourceLanguage: String?

    @Option(name: .customLong("format"), help: "text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "The translated article.")
    var target: String

    func run() throws {
        let documents = try [(target, language), (source, sourceLanguage)].map { path, tag -> Document in
            guard case .success(let text) = InputReader.read(path: path) else {
                if case .failure(let error) = InputReader.read(path: path) { Output.standardError("mtlint: \(path): \(error.description)\n") }
                throw ExitCode(2)
            }
            return try Document.article(text, format: .forPath(path), language: tag)
        }
        let (translation, original) = (documents[0], documents[1])
        let pairs = Aligner.align(source: original, target: translation)
        let rows: [(String, String)] = pairs.map { pair in
            (pair.source.map { original.string($0) } ?? "", pair.target.map { translation.string($0) } ?? "")
        }
        switch format {
        case .json:
            let items: [JSONValue] = rows.map { .object([("source", .string($0.0)), ("target", .string($0.1))]) }
            Output.standardOutput(JSONValue.array(items).serialized(pretty: true) + "\n")
        case .text:
            for (index, row) in rows.enumerated() {
                let kind = row.0.isEmpty ? "added" : row.1.isEmpty ? "left out" : "pair"
                Output.standardOutput("\(index + 1) (\(kind))\n  source: \(row.0.replacingOccurrences(of: "\n", with: " "))\n"
                    + "  target: \(row.1.replacingOccurrences(of: "\n", with: " "))\n")
            }
        }
    }
}
