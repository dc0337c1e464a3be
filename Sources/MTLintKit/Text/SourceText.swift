/// The bytes of one input exactly as read, checked to be UTF-8 text.
/// Every offset in mtlint is a UTF-8 byte offset into `bytes` (a BOM counts).
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// 3 when the input starts with a UTF-8 byte order mark, else 0.
    public let bomLength: Int
    /// "\r\n" when the first line break is CRLF, else "\n"; the fixer keeps it.
    public let lineEnding: String

    /// Checks that `bytes` are UTF-8 text; throws with the offset of the first bad byte.
    public init(bytes: [UInt8]) throws(InputError) {
        // Both searches with memchr: every input passes here.
        let (nul, newline) = bytes.withUnsafeBufferPointer { buffer in
            (ByteScan.next(0, UnsafeBufferPointer(rebasing: buffer.prefix(SourceText.binaryProbeLength)), from: 0), ByteScan.next(0x0A, buffer, from: 0))
        }
        if nul < min(bytes.count, SourceText.binaryProbeLength) {
            throw .binary(offset: nul)
        }
        if let bad = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw .invalidUTF8(offset: bad, byte: bytes[bad])
        }
        self.bytes = bytes
        self.bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if newline < bytes.count, newline > 0, bytes[newline - 1] == 0x0D {
            lineEnding = "\r\n"
        } else {
            lineEnding = "\n"
        }
    }

    public init(_ string: String) {
        // A Swift String is always valid UTF-8; only a NUL would make it "binary".
        bytes = Array(string.utf8)
        bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        lineEnding = string.contains("\r\n") ? "\r\n" : "\n"
    }

    /// A NUL byte this early means a binary file, not text.
    static let binaryProbeLength = 8192

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The text of a byte range (clamped to whole scalars by decoding).
    public func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

/// Why an input could not be linted. Each maps to exit code 2.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(reason: String)
    /// Writing failed (a fixed file, a report, a baseline); the reason says what was kept.
    case unwritable(reason: String)
    /// A folder named on the command line held nothing to lint.
    case noInput(reason: String)
    /// A translation file that does not parse, with where.
    case malformed(FormatError)
    case binary(offset: Int)
    case invalidUTF8(offset: Int, byte: UInt8)
    /// `bytes` is nil for a stream, whose size is only known to be over the limit.
    case tooLarge(bytes: Int?, limit: Int)

    /// The description without its "cannot read:"/"cannot write:" lead.
    public var reason: String {
        switch self {
        case .unreadable(let reason), .unwritable(let reason), .noInput(let reason): return reason
        default: return description
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let reason): return "cannot read: \(reason)"
        case .unwritable(let reason): return "cannot write: \(reason)"
        case .noInput(let reason): return "nothing to lint: \(reason)"
        case .malformed(let error): return "malformed at \(error.line):\(error.column): \(error.message)"
        case .binary(let offset): return "binary file (NUL byte at offset \(offset)); only UTF-8 text can be linted"
        case .invalidUTF8(let offset, let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return "invalid UTF-8 at byte offset \(offset) (byte 0x\(hex.count == 1 ? "0" + hex : hex)); convert the file to UTF-8"
        case .tooLarge(let bytes, let limit):
            let size = bytes.map { "\($0) bytes" } ?? "more than \(limit) bytes read"
            return "too large to lint (\(size); the limit is \(limit) bytes, \(limit >> 20) MiB)"
        }
    }
}

enum UTF8Validation {
    /// The offset of the first byte that starts an invalid or truncated UTF-8 sequence.
    static func firstInvalidOffset(in bytes: [UInt8]) -> Int? {
        firstInvalidOffset(in: bytes[...])
    }

    /// The same in a slice (a chunk of a file read in pieces), as an index of the slice.
    static func firstInvalidOffset(in bytes: ArraySlice<UInt8>) -> Int? {
        let first = bytes.withUnsafeBufferPointer { buffer -> Int? in
            let count = buffer.count
            var index = 0
            while index < count {
                let lead = buffer[index]
                if lead < 0x80 {
                    // ASCII eight bytes at a time.
                    index = ByteScan.skipASCIIWords(buffer, from: index + 1)
                    continue
                }
                let length: Int
                var minimum: UInt32
                var scalar: UInt32
                switch lead {
                case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
                case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
                case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
                default: return index
                }
                if index + length > count { return index }
                for next in 1..<length {
                    let byte = buffer[index + next]
                    if byte & 0xC0 != 0x80 { return index }
                    scalar = scalar << 6 | UInt32(byte & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
                index += length
            }
            return nil
        }
        return first.map { bytes.startIndex + $0 }
    }
}
