/// Manual pages rendered to plain text lose the italics of their metavariables: under the term
/// "SET drapeau valeur" the body reads "Remplace le drapeau drapeau par la valeur valeur", a noun
/// and then the placeholder that names it. A word is such a placeholder when the term line that
/// heads its indented block (the nearest line above with less indentation) takes it as an argument.
enum ManPageTerms {
    /// Whether `word`, at `offset`, is an argument of the term line above its indented block.
    static func isPlaceholder(_ word: String, at offset: Int, in text: [UInt8]) -> Bool {
        // A manual's description line is short: a word deep into a huge line is prose, and each
        // repeated word of such a line would otherwise scan back to its start.
        var lineStart = offset
        while lineStart > 0 && text[lineStart - 1] != 0x0A {
            lineStart -= 1
            if offset - lineStart > maximumLineLength { return false }
        }
        let indentation = self.indentation(text, lineStart)
        guard indentation > 0 else { return false }
        // Up through the block's paragraphs (at most 60 lines) to the first line indented less.
        var end = lineStart - 1
        for _ in 0..<60 where end > 0 {
            var start = end
            while start > 0 && text[start - 1] != 0x0A { start -= 1 }
            defer { end = start - 1 }
            let lineIndentation = self.indentation(text, start)
            if start + lineIndentation >= end || lineIndentation >= indentation { continue }  // blank, or inside the block
            return takesArgument(Array(text[(start + lineIndentation)..<end]), word: Array(word.utf8))
        }
        return false
    }

    /// A term line ("-S liste, --sections=liste", "SET drapeau valeur"): short, no full stop at its end,
    /// and the word stands in it after the first item, between spaces, commas, brackets or after "=".
    private static func takesArgument(_ line: [UInt8], word: [UInt8]) -> Bool {
        // The term ends at a space or at the "=" of "--source-option=optie".
        guard line.count <= 160, line.last != UInt8(ascii: "."),
              let first = line.firstIndex(where: { $0 == 0x20 || $0 == UInt8(ascii: "=") }) else { return false }
        let before: Set<UInt8> = [0x20, UInt8(ascii: "="), UInt8(ascii: "["), UInt8(ascii: "<")]
        let after: Set<UInt8> = [0x20, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: ">"), UInt8(ascii: "."), UInt8(ascii: "|")]
        var index = first + 1  // the first item is the term itself
        while index + word.count <= line.count {
            if before.contains(line[index - 1]), line[index..<(index + word.count)].elementsEqual(word),
               index + word.count == line.count || after.contains(line[index + word.count]) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Longer lines than this (bytes) are no term block's.
    private static let maximumLineLength = 4096

    private static func indentation(_ text: [UInt8], _ lineStart: Int) -> Int {
        var index = lineStart
        while index < text.count && (text[index] == 0x20 || text[index] == 0x09) { index += 1 }
        return index - lineStart
    }
}
