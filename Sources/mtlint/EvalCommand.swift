import ArgumentParser
import MTLintKit

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure precision and recall on annotated articles or MQM-annotated MT output.",
        discussion: """
            Folders and .txt/.md files are corpus articles, each scored against the NAME.gold.tsv beside it \
            (see corpus/README.md). Files ending in .jsonl or .jsonl.gz are MQM annotations (shared/eval-dev): \
            they are scored per artefact class, human references apart from machine outputs.
            """
    )

    @OptionGroup var rules: RuleOptions

    @Option(name: .customLong("format"), help: "text or json.")
    var format: Format = .text

    @Flag(name: .customLong("samples"), help: "With MQM files, print flags that match no annotated error.")
    var samples = false

    @Flag(name: .customLong("alignment"), help: "With MQM files, measure instead how many segment links the sentence aligner recovers.")
    var alignment = false

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "Corpus folders or articles, and/or MQM .jsonl(.gz) files.")
    var paths: [String] = ["corpus"]

    func run() throws {
        if alignment {
            for path in paths where path.hasSuffix(".jsonl") || path.hasSuffix(".jsonl.gz") {
                do { Output.standardOutput(try AlignmentEvaluation.run(path: path).text) } catch {
                    Output.standardError("mtlint: \(path): \(error)\n")
                    throw ExitCode(2)
                }
            }
            return
        }
        let mqmPaths = paths.filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".jsonl.gz") }
        let corpusPaths = paths.filter { !mqmPaths.contains($0) }
        var base = try rules.lintRun(configuration: try rules.loadConfiguration()).commandLine
        // Evaluation measures every rule, opt-in ones included, unless --enable narrows it.
        if base.onlyEnabled.isEmpty {
            base.onlyEnabled = Set(RuleRegistry.all.map(\.id)).subtracting(base.disabled)
        }
        let linter = { (language: String?) -> Linter in
            var options = base
            options.language = base.language ?? language
            return Linter(options: options)
        }
        var sections: [(String, JSONValue)] = []
        do {
            if !corpusPaths.isEmpty {
                let corpus = try CorpusEvaluation.run(paths: corpusPaths, linter: linter)
                if format == .text { Output.standardOutput(corpus.text) }
                sections.append(("corpus", corpus.json))
            }
            var mqm: [JSONValue] = []
            for path in mqmPaths {
                let evaluation = try MQMEvaluation.run(path: path, linter: { linter($0) })
                if format == .text {
                    Output.standardOutput("\n" + evaluation.text)
                    if samples {
                        for line in evaluation.human.unmatchedSamples { Output.standardOutput("    human flag: \(line)\n") }
                        for line in evaluation.machine.unmatchedSamples { Output.standardOutput("    MT flag:    \(line)\n") }
                    }
                }
                mqm.append(evaluation.json)
            }
            if !mqm.isEmpty { sections.append(("mqm", .array(mqm))) }
        } catch {
            Output.standardError("mtlint: \(error)\n")
            throw ExitCode(2)
        }
        if format == .json { Output.standardOutput(JSONValue.object(sections).serialized(pretty: true) + "\n") }
    }
}
