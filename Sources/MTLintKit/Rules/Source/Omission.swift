import ICUShim

/// A source sentence left out of the translation, or a unit much shorter than its source.
public struct Omission: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "omission",
        family: .source,
        severity: .warning,
        languages: [],
        summary: "A source sentence with no translation, or a translation far shorter than its source.",
        rationale: """
            Neural machine translation drops clauses and whole sentences while the rest stays fluent, so the \
            loss is invisible without the source. Two signals are used. In an article aligned with its source, \
            a source sentence that the aligner pairs with nothing (a 1-0 bead) is reported on the neighbouring \
            translated sentence, quoting what is missing. And a unit whose translation is far shorter than the \
            document's own length ratio predicts is reported on the unit: by Gale and Church's δ, below −2.5 \
            as a warning and below −4 as an error, with thresholds calibrated per language pair where \
            annotated translations were measured (English→German −1.6 and −2.2, Chinese→English −2.2 and −3). Short units (under 20 letters) are not judged: a title or a one-word answer \
            varies too much in length. And where the aligner joined two source sentences to one translated \
            sentence that matches one of them alone in length (a 2-1 bead hiding a 1-0), the other is reported \
            as probably left out (in prose only: the lines of a multi-line source, such as a program's help \
            text, are not sentences).
            """,
        fixSafety: nil,
        examples: [
            .triggers("⟦The minister arrived.⟧", lang: "en",
                      source: "Le ministre est arrivé mardi à Bruxelles pour une réunion d'urgence avec ses homologues européens sur la crise énergétique.",
                      sourceLang: "fr"),
            .passes("The minister arrived in Brussels on Tuesday for an emergency meeting with his European counterparts on the energy crisis.",
                    lang: "en",
                    source: "Le ministre est arrivé mardi à Bruxelles pour une réunion d'urgence avec ses homologues européens sur la crise énergétique.",
                    sourceLang: "fr"),
            .triggers("⟦Three berths will be equipped in the first year, then four more in 2026.⟧", lang: "en",
                      source: "Trois postes à quai seront équipés la première année, puis quatre autres en 2026. La région finance un tiers du projet.",
                      sourceLang: "fr"),
            .passes("Yes.", lang: "en", source: "Oui, bien sûr.", sourceLang: "fr"),
            // As many sentences as the source: a short one is not a missing one.
            .passes("Das wollen wir nie. Wir wollen die Welt in dreißig Jahren auf null Emissionen bringen, und zwar sicher.", lang: "de",
                    source: "We don't ever want to do that actually. We want the world to reach zero emissions in thirty years, and safely so.",
                    sourceLang: "en"),
            // Calibrated per pair: English→German translations vary less in length, so less shortening is flagged.
            .triggers("⟦Der Minister kam am Dienstag zu einem Treffen nach Brüssel.⟧", lang: "de",
                      source: "The minister arrived in Brussels on Tuesday for an emergency meeting with his European counterparts about gas prices.",
                      sourceLang: "en"),
            .passes("The minister came to Brussels on Tuesday for a meeting.", lang: "en",
                    source: "Le ministre est arrivé à Bruxelles mardi pour une réunion d'urgence avec ses homologues européens sur le prix du gaz.",
                    sourceLang: "fr"),
            // A program's help text: its lines are not sentences the translation may drop.
            .passes("La signature ne peut pas être vérifiée.", lang: "fr",
                    source: "The signature cannot be checked.\nPlease remember that the signature file must be given first.", sourceLang: "en"),
        ],
        judgesWholeDocument: true
    )

    public func check(_ document: Document) -> [Finding] {
        guard !document.units.isEmpty else { return [] }
        let lengths = UnitLengths.of(document)
        let threshold = LengthThresholds.forPair(source: document.sourceLanguage?.code, target: document.language.code).omission
        var findings: [Finding] = []
        for (index, unit) in document.units.enumerated() {
            if unit.target.isEmpty {
                // A "sentence" without a letter or digit ("”", "…" split off by the aligner) is no content left out.
                guard Aligner.hasWord(Array(unit.source.utf8)[...]), let neighbour = neighbour(of: index, in: document) else { continue }
                findings.append(finding(neighbour, "the source sentence \"\(Self.quoted(unit.source))\" has no translation near here"))
                continue
            }
            guard let delta = lengths.deltas[index] else { continue }
            let range = document.trimmed(unit.target)
            if delta >= threshold.warning {
                // Two source sentences joined to one translated sentence, which matches one of them alone:
                // the other was left out (Gale–Church prefers such a 2-1 bead to a 1-1 and a 1-0).
                if delta < -1, let left = leftOut(unit, lengths.ratio, document) {
                    findings.append(finding(range, "the source sentence \"\(Self.quoted(left))\" seems to have no translation here"))
                }
                continue
            }
            var shorter = finding(range, "this translation is much shorter than its source (δ = \(UnitLengths.written(delta))); "
                + "part of \"\(Self.quoted(unit.source))\" may be missing")
            if delta < threshold.error { shorter.severity = .error }
            findings.append(shorter)
        }
        return findings
    }

    /// The sentence of a unit's source without which the rest matches the translation's length.
    private func leftOut(_ unit: TranslationUnit, _ ratio: Double, _ document: Document) -> String? {
        // Prose only: a multi-line source (a program's help text) splits into lines, not sentences.
        guard let language = document.sourceLanguage, !unit.source.utf8.contains(0x0A) else { return nil }
        let bytes = Array(unit.source.utf8)
        // Most sources are one sentence by the sentence rules' own characters, which ICU need not be
        // asked to confirm (Greek tailors the rules: ";" ends its sentences).
        guard language.code == "el" || mtl_may_break_sentence_inside(bytes, Int64(bytes.count)) else { return nil }
        guard let spans = try? Tokenizer.sentences(of: bytes, locale: language.icuLocale), spans.count >= 2 else { return nil }
        // A translation with as many sentences as its source left none out ("Das wollen wir nie. Wir wollen…").
        let targetBytes = Array(document.text[unit.target])
        guard let targetSpans = try? Tokenizer.sentences(of: targetBytes, locale: document.language.icuLocale),
              targetSpans.filter({ targetBytes[$0.range].contains { $0 > 0x20 } }).count < spans.count else { return nil }
        let sentences = spans.map { String(decoding: bytes[$0.range], as: UTF8.self) }
        let target = Double(UnitLengths.letters(document.text[unit.target]))
        let lengths = sentences.map { Double(UnitLengths.letters($0)) }
        let total = lengths.reduce(0, +)
        for (sentence, length) in zip(sentences, lengths) where length >= UnitLengths.minimumLength {
            let rest = total - length
            guard rest >= UnitLengths.minimumLength else { continue }
            if abs(UnitLengths.delta(source: rest, target: target, ratio: ratio)) < 0.5 { return sentence }
        }
        return nil
    }

    /// The translated sentence before the gap (or after it, at the start).
    private func neighbour(of index: Int, in document: Document) -> Range<Int>? {
        let units = document.units
        let before = units[..<index].last { !$0.target.isEmpty }
        return (before ?? units[(index + 1)...].first { !$0.target.isEmpty }).map { document.trimmed($0.target) }
    }

    /// A source as a message quotes it: its white space folded to single spaces, on its bytes (a long
    /// pair has thousands of these), and cut after 77 characters when it has more than 80.
    static func quoted(_ text: String) -> String {
        let clean = ByteScan.withBytes(of: text) { bytes -> String in
            var folded: [UInt8] = []
            folded.reserveCapacity(bytes.count)
            var index = 0, spaceBefore = false
            while index < bytes.count {
                let space = whiteSpaceLength(bytes, at: index)
                if space > 0 {
                    spaceBefore = !folded.isEmpty
                    index += space
                    continue
                }
                if spaceBefore { folded.append(0x20) }
                spaceBefore = false
                folded.append(bytes[index])
                index += 1
            }
            return String(decoding: folded, as: UTF8.self)
        }
        // Up to 80 scalars is up to 80 characters: only a longer text is counted in characters.
        guard clean.unicodeScalars.count > 80, clean.count > 80 else { return clean }
        return String(clean.prefix(77)) + "…"
    }

    /// The byte length of the character of Unicode's White_Space property at `index`, or 0: ASCII
    /// white space, U+0085, U+00A0, U+1680, U+2000–200A, U+2028, U+2029, U+202F, U+205F and U+3000.
    static func whiteSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        switch bytes[index] {
        case 0x09...0x0D, 0x20: return 1
        case 0xC2, 0xE1, 0xE2, 0xE3:
            let scalar = ByteScan.scalar(bytes, index)
            let isSpace = [0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000].contains(scalar.value) || (0x2000...0x200A).contains(scalar.value)
            return isSpace ? scalar.length : 0
        default: return 0
        }
    }
}
