/// Reads an HTML page (`.html`, `.htm`) into the text a reader of the page sees,
/// with the map back to the file, as the translation-file readers do (it has no units).
///
/// - Every block (`p`, `li`, `td`, `h1`, `div`, …; see `HTMLElements`) and `<br>` is a
///   paragraph of its own; inline elements (`a`, `em`, `span`) stay inside the sentence,
///   whose range in the file then spans their tags (found, but not fixed across them).
/// - Code (`code`, `pre`, `kbd`, `samp`), `script`, `style`, `template`, `noscript`,
///   `textarea`, SVG, MathML, comments and the DOCTYPE are skipped; the `title` is linted.
///   Inline code, SVG and MathML stay in the text as hidden codes (see `HTMLElements.placeholders`).
/// - `alt` and `title` attributes, and `<meta name="description">`, are paragraphs of
///   their own, after the text of the block they sit in.
/// - Character references are decoded; their positions stay the file's.
/// - `<html lang>` is the declared language.
///
/// Broken pages are read as browsers read them: it never fails.
public enum HTMLReader {
    public static func read(_ bytes: [UInt8]) -> TranslationFile {
        var extraction = HTMLExtraction(bytes: bytes)
        extraction.run()
        return extraction.file
    }
}

private struct HTMLExtraction {
    let bytes: [UInt8]
    var tokenizer: HTMLTokenizer
    var file = TranslationFile(escaping: .html)
    /// Open elements whose content is skipped, innermost last.
    var skipping: [String] = []
    /// Where the outermost skipped element began, when it is an inline one (`HTMLElements.placeholders`).
    var placeholderStart: Int?
    /// A block began or ended since the last text: the next text starts a paragraph.
    var atBoundary = true
    /// Attribute values met in the current block, linted after its text so as not to cut its sentences.
    var snippets: [HTMLTokenizer.Attribute] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
        tokenizer = HTMLTokenizer(bytes: bytes)
    }

    mutating func run() {
        while let token = tokenizer.next() {
            switch token {
            case .text(let range):
                if skipping.isEmpty { appendText(range) }
            case .rawText(let range, let element):
                // RCDATA: the title's references count; script, style and textarea are not prose.
                if element == "title" && skipping.isEmpty { appendText(range) }
            case .startTag(let tag):
                start(tag)
            case .endTag(let tag):
                end(tag)
            case .markup:
                break
            }
            tokenizer.inForeignContent = skipping.contains { HTMLElements.foreign.contains($0) }
        }
        closeSkipped(from: 0, at: bytes.count)
        boundary()
    }

    private mutating func start(_ tag: HTMLTokenizer.Tag) {
        // An HTML tag inside SVG or MathML ends it, as in a browser (a page that forgot </svg>).
        if let last = skipping.last, HTMLElements.foreign.contains(last), HTMLElements.leaveForeignContent.contains(tag.name) {
            let html = skipping.lastIndex { !HTMLElements.foreign.contains($0) }
            closeSkipped(from: html.map { $0 + 1 } ?? 0, at: tag.range.lowerBound)
        }
        if HTMLElements.blocks.contains(tag.name) { closeInlineCode(at: tag.range.lowerBound) }
        let opensSkipped = HTMLElements.skipped.contains(tag.name) && !(HTMLElements.foreign.contains(tag.name) && tag.isSelfClosing)
        guard skipping.isEmpty else {
            if opensSkipped { skipping.append(tag.name) }
            return
        }
        if tag.name == "html" && file.targetLanguage == nil { file.targetLanguage = attributeText(tag.attribute("lang")) }
        if HTMLElements.blocks.contains(tag.name) { boundary() }
        if opensSkipped {
            skipping.append(tag.name)
            if HTMLElements.placeholders.contains(tag.name) { placeholderStart = tag.range.lowerBound }
            return
        }
        for name in HTMLElements.proseAttributes {
            if let attribute = tag.attribute(name) { snippets.append(attribute) }
        }
        if tag.name == "meta", attributeText(tag.attribute("name"))?.lowercased() == "description",
           let content = tag.attribute("content") {
            snippets.append(content)
        }
    }

    private mutating func end(_ tag: HTMLTokenizer.Tag) {
        // An end tag closes the skipped element it names, and any left open inside it.
        if let index = skipping.lastIndex(of: tag.name) {
            closeSkipped(from: index, at: tag.range.upperBound)
            if skipping.isEmpty && HTMLElements.blocks.contains(tag.name) { boundary() }
            return
        }
        guard HTMLElements.blocks.contains(tag.name) else { return }
        closeInlineCode(at: tag.range.lowerBound)
        // A stray end tag ("</div>" with no div open) still ends a block, as it would in the text.
        if skipping.isEmpty { boundary() }
    }

    /// Ends the code elements left open at the top of `skipping` when their block ends at `offset`.
    private mutating func closeInlineCode(at offset: Int) {
        var depth = skipping.count
        while depth > 0 && HTMLElements.inlineSkipped.contains(skipping[depth - 1]) { depth -= 1 }
        closeSkipped(from: depth, at: offset)
    }

    /// Closes the skipped elements from `depth` on, at `offset`. When that ends an inline
    /// one, its bytes go into the text, hidden, and never edited.
    private mutating func closeSkipped(from depth: Int, at offset: Int) {
        guard depth < skipping.count else { return }
        skipping.removeSubrange(depth...)
        guard skipping.isEmpty, let start = placeholderStart else { return }
        placeholderStart = nil
        guard offset > start else { return }
        if atBoundary {
            file.beginTarget(fileOffset: start)
            atBoundary = false
        }
        let textStart = file.text.count
        file.appendVerbatim(bytes[start..<offset], readOnly: true)
        file.codes.append(textStart..<file.text.count)
    }

    /// Ends the paragraph; the block's attribute values follow, one paragraph each.
    private mutating func boundary() {
        atBoundary = true
        for attribute in snippets {
            guard let value = attribute.value else { continue }
            let start = file.text.count
            appendText(value)
            // Only a double-quoted value is edited: a fix's "'" or space could end another.
            if attribute.quote != UInt8(ascii: "\"") { file.map.markReadOnly(from: start) }
            atBoundary = true
        }
        snippets.removeAll()
    }

    /// Appends the text of a range of the file, its character references decoded; at a
    /// boundary, a new paragraph that starts at its first byte that is not white space.
    private mutating func appendText(_ range: Range<Int>) {
        var start = range.lowerBound
        if atBoundary {
            while start < range.upperBound && HTMLTokenizer.isSpace(bytes[start]) { start += 1 }
            guard start < range.upperBound else { return }
            file.beginTarget(fileOffset: start)
            atBoundary = false
        }
        var runStart = start
        var index = start
        while index < range.upperBound, let ampersand = bytes[index..<range.upperBound].firstIndex(of: UInt8(ascii: "&")) {
            if let (decoded, end) = HTMLCharacterReference.decode(bytes, at: ampersand, limit: range.upperBound) {
                if ampersand > runStart { file.appendVerbatim(bytes[runStart..<ampersand]) }
                file.appendEscape(decoded, file: ampersand..<end)
                runStart = end
                index = end
            } else {
                index = ampersand + 1
            }
        }
        if range.upperBound > runStart { file.appendVerbatim(bytes[runStart..<range.upperBound]) }
    }

    /// An attribute's value as written (no references in language tags or meta names), trimmed; nil when empty.
    private func attributeText(_ attribute: HTMLTokenizer.Attribute?) -> String? {
        guard var range = attribute?.value else { return nil }
        while let first = range.first, HTMLTokenizer.isSpace(bytes[first]) { range = range.dropFirst() }
        while let last = range.last, HTMLTokenizer.isSpace(bytes[last]) { range = range.dropLast() }
        return range.isEmpty ? nil : String(decoding: bytes[range], as: UTF8.self)
    }
}
