/// Where omission and addition start to report a unit's length (Gale and Church's δ, as
/// `UnitLengths` computes it), per language pair. δ's spread depends on the pair: on the human
/// references of eval-dev its standard deviation is 0.62 for English→German and 0.81 for
/// Chinese→English, against the 1 that Gale and Church's variance assumes. Each pair's thresholds
/// are the points where, on eval-dev (newstest2020 and TED 2021 MQM; `scripts/calibrate-lengths.py`), human
/// references stay under 0.1 flags per 1,000 words on no annotated error and the flagged MT
/// units hold an error of the rule's class at three times the chance rate or more:
///
/// | pair  | omission warning, error | human flags, unannotated | MT lift, precision (warning) |
/// |-------|-------------------------|--------------------------|------------------------------|
/// | en→de | δ < −1.6, δ < −2.2      | 0.14, 0.01 per 1,000     | 12.8, 0.95                   |
/// | zh→en | δ < −2.2, δ < −3.0      | 0.07, 0.02 per 1,000     | 3.7, 0.75                    |
///
/// Additions that length reveals are rare in both pairs (lift under 2 below δ = 2): they keep
/// Gale and Church's conservative 3.5, and 6 for the higher severity. A pair not measured keeps
/// the conservative defaults.
struct LengthThresholds: Sendable {
    /// Below `omission.warning` a unit is reported at omission's severity; below `omission.error`, as an error.
    var omission: (warning: Double, error: Double)
    /// Above `addition.info` a unit is reported at addition's severity (info); above `addition.warning`, as a warning.
    var addition: (info: Double, warning: Double)

    static let standard = LengthThresholds(omission: (-2.5, -4.0), addition: (3.5, 6.0))

    static let calibrated: [String: LengthThresholds] = [
        "en-de": LengthThresholds(omission: (-1.6, -2.2), addition: (3.5, 6.0)),
        "zh-en": LengthThresholds(omission: (-2.2, -3.0), addition: (3.5, 6.0)),
    ]

    static func forPair(source: String?, target: String) -> LengthThresholds {
        source.flatMap { calibrated["\($0)-\(target)"] } ?? standard
    }
}
