/// "他说,我们": half-width punctuation between Chinese or Japanese characters.
public struct CJKPunctuationWidth: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "cjk-punctuation-width",
        family: .punctuation,
        severity: .warning,
        languages: ["zh", "ja"],
        summary: "Half-width , ; : ? ! ( ) between Chinese or Japanese characters, where full-width ，；：？！（） belong.",
        rationale: """
            Chinese and Japanese set their punctuation full-width (，；：？！（）), and a half-width mark between \
            ideographs looks cramped and misaligned in the text grid. MT systems trained on mixed data, and \
            detokenisers written for Latin scripts, leave the ASCII marks in place. The rule only flags a mark \
            with a CJK character (Han, kana) on the side it attaches to and CJK text or the line end on the \
            other, so numbers ("3,5"), Latin words and code keep their marks. Replacing the mark with its \
            full-width form is safe. Full stops are not touched: "." versus "。" is a matter of house style in \
            technical writing.
            """,
        fixSafety: .safe,
        examples: [
            .triggers("他说⟦,⟧我们会来。", lang: "zh", fixed: "他说，我们会来。"),
            .triggers("你知道吗⟦?⟧我不知道。", lang: "zh", fixed: "你知道吗？我不知道。"),
            .triggers("東京⟦(⟧日本⟦)⟧で会議が開かれた。", lang: "ja", fixed: "東京（日本）で会議が開かれた。"),
            .triggers("会议结束了⟦!⟧", lang: "zh", fixed: "会议结束了！"),
            .passes("他说，我们会来。价格是3,5元，版本(v2)很好。", lang: "zh"),
            .passes("Python (version 3) は便利です。", lang: "ja"),
        ]
    )

    private static let fullWidth: [UInt8: String] = [0x2C: "，", 0x3B: "；", 0x3A: "：", 0x3F: "？", 0x21: "！", 0x28: "（", 0x29: "）"]

    public func check(_ document: Document) -> [Finding] {
        guard description.applies(to: document.language.code) else { return [] }
        let text = document.text
        var findings: [Finding] = []
        text.withUnsafeBufferPointer { buffer in
            for token in document.tokens where token.kind == .punctuation && token.end - token.start == 1 {
                let byte = buffer[token.start]
                guard let wide = Self.fullWidth[byte] else { continue }
                let previous = ByteScan.scalar(before: token.start, buffer)?.value ?? 0x0A
                let next = token.end < buffer.count ? ByteScan.scalar(buffer, token.end).value : 0x0A
                let ok: Bool
                switch byte {
                case 0x28: ok = isCJK(next) && (isCJK(previous) || previous == 0x0A)
                case 0x29: ok = isCJK(previous) && (isCJK(next) || next == 0x0A || next >= 0x3000)
                default: ok = isCJK(previous) && (isCJK(next) || next == 0x0A || next == 0x201C || next == 0x300C)
                }
                guard ok else { continue }
                findings.append(finding(token.range, "half-width \"\(UnicodeScalar(byte))\" between CJK characters; write \"\(wide)\"",
                                        suggestions: [wide],
                                        fix: Fix(safety: .safe, edits: [Edit(offset: token.start, length: 1, replacement: wide)])))
            }
        }
        return findings
    }

    private func isCJK(_ scalar: UInt32) -> Bool {
        (0x3040...0x30FF).contains(scalar) || (0x3400...0x4DBF).contains(scalar) || (0x4E00...0x9FFF).contains(scalar)
            || (0xF900...0xFAFF).contains(scalar) || (0x20000...0x2FFFF).contains(scalar)
    }
}
