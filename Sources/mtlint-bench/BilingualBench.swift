import Foundation
import MTLintKit

/// The speed of the source-aware layer (issue #12): each article linted alone and then with its
/// source (same relative path under the source root), document by document in turns, on one
/// core. Reading and tokenizing the source, aligning and the source rules all count against
/// the pair; the target file is read once, before the clock, for both.
enum BilingualBench {
    static func run(folders: [String], sourceRoot root: String, language: String, sourceLanguage: String?,
                    rounds: Int, breakdown: Bool, only side: String? = nil) {
        guard let folder = folders.first else {
            FileHandle.standardError.write(Data("usage: mtlint-bench --source-root DIR [--source-lang L] [--lang L] FOLDER\n".utf8))
            exit(2)
        }
        var articles: [(path: String, text: SourceText, sourcePath: String)] = []
        for case .file(let path) in InputCollector.collect([folder]).inputs {
            guard case .success(let text) = InputReader.read(path: path) else { continue }
            let relative = String(path.dropFirst(folder.count)).drop { $0 == "/" }
            articles.append((path, text, root + "/" + relative))
        }
        var options = LintOptions(language: language)
        options.sourceLanguage = sourceLanguage
        let linter = Linter(options: options)
        var alone = 0.0, paired = 0.0, findings = (alone: 0, paired: 0)
        for round in 0..<rounds {
            for (number, article) in articles.enumerated() {
                // Taking turns at going first, so that a slow spell of the machine hits both alike.
                let aloneFirst = (number + round) % 2 == 0
                // `--only`: one side, or neither (the set-up alone), so that an instruction count
                // (valgrind) of each run tells what each side costs.
                let (runsAlone, runsPaired) = (side == nil || side == "alone", side == nil || side == "paired")
                func lintAlone() {
                    guard runsAlone else { return }
                    alone += seconds { findings.alone += linter.lint(article.text, path: article.path).findings.count }
                }
                func lintPaired() {
                    guard runsPaired else { return }
                    paired += seconds {
                        guard case .success(let source) = InputReader.read(path: article.sourcePath) else { return }
                        let result = linter.lint(article.text, path: article.path, articleSource: (source, .forPath(article.sourcePath)))
                        findings.paired += result.findings.count
                    }
                }
                if aloneFirst { lintAlone() }
                lintPaired()
                if !aloneFirst { lintAlone() }
            }
        }
        let bytes = articles.reduce(0) { $0 + $1.text.bytes.count }
        print("\(articles.count) articles, \(String(format: "%.1f", Double(bytes) / 1e6)) MB of translation, \(rounds) rounds, one core")
        print("alone: \(String(format: "%.2f", alone)) s, \(findings.alone / rounds) findings a round")
        print("with their sources: \(String(format: "%.2f", paired)) s, \(findings.paired / rounds) findings a round")
        print("bilingual speed: \(String(format: "%.3f", alone / paired)) of monolingual")
        if breakdown { self.breakdown(articles, options: options) }
    }

    /// Where the pair's extra time goes (one round): reading the sources, the pair with no rule
    /// at all (source document and alignment), and what each rule adds to that, alone and paired.
    static func breakdown(_ articles: [(path: String, text: SourceText, sourcePath: String)], options: LintOptions) {
        var sources: [SourceText] = []
        let reading = seconds { sources = articles.map { (try? InputReader.read(path: $0.sourcePath).get()) ?? SourceText("") } }
        func time(_ linter: Linter, paired: Bool) -> Double {
            seconds {
                for (article, source) in zip(articles, sources) {
                    _ = linter.lint(article.text, path: article.path, articleSource: paired ? (source, .forPath(article.sourcePath)) : nil)
                }
            }
        }
        let none = Linter(options: options, rules: [])
        let (noneAlone, nonePaired) = (time(none, paired: false), time(none, paired: true))
        print(String(format: "  reading the sources %.3f s; no rule: alone %.3f s, paired %.3f s (source document and alignment)",
                     reading, noneAlone, nonePaired))
        let all = Linter(options: options)
        print(String(format: "  every rule: alone %.3f s, paired %.3f s", time(all, paired: false), time(all, paired: true)))
        for rule in all.rules {
            let linter = Linter(options: options, rules: [rule])
            let alone = time(linter, paired: false) - noneAlone, paired = time(linter, paired: true) - nonePaired
            guard max(alone, paired) > 0.002 else { continue }
            print("  \(rule.id.padding(toLength: 28, withPad: " ", startingAt: 0)) alone \(String(format: "%.3f", alone)) s, paired \(String(format: "%.3f", paired)) s")
        }
    }

    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
