/// The bytes the XML scanner walks, addressed by file offset: a file already
/// in memory, or a file read from disk in chunks, of which only the bytes not
/// yet released are kept, so that a file linted in batches is never held whole.
///
/// It knows the line and column where its bytes start, so that an error far
/// into a file is located without the bytes before it. A file read in chunks
/// is checked as it is read, like one read whole (`SourceText`): a NUL byte in
/// its first 8 KiB makes it binary, and the bytes end before the first one that
/// is not UTF-8.
struct ByteWindow {
    /// The bytes held, from file offset `start`; those from `end` on are not checked yet.
    private var bytes: [UInt8]
    private(set) var start = 0
    /// The offset after the last byte that may be read: checked, and before any failure.
    private(set) var end: Int
    /// 3 when the file starts with a UTF-8 byte order mark, else 0.
    private(set) var bomLength = 0
    /// Why the bytes end early: a read error, a binary file, or bytes that are not UTF-8.
    private(set) var failure: InputError?
    /// The file read in chunks; nil for bytes in memory.
    private let descriptor: Int32?
    private var atEnd: Bool
    /// Bytes before this offset are dropped at the next read.
    private var keepFrom = 0
    /// The line and column of `start`.
    private var startPosition = PositionResolver.Cursor(bomLength: 0)

    static let chunkSize = 1 << 20

    /// Bytes in memory, already checked (a `SourceText`'s).
    init(bytes: [UInt8]) {
        self.bytes = bytes
        end = bytes.count
        descriptor = nil
        atEnd = true
        setBOM()
    }

    /// A file open for reading; the caller closes it after the last use of the window.
    init(descriptor: Int32) {
        bytes = []
        end = 0
        self.descriptor = descriptor
        atEnd = false
        _ = load(through: 3)
        setBOM()
    }

    private mutating func setBOM() {
        bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        startPosition = PositionResolver.Cursor(bomLength: bomLength)
    }

    @inline(__always)
    subscript(offset: Int) -> UInt8 { bytes[offset - start] }

    subscript(range: Range<Int>) -> ArraySlice<UInt8> { bytes[(range.lowerBound - start)..<(range.upperBound - start)] }

    /// Whether the file has a byte at `offset`, reading on to it if need be.
    @inline(__always)
    mutating func has(_ offset: Int) -> Bool {
        offset < end || load(through: offset)
    }

    /// Lets the bytes before `offset` go: they have been consumed.
    mutating func release(before offset: Int) {
        keepFrom = max(keepFrom, offset)
    }

    /// The line and column of an offset held (an earlier one gets `start`'s).
    func position(of offset: Int) -> TextPosition {
        var cursor = startPosition
        bytes.withUnsafeBufferPointer { cursor.advance(to: min(offset, end), in: $0, at: start) }
        return cursor.position
    }

    /// Reads chunks until `offset` may be read or the bytes end.
    private mutating func load(through offset: Int) -> Bool {
        guard let descriptor else { return false }
        while offset >= end && !atEnd {
            dropReleased()
            let count = bytes.count
            switch POSIXFile.read(from: descriptor, appendingTo: &bytes, upTo: Self.chunkSize) {
            case .failure(let error): stop(error)
            case .success(let read): atEnd = read == 0
            }
            if start == 0 && count < SourceText.binaryProbeLength,
               let nul = bytes.prefix(SourceText.binaryProbeLength).firstIndex(of: 0) {
                stop(.binary(offset: nul))
            }
            if failure == nil { check() }
        }
        return offset < end
    }

    private mutating func dropReleased() {
        let count = min(keepFrom, end) - start
        guard count > 0 else { return }
        bytes.withUnsafeBufferPointer { startPosition.advance(to: start + count, in: $0, at: start) }
        bytes.removeFirst(count)
        start += count
    }

    /// Checks the bytes read since the last check, up to the last whole scalar (the rest may
    /// go on in the next chunk); the bytes end at the first one that is not UTF-8.
    private mutating func check() {
        var checkedEnd = start + bytes.count
        if !atEnd {
            // The last scalar, from its lead byte, waits for the next chunk.
            while checkedEnd > end && start + bytes.count - checkedEnd < 3 && bytes[checkedEnd - 1 - start] & 0xC0 == 0x80 { checkedEnd -= 1 }
            if checkedEnd > end { checkedEnd -= 1 }
        }
        guard checkedEnd > end else { return }
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes[(end - start)..<(checkedEnd - start)]) {
            stop(.invalidUTF8(offset: start + bad, byte: bytes[bad]))
            end = start + bad
        } else {
            end = checkedEnd
        }
    }

    private mutating func stop(_ error: InputError) {
        if failure == nil { failure = error }
        atEnd = true
    }
}
