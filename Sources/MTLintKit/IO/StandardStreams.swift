import Foundation

/// The process's standard input, output and error, read and written with
/// POSIX calls so that a closed stream or a full disk is an error to report,
/// never a crash (Foundation's FileHandle traps on both).
public enum StandardStreams {
    /// The standard descriptors (0, 1, 2) that were closed when the process
    /// started. Each is then held open on /dev/null, so that no file mtlint
    /// opens later can take its number and receive the report by mistake.
    /// Read it first thing in `main`.
    public static let closedAtLaunch: Set<Int32> = {
        var closed: Set<Int32> = []
        for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            closed.insert(descriptor)
            // open() returns the lowest free number: this one, since those below are open.
            _ = open("/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY)
        }
        return closed
    }()

    /// Writes all of `bytes` to a standard descriptor; throws the reason on failure.
    public static func write(_ bytes: some Collection<UInt8>, to descriptor: Int32) throws(InputError) {
        if closedAtLaunch.contains(descriptor) { throw .unwritable(reason: "\(name(descriptor)) is closed") }
        try POSIXFile.writeAll(Array(bytes), to: descriptor)
    }

    /// Standard input, at most `InputReader.maxBytes` of it.
    public static func readInput() -> Result<[UInt8], InputError> {
        if closedAtLaunch.contains(0) { return .failure(.unreadable(reason: "standard input is closed")) }
        return POSIXFile.readAll(from: 0, limit: InputReader.maxBytes)
    }

    static func name(_ descriptor: Int32) -> String {
        ["standard input", "standard output", "standard error"][Int(descriptor)]
    }
}
