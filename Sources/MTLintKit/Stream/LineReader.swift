import Foundation

/// Where a stream's lines come from: standard input, a file, or bytes in memory (tests, bench).
public enum StreamInput: Sendable, Equatable {
    case standardInput
    case file(String)
    case bytes([UInt8])

    /// How messages name it.
    public var name: String {
        switch self {
        case .standardInput: "<stdin>"
        case .file(let path): path
        case .bytes: "<memory>"
        }
    }
}

/// Reads lines (ended by "\n", or by the end of the input) in chunks, holding at most
/// `limit` bytes of one line: the rest of a longer line is read and dropped, so that a
/// 100 MB line costs a chunk of memory, not 100 MB.
struct LineReader {
    enum Line: Equatable {
        /// The line's bytes, without its "\n".
        case line([UInt8])
        /// A line longer than the limit; `length` is how long it was (bytes, without its "\n").
        case tooLong(length: Int)
    }

    private let source: ChunkSource
    let limit: Int
    private var chunk: [UInt8] = []
    private var position = 0
    private var current: [UInt8] = []
    /// Bytes of an over-long line read so far (nil when the current line fits).
    private var discarded: Int?
    private var ended = false
    private var started = false

    init(_ source: ChunkSource, limit: Int) {
        self.source = source
        self.limit = max(0, limit)
    }

    /// Opens an input; the error says why it cannot be read.
    static func open(_ input: StreamInput, limit: Int) -> Result<LineReader, InputError> {
        switch input {
        case .bytes(let bytes): return .success(LineReader(MemoryChunks(bytes), limit: limit))
        case .standardInput:
            if StandardStreams.closedAtLaunch.contains(0) { return .failure(.unreadable(reason: "standard input is closed")) }
            return .success(LineReader(DescriptorChunks(descriptor: 0, owned: false), limit: limit))
        case .file(let path):
            let descriptor = Foundation.open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return .failure(.unreadable(reason: POSIXFile.errorText())) }
            var info = stat()
            if fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
                close(descriptor)
                return .failure(.unreadable(reason: "is a directory"))
            }
            return .success(LineReader(DescriptorChunks(descriptor: descriptor, owned: true), limit: limit))
        }
    }

    /// The next line; nil at the end of the input. An input that ends with "\n" has no empty last line.
    mutating func next() throws(InputError) -> Line? {
        while true {
            if position >= chunk.count {
                if ended { return nil }
                chunk = try source.read()
                position = 0
                // A byte-order mark (Windows editors write one) is not part of the first record.
                if !started && chunk.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
                started = true
                if chunk.isEmpty {
                    ended = true
                    // The last line, without a "\n".
                    if let length = discarded { discarded = nil; return .tooLong(length: length) }
                    if current.isEmpty { return nil }
                    defer { current = [] }
                    return .line(current)
                }
            }
            let end = chunk[position...].firstIndex(of: 0x0A)
            let piece = chunk[position..<(end ?? chunk.count)]
            position = end.map { $0 + 1 } ?? chunk.count
            if let length = discarded {
                discarded = length + piece.count
            } else if current.count + piece.count > limit {
                discarded = current.count + piece.count
                current = []
            } else {
                current.append(contentsOf: piece)
            }
            guard end != nil else { continue }
            if let length = discarded {
                discarded = nil
                return .tooLong(length: length)
            }
            defer { current = [] }
            return .line(current)
        }
    }
}

/// A source of bytes, a chunk at a time; an empty chunk means the end.
protocol ChunkSource {
    func read() throws(InputError) -> [UInt8]
}

final class MemoryChunks: ChunkSource {
    private let bytes: [UInt8]
    private var offset = 0
    static let size = 1 << 16

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read() throws(InputError) -> [UInt8] {
        let end = min(bytes.count, offset + MemoryChunks.size)
        defer { offset = end }
        return Array(bytes[offset..<end])
    }
}

/// read(2) on a descriptor, closed with the reader when it is owned.
final class DescriptorChunks: ChunkSource {
    private let descriptor: Int32
    private let owned: Bool
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    init(descriptor: Int32, owned: Bool) {
        self.descriptor = descriptor
        self.owned = owned
    }

    deinit { if owned { close(descriptor) } }

    func read() throws(InputError) -> [UInt8] {
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw .unreadable(reason: POSIXFile.errorText()) }
            return Array(buffer[0..<count])
        }
    }
}
