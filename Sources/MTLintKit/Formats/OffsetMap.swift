/// Maps offsets in text extracted from a file (the targets of a translation
/// file, decoded) back to the file's bytes, so that findings and fixes point
/// into the file as it is.
///
/// The extracted text is a sequence of pieces. A verbatim piece is bytes copied
/// from the file; an escape piece is what one escape decodes to (`&amp;` → `&`,
/// `\n` → a line break); a separator piece (between two units) has no bytes in
/// the file. File bytes between pieces (tags, PO quotes) belong to no piece.
/// A read-only piece maps like the others but is never edited: an unquoted or
/// single-quoted HTML attribute value, which a fix's space or quote could end
/// early, or inline HTML code kept, hidden, in the text.
public struct OffsetMap: Sendable, Equatable {
    public struct Piece: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case verbatim, escape, separator }
        public var kind: Kind
        public var textStart: Int
        public var textLength: Int
        public var fileStart: Int
        public var fileLength: Int
        public var isReadOnly = false
        var textEnd: Int { textStart + textLength }
        var fileEnd: Int { fileStart + fileLength }
    }

    /// In text order, contiguous in the text. Empty for the identity map.
    public private(set) var pieces: [Piece] = []
    public let isIdentity: Bool

    public static let identity = OffsetMap(isIdentity: true)

    private init(isIdentity: Bool) { self.isIdentity = isIdentity }

    public init() { isIdentity = false }

    /// Appends `length` bytes copied from the file at `fileStart`, merging with the previous verbatim piece.
    public mutating func verbatim(textStart: Int, fileStart: Int, length: Int, readOnly: Bool = false) {
        guard length > 0 else { return }
        if !readOnly, var last = pieces.last, last.kind == .verbatim, !last.isReadOnly, last.textEnd == textStart, last.fileEnd == fileStart {
            last.textLength += length
            last.fileLength += length
            pieces[pieces.count - 1] = last
        } else {
            pieces.append(Piece(kind: .verbatim, textStart: textStart, textLength: length, fileStart: fileStart, fileLength: length,
                                isReadOnly: readOnly))
        }
    }

    public mutating func escape(textStart: Int, textLength: Int, fileStart: Int, fileLength: Int) {
        pieces.append(Piece(kind: .escape, textStart: textStart, textLength: textLength, fileStart: fileStart, fileLength: fileLength))
    }

    /// Marks the pieces from `textStart` on as read-only.
    public mutating func markReadOnly(from textStart: Int) {
        var index = pieces.count - 1
        while index >= 0 && pieces[index].textStart >= textStart {
            pieces[index].isReadOnly = true
            index -= 1
        }
    }

    /// Text between units (a paragraph break) that the file does not have; `fileOffset` is where it would sit.
    public mutating func separator(textStart: Int, textLength: Int, fileOffset: Int) {
        pieces.append(Piece(kind: .separator, textStart: textStart, textLength: textLength, fileStart: fileOffset, fileLength: 0))
    }

    /// The file range of a text range, or nil when it spans two units.
    /// `editable` is true when the file bytes in between are only the text's
    /// own (no tag, quote or escape cut in two), so an edit may replace them.
    public func fileRange(_ range: Range<Int>) -> (range: Range<Int>, editable: Bool)? {
        if isIdentity { return (range, true) }
        guard !pieces.isEmpty else { return nil }
        let first = pieceIndex(containing: range.lowerBound)
        let last = range.isEmpty ? first : pieceIndex(containing: range.upperBound - 1)
        var editable = true
        for index in first...last {
            let piece = pieces[index]
            if piece.kind == .separator { return nil }
            if piece.isReadOnly { editable = false }
            if index > first && pieces[index - 1].fileEnd != piece.fileStart { editable = false }
        }
        let start = fileOffset(range.lowerBound, in: pieces[first], atEnd: false)
        let end = range.isEmpty ? start : fileOffset(range.upperBound, in: pieces[last], atEnd: true)
        // An escape is replaced whole or not at all.
        if pieces[first].kind == .escape && range.lowerBound != pieces[first].textStart { editable = false }
        if pieces[last].kind == .escape && range.upperBound != pieces[last].textEnd && !range.isEmpty { editable = false }
        return (start..<max(start, end), editable)
    }

    private func fileOffset(_ offset: Int, in piece: Piece, atEnd: Bool) -> Int {
        switch piece.kind {
        case .verbatim: return piece.fileStart + (offset - piece.textStart)
        case .escape, .separator:
            if offset <= piece.textStart { return piece.fileStart }
            if offset >= piece.textEnd { return piece.fileEnd }
            return atEnd ? piece.fileEnd : piece.fileStart
        }
    }

    /// The piece whose text holds `offset` (the last piece for the end of the text).
    private func pieceIndex(containing offset: Int) -> Int {
        var low = 0, high = pieces.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if pieces[middle].textStart <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }
}
