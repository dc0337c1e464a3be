/// Bytes of a file addressed by file offset, for what a report shows around a
/// finding (the text reporter's line, a baseline's fingerprint): the whole file
/// when it is held in memory, or the few hundred bytes around one finding of a
/// file linted in batches.
public struct FileExcerpt: Sendable {
    let bytes: [UInt8]
    /// The file offset of `bytes[0]`.
    let offset: Int
    let fileLength: Int
    let bomLength: Int

    public init(_ source: SourceText) {
        self.init(bytes: source.bytes, offset: 0, fileLength: source.bytes.count, bomLength: source.bomLength)
    }

    init(bytes: [UInt8], offset: Int, fileLength: Int, bomLength: Int) {
        self.bytes = bytes
        self.offset = offset
        self.fileLength = fileLength
        self.bomLength = bomLength
    }

    subscript(position: Int) -> UInt8 { bytes[position - offset] }

    subscript(range: Range<Int>) -> ArraySlice<UInt8> { bytes[(range.lowerBound - offset)..<(range.upperBound - offset)] }

    /// The text of a byte range (clamped to whole scalars by decoding).
    func text(_ range: Range<Int>) -> String { String(decoding: self[range], as: UTF8.self) }

    /// The bytes a report may read around a finding: the text reporter's window before and
    /// after its start (and one byte more on each side, which tells whether the line was cut),
    /// and the baseline's context after its end.
    static func span(of finding: Finding, fileLength: Int) -> Range<Int> {
        let window = TextReporter.window + 1
        let lower = max(0, min(finding.start - window, finding.start - Baseline.contextBytes))
        let upper = min(fileLength, max(finding.start + window, finding.end + Baseline.contextBytes))
        return lower..<max(lower, upper)
    }
}

/// The text of a file linted in batches, which stays on disk: the line and column
/// of each finding's ends, found in one pass over the file once its findings are
/// known, and the bytes around a finding, read back when a report shows them (so
/// a report that shows none, such as JSON, holds no text at all).
public struct SourceOnDisk: Sendable {
    let path: String
    let fileLength: Int
    let bomLength: Int
    /// The offsets findings start and end at, in order, and their positions.
    let offsets: [Int]
    let positions: [TextPosition]

    public func position(of offset: Int) -> TextPosition {
        var low = 0, high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low < offsets.count && offsets[low] == offset ? positions[low] : TextPosition(line: 1, column: 1)
    }

    /// The bytes around `finding`, read from the file; nil when it can no longer be read.
    public func excerpt(around finding: Finding) -> FileExcerpt? {
        let span = FileExcerpt.span(of: finding, fileLength: fileLength)
        guard let bytes = POSIXFile.read(span, of: path), bytes.count == span.count else { return nil }
        return FileExcerpt(bytes: bytes, offset: span.lowerBound, fileLength: fileLength, bomLength: bomLength)
    }

    /// Reads the file at `path` once for the positions of `findings`.
    static func locating(_ findings: [Finding], in path: String) throws(InputError) -> SourceOnDisk {
        let offsets = Set(findings.flatMap { [$0.start, $0.end] }).sorted()
        var positions: [TextPosition] = []
        positions.reserveCapacity(offsets.count)
        var cursor = PositionResolver.Cursor(bomLength: 0)
        var bomLength = 0
        var length = 0
        try POSIXFile.forEachChunk(of: path) { chunk, base in
            let chunkEnd = base + chunk.count
            if base == 0 {
                bomLength = chunk.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
                cursor = PositionResolver.Cursor(bomLength: bomLength)
            }
            chunk.withUnsafeBufferPointer { buffer in
                while positions.count < offsets.count && offsets[positions.count] < chunkEnd {
                    cursor.advance(to: offsets[positions.count], in: buffer, at: base)
                    positions.append(cursor.position)
                }
                cursor.advance(to: chunkEnd, in: buffer, at: base)
            }
            length = chunkEnd
        }
        // Offsets at the end of the file (a finding that ends there).
        while positions.count < offsets.count { positions.append(cursor.position) }
        return SourceOnDisk(path: path, fileLength: length, bomLength: bomLength, offsets: offsets, positions: positions)
    }
}
