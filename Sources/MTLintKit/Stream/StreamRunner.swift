import Foundation

/// `--stream`: JSON Lines in, one JSON line out per input line, in input order.
///
/// One reader thread splits the inputs into lines (`LineReader`: at most `maxRecordBytes` of a
/// line in memory), `jobs` worker threads decode and lint them, and the calling thread writes the
/// results in input order, a batch of consecutive ready lines per write. The reader stops while
/// `window` (2 × jobs) lines are read and not yet written, so the work queue and the reorder buffer
/// together never hold more than `window` records: memory is bounded by the largest record times
/// the window, whatever the number of records.
public struct StreamRunner: Sendable {
    public var processor: StreamProcessor
    public var jobs: Int
    /// The longest line read; a longer one gives an error record (`--max-record-bytes`).
    public var maxRecordBytes: Int
    public static let defaultMaxRecordBytes = 64 << 20

    public init(processor: StreamProcessor, jobs: Int, maxRecordBytes: Int = StreamRunner.defaultMaxRecordBytes) {
        self.processor = processor
        self.jobs = max(1, jobs)
        self.maxRecordBytes = maxRecordBytes
    }

    /// Lines read but not yet written, at most.
    public var window: Int { 2 * jobs }

    /// What a run saw, for its exit code.
    public struct Summary: Sendable, Equatable {
        /// Output lines written.
        public var records = 0
        /// Error records (lines that are not valid records, or could not be linted).
        public var errors = 0
        /// Records with a finding at or above the fail-on level, or over a threshold.
        public var failing = 0
        public var findings = 0
        /// Inputs that could not be opened or read to the end.
        public var inputErrors = 0

        public init() {}

        /// 2 when a record was bad or an input unreadable; 1 when a record fails the gate; else 0.
        public var exitCode: Int32 { errors + inputErrors > 0 ? 2 : failing > 0 ? 1 : 0 }

        mutating func add(_ output: StreamOutput) {
            if output.json != nil { records += 1 }
            if output.isError { errors += 1 }
            if output.failing { failing += 1 }
            findings += output.findings
        }
    }

    /// Streams `inputs` in order. `write` gets each batch of output lines, in order, on the calling
    /// thread; when it throws, the run stops and throws that error. `report` gets messages for
    /// standard error ("mtlint: …\n": unreadable inputs, thresholds), in input order.
    public func run(_ inputs: [StreamInput], write: ([UInt8]) throws(InputError) -> Void,
                    report: (String) -> Void = { _ in }) throws(InputError) -> Summary {
        let pipeline = Pipeline(workers: jobs)
        let processor = self.processor, limit = maxRecordBytes, window = self.window
        Pipeline.start { pipeline.read(inputs, limit: limit, window: window) }
        for _ in 0..<jobs {
            Pipeline.start { pipeline.work { job in Self.output(job, processor: processor, limit: limit) } }
        }
        var summary = Summary()
        var next = 0
        while let batch = pipeline.take(from: next) {
            next += batch.count
            var bytes: [UInt8] = []
            for output in batch {
                summary.add(output)
                output.messages.forEach(report)
                bytes += output.bytes
            }
            do { if !bytes.isEmpty { try write(bytes) } } catch {
                pipeline.cancel()
                throw error
            }
            pipeline.release(batch.count)
        }
        pipeline.waitForWorkers()
        summary.inputErrors = pipeline.inputErrors
        return summary
    }

    static func output(_ job: Pipeline.Job, processor: StreamProcessor, limit: Int) -> StreamOutput {
        switch job.item {
        case .line(.line(let bytes), let number):
            return processor.process(line: bytes, number: number)
        case .line(.tooLong(let length), let number):
            return .error(id: nil, line: number, "record too large: \(length) bytes; the limit is \(limit) bytes (--max-record-bytes)")
        case .inputError(let message):
            return StreamOutput(json: nil, isError: false, messages: [message])
        }
    }
}

/// The state the reader, the workers and the writer share, guarded by one condition variable:
/// the queue of lines to process and the results waiting for their turn to be written.
final class Pipeline: @unchecked Sendable {
    struct Job {
        enum Item {
            case line(LineReader.Line, number: Int)
            case inputError(String)
        }
        var sequence: Int
        var item: Item
    }

    private let condition = NSCondition()
    // All below only under `condition`.
    private var queue: [Job] = []
    private var results: [Int: StreamOutput] = [:]
    private var enqueued = 0
    private var released = 0
    private var readerDone = false
    private var cancelled = false
    private var workersLeft: Int
    private var unreadableInputs = 0
    /// Inputs that could not be opened or read to the end.
    var inputErrors: Int { locked { unreadableInputs } }

    init(workers: Int) { workersLeft = workers }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body()
    }

    /// A thread with the main thread's stack size: the rules recurse little, but ICU and
    /// deep Markdown nesting should not meet a smaller stack here than in `lint`.
    static func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The reader: every line of every input, numbered across the inputs, waiting while
    /// `window` lines are in flight.
    func read(_ inputs: [StreamInput], limit: Int, window: Int) {
        var number = 0
        reading: for input in inputs {
            var reader: LineReader
            switch LineReader.open(input, limit: limit) {
            case .success(let opened): reader = opened
            case .failure(let error):
                countInputError()
                if !enqueue(.inputError("mtlint: \(input.name): \(error.description)\n"), window: window) { break reading }
                continue
            }
            while true {
                let line: LineReader.Line?
                do { line = try reader.next() } catch {
                    countInputError()
                    if !enqueue(.inputError("mtlint: \(input.name): \(error.description)\n"), window: window) { break reading }
                    break
                }
                guard let line else { break }
                number += 1
                if !enqueue(.line(line, number: number), window: window) { break reading }
            }
        }
        locked {
            readerDone = true
            condition.broadcast()
        }
    }

    private func countInputError() { locked { unreadableInputs += 1 } }

    /// Queues an item once fewer than `window` are in flight; false when the run was cancelled.
    private func enqueue(_ item: Job.Item, window: Int) -> Bool {
        locked {
            while enqueued - released >= window && !cancelled { condition.wait() }
            if cancelled { return false }
            queue.append(Job(sequence: enqueued, item: item))
            enqueued += 1
            condition.broadcast()
            return true
        }
    }

    /// A worker: processes queued lines until the reader is done and the queue empty.
    func work(_ process: (Job) -> StreamOutput) {
        while true {
            let job: Job? = locked {
                while queue.isEmpty && !readerDone && !cancelled { condition.wait() }
                if cancelled || queue.isEmpty {
                    workersLeft -= 1
                    condition.broadcast()
                    return nil
                }
                return queue.removeFirst()
            }
            guard let job else { return }
            let output = process(job)
            locked {
                results[job.sequence] = output
                condition.broadcast()
            }
        }
    }

    /// The writer: the results from `sequence` on that are ready, in order, waiting for the
    /// first of them; nil once every line read has been taken.
    func take(from sequence: Int) -> [StreamOutput]? {
        locked {
            while results[sequence] == nil && !(readerDone && sequence == enqueued) { condition.wait() }
            var batch: [StreamOutput] = []
            while let output = results.removeValue(forKey: sequence + batch.count) { batch.append(output) }
            return batch.isEmpty ? nil : batch
        }
    }

    /// The writer has written `count` more lines: the reader may read as many.
    func release(_ count: Int) {
        locked {
            released += count
            condition.broadcast()
        }
    }

    /// Stops the reader and the workers (after the line each is on); waits for the workers.
    /// A reader blocked in read(2) ends at its next line.
    func cancel() {
        locked {
            cancelled = true
            condition.broadcast()
        }
        waitForWorkers()
    }

    func waitForWorkers() {
        locked { while workersLeft > 0 { condition.wait() } }
    }
}
