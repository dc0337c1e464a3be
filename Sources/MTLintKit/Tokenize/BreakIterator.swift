import ICUShim
import Synchronization

/// One ICU break iterator (word or sentence) for one locale. Not thread-safe:
/// each document analysis checks one out of `BreakIteratorPool`.
final class BreakIterator {
    enum Kind: Int32, Sendable { case word = 0, sentence = 1 }

    private let handle: OpaquePointer

    init(kind: Kind, locale: String) throws(ICUError) {
        var error: Int32 = 0
        guard let handle = mtl_breaker_open(kind.rawValue, locale, &error) else {
            throw ICUError(operation: "ubrk_open(\(locale))", code: error)
        }
        self.handle = handle
    }

    private init(handle: OpaquePointer) { self.handle = handle }

    func clone() throws(ICUError) -> BreakIterator {
        var error: Int32 = 0
        guard let copy = mtl_breaker_clone(handle, &error) else {
            throw ICUError(operation: "ubrk_clone", code: error)
        }
        return BreakIterator(handle: copy)
    }

    deinit { mtl_breaker_close(handle) }

    /// Counts the boundaries of `bytes` with nothing done per boundary (the speed baseline).
    func countBoundaries(in bytes: UnsafeBufferPointer<UInt8>) throws(ICUError) -> Int {
        var error: Int32 = 0
        guard mtl_breaker_set_text(handle, bytes.baseAddress, Int64(bytes.count), &error) else {
            throw ICUError(operation: "ubrk_setUText", code: error)
        }
        return Int(mtl_breaker_count(handle))
    }

    /// Calls `body` with each segment end and the ICU rule status of the segment.
    /// `bytes` must stay alive and unchanged during the call (it is read in place).
    /// Inlined so that the tokenizer's per-token closure is too: it runs once per word.
    @inline(__always)
    func forEachBoundary(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int32) -> Void) throws(ICUError) {
        var error: Int32 = 0
        guard mtl_breaker_set_text(handle, bytes.baseAddress, Int64(bytes.count), &error) else {
            throw ICUError(operation: "ubrk_setUText", code: error)
        }
        let capacity: Int32 = 1024
        var boundaries = [Int32](repeating: 0, count: Int(capacity))
        var statuses = [Int32](repeating: 0, count: Int(capacity))
        while true {
            let count = boundaries.withUnsafeMutableBufferPointer { b in
                statuses.withUnsafeMutableBufferPointer { s in
                    mtl_breaker_next_batch(handle, b.baseAddress, s.baseAddress, capacity)
                }
            }
            if count == 0 { break }
            for index in 0..<Int(count) {
                body(Int(boundaries[index]), statuses[index])
            }
        }
    }
}

public struct ICUError: Error, Sendable, CustomStringConvertible {
    public let operation: String
    public let code: Int32
    public var description: String { "ICU \(operation) failed with error \(code)" }
}

/// Shares one prototype iterator per (kind, locale) and hands out clones, so
/// that opening costs ~5 µs once and each worker gets its own ~0.3 µs copy.
final class BreakIteratorPool: Sendable {
    static let shared = BreakIteratorPool()

    private struct Key: Hashable { let kind: BreakIterator.Kind; let locale: String }
    private struct State {
        var prototypes: [Key: BreakIterator] = [:]
        var idle: [Key: [BreakIterator]] = [:]
    }
    // BreakIterator is only touched under the lock or by the one borrower.
    private let state = Mutex<State>(State())

    func withIterator<T>(_ kind: BreakIterator.Kind, locale: String, _ body: (BreakIterator) throws -> T) throws -> T {
        let key = Key(kind: kind, locale: locale)
        let iterator: BreakIterator = try state.withLock { state in
            if var idle = state.idle[key], let reused = idle.popLast() {
                state.idle[key] = idle
                return UnsafeTransfer(reused)
            }
            if state.prototypes[key] == nil {
                state.prototypes[key] = try BreakIterator(kind: kind, locale: locale)
            }
            return UnsafeTransfer(try state.prototypes[key]!.clone())
        }.value
        defer {
            let returned = UnsafeTransfer(iterator)
            state.withLock { state in state.idle[key, default: []].append(returned.value) }
        }
        return try body(iterator)
    }
}

/// Moves a non-Sendable value across the pool's lock; the pool guarantees one owner at a time.
struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
