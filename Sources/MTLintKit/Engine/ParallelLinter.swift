import Dispatch
import Synchronization

extension Linter {
    /// Lints every input on up to `jobs` threads; results keep the input order.
    public func lint(_ inputs: [InputCollector.Input], jobs: Int) -> [FileResult] {
        let results = ResultSlots(count: inputs.count)
        let work: @Sendable (Int) -> Void = { index in
            let result: FileResult
            switch inputs[index] {
            case .standardInput:
                switch InputReader.readStandardInput() {
                case .success(let source): result = self.lint(source, path: "<stdin>", format: .plain)
                case .failure(let error): result = .failed("<stdin>", error)
                }
            case .file(let path): result = self.lintFile(at: path)
            case .missing(let path, let reason): result = .failed(path, .unreadable(reason: reason))
            }
            results.set(index, result)
        }
        if jobs <= 1 || inputs.count <= 1 {
            inputs.indices.forEach(work)
        } else {
            // Each worker takes the next index; break iterators are cloned per worker by the pool.
            let next = AtomicCounter()
            DispatchQueue.concurrentPerform(iterations: min(jobs, inputs.count)) { _ in
                while case let index = next.increment(), index < inputs.count { work(index) }
            }
        }
        return results.values
    }
}

/// Fixed slots written by concurrent workers, each slot by exactly one.
final class ResultSlots: Sendable {
    private let slots: Mutex<[FileResult?]>
    init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }
    func set(_ index: Int, _ value: FileResult) { slots.withLock { $0[index] = value } }
    var values: [FileResult] { slots.withLock { $0.map { $0! } } }
}

final class AtomicCounter: Sendable {
    private let value = Mutex(0)
    /// Returns the current value and adds one.
    func increment() -> Int { value.withLock { value in defer { value += 1 }; return value } }
}
