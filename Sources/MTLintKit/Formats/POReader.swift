import Foundation

/// Reads gettext PO/POT files: each translated `msgstr` (each plural form) is a
/// unit whose source is its `msgid` (or `msgid_plural`). The header, obsolete
/// (`#~`) entries, untranslated ones and, unless asked, `fuzzy` ones are left
/// out; the target language is the header's `Language`.
public enum POReader {
    public static func read(_ bytes: [UInt8], includeFuzzy: Bool = false) throws(FormatError) -> TranslationFile {
        var file = TranslationFile(escaping: .po)
        file.conventionalSourceLanguage = "en"
        for entry in try entries(bytes) {
            if entry.msgid.isEmpty && entry.context == nil {
                file.targetLanguage = headerField("Language", in: entry.msgstrs.first?.value ?? "")
                continue
            }
            for (index, msgstr) in entry.msgstrs.enumerated() {
                guard !msgstr.value.isEmpty, includeFuzzy || !entry.flags.contains("fuzzy") else {
                    file.skippedUnits += 1
                    continue
                }
                file.beginTarget(fileOffset: msgstr.literals.first?.lowerBound ?? 0)
                let start = file.text.count
                for literal in msgstr.literals { appendLiteral(bytes[literal], to: &file) }
                let source = index == 0 ? entry.msgid : (entry.msgidPlural ?? entry.msgid)
                var unit = TranslationUnit(id: (entry.context.map { $0 + "\u{4}" } ?? "") + entry.msgid + (index > 0 ? "[\(index)]" : ""),
                                           source: source, target: start..<file.text.count)
                unit.flags = entry.flags
                let placeholders = Placeholders.ranges(in: Array(file.text[start...]), flags: entry.flags)
                unit.targetCodes = placeholders.map { String(decoding: file.text[(start + $0.lowerBound)..<(start + $0.upperBound)], as: UTF8.self) }
                unit.sourceCodes = Placeholders.strings(in: source, flags: entry.flags)
                file.codes += placeholders.map { (start + $0.lowerBound)..<(start + $0.upperBound) }
                file.units.append(unit)
            }
        }
        return file
    }

    /// One PO string's bytes between its quotes, decoded into the file's text with its escapes mapped.
    static func appendLiteral(_ content: ArraySlice<UInt8>, to file: inout TranslationFile) {
        var index = content.startIndex
        var runStart = index
        while index < content.endIndex {
            guard content[index] == UInt8(ascii: "\\"), index + 1 < content.endIndex else { index += 1; continue }
            file.appendVerbatim(content[runStart..<index])
            let (decoded, length) = decodeEscape(content, at: index)
            file.appendEscape(decoded, file: index..<(index + length))
            index += length
            runStart = index
        }
        file.appendVerbatim(content[runStart..<index])
    }

    /// The text of a backslash escape and how many bytes it takes.
    static func decodeEscape(_ bytes: ArraySlice<UInt8>, at index: Int) -> (String, Int) {
        let next = bytes[index + 1]
        switch next {
        case UInt8(ascii: "n"): return ("\n", 2)
        case UInt8(ascii: "t"): return ("\t", 2)
        case UInt8(ascii: "r"): return ("\r", 2)
        case UInt8(ascii: "a"): return ("\u{7}", 2)
        case UInt8(ascii: "b"): return ("\u{8}", 2)
        case UInt8(ascii: "f"): return ("\u{C}", 2)
        case UInt8(ascii: "v"): return ("\u{B}", 2)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            var value: UInt32 = 0, length = 1
            while length <= 3, index + length < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[index + length]) {
                value = value * 8 + UInt32(bytes[index + length] - UInt8(ascii: "0"))
                length += 1
            }
            return (String(Unicode.Scalar(value).map(Character.init) ?? "\u{FFFD}"), length)
        default: return (String(decoding: [next], as: UTF8.self), 2)  // \" \\ and anything else stands for itself
        }
    }

    // MARK: Entries

    struct Entry {
        var context: String?
        var msgid = ""
        var msgidPlural: String?
        /// Each msgstr (msgstr[N] in order): its decoded value and the byte ranges of its literals' contents.
        var msgstrs: [(value: String, literals: [Range<Int>])] = []
        var flags: Set<String> = []
    }

    /// The entries of a PO file; throws with the line and column of the first syntax error.
    static func entries(_ bytes: [UInt8]) throws(FormatError) -> [Entry] {
        var entries: [Entry] = []
        var entry = Entry()
        var started = false
        // The keyword whose strings the continuation lines extend.
        var current: String?
        var lineStart = 0
        var lineNumber = 0
        func finish() {
            if started { entries.append(entry) }
            entry = Entry()
            started = false
            current = nil
        }
        while lineStart < bytes.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            var start = lineStart
            while start < contentEnd && (bytes[start] == 0x20 || bytes[start] == 0x09) { start += 1 }
            defer { lineStart = lineEnd + 1 }
            if start == contentEnd { finish(); continue }
            if bytes[start] == UInt8(ascii: "#") {
                // A comment after the strings of an entry starts the next entry.
                if current != nil && started && entry.msgstrs.count > 0 { finish() }
                if start + 1 < contentEnd && bytes[start + 1] == UInt8(ascii: ",") {
                    let words = String(decoding: bytes[(start + 2)..<contentEnd], as: UTF8.self).split(separator: ",")
                    entry.flags.formUnion(words.map { $0.trimmingCharacters(in: .whitespaces) })
                }
                continue
            }
            let column = start - lineStart + 1
            if bytes[start] == UInt8(ascii: "\"") {
                guard let keyword = current else { throw FormatError(line: lineNumber, column: column, message: "a string outside any msgid or msgstr") }
                let literal = try stringLiteral(bytes, from: start, end: contentEnd, line: lineNumber, lineStart: lineStart)
                add(literal, to: &entry, keyword: keyword, bytes: bytes)
                continue
            }
            var keywordEnd = start
            while keywordEnd < contentEnd && bytes[keywordEnd] != 0x20 && bytes[keywordEnd] != 0x09 { keywordEnd += 1 }
            let keyword = String(decoding: bytes[start..<keywordEnd], as: UTF8.self)
            let isMsgstr = keyword == "msgstr" || (keyword.hasPrefix("msgstr[") && keyword.hasSuffix("]"))
            guard ["msgctxt", "msgid", "msgid_plural"].contains(keyword) || isMsgstr else {
                throw FormatError(line: lineNumber, column: column, message: "unknown keyword '\(keyword)' (msgctxt, msgid, msgid_plural, msgstr)")
            }
            // A msgctxt or msgid after a msgstr begins the next entry.
            if (keyword == "msgctxt" || keyword == "msgid") && !entry.msgstrs.isEmpty { finish() }
            var quote = keywordEnd
            while quote < contentEnd && (bytes[quote] == 0x20 || bytes[quote] == 0x09) { quote += 1 }
            guard quote < contentEnd, bytes[quote] == UInt8(ascii: "\"") else {
                throw FormatError(line: lineNumber, column: quote - lineStart + 1, message: "\(keyword) needs a quoted string")
            }
            started = true
            current = isMsgstr ? "msgstr" : keyword
            if isMsgstr { entry.msgstrs.append(("", [])) }
            let literal = try stringLiteral(bytes, from: quote, end: contentEnd, line: lineNumber, lineStart: lineStart)
            add(literal, to: &entry, keyword: current!, bytes: bytes)
        }
        finish()
        return entries
    }

    private static func add(_ literal: Range<Int>, to entry: inout Entry, keyword: String, bytes: [UInt8]) {
        var scratch = TranslationFile(escaping: .po)
        appendLiteral(bytes[literal], to: &scratch)
        let value = String(decoding: scratch.text, as: UTF8.self)
        switch keyword {
        case "msgctxt": entry.context = (entry.context ?? "") + value
        case "msgid": entry.msgid += value
        case "msgid_plural": entry.msgidPlural = (entry.msgidPlural ?? "") + value
        default:
            entry.msgstrs[entry.msgstrs.count - 1].value += value
            entry.msgstrs[entry.msgstrs.count - 1].literals.append(literal)
        }
    }

    /// The content range of the string literal that opens at `from` (a quote), which must end the line.
    private static func stringLiteral(_ bytes: [UInt8], from: Int, end: Int, line: Int, lineStart: Int) throws(FormatError) -> Range<Int> {
        var index = from + 1
        while index < end {
            if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
            if bytes[index] == UInt8(ascii: "\"") {
                var after = index + 1
                while after < end && (bytes[after] == 0x20 || bytes[after] == 0x09) { after += 1 }
                guard after == end else { throw FormatError(line: line, column: after - lineStart + 1, message: "text after the closing quote") }
                return (from + 1)..<index
            }
            index += 1
        }
        throw FormatError(line: line, column: from - lineStart + 1, message: "a string without its closing quote")
    }

    /// A field of the header entry ("Language: fr\n"), its value trimmed.
    static func headerField(_ name: String, in header: String) -> String? {
        for line in header.split(separator: "\n") where line.hasPrefix(name + ":") {
            let value = line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value.replacingOccurrences(of: "_", with: "-")
        }
        return nil
    }
}

/// A syntax error in an input file, with its 1-based line and column.
public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(line):\(column): \(message)" }
}
