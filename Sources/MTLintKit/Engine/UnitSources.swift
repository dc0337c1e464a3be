/// The source of the message a stretch of target text belongs to. A translation keeps what its
/// source writes: in a catalogue, "Wadi Wadi", "&amp;", "Waiting....." or a message that is
/// only "`" come from the msgid, so the rules that look for slips of a translator or an MT
/// system leave alone what the message's own source writes the same way.
///
/// Only a unit that is a paragraph of its own counts (each message of a translation file, a
/// one-paragraph text): the sentences of an article aligned with its source are judged as one
/// text, where a quotation or a name runs across them.
extension Document {
    /// The source text of the message whose target holds `offset`; nil without units (plain text
    /// linted alone), between units, or when the unit is a sentence inside a paragraph.
    func unitSource(at offset: Int) -> String? {
        guard !units.isEmpty else { return nil }
        // Units in the order of their targets, sorted once (aligned articles need not be in order).
        let order = shared.value("units.byTargetStart") {
            units.indices.sorted { units[$0].target.lowerBound < units[$1].target.lowerBound }
        }
        var low = 0, high = order.count
        while low < high {
            let middle = (low + high) / 2
            if units[order[middle]].target.lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return nil }
        let unit = units[order[low - 1]]
        guard unit.target.contains(offset), standsAlone(unit.target) else { return nil }
        return unit.source
    }

    /// Whether only white space and a paragraph break (or the text's edge) surround the range.
    private func standsAlone(_ range: Range<Int>) -> Bool {
        func edge(from start: Int, step: Int) -> Bool {
            var index = start, newlines = 0
            while index >= 0 && index < text.count {
                switch text[index] {
                case 0x0A: newlines += 1; if newlines == 2 { return true }
                case 0x20, 0x09, 0x0D: break
                default: return false
                }
                index += step
            }
            return true
        }
        return edge(from: range.lowerBound - 1, step: -1) && edge(from: range.upperBound, step: 1)
    }

    /// Whether the source of the unit at `offset` contains `text`, compared without letter case.
    func unitSourceContains(_ text: String, at offset: Int) -> Bool {
        guard let source = unitSource(at: offset) else { return false }
        return CaseFolding.fold(source).contains(CaseFolding.fold(text))
    }
}
