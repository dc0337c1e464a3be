import Foundation

/// Loops over read(2) and write(2): short counts and EINTR are not errors.
enum POSIXFile {
    /// The current errno as a lower-case sentence ("no space left on device").
    static func errorText(_ code: Int32 = errno) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(InputError) {
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return count < 0 ? errno : EIO }
                written += count
            }
            return nil
        }
        if let failure { throw .unwritable(reason: errorText(failure)) }
    }

    /// Reads to the end, stopping early at `limit` bytes (too large) or at a
    /// NUL in the first 8 KiB (binary: /dev/zero is not read for gigabytes).
    static func readAll(from descriptor: Int32, limit: Int, sizeHint: Int = 0) -> Result<[UInt8], InputError> {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(limit, max(sizeHint, 0)) + 1)
        // A file of known size up to 1 MB is read with one call, anything else in chunks of up to 1 MB;
        // no buffer is zeroed first (a pair's sources are thousands of small files).
        let chunk = sizeHint > 0 ? min(min(limit, sizeHint) + 1, 1 << 20) : 1 << 16
        while true {
            let before = bytes.count
            let count: Int
            switch read(from: descriptor, appendingTo: &bytes, upTo: chunk) {
            case .failure(let error): return .failure(error)
            case .success(let read): count = read
            }
            if count == 0 { return .success(bytes) }
            if before < SourceText.binaryProbeLength, let nul = bytes.prefix(SourceText.binaryProbeLength).firstIndex(of: 0) {
                return .failure(.binary(offset: nul))
            }
            if bytes.count > limit { return .failure(.tooLarge(bytes: nil, limit: limit)) }
            // A short read that brings a regular file to the size it had when opened is its end: no
            // second call to see it.
            if sizeHint > 0 && count < chunk && bytes.count == sizeHint { return .success(bytes) }
        }
    }

    /// Appends up to `count` bytes read from `descriptor` to `bytes`; the number read, 0 at the end.
    static func read(from descriptor: Int32, appendingTo bytes: inout [UInt8], upTo count: Int) -> Result<Int, InputError> {
        var failure: Int32?
        let chunk = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while true {
                let result = Foundation.read(descriptor, buffer.baseAddress!, count)
                if result < 0 && errno == EINTR { continue }
                if result < 0 { failure = errno }
                initialized = max(result, 0)
                return
            }
        }
        if let failure { return .failure(.unreadable(reason: errorText(failure))) }
        bytes += chunk
        return .success(chunk.count)
    }

    /// Reads the file at `path` from the start in chunks, calling `body` with each and the
    /// offset of its first byte: the passes over a file too large to hold.
    static func forEachChunk(of path: String, size: Int = 1 << 20, _ body: ([UInt8], Int) -> Void) throws(InputError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(reason: errorText()) }
        defer { close(descriptor) }
        var chunk: [UInt8] = []
        var offset = 0
        while true {
            chunk.removeAll(keepingCapacity: true)
            let count = try read(from: descriptor, appendingTo: &chunk, upTo: size).get()
            if count == 0 { return }
            body(chunk, offset)
            offset += count
        }
    }

    /// The bytes of `range` in the file at `path` (fewer at its end); nil when it cannot be read.
    static func read(_ range: Range<Int>, of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done)) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            done += count
        }
        return Array(bytes[..<done])
    }
}
