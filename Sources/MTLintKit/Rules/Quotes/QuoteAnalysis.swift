/// Pairs the double quotation marks of a document by the target locale's
/// conventions (ICU `ulocdata_getDelimiter`, primary and alternate) and
/// reports what the quote rules flag. Quotations are paired over the whole
/// paragraph, not per sentence, and continue into the next paragraph when that
/// one opens with the same mark (the English, French and German convention for
/// multi-paragraph quotations). Single marks (‘ ’ ‚ ‹ ›) are not paired: ’ is
/// far more often an apostrophe ("It’s", "l’été", "Korea’s").
/// Mojibake is read as the text it stands for: the "„" of "â„¢" (’) is no mark,
/// "Â«" is «; the mojibake rule asks for the repair.
struct QuoteAnalysis {
    enum Role: Sendable { case open, close, either }

    enum Issue: Sendable {
        /// An opening mark used to close, or a closing mark used to open.
        case misoriented(mark: Range<Int>, edit: Edit)
        case unbalanced(mark: Range<Int>, opening: Bool)
        /// The wrong mark of a quotation that its partner shows: an opening mark where the quotation
        /// opened by `partner` closes ("« prêts « puis", "„gotowi“ i"), another pair's closing mark
        /// («готовы“), or a closing mark that opens the quotation `partner` closes (» prêts »). The edit
        /// writes the right mark; `safe` when the mark is glued to the word it closes and the quotation
        /// opens with the locale's own mark, so that nothing else can be meant.
        case mismatched(mark: Range<Int>, partner: Range<Int>, edit: Edit, safe: Bool)
        /// White space inside the quotation next to its mark ("“ The", "word ”").
        case spacing(space: Range<Int>, opening: Bool)
        /// Marks of another locale: an opening and its closing mark together (one quotation,
        /// fixed as a whole), or a lone mark. The replacements are the locale's marks, when safe.
        case foreign(marks: [Range<Int>], replacements: [String]?)
        /// Another locale's marks used throughout, never the locale's own: a house style, reported
        /// once for the document, not mark by mark. `inPassages` when the document uses its own marks
        /// elsewhere, far from these (a manual's pages by different translators).
        case houseStyle(marks: [Range<Int>], inPassages: Bool)
    }

    struct Style {
        var roles: [UInt32: Role]
        var open: String
        var close: String
        /// Marks of the locale's set that pair with each other.
        var closerFor: [UInt32: UInt32]
        /// The alternate (inner) marks: at the top level they are foreign.
        var nestedOnly: Set<UInt32>
        /// Whether a closing mark follows the word directly (not French « mot »).
        var closeGlued: Bool
    }

    /// How far (in bytes, about 1,200 words: a long news article) the locale's own marks make
    /// another style a mix.
    static let mixingDistance = 8_000

    static let doubleMarks: Set<UInt32> = [0x22, 0x201C, 0x201D, 0x201E, 0xAB, 0xBB, 0x300C, 0x300D, 0x300E, 0x300F, 0xFF02]

    /// Languages whose readers take straight quotes for a typing error (the raters
    /// of WMT en-de mark them in German).
    static let straightIsForeign: Set<String> = ["de"]

    /// Extra pairs each language accepts besides ICU's primary and alternate.
    static let extraPairs: [String: [(UInt32, UInt32)]] = [
        "de": [(0xBB, 0xAB)],                           // »Duden-Stil«
        "zh": [(0x300C, 0x300D), (0x300E, 0x300F)],     // 「」『』 (also Traditional)
        "ja": [(0x201C, 0x201D), (0x300E, 0x300F)],     // 『』 for titles at any level
        "pt": [(0xAB, 0xBB)],
        "nl": [(0x201C, 0x201D)],                       // “…” as well as CLDR's ‘…’ (Taalunie: both are correct)
    ]

    static func style(for language: LanguageProfile) -> Style {
        var roles: [UInt32: Role] = [:]
        var closerFor: [UInt32: UInt32] = [:]
        func add(_ open: UInt32, _ close: UInt32) {
            guard doubleMarks.contains(open) && doubleMarks.contains(close) else { return }
            if open == close { roles[open] = .either } else {
                if roles[open] == nil { roles[open] = .open }
                if roles[close] == nil { roles[close] = .close }
            }
            closerFor[open] = close
        }
        let quotes = language.quotes
        func first(_ text: String?) -> UInt32? { text?.unicodeScalars.first?.value }
        var open = "“", close = "”"
        var nestedOnly: Set<UInt32> = []
        if let quotes, let o = first(quotes.open), let c = first(quotes.close) {
            add(o, c)
            if doubleMarks.contains(o) { open = quotes.open; close = quotes.close }
            if let ao = first(quotes.alternateOpen), let ac = first(quotes.alternateClose) {
                add(ao, ac)
                nestedOnly = Set([ao, ac]).subtracting([o, c])
            }
        } else {
            add(0x201C, 0x201D)
        }
        // “ ” inside « » (French, Russian, Spanish…) and „ “ inside « » are the usual inner quotes.
        if open == "«" { add(0x201C, 0x201D); nestedOnly.formUnion([0x201C, 0x201D].filter { roles[$0] != nil && ![first(open), first(close)].contains($0) }) }
        for (o, c) in extraPairs[language.code] ?? [] { add(o, c); nestedOnly.subtract([o, c]) }
        if !straightIsForeign.contains(language.code) { roles[0x22] = .either; closerFor[0x22] = 0x22 }
        if language.code == "zh" || language.code == "ja" { roles[0xFF02] = .either; closerFor[0xFF02] = 0xFF02 }
        return Style(roles: roles, open: open, close: close, closerFor: closerFor, nestedOnly: nestedOnly,
                     closeGlued: !["fr"].contains(language.code))
    }

    /// The role a mark foreign to the locale plays, by its usual use.
    static func foreignRole(_ mark: UInt32) -> Role {
        switch mark {
        case 0x201C, 0x201E, 0xAB, 0x300C, 0x300E: .open
        case 0x201D, 0xBB, 0x300D, 0x300F: .close
        default: .either
        }
    }

    private struct Mark {
        var range: Range<Int>
        var scalar: UInt32
        var role: Role
        var foreign: Bool
        /// Glued to the word after it, not to the one before ("“word").
        var opensWord = false
        /// Glued to the word before it, not to the one after ("word”").
        var closesWord = false
        /// A closing mark between spaces that closed nothing, taken for the opening mark (`scalar`)
        /// of a quotation that a later mark may close (» prêts »).
        var reversed = false
        /// The index of the spacing issue found after this opening mark.
        var spacingIssue: Int? = nil
    }

    /// The issues of a document, computed once for the four quote rules.
    static func issues(in document: Document) -> [Issue] {
        document.shared.value("quotes.issues") { analyse(document) }
    }

    private static func analyse(_ document: Document) -> [Issue] {
        let style = style(for: document.language)
        let checkSpacing = document.language.code != "fr"   // French spacing is punctuation's business
        return document.text.withUnsafeBufferPointer { buffer -> [Issue] in
            var issues: [Issue] = []
            var stack: [Mark] = []
            var paragraphIndex = 0
            let paragraphs = document.paragraphs
            var index = nextCandidate(buffer, from: 0)
            var foreignMarks: [Mark] = []
            var foreignCloserOf: [Int: Range<Int>] = [:]  // by the opening mark's offset
            var primaryOpens: [Int] = []    // offsets of the locale's own opening marks, in order
            var prosePairs: Set<Int> = []   // starts of straight quotes paired around prose
            var withdrawn: Set<Int> = []    // issues that a later mark showed wrong

            /// The closing mark that an unclosed `second` mark stands for, when it follows the unclosed
            /// `first` and does not open onto a word: "« prêts « puis", "„gotowi „ i", "„gotowi“ i" (Polish).
            func closingMarkMeant(by second: Mark, after first: Mark) -> String? {
                // Not a mark that closes itself (", Swedish ”): it would have paired.
                guard !first.foreign, !second.opensWord, ![0x22, 0xFF02].contains(second.scalar),
                      let closer = style.closerFor[first.scalar], closer != second.scalar, closer != first.scalar else { return nil }
                return ByteScan.utf8(closer)
            }

            /// "« prêts « puis": the second mark closes the first, with the wrong mark; the spacing
            /// issue found after it as an opening mark, and its foreign style, are then beside the point.
            func reportMeantCloser(_ mark: Mark, of opener: Mark, _ closer: String) {
                let primary = !opener.foreign && ByteScan.utf8(opener.scalar) == style.open
                issues.append(.mismatched(mark: mark.range, partner: opener.range,
                                          edit: Edit(offset: mark.range.lowerBound, length: mark.range.count, replacement: closer),
                                          safe: mark.closesWord && primary))
                if let spacing = mark.spacingIssue { withdrawn.insert(spacing) }
                if mark.foreign { foreignMarks.removeAll { $0.range == mark.range } }
            }

            func closeParagraph() {
                // An unclosed quotation continues when the next paragraph opens with the same mark.
                var continues = false
                if paragraphIndex + 1 < paragraphs.count, let top = stack.last(where: { !$0.reversed }) {
                    let start = paragraphs[paragraphIndex + 1].start
                    if start < buffer.count, ByteScan.scalar(buffer, start).value == top.scalar { continues = true }
                }
                // In a text of one segment a line, a quotation may stay open across any number of
                // lines, and a segment can stand for a paragraph that reopens the quotation: only a
                // single-line text (one real paragraph) is judged at its end.
                let singleLine = paragraphs.count == 1 && !buffer[paragraphs[0].start..<paragraphs[0].end].contains(0x0A)
                // A closing mark taken for an opening one that nothing closed closes nothing, in any text.
                for mark in stack where mark.reversed { issues.append(.unbalanced(mark: mark.range, opening: false)) }
                if !continues && (paragraphs.count > 1 || singleLine) {
                    let unclosed = stack.filter { !$0.reversed && $0.scalar != 0x22 && $0.scalar != 0xFF02 }
                    var position = 0
                    while position < unclosed.count {
                        let mark = unclosed[position]
                        if position + 1 < unclosed.count, let closer = closingMarkMeant(by: unclosed[position + 1], after: mark) {
                            reportMeantCloser(unclosed[position + 1], of: mark, closer)
                            position += 2
                            continue
                        }
                        if !mark.foreign { issues.append(.unbalanced(mark: mark.range, opening: true)) }
                        position += 1
                    }
                }
                stack.removeAll()
            }

            // The mojibake repairs, found at the first non-ASCII character, and the one at `offset`.
            var mojibakeRepairs: [MojibakeDecoder.Repair]? = nil
            var nextMojibake = 0
            func mojibake(at offset: Int) -> MojibakeDecoder.Repair? {
                let repairs = mojibakeRepairs ?? MojibakeDecoder.repairs(in: document)
                mojibakeRepairs = repairs
                while nextMojibake < repairs.count && repairs[nextMojibake].range.upperBound <= offset { nextMojibake += 1 }
                return nextMojibake < repairs.count && repairs[nextMojibake].range.contains(offset) ? repairs[nextMojibake] : nil
            }

            while index < buffer.count {
                var (scalar, length) = ByteScan.scalar(buffer, index)
                defer { index = nextCandidate(buffer, from: index + length) }
                // Mojibake reads as the text it stands for: "„" in "â„¢" and "“" in "â€“" are no
                // marks, while "Â«" is « and "â€œ" is “, so that a quotation half garbled still pairs.
                if scalar >= 0x80, let repair = mojibake(at: index) {
                    length = repair.range.upperBound - index
                    scalar = repair.range.lowerBound == index ? repair.edgeCharacter(in: doubleMarks) ?? 0 : 0
                }
                guard doubleMarks.contains(scalar) else { continue }
                // "" is an empty string in code ('msgid ""'), not two quotation marks.
                if scalar == 0x22 && index + 1 < buffer.count && buffer[index + 1] == 0x22 { length = 2; continue }
                while paragraphIndex < paragraphs.count && paragraphs[paragraphIndex].end <= index {
                    closeParagraph()
                    paragraphIndex += 1
                }
                let range = index..<(index + length)
                let previous = ByteScan.scalar(before: index, buffer)?.value ?? 0x0A
                let next = index + length < buffer.count ? ByteScan.scalar(buffer, index + length).value : 0x0A
                let spaceBefore = ByteScan.isSpace(previous), spaceAfter = ByteScan.isSpace(next)
                let leftFlanking = !spaceAfter && !isClosingPunctuation(next) && (spaceBefore || isOpeningContext(previous))
                let rightFlanking = !spaceBefore && !isOpeningContext(previous) && (spaceAfter || isClosingPunctuation(next))
                var role: Role
                var foreign = false
                let nested = stack.contains { !$0.foreign && !$0.reversed }
                if let localRole = style.roles[scalar], nested || !style.nestedOnly.contains(scalar) {
                    role = localRole
                    // Where “ closes (German „…“), a “ that opens is the English style.
                    if scalar == 0x201C && localRole == .close && leftFlanking && !rightFlanking && !nested {
                        role = .open; foreign = true
                    } else if localRole == .close && leftFlanking && !rightFlanking && style.closerFor[scalar] != nil,
                              let top = stack.last, style.closerFor[top.scalar] != scalar {
                        // Russian “ closes „ but also opens “…” inside « »: before a word, with no „ to close, it opens.
                        role = .open
                    }
                } else {
                    role = foreignRole(scalar); foreign = true
                }
                if role == .either {
                    // Inside guillemets, a straight quote is text: the character named between spaces
                    // (« " »), or code ($"…" inside « »); it never closes them, as it may close a “.
                    let inGuillemets = stack.last.map { $0.scalar == 0xAB || $0.scalar == 0xBB } ?? false
                    if inGuillemets && !leftFlanking && !rightFlanking && spaceBefore && spaceAfter { continue }
                    if let top = stack.last, top.scalar == scalar, !(leftFlanking && !rightFlanking) {
                        role = .close
                    } else if rightFlanking && !leftFlanking, !inGuillemets, stack.last?.role == .open || stack.isEmpty {
                        role = .close
                    } else {
                        role = .open
                    }
                }
                var mark = Mark(range: range, scalar: scalar, role: role, foreign: foreign,
                                opensWord: leftFlanking && !rightFlanking, closesWord: rightFlanking && !leftFlanking)
                if !foreign && role == .open && ByteScan.utf8(scalar) == style.open { primaryOpens.append(index) }
                if foreign { foreignMarks.append(mark) }
                switch role {
                case .open:
                    let closingPosition = !leftFlanking
                        && (isClosingPunctuation(next) || next == 0x0A || (spaceAfter && !spaceBefore))
                    if !foreign, let top = stack.last, !top.reversed, closingPosition, scalar != 0x22,
                       let closer = style.closerFor[top.scalar], closer != scalar {
                        // "…are strengthening “." — an opening mark used to close.
                        var start = index
                        if style.closeGlued && previous == 0x20 && (isClosingPunctuation(next) || next == 0x0A) { start -= 1 }
                        issues.append(.misoriented(mark: range, edit: Edit(offset: start, length: index + length - start,
                                                                          replacement: ByteScan.utf8(closer))))
                        stack.removeLast()
                        continue
                    }
                    // A quotation that runs over several lines reopens each line with the same mark.
                    if previous == 0x0A || previous == 0x0D, let top = stack.last, top.scalar == scalar, top.role == .open, !top.reversed {
                        stack.removeLast()
                    }
                    if checkSpacing && !foreign && scalar != 0x22, let (end, letter) = spaceRun(buffer, from: index + length), letter {
                        mark.spacingIssue = issues.count
                        issues.append(.spacing(space: (index + length)..<end, opening: true))
                    }
                    stack.append(mark)
                case .close:
                    if let top = stack.last, top.role == .open {
                        stack.removeLast()
                        if top.reversed {
                            // » prêts » — the first » opened the quotation this one closes.
                            issues.append(.mismatched(mark: top.range, partner: range,
                                                      edit: Edit(offset: top.range.lowerBound, length: top.range.count,
                                                                 replacement: ByteScan.utf8(top.scalar)), safe: false))
                        } else if !foreign && !top.foreign && style.nestedOnly.contains(scalar), ![0x22, 0xFF02].contains(top.scalar),
                                  let expected = style.closerFor[top.scalar], expected != scalar {
                            // «готовы“ — the closing mark of the inner pair. Where both pairs may stand
                            // alone (German „…“ and »…«), "„-c«" may have either mark wrong: left alone.
                            reportMeantCloser(mark, of: top, ByteScan.utf8(expected))
                        }
                        if foreign && top.foreign { foreignCloserOf[top.range.lowerBound] = range }
                        if foreign && scalar == 0x22 && top.scalar == 0x22
                            && isProse(buffer, top.range.upperBound, index) && !ByteScan.lineLooksLikeCode(buffer, index) {
                            prosePairs.insert(top.range.lowerBound); prosePairs.insert(index)
                        }
                        if checkSpacing && !foreign && scalar != 0x22, spaceBefore && previous == 0x20,
                           let start = spaceStart(buffer, before: index), start > top.range.upperBound {
                            issues.append(.spacing(space: start..<index, opening: false))
                        }
                    } else if !foreign && leftFlanking && !rightFlanking,
                              let opener = style.closerFor.first(where: { $0.value == scalar && $0.key != scalar })?.key {
                        // ”Word — a closing mark used to open.
                        issues.append(.misoriented(mark: range, edit: Edit(offset: index, length: length,
                                                                          replacement: ByteScan.utf8(opener))))
                        stack.append(Mark(range: range, scalar: opener, role: .open, foreign: false))
                    } else if !foreign && !rightFlanking && spaceAfter && scalar != 0x22 && scalar != 0xFF02,
                              let opener = style.closerFor.first(where: { $0.value == scalar && $0.key != scalar })?.key {
                        // » prêts » — a closing mark that closes nothing, between spaces: it may open the
                        // quotation that a later mark closes; if none does, it closes nothing after all.
                        stack.append(Mark(range: range, scalar: opener, role: .open, foreign: false, reversed: true))
                    } else if !foreign && scalar != 0x22 && scalar != 0xFF02 {
                        issues.append(.unbalanced(mark: range, opening: false))
                    }
                case .either: break
                }
            }
            while paragraphIndex < paragraphs.count {
                closeParagraph()
                paragraphIndex += 1
            }
            if !withdrawn.isEmpty { issues = issues.indices.filter { !withdrawn.contains($0) }.map { issues[$0] } }
            // Straight quotes count only around prose (not code, options or paths), and only near the
            // locale's own marks: a German text written with "…" throughout has a house style (news
            // agencies and subtitles use one), a mix is the artefact. “ ” where « » is the norm likewise
            // count only near « ». Near is within `mixingDistance`: a passage far from any of the
            // locale's marks (another page of a manual, an appended text) keeps a style of its own.
            func nearPrimary(_ mark: Mark) -> Bool {
                let offset = mark.range.lowerBound
                var low = 0, high = primaryOpens.count
                while low < high { let middle = (low + high) / 2; if primaryOpens[middle] < offset { low = middle + 1 } else { high = middle } }
                return (low < primaryOpens.count && primaryOpens[low] - offset <= mixingDistance)
                    || (low > 0 && offset - primaryOpens[low - 1] <= mixingDistance)
            }
            func needsNearPrimary(_ mark: Mark) -> Bool {
                mark.scalar == 0x22 || ((mark.scalar == 0x201C || mark.scalar == 0x201D) && style.open == "«")
            }
            let houseStyle = foreignMarks.filter { mark in
                needsNearPrimary(mark) && !nearPrimary(mark) && (mark.scalar != 0x22 || prosePairs.contains(mark.range.lowerBound))
            }
            // Two quotations at least: one is too few to call a style.
            if houseStyle.count >= 4 { issues.append(.houseStyle(marks: houseStyle.map(\.range), inPassages: !primaryOpens.isEmpty)) }
            foreignMarks.removeAll { mark in
                needsNearPrimary(mark) && (!nearPrimary(mark) || (mark.scalar == 0x22 && !prosePairs.contains(mark.range.lowerBound)))
            }
            // Style conversion is safe only when the document uses one foreign style throughout.
            let foreignScalars = Set(foreignMarks.map(\.scalar))
            let consistent = foreignScalars.isSubset(of: [0x201C, 0x201D]) || foreignScalars == [0x22]
                || foreignScalars.isSubset(of: [0xAB, 0xBB]) || foreignScalars.isSubset(of: [0x201E, 0x201C])
            // A quotation opened and closed with foreign marks is one finding, fixed as a whole:
            // changing one of its marks alone would leave a mismatched pair.
            let kept = Set(foreignMarks.map(\.range.lowerBound))
            var pairedClosers = Set<Int>()
            for mark in foreignMarks where !pairedClosers.contains(mark.range.lowerBound) {
                if mark.role == .open, let closer = foreignCloserOf[mark.range.lowerBound], kept.contains(closer.lowerBound) {
                    pairedClosers.insert(closer.lowerBound)
                    issues.append(.foreign(marks: [mark.range, closer], replacements: consistent ? [style.open, style.close] : nil))
                } else {
                    let replacement = mark.role == .close ? style.close : style.open
                    issues.append(.foreign(marks: [mark.range], replacements: consistent ? [replacement] : nil))
                }
            }
            return issues
        }
    }

    /// Quoted prose: one line, at most 300 bytes, with a letter and none of % / \\ = _ { } < > $ |.
    private static func isProse(_ buffer: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Bool {
        guard to > from, to - from <= 300 else { return false }
        var letter = false
        for index in from..<to {
            switch buffer[index] {
            case 0x0A, 0x25, 0x2F, 0x5C, 0x3D, 0x5F, 0x7B, 0x7D, 0x3C, 0x3E, 0x24, 0x7C: return false
            case 0x41...0x5A, 0x61...0x7A, 0xC3...0xF4: letter = true
            default: break
            }
        }
        return letter
    }

    /// A space run after an opening mark that ends at a letter or digit: (end, true).
    private static func spaceRun(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int, Bool)? {
        var end = start
        while end < buffer.count && (buffer[end] == 0x20 || buffer[end] == 0x09) { end += 1 }
        guard end > start, end < buffer.count else { return nil }
        let next = ByteScan.scalar(buffer, end).value
        return (end, ByteScan.isLetter(next) || ByteScan.isDigit(next))
    }

    /// The start of the spaces before `index`, when a letter, digit or sentence mark precedes them.
    private static func spaceStart(_ buffer: UnsafeBufferPointer<UInt8>, before index: Int) -> Int? {
        var start = index
        while start > 0 && (buffer[start - 1] == 0x20 || buffer[start - 1] == 0x09) { start -= 1 }
        guard start < index, let previous = ByteScan.scalar(before: start, buffer)?.value else { return nil }
        return ByteScan.isLetter(previous) || ByteScan.isDigit(previous) || isClosingPunctuation(previous) ? start : nil
    }

    static func isClosingPunctuation(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D, 0x2026, 0x3002, 0xFF0C, 0xFF01, 0xFF1F, 0x3001: true
        default: false
        }
    }

    static func isOpeningContext(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x28, 0x5B, 0x7B, 0x2014, 0x2013, 0x2F, 0x0A, 0x0D, 0x3A, 0x2018, 0x201A, 0x2039, 0xFF1A, 0xFF0C, 0x3001, 0x3002: true
        default: doubleMarks.contains(scalar)
        }
    }

    /// The next byte that can start a double quotation mark: `"`, or any
    /// non-ASCII byte; eight ASCII bytes without `"` are skipped at once.
    @inline(__always)
    static func nextCandidate(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        var index = ByteScan.skipASCIIWords(buffer, from: from) { Swar.holds($0, 0x22) }
        let count = buffer.count
        while index < count {
            let byte = buffer[index]
            if byte == 0x22 || byte >= 0xC2 { return index }
            index += 1
        }
        return count
    }
}
