import Foundation
import MTLintKit

/// An XLIFF 1.2 file of N units built from the input's sentences (each unit's target another
/// sentence than its source), parsed and linted in one process: the issue's "an XLIFF of 100,000
/// units lints in seconds".
enum XLIFFBench {
    static func run(units: Int, sentences: [String], language: String, rounds: Int) {
        guard !sentences.isEmpty else {
            FileHandle.standardError.write(Data("mtlint-bench: no sentences in the .txt/.md input to build units from\n".utf8))
            exit(2)
        }
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        var file = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
            + "<file source-language=\"en\" target-language=\"\(language)\" datatype=\"plaintext\" original=\"bench\"><body>\n"
        for index in 0..<units {
            let source = sentences[index % sentences.count], target = sentences[(index * 7 + 3) % sentences.count]
            file += "<trans-unit id=\"u\(index)\"><source>\(escaped(source))</source><target state=\"translated\">\(escaped(target))</target></trans-unit>\n"
        }
        file += "</body></file></xliff>\n"
        let text = SourceText(file)
        let linter = Linter(options: LintOptions(language: language))
        var best = Double.infinity, findings = 0
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            findings = linter.lint(text, path: "bench.xlf").findings.count
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let megabytes = Double(text.bytes.count) / 1e6
        print("XLIFF 1.2: \(units) units, \(String(format: "%.1f", megabytes)) MB, \(findings) findings: "
            + "\(String(format: "%.2f", best)) s (best of \(rounds)), \(String(format: "%.0f", Double(units) / best)) units/s")
    }

    /// Sentences of 20 to 300 characters from the inputs' text.
    static func sentences(of texts: [String]) -> [String] {
        texts.flatMap { text in
            text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                .components(separatedBy: ". ").filter { (20...300).contains($0.count) }.map { $0 + "." }
        }
    }
}
