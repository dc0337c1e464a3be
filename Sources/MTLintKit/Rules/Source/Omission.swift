/// A source sentence left out of the translation, or a unit much shorter than its source.
public struct Omission: Rule {
    public init() {}

    /// A unit this much shorter than the document's ratio predicts (in standard deviations) is flagged.
    static let threshold = -2.5

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
            document's own length ratio predicts (more than 2.5 standard deviations, Gale and Church's δ) is \
            reported on the unit. Short units (under 20 letters) are not judged: a title or a one-word answer \
            varies too much in length.
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
            .passes("Yes.", lang: "en", source: "Oui, bien sûr.", sourceLang: "fr"),
        ]
    )

    public func check(_ document: Document) -> [Finding] {
        guard !document.units.isEmpty else { return [] }
        let lengths = UnitLengths.of(document)
        var findings: [Finding] = []
        for (index, unit) in document.units.enumerated() {
            if unit.target.isEmpty {
                guard !unit.source.isEmpty, let neighbour = neighbour(of: index, in: document) else { continue }
                findings.append(finding(neighbour, "the source sentence \"\(Self.quoted(unit.source))\" has no translation near here"))
                continue
            }
            guard let delta = lengths.deltas[index], delta < Self.threshold else { continue }
            let range = document.trimmed(unit.target)
            findings.append(finding(range, "this translation is much shorter than its source (δ = \(String(format: "%.1f", delta))); "
                + "part of \"\(Self.quoted(unit.source))\" may be missing"))
        }
        return findings
    }

    /// The translated sentence before the gap (or after it, at the start).
    private func neighbour(of index: Int, in document: Document) -> Range<Int>? {
        let units = document.units
        let candidates = units[..<index].reversed() + units[(index + 1)...]
        return candidates.first { !$0.target.isEmpty }.map { document.trimmed($0.target) }
    }

    static func quoted(_ text: String) -> String {
        let clean = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return clean.count > 80 ? String(clean.prefix(77)) + "…" : clean
    }
}
