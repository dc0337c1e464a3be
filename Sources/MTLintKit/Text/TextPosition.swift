/// A 1-based line and column; columns count Unicode scalars (a BOM is not counted).
public struct TextPosition: Sendable, Equatable, Comparable {
    public var line: Int
    public var column: Int

    public static func < (a: TextPosition, b: TextPosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

public enum PositionResolver {
    /// Converts byte offsets to positions in one forward pass over the bytes,
    /// so that many findings on one huge line cost no more than the line.
    public static func positions(of offsets: [Int], in bytes: [UInt8], bomLength: Int = 0) -> [TextPosition] {
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = [TextPosition](repeating: TextPosition(line: 1, column: 1), count: offsets.count)
        var cursor = Cursor(bomLength: bomLength)
        bytes.withUnsafeBufferPointer { buffer in
            for index in order {
                cursor.advance(to: offsets[index], in: buffer, at: 0)
                result[index] = cursor.position
            }
        }
        return result
    }

    /// Counts lines and columns forward through a file's bytes, which may come in pieces
    /// (a file linted in batches is read back in chunks).
    struct Cursor {
        /// The offset counted up to, and its position.
        private(set) var offset: Int
        private(set) var position = TextPosition(line: 1, column: 1)

        /// A byte order mark is not counted.
        init(bomLength: Int) { offset = bomLength }

        /// Moves forward to `target` over `bytes`, which hold the file from offset `base` on,
        /// the cursor's offset included; it stops at their end. A target behind it moves nothing.
        mutating func advance(to target: Int, in bytes: UnsafeBufferPointer<UInt8>, at base: Int) {
            let stop = min(target, base + bytes.count)
            guard offset >= base, offset < stop else { return }
            var line = position.line, column = position.column
            for index in (offset - base)..<(stop - base) {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
            }
            offset = stop
            position = TextPosition(line: line, column: column)
        }
    }

    /// The byte range of the line that contains `offset`, without its line break.
    public static func lineRange(containing offset: Int, in bytes: [UInt8]) -> Range<Int> {
        var start = min(offset, bytes.count)
        while start > 0 && bytes[start - 1] != 0x0A { start -= 1 }
        var end = min(offset, bytes.count)
        while end < bytes.count && bytes[end] != 0x0A { end += 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }
}
