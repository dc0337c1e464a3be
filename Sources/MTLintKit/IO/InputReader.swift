import Foundation

/// Reads inputs as bytes and checks them (UTF-8, not binary, not too large).
public enum InputReader {
    /// The largest input mtlint reads (ICU indexes text with 32-bit offsets,
    /// and a document is held in memory several times over while it is linted).
    public static let maxBytes = 1 << 30

    public static func read(path: String) -> Result<SourceText, InputError> {
        // open() follows links; O_NONBLOCK keeps a FIFO without a writer from hanging the open.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(.unreadable(reason: POSIXFile.errorText())) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.unreadable(reason: POSIXFile.errorText())) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            return .failure(.unreadable(reason: "is a directory"))
        case S_IFREG:
            // The size is known: refuse before reading a byte.
            if Int(info.st_size) > maxBytes { return .failure(.tooLarge(bytes: Int(info.st_size), limit: maxBytes)) }
        default:
            // A pipe, FIFO or device streams: read it blocking, with the same bound.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        }
        return POSIXFile.readAll(from: descriptor, limit: maxBytes, sizeHint: Int(info.st_size)).flatMap(decode)
    }

    public static func readStandardInput() -> Result<SourceText, InputError> {
        StandardStreams.readInput().flatMap(decode)
    }

    static func decode(_ bytes: [UInt8]) -> Result<SourceText, InputError> {
        Result { () throws(InputError) in try SourceText(bytes: bytes) }
    }
}
