import Foundation
import MTLintKit

/// `mtlint-bench --end-to-end FOLDER`: the release `mtlint` as a user runs it (`--jobs 1`, a JSON
/// report written to a file), against a plain ICU word+sentence pass that also reads every file
/// from disk, both on the same core: the end-to-end speed ratio of DESIGN §6.
enum EndToEndBench {
    static func run(paths: [String], language: String, rounds: Int) {
        let files = InputCollector.collect(paths).inputs.compactMap { input -> String? in
            if case .file(let path) = input { return path }
            return nil
        }
        var icu = Double.infinity, lint = Double.infinity, bytes = 0
        let report = NSTemporaryDirectory() + "mtlint-bench-report.json"
        defer { try? FileManager.default.removeItem(atPath: report) }
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            bytes = 0
            for path in files {
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let text = [UInt8](data)
                bytes += text.count
                _ = try? ICUBaseline.wordAndSentencePass(text, locale: language)
            }
            icu = min(icu, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            let arguments = ["lint", "--no-config", "--jobs", "1", "--lang", language, "--format", "json"] + paths
            lint = min(lint, StartupBench.milliseconds(StartupBench.binary, arguments, stdin: "", stdout: report) / 1000)
        }
        let megabytes = Double(bytes) / 1e6
        print("end to end: \(files.count) files, \(String(format: "%.1f", megabytes)) MB, best of \(rounds) rounds")
        print("  reading + ICU word+sentence pass: \(String(format: "%.2f", icu)) s  \(String(format: "%.1f", megabytes / icu)) MB/s")
        print("  mtlint process, JSON report written: \(String(format: "%.2f", lint)) s  \(String(format: "%.1f", megabytes / lint)) MB/s")
        print("  ratio mtlint/ICU speed: \(String(format: "%.2f", icu / lint))")
    }
}
