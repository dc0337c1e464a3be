import Dispatch
import Foundation
import Synchronization

/// One lint run over many inputs: per-file options from the configuration and
/// the command line, files linted on up to `jobs` threads, results in input order.
public struct LintRun: Sendable {
    public var configuration: Configuration?
    public var commandLine: LintOptions
    public var jobs: Int
    /// Where each article's source is: one file (`--source`, for a single article), or a
    /// folder holding the same relative paths (`--source-root`, or the configuration's).
    public var sourceFile: String?
    public var sourceRoot: String?
    /// The paths named on the command line: a source's relative path starts below the one that holds the article.
    public var namedPaths: [String] = [] { didSet { absoluteNamedPaths = namedPaths.map { FilePaths.absolute($0, in: workingDirectory) } } }
    private var absoluteNamedPaths: [String] = []
    private let workingDirectory = FileManager.default.currentDirectoryPath
    /// Which translation files are linted in batches, never held whole.
    public var batching = Batching.standard

    public init(configuration: Configuration?, commandLine: LintOptions, jobs: Int) {
        self.configuration = configuration
        self.commandLine = commandLine
        self.jobs = jobs
    }

    public func options(for path: String) -> LintOptions {
        configuration?.options(for: path, commandLine: commandLine) ?? commandLine
    }

    public func linter(for path: String) -> Linter { Linter(options: options(for: path)) }

    /// The inputs the paths name; `reportingSkipped` hears of each entry a folder walk left out, and why.
    public func inputs(_ paths: [String], reportingSkipped: (String) -> Void = { _ in }) -> [InputCollector.Input] {
        let collection = InputCollector.collect(paths, selects: { configuration?.selects($0) ?? true })
        for (path, reason) in collection.skipped { reportingSkipped("mtlint: skipped \(path): \(reason)\n") }
        return collection.inputs
    }

    /// Reads an input; standard input is read once, by whichever worker gets it.
    public static func read(_ input: InputCollector.Input) -> (path: String, Result<SourceText, InputError>) {
        switch input {
        case .standardInput: return ("<stdin>", InputReader.readStandardInput())
        case .file(let path): return (path, InputReader.read(path: path))
        case .failed(let path, let error): return (path, .failure(error))
        }
    }

    /// The path of an input's source: `--source`, or, under the source root, the article's path
    /// relative to the folder named on the command line that holds it (its name, for a file
    /// named directly): `mtlint articles/en --source-root articles/fr` pairs en/x.md with fr/x.md.
    public func sourcePath(for input: InputCollector.Input) -> String? {
        if let sourceFile { return sourceFile }
        guard let root = sourceRoot ?? configuration?.sourceRoot, case .file(let path) = input,
              !DocumentFormat.forPath(path).isTranslationFile else { return nil }
        let article = FilePaths.absolute(path, in: workingDirectory)
        let folder = absoluteNamedPaths.filter { article.hasPrefix($0 + "/") }.max { $0.count < $1.count }
        // The folder holds the article: its relative path is what follows the folder's.
        let relative = folder.map { String(article.dropFirst($0.count + 1)) } ?? (article as NSString).lastPathComponent
        return root + "/" + relative
    }

    /// The source article of an input, read; nil when it has none.
    public func articleSource(for input: InputCollector.Input) -> Result<(text: SourceText, format: DocumentFormat)?, InputError> {
        guard let path = sourcePath(for: input) else { return .success(nil) }
        switch InputReader.read(path: path) {
        case .success(let text): return .success((text, .forPath(path)))
        case .failure(let error): return .failure(.unreadable(reason: "its source \(path): \(error.description)"))
        }
    }

    /// Lints every input; `progress` is called after each file with (done, total).
    public func lint(_ inputs: [InputCollector.Input], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [FileResult] {
        let results = ResultSlots<FileResult>(count: inputs.count)
        let done = Counter()
        // Without a configuration every file has the command line's options: one linter for all.
        let common = configuration == nil ? Linter(options: commandLine) : nil
        @Sendable func linter(for path: String) -> Linter { common ?? self.linter(for: path) }
        forEachConcurrently(inputs.count, jobs: jobs) { index in
            if case .file(let path) = inputs[index], batching.applies(to: path) {
                results.set(index, linter(for: path).lintInBatches(path: path, batching: batching))
                progress?(done.increment() + 1, inputs.count)
                return
            }
            let (path, read) = LintRun.read(inputs[index])
            switch (read, articleSource(for: inputs[index])) {
            case (.success(let text), .success(let original)):
                let format: DocumentFormat = inputs[index] == .standardInput ? .plain : .forPath(path)
                results.set(index, linter(for: path).lint(text, path: path, format: format, articleSource: original))
            case (.failure(let error), _), (_, .failure(let error)):
                results.set(index, .failed(path, error))
            }
            progress?(done.increment() + 1, inputs.count)
        }
        return results.values
    }
}

/// Runs `body(0..<count)` on up to `jobs` threads, each taking the next index.
public func forEachConcurrently(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> Void) {
    if jobs <= 1 || count <= 1 {
        (0..<count).forEach(body)
        return
    }
    let next = Counter()
    DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
        while case let index = next.increment(), index < count { body(index) }
    }
}

/// Fixed slots written by concurrent workers, each slot by exactly one.
public final class ResultSlots<Value: Sendable>: Sendable {
    private let slots: Mutex<[Value?]>
    public init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    public func set(_ index: Int, _ value: Value) { slots.withLock { $0[index] = value } }
    public var values: [Value] { slots.withLock { $0.map { $0! } } }
}

public final class Counter: Sendable {
    private let value = Mutex(0)
    public init() {}
    /// Returns the current value and adds one.
    public func increment() -> Int { value.withLock { value in defer { value += 1 }; return value } }
}
