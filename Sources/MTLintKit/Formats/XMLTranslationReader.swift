import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads XLIFF 1.2, XLIFF 2.x and TMX 1.4 files: each translated target is a
/// unit whose source is the matching source text.
///
/// `XMLParser` (libxml2) decides well-formedness and reports the structure;
/// `XMLByteScanner` walks the raw bytes in step with it, so every byte of
/// target text maps back to the file (verbatim text, or a whole reference such
/// as `&amp;`). Tags contribute no text. DTDs are never loaded, and documents
/// declaring entities are refused before parsing.
///
/// A file in memory is read as one `TranslationFile`; a file on disk may be read
/// in batches of units (`Batching`), each a `TranslationFile` of its own whose
/// offsets are still the file's, with only the bytes not yet consumed held.
public enum XMLTranslationReader {
    public enum Dialect: Sendable { case xliff, tmx }

    public static func read(_ bytes: [UInt8], dialect: Dialect) throws(FormatError) -> TranslationFile {
        var whole = TranslationFile(escaping: .xml)
        do {
            // A stream, not XMLParser(data:), which fails on inputs of 10 MB or more
            // (swift-corelibs-foundation#4851).
            try read(XMLByteScanner(bytes: bytes), InputStream(data: Data(bytes)), dialect: dialect, batching: .whole) {
                whole = $0
                return true
            }
        } catch .malformed(let error) {
            throw error
        } catch {
            // Bytes in memory are never unreadable.
            throw FormatError(line: 1, column: 1, message: error.description)
        }
        return whole
    }

    /// Reads the file at `path` from disk, handing each batch of units to `each` as soon
    /// as it is complete (the last one, possibly empty, at the end of the document);
    /// `each` returns false to stop. The languages the file declares are on every batch.
    static func read(path: String, dialect: Dialect, batching: Batching,
                     each: (TranslationFile) -> Bool) throws(InputError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(reason: POSIXFile.errorText()) }
        defer { close(descriptor) }
        // The parser reads the file on its own, a little ahead of the scanner.
        guard let stream = InputStream(fileAtPath: path) else { throw .unreadable(reason: "cannot open it for parsing") }
        try read(XMLByteScanner(ByteWindow(descriptor: descriptor)), stream, dialect: dialect, batching: batching, each: each)
    }

    private static func read(_ scanner: XMLByteScanner, _ stream: InputStream, dialect: Dialect, batching: Batching,
                             each: (TranslationFile) -> Bool) throws(InputError) {
        var scanner = scanner
        do throws(FormatError) {
            try scanner.refuseUnsafeContent()
        } catch {
            throw scanner.window.failure ?? .malformed(error)
        }
        try withoutActuallyEscaping(each) { (each) throws(InputError) in
            let builder = XMLTranslationBuilder(scanner: scanner, dialect: dialect, batching: batching, emit: each)
            let parser = XMLParser(stream: stream)
            parser.shouldResolveExternalEntities = false
            parser.shouldProcessNamespaces = true
            parser.delegate = builder
            withExtendedLifetime(builder) { _ = parser.parse() }
            // Bytes that could not be read, or are not UTF-8, explain whatever failed after them. The
            // parser reads a little ahead of the scanner: the next chunk is checked before blaming the XML.
            if builder.parserFailure != nil { builder.scanner.readAhead() }
            if let failure = builder.scanner.window.failure { throw failure }
            if builder.stopped { return }
            if let failure = builder.parserFailure ?? builder.scanFailure { throw .malformed(failure) }
            guard builder.rootEnded else {
                throw .malformed(builder.scanner.error(at: builder.scanner.window.end, builder.rootSeen
                    ? "the document ends before its root element is closed" : "no root element: this is not an XML document"))
            }
            _ = each(builder.file)
        }
    }
}

/// The parser's delegate: pairs each event with its bytes and collects the units.
private final class XMLTranslationBuilder: NSObject, XMLParserDelegate {
    let dialect: XMLTranslationReader.Dialect
    var scanner: XMLByteScanner
    /// The batch being read.
    var file = TranslationFile(escaping: .xml)
    let batching: Batching
    let emit: (TranslationFile) -> Bool
    /// Set when `emit` asked to stop.
    var stopped = false
    var parserFailure: FormatError?
    var scanFailure: FormatError?
    var rootSeen = false
    var rootEnded = false
    var failed: Bool { parserFailure != nil || scanFailure != nil || stopped }

    /// How an element's content is read.
    enum Role { case structure, capture, prose, excluded }
    struct Frame {
        var name: String
        var role: Role
        /// XLIFF's `translate`, inherited from the enclosing elements.
        var translate = true
        /// For a native code without an id: the code is recorded at its end, from its text.
        var codeAtEnd: (name: String, offset: Int)?
    }
    var stack: [Frame] = []
    var lastStartWasSelfClosing = false
    var pending: [XMLByteScanner.TextPiece] = []
    var isXLIFF2 = false

    /// The unit being read: one segment (XLIFF 1.2 trans-unit, TMX tu) or several (XLIFF 2 unit).
    struct Segment {
        var id: String?
        var source: TextBuilder?
        var target: TextBuilder?
        /// XLIFF 1.2 target states that mean "not translated yet".
        var untranslatedState = false
    }
    var unitID = ""
    var unitTranslate = true
    var segments: [Segment] = []
    var segment: Segment?
    var unitCount = 0

    /// The source or target text being read, and whether it is the target.
    var capture: TextBuilder?
    var captureIsTarget = false
    /// Nesting inside excluded content (native code), and that content's text.
    var excludedDepth = 0
    var nativeText: [UInt8] = []

    // TMX: the source language (header or tu), and the role of the current tuv.
    var tmxSourceLanguage: String?
    var tuSourceLanguage: String?
    enum TuvRole { case source, target, other }
    var tuvRole = TuvRole.other
    var tuvCount = 0

    init(scanner: XMLByteScanner, dialect: XMLTranslationReader.Dialect, batching: Batching, emit: @escaping (TranslationFile) -> Bool) {
        self.scanner = scanner
        self.dialect = dialect
        self.batching = batching
        self.emit = emit
    }

    // MARK: Events

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String]) {
        guard !failed else { return }
        guard let tag = nextTag(parser, name: qualifiedName ?? elementName, isEnd: false) else { return }
        lastStartWasSelfClosing = tag.isSelfClosing
        // Elements of other vocabularies (an XLIFF module, a tool's extension) match no XLIFF name.
        let ours = namespaceURI.map { $0.isEmpty || $0.hasPrefix("urn:oasis:names:tc:xliff:document:") } ?? true
        let name = ours ? elementName : ""
        let contentStart = tag.range.upperBound
        if !rootSeen {
            rootSeen = true
            guard startRoot(name, namespaceURI: namespaceURI, attributes: attributes, parser: parser, at: tag.range.lowerBound) else { return }
        }
        if capture != nil {
            stack.append(startInline(name, attributes: attributes))
            return
        }
        var frame = Frame(name: name, role: .structure, translate: stack.last?.translate ?? true)
        if let value = attributes["translate"] { frame.translate = value != "no" }
        let parent = stack.last?.name
        switch dialect {
        case .xliff where !isXLIFF2: startXLIFF1(name, parent: parent, attributes: attributes, frame: &frame, contentStart: contentStart)
        case .xliff: startXLIFF2(name, parent: parent, attributes: attributes, frame: &frame, contentStart: contentStart)
        case .tmx: startTMX(name, parent: parent, attributes: attributes, frame: &frame, contentStart: contentStart)
        }
        stack.append(frame)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard !failed else { return }
        // A self-closing tag is both the start and the end: no bytes to match.
        if lastStartWasSelfClosing {
            lastStartWasSelfClosing = false
        } else if nextTag(parser, name: qualifiedName ?? elementName, isEnd: true) == nil {
            return
        }
        guard let frame = stack.popLast() else { return }
        if stack.isEmpty { rootEnded = true }
        switch frame.role {
        case .capture: endCapture()
        case .excluded:
            excludedDepth -= 1
            if let code = frame.codeAtEnd, excludedDepth == 0 {
                capture?.codes.append(TextBuilder.Code(offset: code.offset, code: code.name + ":" + String(decoding: nativeText, as: UTF8.self)))
            }
        case .prose: break
        case .structure: endStructure(frame.name, parser: parser)
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        let code = (parseError as NSError).code
        // libxml2 reports warnings and namespace errors here too: the document is still well-formed.
        let warnings: Set<Int> = [93, 97, 98, 99, 100, 102, 106, 107, 111]
        guard !failed, !warnings.contains(code), !(200...299).contains(code) else { return }
        parserFailure = FormatError(line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1),
                                    message: "not well-formed XML: \(describe(code)) (libxml2 error \(code))")
        parser.abortParsing()
    }

    /// The next tag in the bytes, which must be the one the parser reports; the text before it is read.
    private func nextTag(_ parser: XMLParser, name: String, isEnd: Bool) -> XMLByteScanner.Tag? {
        pending.removeAll(keepingCapacity: true)
        let tag: XMLByteScanner.Tag
        do {
            tag = try scanner.nextTag(text: &pending)
        } catch {
            scanFailure = error
            parser.abortParsing()
            return nil
        }
        guard tag.isEnd == isEnd, scanner.bytes(tag.name, spell: name) else {
            scanFailure = scanner.error(at: tag.range.lowerBound, "the parser's <\(isEnd ? "/" : "")\(name)> does not match the file's bytes here")
            parser.abortParsing()
            return nil
        }
        for piece in pending { addText(piece) }
        return tag
    }

    private func addText(_ piece: XMLByteScanner.TextPiece) {
        guard capture != nil else { return }
        if excludedDepth > 0 {
            switch piece {
            case .verbatim(let range): nativeText += scanner.window[range]
            case .reference(let decoded, _): nativeText += decoded.utf8
            }
        } else {
            capture?.append(piece, window: scanner.window)
        }
    }

    // MARK: Structure

    /// Checks the root element against the dialect; false (and a failure) when it does not fit.
    private func startRoot(_ name: String, namespaceURI: String?, attributes: [String: String], parser: XMLParser, at offset: Int) -> Bool {
        let expected = dialect == .xliff ? "xliff" : "tmx"
        guard name == expected else {
            scanFailure = scanner.error(at: offset, "not a \(dialect == .xliff ? "XLIFF" : "TMX") document: the root element is <\(name.isEmpty ? "?" : name)>, not <\(expected)>")
            parser.abortParsing()
            return false
        }
        if dialect == .xliff {
            isXLIFF2 = (attributes["version"] ?? "").hasPrefix("2") || namespaceURI == "urn:oasis:names:tc:xliff:document:2.0"
            if isXLIFF2 {
                file.sourceLanguage = language(attributes["srcLang"])
                file.targetLanguage = language(attributes["trgLang"])
            }
        }
        return true
    }

    private func startXLIFF1(_ name: String, parent: String?, attributes: [String: String], frame: inout Frame, contentStart: Int) {
        switch name {
        case "file":
            // The first file's languages stand for the document.
            file.sourceLanguage = file.sourceLanguage ?? language(attributes["source-language"])
            file.targetLanguage = file.targetLanguage ?? language(attributes["target-language"])
        case "trans-unit":
            startUnit(id: attributes["id"], translate: frame.translate)
            segment = Segment()
        case "source" where parent == "trans-unit":
            file.sourceLanguage = file.sourceLanguage ?? language(attributes["xml:lang"])
            startCapture(target: false, at: contentStart, frame: &frame)
        case "target" where parent == "trans-unit":
            // A file without target-language may say it on its targets.
            file.targetLanguage = file.targetLanguage ?? language(attributes["xml:lang"])
            let state = attributes["state"] ?? ""
            segment?.untranslatedState = state == "new" || state == "needs-translation"
            startCapture(target: true, at: contentStart, frame: &frame)
        default: break  // notes, alt-trans, seg-source, context groups: their text is never captured
        }
    }

    private func startXLIFF2(_ name: String, parent: String?, attributes: [String: String], frame: inout Frame, contentStart: Int) {
        switch name {
        case "unit": startUnit(id: attributes["id"], translate: frame.translate)
        case "segment" where parent == "unit": segment = Segment(id: attributes["id"])
        case "source" where parent == "segment": startCapture(target: false, at: contentStart, frame: &frame)
        case "target" where parent == "segment": startCapture(target: true, at: contentStart, frame: &frame)
        default: break  // ignorable, notes, originalData, modules: never captured
        }
    }

    private func startTMX(_ name: String, parent: String?, attributes: [String: String], frame: inout Frame, contentStart: Int) {
        switch name {
        case "header":
            tmxSourceLanguage = language(attributes["srclang"])
            if tmxSourceLanguage != "*all*" { file.sourceLanguage = tmxSourceLanguage }
        case "tu":
            startUnit(id: attributes["tuid"], translate: true)
            segment = Segment()
            tuSourceLanguage = language(attributes["srclang"]) ?? tmxSourceLanguage
            tuvCount = 0
        case "tuv" where parent == "tu":
            tuvCount += 1
            let lang = language(attributes["xml:lang"] ?? attributes["lang"])
            if let source = tuSourceLanguage, source != "*all*" {
                tuvRole = sameLanguage(lang, source) ? .source : .target
            } else {
                // No declared source language: the first variant is the source.
                tuvRole = tuvCount == 1 ? .source : .target
                if tuvCount == 1 { file.sourceLanguage = file.sourceLanguage ?? lang }
            }
            if tuvRole == .target {
                // The first target language met is the document's; other languages are left out.
                if file.targetLanguage == nil { file.targetLanguage = lang }
                if !sameLanguage(lang, file.targetLanguage) { tuvRole = .other }
            }
        case "seg" where parent == "tuv" && tuvRole != .other:
            startCapture(target: tuvRole == .target, at: contentStart, frame: &frame)
        default: break  // prop, note
        }
    }

    private func startUnit(id: String?, translate: Bool) {
        unitCount += 1
        unitID = id ?? String(unitCount)
        unitTranslate = translate
        segments = []
    }

    private func endStructure(_ name: String, parser: XMLParser) {
        switch (dialect, name) {
        case (.xliff, "trans-unit") where !isXLIFF2, (.tmx, "tu"):
            if let segment { segments.append(segment) }
            segment = nil
            commitUnit(parser)
        case (.xliff, "segment") where isXLIFF2:
            if let segment { segments.append(segment) }
            segment = nil
        case (.xliff, "unit") where isXLIFF2:
            commitUnit(parser)
        default: break
        }
    }

    // MARK: Source and target text

    private func startCapture(target: Bool, at offset: Int, frame: inout Frame) {
        guard segment != nil else { return }
        capture = TextBuilder(contentStart: offset)
        captureIsTarget = target
        excludedDepth = 0
        frame.role = .capture
    }

    private func endCapture() {
        if captureIsTarget { segment?.target = capture } else { segment?.source = capture }
        capture = nil
    }

    /// An element inside a source or target: prose whose text is kept, or code whose text is not.
    private func startInline(_ name: String, attributes: [String: String]) -> Frame {
        // Inside native code everything is code.
        if excludedDepth > 0 {
            excludedDepth += 1
            return Frame(name: name, role: .excluded)
        }
        let offset = capture?.decoded.count ?? 0
        // The id that pairs a code in the source with the same code in the target.
        let id = attributes["id"] ?? attributes["startRef"] ?? attributes["i"] ?? attributes["x"] ?? attributes["rid"]
        let code = id.map { name + ":" + $0 } ?? name
        switch (dialect, isXLIFF2, name) {
        case (.xliff, false, "g"), (.xliff, true, "pc"), (.tmx, _, "hi"):
            capture?.codes.append(TextBuilder.Code(offset: offset, code: code))
            return Frame(name: name, role: .prose)
        case (.xliff, false, "x"), (.xliff, false, "bx"), (.xliff, false, "ex"),
             (.xliff, true, "ph"), (.xliff, true, "sc"), (.xliff, true, "ec"):
            capture?.codes.append(TextBuilder.Code(offset: offset, code: code))
            excludedDepth += 1
            return Frame(name: name, role: .excluded)
        case (.xliff, false, "ph"), (.xliff, false, "bpt"), (.xliff, false, "ept"), (.xliff, false, "it"),
             (.tmx, _, "ph"), (.tmx, _, "bpt"), (.tmx, _, "ept"), (.tmx, _, "it"), (.tmx, _, "ut"):
            // Native code: without an id, the code itself tells source and target codes apart.
            excludedDepth += 1
            nativeText = []
            if id != nil { capture?.codes.append(TextBuilder.Code(offset: offset, code: code)) }
            return Frame(name: name, role: .excluded, codeAtEnd: id == nil ? (name, offset) : nil)
        case (_, _, "sub"), (.xliff, true, "sm"), (.xliff, true, "em"), (.xliff, true, "cp"):
            // A sub-flow, annotation markers, an escaped code point: no prose of this text.
            excludedDepth += 1
            return Frame(name: name, role: .excluded)
        default:
            // mrk and unknown elements: annotations around prose.
            return Frame(name: name, role: .prose)
        }
    }

    /// Adds the unit's translated segments to the batch, and counts the others as skipped;
    /// hands the batch on when it is full.
    private func commitUnit(_ parser: XMLParser) {
        for (index, segment) in segments.enumerated() {
            guard unitTranslate, !segment.untranslatedState, let target = segment.target, !target.isEmpty else {
                file.skippedUnits += 1
                continue
            }
            file.beginTarget(fileOffset: target.contentStart)
            let start = file.text.count
            // The text is taken from `decoded`: the scanner has released the file's bytes.
            var decodedStart = 0
            for piece in target.pieces {
                switch piece {
                case .verbatim(let range):
                    file.appendVerbatim(target.decoded[decodedStart..<(decodedStart + range.count)], at: range.lowerBound)
                    decodedStart += range.count
                case .reference(let decoded, let range):
                    file.appendEscape(decoded, file: range)
                    decodedStart += decoded.utf8.count
                }
            }
            let placeholders = Placeholders.ranges(in: target.decoded, flags: [])
            file.codes += placeholders.map { (start + $0.lowerBound)..<(start + $0.upperBound) }
            let source = segment.source ?? TextBuilder(contentStart: 0)
            let id = segments.count > 1 ? unitID + "/" + (segment.id ?? String(index + 1)) : unitID
            var unit = TranslationUnit(id: id, source: String(decoding: source.decoded, as: UTF8.self), target: start..<file.text.count)
            unit.targetCodes = target.codeStrings(placeholders: placeholders)
            unit.sourceCodes = source.codeStrings(placeholders: Placeholders.ranges(in: source.decoded, flags: []))
            file.units.append(unit)
        }
        segments = []
        if file.units.count >= batching.units || file.text.count >= batching.textBytes {
            guard emit(file) else {
                stopped = true
                parser.abortParsing()
                return
            }
            // The next batch keeps the languages the file declared.
            var next = TranslationFile(escaping: .xml)
            (next.sourceLanguage, next.targetLanguage) = (file.sourceLanguage, file.targetLanguage)
            file = next
        }
    }

    // MARK: Helpers

    /// A BCP 47 tag as files write it ("fr_FR" → "fr-FR").
    private func language(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value.replacingOccurrences(of: "_", with: "-")
    }

    private func sameLanguage(_ a: String?, _ b: String?) -> Bool {
        a?.lowercased() == b?.lowercased()
    }

    /// A few of libxml2's error codes (xmlerror.h) in words.
    private func describe(_ code: Int) -> String {
        switch code {
        case 4: return "the document is empty"
        case 5: return rootEnded ? "content after the root element" : "the document ends before its root element is closed"
        case 6, 7, 8: return "an invalid character reference"
        case 9, 81: return "a character XML does not allow, or bytes that are not UTF-8"
        case 22, 23: return "a '&' that starts no reference (write it as &amp;)"
        case 26, 27: return "an undefined entity (only &amp; &lt; &gt; &quot; &apos; and character references are read)"
        case 38: return "a '<' inside an attribute value"
        case 39, 40, 41: return "a malformed attribute (a value in quotes is expected)"
        case 42: return "an attribute given twice"
        case 45: return "an unfinished comment"
        case 63: return "an unfinished CDATA section"
        case 68: return "a '<' that starts no tag (write it as &lt;)"
        case 73: return "an unfinished tag"
        case 76: return "an end tag that does not match the open element"
        case 77: return "an element that is never closed"
        case 85: return "unbalanced tags"
        case 86: return "content after the root element"
        default: return "a syntax error"
        }
    }
}

/// A source or target being read: its pieces in file terms, its decoded text,
/// and its inline codes with where they sit in the decoded text.
private struct TextBuilder {
    var contentStart: Int
    var pieces: [XMLByteScanner.TextPiece] = []
    var decoded: [UInt8] = []
    var codes: [Code] = []

    /// An inline code and the offset in `decoded` where it sits.
    struct Code {
        var offset: Int
        var code: String
    }

    mutating func append(_ piece: XMLByteScanner.TextPiece, window: ByteWindow) {
        pieces.append(piece)
        switch piece {
        case .verbatim(let range): decoded += window[range]
        case .reference(let text, _): decoded += text.utf8
        }
    }

    /// No text but white space, and no code: nothing was translated.
    var isEmpty: Bool {
        codes.isEmpty && decoded.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Tags and placeholders in text order (a tag first where both start at one offset).
    func codeStrings(placeholders: [Range<Int>]) -> [String] {
        let all = codes + placeholders.map { Code(offset: $0.lowerBound, code: String(decoding: decoded[$0], as: UTF8.self)) }
        // A stable sort by offset.
        return all.indices.sorted { (all[$0].offset, $0) < (all[$1].offset, $1) }.map { all[$0].code }
    }
}
