import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// Runs lints on a few dedicated threads, off Swift's cooperative pool and NIO's event loops, so
/// that a long lint never keeps `/healthz` (or the next request's headers) waiting. At most
/// `threads` lints run at once; more requests wait in line, in order.
///
/// A lint cannot be interrupted half-way (it is plain synchronous code), so a request whose time
/// runs out gets its answer at once, while a lint already running finishes on its thread and
/// keeps its slot until then: the pool never runs more lints than it has threads. A request whose
/// time ran out while it waited is dropped from the line without being linted.
public final class LintPool: Sendable {
    public enum Failure: Error, Sendable, Equatable {
        /// The time ran out; `started` tells whether the lint had begun (else it was still waiting).
        case timedOut(started: Bool)
        /// The request went away (its task was cancelled) before its lint finished.
        case cancelled
    }

    private struct Job {
        let start: @Sendable () -> Void
    }

    private let queue = Mutex<[Job]>([])
    /// Counts jobs in `queue`: a worker sleeps on it until there is one.
    private let available = DispatchSemaphore(value: 0)
    private let busy = Atomic<Int>(0)
    private let timers: any EventLoopGroup
    public let threads: Int

    /// The threads live as long as the process (a server's pool lives as long as the server).
    public init(threads: Int, timers: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.threads = max(1, threads)
        self.timers = timers
        for index in 0..<self.threads {
            let thread = Thread { [self] in self.work() }
            thread.name = "mtlint-lint-\(index)"
            // Deep documents recurse in places; give the lint threads the main thread's room.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Lints running at this moment.
    public var running: Int { busy.load(ordering: .relaxed) }

    private func work() {
        while true {
            available.wait()
            guard let job = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            job.start()
        }
    }

    /// Runs `work` on a lint thread and returns its value, or a failure when `timeout` passes first
    /// (counted from now) or the calling task is cancelled.
    public func run<Value: Sendable>(timeout: Duration, _ work: @escaping @Sendable () -> Value) async -> Result<Value, Failure> {
        let outcome = Outcome<Value>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                outcome.set(continuation)
                let job = Job { [self] in
                    // Dropped while waiting: the request has its answer already.
                    guard outcome.begin() else { return }
                    busy.add(1, ordering: .relaxed)
                    let value = work()
                    busy.subtract(1, ordering: .relaxed)
                    outcome.finish(.success(value))
                }
                queue.withLock { $0.append(job) }
                available.signal()
                // The timer runs on an event loop: Swift's task pool or Dispatch's threads can be
                // busy with other work, and a late timer would let a request wait past its limit.
                let timer = timers.next().scheduleTask(in: .nanoseconds(Self.nanoseconds(timeout))) {
                    outcome.finish(.failure(.timedOut(started: outcome.started)))
                }
                outcome.onFinish { timer.cancel() }
            }
        } onCancel: {
            outcome.finish(.failure(.cancelled))
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        guard seconds < Int64.max / 1_000_000_000 else { return .max }
        return max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// One request's answer: given once, by the lint, the timer or a cancellation, whichever comes first.
private final class Outcome<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Result<Value, LintPool.Failure>, Never>?
        var result: Result<Value, LintPool.Failure>?
        var started = false
        var onFinish: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    func set(_ continuation: CheckedContinuation<Result<Value, LintPool.Failure>, Never>) {
        // A cancellation can come before the continuation exists: answer it at once.
        let early = state.withLock { state -> Result<Value, LintPool.Failure>? in
            if let result = state.result { return result }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    /// Marks the lint as started; false when the request already has its answer.
    func begin() -> Bool {
        state.withLock { state in
            guard state.result == nil else { return false }
            state.started = true
            return true
        }
    }

    var started: Bool { state.withLock { $0.started } }

    /// Runs `action` once the answer is given (at once if it is): the timer is cancelled so.
    func onFinish(_ action: @escaping @Sendable () -> Void) {
        let done = state.withLock { state -> Bool in
            if state.result != nil { return true }
            state.onFinish = action
            return false
        }
        if done { action() }
    }

    func finish(_ result: Result<Value, LintPool.Failure>) {
        let (continuation, action) = state.withLock { state in
            guard state.result == nil else { return (nil, nil) as (CheckedContinuation<Result<Value, LintPool.Failure>, Never>?, (@Sendable () -> Void)?) }
            state.result = result
            defer { (state.continuation, state.onFinish) = (nil, nil) }
            return (state.continuation, state.onFinish)
        }
        continuation?.resume(returning: result)
        action?()
    }
}
