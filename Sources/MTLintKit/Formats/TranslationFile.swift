/// What a translation-file reader extracts: the targets as one text (units
/// apart by a blank line, so no sentence is joined across two), the map back
/// to the file, and the units with their sources.
public struct TranslationFile: Sendable {
    /// The decoded target text of every translated unit.
    public var text: [UInt8] = []
    /// Ranges of `text` that are not prose (placeholders, inline codes): hidden from the rules.
    public var codes: [Range<Int>] = []
    public var map = OffsetMap()
    public var escaping: TextEscaping
    public var units: [TranslationUnit] = []
    /// The languages the file declares (BCP 47), when it does.
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// The source language the format assumes when the file does not say and its sources do not
    /// show another clearly: English for PO, whose msgids are English by gettext's convention.
    public var conventionalSourceLanguage: String?
    /// Units left out: not translated yet, or marked fuzzy / needing review.
    public var skippedUnits = 0

    public init(escaping: TextEscaping) { self.escaping = escaping }

    /// Starts a unit's target: a blank line after the previous one.
    mutating func beginTarget(fileOffset: Int) {
        guard !text.isEmpty else { return }
        map.separator(textStart: text.count, textLength: 2, fileOffset: fileOffset)
        text += [0x0A, 0x0A]
    }

    /// Copies file bytes into the target text; read-only ones are never edited by a fix.
    mutating func appendVerbatim(_ bytes: ArraySlice<UInt8>, readOnly: Bool = false) {
        appendVerbatim(bytes, at: bytes.startIndex, readOnly: readOnly)
    }

    /// Adds bytes the file holds verbatim at `fileStart` (copied out of it earlier).
    mutating func appendVerbatim(_ bytes: ArraySlice<UInt8>, at fileStart: Int, readOnly: Bool = false) {
        map.verbatim(textStart: text.count, fileStart: fileStart, length: bytes.count, readOnly: readOnly)
        text += bytes
    }

    /// Adds what one escape in the file decodes to.
    mutating func appendEscape(_ decoded: String, file: Range<Int>) {
        let bytes = Array(decoded.utf8)
        map.escape(textStart: text.count, textLength: bytes.count, fileStart: file.lowerBound, fileLength: file.count)
        text += bytes
    }
}

/// One translation unit: its id, its source text and the range of its target in the extracted text.
public struct TranslationUnit: Sendable, Equatable {
    public var id: String
    public var source: String
    public var target: Range<Int>
    /// Inline codes and placeholders, as written, in order (for markup checks).
    public var sourceCodes: [String] = []
    public var targetCodes: [String] = []
    /// Format flags such as PO's `c-format` or `python-format`.
    public var flags: Set<String> = []

    public init(id: String, source: String, target: Range<Int>) {
        self.id = id
        self.source = source
        self.target = target
    }
}

/// How replacement text is written back into a file.
public enum TextEscaping: Sendable {
    case none, xml, po
    /// HTML text and double-quoted attribute values (single-quoted and unquoted values are never edited).
    case html

    public func escape(_ text: String) -> String {
        switch self {
        case .none: return text
        case .xml: return XML.escape(text, contentOnly: true)
        case .html:
            var result = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"": result += "&quot;"
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result
        case .po:
            var result = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": result += "\\\\"
                case "\"": result += "\\\""
                case "\n": result += "\\n"
                case "\t": result += "\\t"
                case "\r": result += "\\r"
                default: result.unicodeScalars.append(scalar)
                }
            }
            return result
        }
    }
}
