/// A translated sentence with no source, or a unit far longer than its source.
public struct Addition: Rule {
    public init() {}

    public let description = RuleDescription(
        id: "addition",
        family: .source,
        severity: .info,
        languages: [],
        summary: "A translated sentence with no counterpart in the source, or a translation far longer than its source.",
        rationale: """
            Machine translation sometimes adds what the source never said: a hallucinated clause, a repeated \
            sentence, a fragment of the previous segment. In an article aligned with its source, a translated \
            sentence the aligner pairs with nothing (a 0-1 bead) is reported; and a unit whose translation is \
            far longer than the document's own length ratio predicts is reported too (Gale and Church's δ above \
            3.5, and as a warning above 6; `LengthThresholds` holds the measured pairs). Translators legitimately expand (an explanation of a foreign term, \
            a unit converted), so the rule only informs. Short units (under 20 letters of source) are not judged.
            """,
        fixSafety: nil,
        examples: [
            .triggers("⟦The minister arrived on Tuesday, and then he said that the talks would continue for many years to come, whatever happens.⟧",
                      lang: "en", source: "Le ministre est arrivé mardi.", sourceLang: "fr"),
            .passes("The minister arrived in Brussels on Tuesday.", lang: "en", source: "Le ministre est arrivé mardi à Bruxelles.", sourceLang: "fr"),
        ],
        judgesWholeDocument: true
    )

    public func check(_ document: Document) -> [Finding] {
        guard !document.units.isEmpty else { return [] }
        let lengths = UnitLengths.of(document)
        let threshold = LengthThresholds.forPair(source: document.sourceLanguage?.code, target: document.language.code).addition
        var findings: [Finding] = []
        for (index, unit) in document.units.enumerated() where !unit.target.isEmpty {
            let range = document.trimmed(unit.target)
            guard !range.isEmpty else { continue }
            if unit.source.isEmpty {
                findings.append(finding(range, "this sentence has no counterpart in the source; was it added?"))
            } else if let delta = lengths.deltas[index], delta > threshold.info {
                var longer = finding(range, "this translation is much longer than its source (δ = \(UnitLengths.written(delta))); "
                    + "check it adds nothing to \"\(Omission.quoted(unit.source))\"")
                if delta > threshold.warning { longer.severity = .warning }
                findings.append(longer)
            }
        }
        return findings
    }
}
