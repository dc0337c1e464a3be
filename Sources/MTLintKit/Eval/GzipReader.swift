import ICUShim

/// Reads a whole file, decompressing it when it is gzip (zlib reads plain files as they are).
public enum GzipReader {
    public static func readAll(path: String) throws(InputError) -> [UInt8] {
        guard let file = mtl_gzip_open(path) else { throw .unreadable(reason: "cannot open") }
        defer { mtl_gzip_close(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBufferPointer { mtl_gzip_read(file, $0.baseAddress, Int32($0.count)) }
            if count < 0 { throw .unreadable(reason: "corrupt gzip data") }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<Int(count)])
        }
        return bytes
    }
}
