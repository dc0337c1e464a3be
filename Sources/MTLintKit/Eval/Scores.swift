/// True positives, false positives and false negatives, with the usual ratios.
public struct Scores: Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// nil when there were no flags (precision is undefined, not perfect).
    public var precision: Double? {
        truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }

    /// nil when there was nothing to find.
    public var recall: Double? {
        truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
    }

    public var f1: Double? {
        guard let p = precision, let r = recall, p + r > 0 else { return nil }
        return 2 * p * r / (p + r)
    }

    static func + (a: Scores, b: Scores) -> Scores {
        Scores(truePositives: a.truePositives + b.truePositives, falsePositives: a.falsePositives + b.falsePositives,
               falseNegatives: a.falseNegatives + b.falseNegatives)
    }

    var json: JSONValue {
        .object([
            ("tp", .int(truePositives)), ("fp", .int(falsePositives)), ("fn", .int(falseNegatives)),
            ("precision", precision.map { .double(rounded($0)) } ?? .null),
            ("recall", recall.map { .double(rounded($0)) } ?? .null),
            ("f1", f1.map { .double(rounded($0)) } ?? .null),
        ])
    }
}

func rounded(_ value: Double, places: Double = 10_000) -> Double { (value * places).rounded() / places }

/// "0.923" or "-" for an undefined ratio.
func formatRatio(_ value: Double?) -> String {
    guard let value else { return "-" }
    return String(Int((value * 1000).rounded())).leftPadded(to: 4, with: "0").inserting(".", at: 1)
}

func formatRate(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    return "\(hundredths / 100).\(String(hundredths % 100).leftPadded(to: 2, with: "0"))"
}

extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }

    func inserting(_ string: String, at offset: Int) -> String {
        let index = self.index(startIndex, offsetBy: offset)
        return String(self[..<index]) + string + String(self[index...])
    }
}
