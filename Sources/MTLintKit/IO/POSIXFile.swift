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
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return .failure(.unreadable(reason: errorText())) }
            if count == 0 { return .success(bytes) }
            let before = bytes.count
            bytes.append(contentsOf: chunk[0..<count])
            if before < SourceText.binaryProbeLength, let nul = bytes.prefix(SourceText.binaryProbeLength).firstIndex(of: 0) {
                return .failure(.binary(offset: nul))
            }
            if bytes.count > limit { return .failure(.tooLarge(bytes: nil, limit: limit)) }
        }
    }
}
