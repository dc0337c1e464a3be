import ICUShim

/// Spans of plain text that are code by their shape, not prose: technical text (man pages,
/// help texts, READMEs) mixes them into its sentences, and the typography rules would read
/// "ps axo pid,tt,user" as commas without spaces. `ProseMask` hides them in every format.
///
/// - an identifier list: three or more items joined by commas (or semicolons) without spaces, each
///   with a letter ("stat,euid,ruid", "source,any,all"); a keyword list, three or more words of any
///   script joined by semicolons ("app;paquet;outil", "приложение;пакет;программа");
///   numbers ("1,200,000") are left to the rules; two items only on a short command line, both
///   ASCII words in one case ("ps axk comm o comm,args", "RD,RS");
/// - a namespaced identifier: a colon between an ASCII identifier and a word, without
///   spaces ("shlibs:Depends", "status:installed"); clock times and ratios start with a digit;
/// - a header line: `Key: value` alone on its line, the value at most three words and without
///   sentence-final punctuation ("Urgency: medium", "Closes: 123456"), as in control files and
///   mail headers. The whole line is hidden: its value is data, and a hidden key alone would
///   bring the values of consecutive lines together ("Enabled: yes" twice read as "yes yes");
/// - a table's header row: column names apart by runs of spaces ("Type      Adr      Décala.Taille"),
///   three runs at least, without digits or sentence ends; the whole line is hidden;
/// - a table row's key: "us : time in user processes", a short ASCII key, a space and a colon
///   opening two lines in a row or more (top's fields, option tables). Key and colon are hidden.
///
/// A short line around a list or identifier, without a full stop, is a command line
/// ("ps jaxkuid,-ppid,+pid"): it is hidden whole, so that the words around the hidden span
/// are not read as neighbours.
enum CodeShapes {
    static func ranges(_ text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var lineStart = 0
        var index = 0
        // Only ",", ";", ":" and line breaks start a shape: jump from one to the next.
        let starts: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), 0x0A]
        if let row = tableRow(text, lineStart: 0) {
            ranges.append(row)
            index = row.upperBound
        }
        while index < text.count {
            let found = mtl_find_any(text.baseAddress! + index, Int64(text.count - index), starts, 4)
            guard found >= 0 else { break }
            index += Int(found)
            switch text[index] {
            case UInt8(ascii: ","), UInt8(ascii: ";"):
                if let list = keywordList(text, semicolon: index) {
                    ranges.append(list)
                    index = list.upperBound
                    continue
                } else if let token = identifierList(text, separator: index) {
                    ranges.append(codeLine(text, around: token) ?? token)
                    index = token.upperBound
                    continue
                } else if let line = shortListLine(text, comma: index) {
                    ranges.append(line)
                    index = line.upperBound
                    continue
                }
            case UInt8(ascii: ":"):
                if let key = tableKey(text, lineStart: lineStart, colon: index) {
                    ranges.append(key)
                    index = key.upperBound
                    continue
                } else if let line = headerLine(text, lineStart: lineStart, colon: index) {
                    ranges.append(line)
                    index = line.upperBound
                    continue
                } else if let token = namespacedIdentifier(text, colon: index) {
                    ranges.append(codeLine(text, around: token) ?? token)
                    index = token.upperBound
                    continue
                }
            case 0x0A:
                lineStart = index + 1
                if let row = tableRow(text, lineStart: lineStart) {
                    ranges.append(row)
                    index = row.upperBound
                    continue
                }
            default:
                break
            }
            index += 1
        }
        return ranges
    }

    // MARK: Shapes

    /// A table's header row: column names apart by runs of two spaces or more (or a tab), three
    /// runs at least, each cell of six words at most and none ending a sentence before its run
    /// ("[Nr] Nom      Type      Adr      Décala.Taille ES Fan LN Inf Al"). Sentences apart by double
    /// spaces end with their full stops, so they are never one; a row with digits holds data, which
    /// the number checks read, so it is left as it is. The whole line is hidden.
    private static func tableRow(_ text: UnsafeBufferPointer<UInt8>, lineStart: Int) -> Range<Int>? {
        var index = lineStart
        while index < text.count && (text[index] == 0x20 || text[index] == 0x09) { index += 1 }
        var gaps = 0, wordsInCell = 1, spaces = 0, previous: UInt8 = 0
        while index < text.count && text[index] != 0x0A {
            let byte = text[index]
            if byte >= 0x30 && byte <= 0x39 { return nil }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                if spaces == 0 && (previous == 0x2E || previous == 0x21 || previous == 0x3F) && index + 1 < text.count
                    && (text[index + 1] == 0x20 || text[index + 1] == 0x09) { return nil }
                spaces += byte == 0x09 ? 2 : 1
            } else if spaces > 0 {
                if spaces >= 2 { gaps += 1; wordsInCell = 1 } else { wordsInCell += 1 }
                guard wordsInCell <= 6 else { return nil }
                spaces = 0
            }
            previous = byte
            index += 1
        }
        return gaps >= 3 ? lineStart..<index : nil
    }

    private static func identifierList(_ text: UnsafeBufferPointer<UInt8>, separator: Int) -> Range<Int>? {
        guard separator > 0, separator + 1 < text.count, isItemByte(text[separator - 1]), isItemByte(text[separator + 1]) else { return nil }
        let token = self.token(text, around: separator)
        let mark = text[separator]
        var items = 0, hasLetter = false, valid = true
        for byte in text[token] {
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") {
                valid = valid && byte == mark
                valid = valid && hasLetter
                items += 1
                hasLetter = false
            } else if isLetter(byte) {
                hasLetter = true
            } else if !isItemByte(byte) {
                valid = false
            }
        }
        return valid && hasLetter && items >= 2 ? token : nil
    }

    private static func namespacedIdentifier(_ text: UnsafeBufferPointer<UInt8>, colon: Int) -> Range<Int>? {
        guard colon > 0, colon + 1 < text.count, isItemByte(text[colon - 1]), isWordStart(text[colon + 1]) else { return nil }
        var start = colon
        while start > 0 && isItemByte(text[start - 1]) { start -= 1 }
        guard isLetter(text[start]), start == 0 || isBoundary(text[start - 1]) else { return nil }
        return start..<wordEnd(text, from: colon + 1)
    }

    /// Three or more words of any script joined by semicolons without spaces: a keyword list
    /// ("app;application;logiciel", "приложение;пакет;программа"), never a sentence.
    private static func keywordList(_ text: UnsafeBufferPointer<UInt8>, semicolon: Int) -> Range<Int>? {
        guard text[semicolon] == UInt8(ascii: ";"), semicolon > 0, semicolon + 1 < text.count,
              text[semicolon - 1] > 0x20, text[semicolon + 1] > 0x20 else { return nil }
        var start = semicolon, end = semicolon
        while start > 0 && text[start - 1] > 0x20 { start -= 1 }
        while end < text.count && text[end] > 0x20 { end += 1 }
        let items = text[start..<end].split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)
        // Each item a word: letters of any script (bytes above ASCII), ASCII letters and hyphens.
        guard items.count >= 3, items.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0 >= 0x80 || isLetter($0) || $0 == UInt8(ascii: "-") } })
        else { return nil }
        return start..<end
    }

    /// Two items on a short command line ("ps axk comm o comm,args", "RD,RS", "[gold,bfd]"): ASCII words
    /// in one case, both lower or both upper (a name pair such as "Trump,Biden" is prose), not glued to a
    /// letter outside ASCII ("hachage,trouvé").
    private static func shortListLine(_ text: UnsafeBufferPointer<UInt8>, comma: Int) -> Range<Int>? {
        guard text[comma] == UInt8(ascii: ","), comma > 0, comma + 1 < text.count,
              isLetter(text[comma - 1]), isLetter(text[comma + 1]) else { return nil }
        let token = self.token(text, around: comma)
        guard token.lowerBound == 0 || text[token.lowerBound - 1] < 0x80,
              token.upperBound == text.count || text[token.upperBound] < 0x80 else { return nil }
        let items = text[token].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard items.count == 2, items.allSatisfy({ $0.count >= 2 && $0.allSatisfy(isLetter) }) else { return nil }
        let lower = items.allSatisfy { $0.allSatisfy { $0 >= 0x61 } }, upper = items.allSatisfy { $0.allSatisfy { $0 < 0x61 } }
        guard lower || upper else { return nil }
        return codeLine(text, around: token)
    }

    /// How far into its line (bytes) a header's or a table row's colon may stand: a key sits near the
    /// line's start, and a colon further in is not looked at, so that a huge line stays linear.
    private static let keyReach = 80

    /// The key of a table row "us : time in user processes": a short ASCII key (four characters
    /// at most) that opens its line, a space and a colon, in two lines in a row at least (the line
    /// before or after has the same shape). The key and its colon are hidden, the description kept.
    private static func tableKey(_ text: UnsafeBufferPointer<UInt8>, lineStart: Int, colon: Int) -> Range<Int>? {
        /// The key's start when the line at `start` opens with a key, spaces and a colon at `colon`.
        func keyStart(line start: Int, colon: Int) -> Int? {
            var key = start
            while key < colon && (text[key] == 0x20 || text[key] == 0x09) { key += 1 }
            var end = key
            while end < colon && (isLetter(text[end]) || (text[end] >= 0x30 && text[end] <= 0x39) || text[end] == UInt8(ascii: "%")) { end += 1 }
            guard end > key, end - key <= 4, end < colon, text[end..<colon].allSatisfy({ $0 == 0x20 || $0 == 0x09 }),
                  colon + 1 < text.count, text[colon + 1] == 0x20 else { return nil }
            return key
        }
        /// Whether the line starting at `start` (if any) has the same shape.
        func rowShape(at start: Int) -> Bool {
            guard start >= 0, start < text.count else { return false }
            var key = start
            while key < text.count && key - start <= keyReach && (text[key] == 0x20 || text[key] == 0x09) { key += 1 }
            var colon = key
            while colon < text.count && colon - key <= 12 && text[colon] != UInt8(ascii: ":") && text[colon] != 0x0A { colon += 1 }
            return colon < text.count && text[colon] == UInt8(ascii: ":") && keyStart(line: start, colon: colon) != nil
        }
        guard colon - lineStart <= keyReach, let key = keyStart(line: lineStart, colon: colon) else { return nil }
        var previous = lineStart - 1
        if previous >= 0 { previous -= 1; while previous >= 0 && text[previous] != 0x0A { previous -= 1 } }
        var next = colon
        while next < text.count && text[next] != 0x0A { next += 1 }
        guard (lineStart > 0 && rowShape(at: previous + 1)) || rowShape(at: next + 1) else { return nil }
        return key..<(colon + 1)
    }

    /// A line "Key: value" whose value is a short phrase without a full stop.
    private static func headerLine(_ text: UnsafeBufferPointer<UInt8>, lineStart: Int, colon: Int) -> Range<Int>? {
        guard colon - lineStart <= keyReach else { return nil }
        var start = lineStart
        while start < colon && (text[start] == 0x20 || text[start] == 0x09) { start += 1 }
        guard start < colon, isLetter(text[start]), text[start..<colon].allSatisfy({ isLetter($0) || $0 == UInt8(ascii: "-") }),
              colon + 1 == text.count || text[colon + 1] == 0x20 || text[colon + 1] == 0x0A else { return nil }
        var end = colon + 1
        while end < text.count && text[end] != 0x0A { end += 1 }
        var last = end
        while last > colon + 1 && (text[last - 1] == 0x20 || text[last - 1] == 0x0D) { last -= 1 }
        let value = text[(colon + 1)..<last]
        let words = value.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).count
        let sentenceEnd = value.last.map { [UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";")].contains($0) } ?? false
        guard words <= 3 && !sentenceEnd else { return nil }
        return start..<last
    }

    /// The line around a code span when it is short (six words at most) and ends without a full stop.
    private static func codeLine(_ text: UnsafeBufferPointer<UInt8>, around span: Range<Int>) -> Range<Int>? {
        var start = span.lowerBound, end = span.upperBound
        while start > 0 && text[start - 1] != 0x0A { start -= 1 }
        while end < text.count && text[end] != 0x0A { end += 1 }
        while start < end && (text[start] == 0x20 || text[start] == 0x09) { start += 1 }
        while end > start && (text[end - 1] == 0x20 || text[end - 1] == 0x0D || text[end - 1] == 0x09) { end -= 1 }
        let words = text[start..<end].split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).count
        guard words <= 6, end > start, ![UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(text[end - 1]) else { return nil }
        return start..<end
    }

    // MARK: Bytes

    /// The run of ASCII non-space bytes around `index`, without brackets and quotes at its ends:
    /// a quotation mark outside ASCII ("»a,b,c«") ends it too.
    private static func token(_ text: UnsafeBufferPointer<UInt8>, around index: Int) -> Range<Int> {
        var start = index, end = index
        while start > 0 && !isBoundary(text[start - 1]) { start -= 1 }
        while end < text.count && !isBoundary(text[end]) { end += 1 }
        // A sentence's own punctuation after the token ("… any,all,source.") is not part of it.
        while end > index + 1, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":")].contains(text[end - 1]) {
            end -= 1
        }
        return start..<end
    }

    /// The end of the word that starts at `start`: ASCII item bytes and letters of any script.
    private static func wordEnd(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var end = start
        while end < text.count {
            if text[end] < 0x80 {
                guard isItemByte(text[end]) else { break }
                end += 1
            } else {
                var iterator = text[end...].makeIterator()
                var decoder = UTF8()
                guard case .scalarValue(let scalar) = decoder.decode(&iterator), scalar.properties.isAlphabetic else { break }
                end += UTF8.width(scalar)
            }
        }
        while end > start, [UInt8(ascii: "."), UInt8(ascii: "-")].contains(text[end - 1]) { end -= 1 }
        return end
    }

    private static func isBoundary(_ byte: UInt8) -> Bool {
        byte <= 0x20 || byte >= 0x80 || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "[")
            || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// A byte of an identifier item: ASCII letters and digits, "_", "-", "." and "+".
    private static func isItemByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
    }

    /// The start of the word after a namespace's colon: an ASCII letter or any non-ASCII letter byte.
    private static func isWordStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte >= 0xC0 }
}
