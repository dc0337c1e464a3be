// Measures mtlint's speed as a ratio to a plain ICU word+sentence pass over the
// same text, in one run, on one core (DESIGN §6). Usage:
//   mtlint-bench [--lang en] [--rounds 3] FILE|FOLDER…
import Foundation
import MTLintKit

var arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ fallback: String) -> String {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    let value = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
    return value
}
let language = option("--lang", "en")
let rounds = Int(option("--rounds", "3")) ?? 3

var sources: [(String, SourceText)] = []
for input in InputCollector.collect(arguments) {
    guard case .file(let path) = input, case .success(let source) = InputReader.read(path: path) else { continue }
    sources.append((path, source))
}
let totalBytes = sources.reduce(0) { $0 + $1.1.bytes.count }
guard totalBytes > 0 else {
    FileHandle.standardError.write(Data("mtlint-bench: no readable .txt/.md input\n".utf8))
    exit(2)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let linter = Linter(options: LintOptions(language: language))
var baselineBest = Double.infinity, lintBest = Double.infinity
var findings = 0, words = 0
// Alternate the two passes so that machine noise hits both alike; keep the best round of each.
for _ in 0..<rounds {
    baselineBest = min(baselineBest, try seconds {
        for (_, source) in sources { _ = try ICUBaseline.wordAndSentencePass(source.bytes, locale: language) }
    })
    lintBest = min(lintBest, seconds {
        findings = 0
        words = 0
        for (path, source) in sources {
            let result = linter.lint(source, path: path)
            findings += result.findings.count
            words += result.words
        }
        _ = LintReport(results: [])
    })
}
let megabytes = Double(totalBytes) / 1_000_000
print("input: \(sources.count) files, \(String(format: "%.1f", megabytes)) MB, \(words) words, \(findings) findings; best of \(rounds) rounds, one core")
print("ICU word+sentence pass: \(String(format: "%.2f", baselineBest)) s  \(String(format: "%.1f", megabytes / baselineBest)) MB/s")
print("mtlint lint (\(linter.rules.count) rules): \(String(format: "%.2f", lintBest)) s  \(String(format: "%.1f", megabytes / lintBest)) MB/s")
print("ratio lint/ICU speed: \(String(format: "%.2f", baselineBest / lintBest))")
