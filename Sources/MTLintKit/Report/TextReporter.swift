/// `--format text`: `path:line:col: severity: message [rule]`, the source line
/// with a caret underline, and the suggestion. Colour only when asked (a terminal).
public enum TextReporter {
    public static func render(_ report: LintReport, color: Bool) -> String {
        let style = Style(enabled: color)
        var output = ""
        for file in report.files {
            let path = file.result.path
            if let error = file.result.error {
                output += "\(style.bold(path)): \(style.red("error")): \(error.description)\n"
                continue
            }
            for located in file.findings {
                let finding = located.finding
                output += style.bold("\(path):\(located.start.line):\(located.start.column):")
                output += " \(style.severity(finding.severity)): \(finding.message) [\(finding.rule)]\n"
                if let bytes = file.result.excerpt(around: finding) { output += excerpt(located, in: bytes, style: style) }
                if let first = finding.suggestions.first {
                    let more = finding.suggestions.count > 1 ? " (or: \(finding.suggestions.dropFirst().map { "\"\($0)\"" }.joined(separator: ", ")))" : ""
                    let kind = finding.fix.map { " [\($0.safety.rawValue) fix]" } ?? ""
                    output += "    suggestion: \"\(visible(first))\"\(more)\(kind)\n"
                }
            }
        }
        let summary = "\(report.findingCount) finding\(report.findingCount == 1 ? "" : "s") in \(report.files.count) file\(report.files.count == 1 ? "" : "s")"
            + " (\(report.count(.error)) error, \(report.count(.warning)) warning, \(report.count(.info)) info)"
        let unread = report.files.filter { $0.result.error != nil }.count
        output += summary + (unread == 0 ? "" : "; \(unread) could not be read (exit code 2)") + "\n"
        return output
    }

    /// The finding's line (at most ~100 columns of it around the span) and a caret underline.
    public static func excerpt(_ located: LocatedFinding, in source: SourceText, color: Bool) -> String {
        excerpt(located, in: FileExcerpt(source), style: Style(enabled: color))
    }

    /// How far the shown line reaches on each side of a finding's start, at most.
    static let window = 240

    static func excerpt(_ located: LocatedFinding, in bytes: FileExcerpt, style: Style) -> String {
        var start = located.finding.start
        let lowerLimit = max(0, start - window)
        while start > lowerLimit && bytes[start - 1] != 0x0A { start -= 1 }
        var end = located.finding.start
        // A span longer than the window (a loop repeated over a whole line) is shown in part.
        let upperLimit = min(bytes.fileLength, min(located.finding.end, located.finding.start + window / 2) + window / 2)
        while end < upperLimit && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
        // Keep whole scalars at the cut points.
        while start < bytes.fileLength && bytes[start] & 0xC0 == 0x80 { start += 1 }
        while end < bytes.fileLength && end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        if start == 0 && bytes.bomLength > 0 { start = min(bytes.bomLength, end) }
        let spanEnd = max(located.finding.start, min(located.finding.end, end))
        let before = bytes.text(start..<max(start, located.finding.start))
        let marked = bytes.text(max(start, located.finding.start)..<spanEnd)
        let after = bytes.text(spanEnd..<end)
        // An ellipsis where the window cut a long line.
        let prefix = start > bytes.bomLength && bytes[start - 1] != 0x0A ? "…" : ""
        let suffix = end < bytes.fileLength && bytes[end] != 0x0A && bytes[end] != 0x0D ? "…" : ""
        let line = visible(prefix + before) + style.red(visible(marked)) + visible(after) + suffix
        let pad = String(repeating: " ", count: displayWidth(visible(prefix + before)))
        let carets = String(repeating: "^", count: max(1, displayWidth(visible(marked))))
        return "    \(line)\n    \(pad)\(style.red(carets))\n"
    }

    /// Tabs and line breaks inside a span would break the underline; show them as one cell.
    static func visible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar {
            case "\t": return " "
            case "\n": return "⏎"
            case "\r": return " "
            default: return scalar
            }
        }))
    }

    /// Terminal cells: wide East Asian characters take two, combining marks none.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark
                || scalar.value == 0x200D || (0xFE00...0xFE0F).contains(scalar.value) {
                return width
            }
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
                 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
                 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
                return width + 2
            default:
                return width + 1
            }
        }
    }

    struct Style {
        let enabled: Bool
        func wrap(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        func bold(_ text: String) -> String { wrap(text, "1") }
        func red(_ text: String) -> String { wrap(text, "31") }
        func severity(_ severity: Severity) -> String {
            switch severity {
            case .error: return wrap("error", "1;31")
            case .warning: return wrap("warning", "1;33")
            case .info: return wrap("info", "1;36")
            }
        }
    }
}
