import Dispatch
import Foundation
import Synchronization

/// One lint run over many inputs: per-file options from the configuration and
/// the command line, files linted on up to `jobs` threads, results in input order.
public struct LintRun: Sendable {
    public var configuration: Configuration?
    public var commandLine: LintOptions
    public var jobs: Int

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

    /// Lints every input; `progress` is called after each file with (done, total).
    public func lint(_ inputs: [InputCollector.Input], progress: (@Sendable (Int, Int) -> Void)? = nil) -> [FileResult] {
        let results = ResultSlots<FileResult>(count: inputs.count)
        let done = Counter()
        forEachConcurrently(inputs.count, jobs: jobs) { index in
            let (path, read) = LintRun.read(inputs[index])
            switch read {
            case .success(let source):
                let format: DocumentFormat = inputs[index] == .standardInput ? .plain : .forPath(path)
                results.set(index, linter(for: path).lint(source, path: path, format: format))
            case .failure(let error):
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
