import Foundation

/// Scores the linter against human MQM error annotations of real MT output
/// (`../shared/eval-dev/*.jsonl.gz`): per artefact class, span-overlap recall;
/// per rule family, precision and flags per 1,000 words — for the human
/// reference translations separately from the machine outputs.
public struct MQMEvaluation: Sendable {
    struct Record: Decodable {
        struct Segment: Decodable {
            var seg: Int
            var src: String?
            var tgt: String
            var text_uncertain: Bool?
        }
        struct Error: Decodable {
            var seg: Int
            var on: String
            var start: Int
            var end: Int
            var `class`: String
        }
        var lp: String
        var system: String
        var segments: [Segment]
        var errors: [Error]
    }

    /// Which MQM classes each family's findings are meant to catch.
    public static let classesByFamily: [RuleFamily: Set<String>] = [
        .encoding: ["encoding"],
        .quotes: ["quote"],
        .punctuation: ["punctuation"],
        .sentenceJoin: ["text-breaking", "punctuation"],
        .names: ["name", "inconsistency", "mistranslation-capitalized", "untranslated"],
        .script: ["untranslated"],
        .repetition: ["addition-or-garbage", "other"],
        .source: ["mistranslation-number", "omission", "number-format", "untranslated"],
    ]

    /// The classes a source rule targets, where narrower than its family's (for its lift).
    public static let classesByRule: [String: Set<String>] = [
        "number-mismatch": ["mistranslation-number", "number-format"],
        "untranslated-segment": ["untranslated"],
        "omission": ["omission"],
        "addition": ["addition-or-garbage"],
        "entity-mismatch": ["mistranslation", "name"],
        // A handle, hashtag, URL or placeholder broken apart ("@ leondame", "# MeToo") is marked as
        // punctuation or as an added space by MQM raters; one dropped, as an omission.
        "markup-mismatch": ["punctuation", "omission", "addition-or-garbage"],
    ]

    static func targetClasses(rule: String, family: RuleFamily) -> Set<String> {
        classesByRule[rule] ?? classesByFamily[family] ?? []
    }

    /// The figures of one group of systems (human references, or MT).
    public struct Group: Sendable {
        public var documents = 0
        public var words = 0
        /// Gold error spans per class, and how many a finding of a mapped family overlaps.
        public var goldByClass: [String: Int] = [:]
        public var detectedByClass: [String: Int] = [:]
        /// Flags per family, how many overlap an error of a mapped class, and of any class.
        public var flagsByFamily: [String: Int] = [:]
        public var flagsOnMappedClass: [String: Int] = [:]
        public var flagsOnAnyError: [String: Int] = [:]
        public var flagsByRule: [String: Int] = [:]
        /// The same per rule: flags on an error of its family's classes or its own, and on any error.
        public var ruleFlagsOnMappedClass: [String: Int] = [:]
        public var ruleFlagsOnAnyError: [String: Int] = [:]
        /// A few flags that match no annotated error, to read by hand.
        public var unmatchedSamples: [String] = []
        /// Segment-level figures for the lift over chance of each rule: segments, those with an
        /// error of each class, and per rule the segments it flags and those among them with an
        /// error of a class its family targets.
        public var segments = 0
        public var segmentsWithClass: [String: Int] = [:]
        public var flaggedSegments: [String: Int] = [:]
        public var flaggedSegmentsOnClass: [String: Int] = [:]

        /// How much likelier a segment the rule flags is to hold an error of its family's classes than any segment.
        public func lift(rule: String, family: RuleFamily) -> Double? {
            let classes = MQMEvaluation.targetClasses(rule: rule, family: family)
            let base = Double(segmentsWithAny(classes)) / Double(max(1, segments))
            guard let flagged = flaggedSegments[rule], flagged > 0, base > 0 else { return nil }
            return Double(flaggedSegmentsOnClass[rule, default: 0]) / Double(flagged) / base
        }

        /// Segments with an error of any of these classes (counted once per segment).
        public var segmentsWithAnyOf: [Set<String>: Int] = [:]
        func segmentsWithAny(_ classes: Set<String>) -> Int { segmentsWithAnyOf[classes, default: 0] }

        public func flagsPer1000Words(_ family: String? = nil) -> Double {
            guard words > 0 else { return 0 }
            let flags = family.map { flagsByFamily[$0, default: 0] } ?? flagsByFamily.values.reduce(0, +)
            return Double(flags) * 1000 / Double(words)
        }
    }

    public var file: String
    public var human = Group()
    public var machine = Group()

    public static func isHumanSystem(_ name: String) -> Bool {
        name.hasPrefix("Human") || name.hasPrefix("ref")
    }

    public static func run(path: String, linter: (String) -> Linter) throws -> MQMEvaluation {
        var evaluation = MQMEvaluation(file: URL(fileURLWithPath: path).lastPathComponent)
        let bytes = try GzipReader.readAll(path: path)
        let decoder = JSONDecoder()
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            guard lineEnd > lineStart else { continue }
            let record = try decoder.decode(Record.self, from: Data(bytes[lineStart..<lineEnd]))
            let language = String(record.lp.split(separator: "-").last ?? "en")
            if isHumanSystem(record.system) {
                evaluation.human.add(record, linter: linter(language))
            } else {
                evaluation.machine.add(record, linter: linter(language))
            }
        }
        return evaluation
    }
}

extension MQMEvaluation.Group {
    mutating func add(_ record: MQMEvaluation.Record, linter: Linter) {
        documents += 1
        // One document: segments in order, one per line, so quotations can cross segments.
        var text: [UInt8] = []
        var segmentStarts: [Int: Int] = [:]
        var uncertain: [Range<Int>] = []
        var units: [TranslationUnit] = []
        for segment in record.segments {
            segmentStarts[segment.seg] = text.count
            text += Array(segment.tgt.utf8)
            if let src = segment.src { units.append(TranslationUnit(id: String(segment.seg), source: src, target: segmentStarts[segment.seg]!..<text.count)) }
            if segment.text_uncertain == true {
                uncertain.append(segmentStarts[segment.seg]!..<text.count)
            } else {
                words += segment.tgt.split(whereSeparator: \.isWhitespace).count
            }
            text.append(0x0A)
        }
        let segmentText = Dictionary(uniqueKeysWithValues: record.segments.map { ($0.seg, $0.tgt) })
        // Gold spans in document bytes, one per distinct (segment, span, class).
        var gold: [(range: Range<Int>, errorClass: String)] = []
        var seen = Set<String>()
        for error in record.errors where error.on == "target" && error.start >= 0 {
            guard let start = segmentStarts[error.seg], let tgt = segmentText[error.seg],
                  seen.insert("\(error.seg):\(error.start):\(error.end):\(error.class)").inserted else { continue }
            let range = MQMEvaluation.byteRange(scalars: error.start..<error.end, in: tgt)
            let documentRange = (start + range.lowerBound)..<(start + range.upperBound)
            if uncertain.contains(where: { $0.overlaps(documentRange) }) { continue }
            gold.append((documentRange, error.class))
            goldByClass[error.class, default: 0] += 1
        }
        // Errors without a target span (segment-level, or marked in the source, as TED marks omissions):
        // a finding that covers its whole segment's target is on them.
        var wholeSegmentGold: [(range: Range<Int>, errorClass: String)] = []
        for error in record.errors where error.on != "target" || error.start < 0 {
            guard let start = segmentStarts[error.seg], let tgt = segmentText[error.seg] else { continue }
            let range = start..<(start + tgt.utf8.count)
            if !uncertain.contains(where: { $0.overlaps(range) }) { wholeSegmentGold.append((range, error.class)) }
        }
        guard let source = try? SourceText(bytes: text) else { return }
        // Segment-level classes, for the lift.
        var classesBySegment: [Int: Set<String>] = [:]
        for error in record.errors where error.on != "source" { classesBySegment[error.seg, default: []].insert(error.class) }
        let certain = record.segments.filter { $0.text_uncertain != true }
        segments += certain.count
        for segment in certain {
            let classes = classesBySegment[segment.seg] ?? []
            for name in classes { segmentsWithClass[name, default: 0] += 1 }
            for targeted in Set(MQMEvaluation.classesByFamily.values).union(MQMEvaluation.classesByRule.values)
            where !targeted.isDisjoint(with: classes) {
                segmentsWithAnyOf[targeted, default: 0] += 1
            }
        }
        let segmentOrder = record.segments.map { ($0.seg, segmentStarts[$0.seg]!) }
        let findings = linter.lint(source, path: record.system, format: .plain, units: units).findings.filter { finding in
            !uncertain.contains { $0.contains(finding.start) }
        }
        var detected = Set<Int>()
        var flaggedPairs = Set<String>()
        for finding in findings {
            // The segment a finding starts in, counted once per rule.
            if let segment = segmentOrder.last(where: { $0.1 <= finding.start })?.0,
               flaggedPairs.insert("\(finding.rule) \(segment)").inserted {
                flaggedSegments[finding.rule, default: 0] += 1
                if !(classesBySegment[segment] ?? []).isDisjoint(with: MQMEvaluation.targetClasses(rule: finding.rule, family: finding.family)) {
                    flaggedSegmentsOnClass[finding.rule, default: 0] += 1
                }
            }
            let family = finding.family.rawValue
            // The family's classes for its figures; for a rule's precision, those and the rule's own
            // (a broken handle is marked as punctuation, which the source family does not target).
            let mapped = MQMEvaluation.classesByFamily[finding.family] ?? []
            let ruleClasses = mapped.union(MQMEvaluation.targetClasses(rule: finding.rule, family: finding.family))
            flagsByFamily[family, default: 0] += 1
            flagsByRule[finding.rule, default: 0] += 1
            var onMapped = false, onRuleClass = false, onAny = false
            for (index, item) in gold.enumerated() where overlaps(item.range, finding.range) {
                onAny = true
                onRuleClass = onRuleClass || ruleClasses.contains(item.errorClass)
                if mapped.contains(item.errorClass) {
                    onMapped = true
                    detected.insert(index)
                }
            }
            for item in wholeSegmentGold where finding.range.clamped(to: item.range).count * 10 >= item.range.count * 9 {
                onAny = true
                onRuleClass = onRuleClass || ruleClasses.contains(item.errorClass)
                if mapped.contains(item.errorClass) { onMapped = true }
            }
            if onMapped { flagsOnMappedClass[family, default: 0] += 1 }
            if onRuleClass { ruleFlagsOnMappedClass[finding.rule, default: 0] += 1 }
            if onAny { flagsOnAnyError[family, default: 0] += 1; ruleFlagsOnAnyError[finding.rule, default: 0] += 1 }
            if !onAny && unmatchedSamples.count < 20 {
                let context = source.text(max(0, finding.start - 40)..<min(text.count, finding.end + 40))
                unmatchedSamples.append("\(record.system): \(finding.rule): …\(context.replacingAll("\n", " ⏎ "))…")
            }
        }
        for index in detected { detectedByClass[gold[index].errorClass, default: 0] += 1 }
    }
}

extension MQMEvaluation {
    /// Byte offsets of a code-point range of a string (the MQM files count code points).
    static func byteRange(scalars: Range<Int>, in text: String) -> Range<Int> {
        var byte = 0, start = 0, end = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == scalars.lowerBound { start = byte }
            if index == scalars.upperBound { end = byte; return start..<end }
            byte += String(scalar).utf8.count
        }
        if scalars.lowerBound >= text.unicodeScalars.count { start = byte }
        return start..<byte
    }

    public var json: JSONValue {
        func group(_ group: Group) -> JSONValue {
            let classes = group.goldByClass.keys.sorted().map { name -> (String, JSONValue) in
                let total = group.goldByClass[name, default: 0], found = group.detectedByClass[name, default: 0]
                return (name, .object([("errors", .int(total)), ("detected", .int(found)),
                                       ("recall", total == 0 ? .null : .double(rounded(Double(found) / Double(total))))]))
            }
            let families = group.flagsByFamily.keys.sorted().map { name -> (String, JSONValue) in
                let flags = group.flagsByFamily[name, default: 0]
                return (name, .object([
                    ("flags", .int(flags)),
                    ("onMappedClass", .int(group.flagsOnMappedClass[name, default: 0])),
                    ("onAnyError", .int(group.flagsOnAnyError[name, default: 0])),
                    ("precision", .double(rounded(Double(group.flagsOnMappedClass[name, default: 0]) / Double(max(1, flags))))),
                    ("precisionAnyError", .double(rounded(Double(group.flagsOnAnyError[name, default: 0]) / Double(max(1, flags))))),
                    ("flagsPer1000Words", .double(rounded(group.flagsPer1000Words(name)))),
                ]))
            }
            return .object([
                ("documents", .int(group.documents)),
                ("words", .int(group.words)),
                ("flagsPer1000Words", .double(rounded(group.flagsPer1000Words()))),
                ("rules", .object(group.flagsByRule.sorted { $0.key < $1.key }.map { rule, flags in
                    (rule, .object([("flags", .int(flags)),
                                    ("onMappedClass", .int(group.ruleFlagsOnMappedClass[rule, default: 0])),
                                    ("onAnyError", .int(group.ruleFlagsOnAnyError[rule, default: 0]))]))
                })),
                ("families", .object(families)),
                ("classes", .object(classes)),
            ])
        }
        return .object([("file", .string(file)), ("human", group(human)), ("machine", group(machine))])
    }

    public var text: String {
        var output = "\(file)\n"
        for (name, group) in [("human references", human), ("machine outputs", machine)] {
            output += "  \(name): \(group.documents) documents, \(group.words) words, "
                + "\(group.flagsByFamily.values.reduce(0, +)) flags (\(formatRate(group.flagsPer1000Words())) per 1,000 words)\n"
            for family in group.flagsByFamily.keys.sorted() {
                let flags = group.flagsByFamily[family, default: 0]
                output += "    \(family.padding(to: 14)) flags \(String(flags).leftPadded(to: 6))"
                    + "  per 1,000 words \(formatRate(group.flagsPer1000Words(family)).leftPadded(to: 6))"
                    + "  precision \(formatRatio(Double(group.flagsOnMappedClass[family, default: 0]) / Double(max(1, flags))))"
                    + " (any error \(formatRatio(Double(group.flagsOnAnyError[family, default: 0]) / Double(max(1, flags)))))\n"
            }
            for rule in group.flagsByRule.keys.sorted() {
                let flags = group.flagsByRule[rule, default: 0]
                output += "    rule \(rule.padding(to: 27)) flags \(String(flags).leftPadded(to: 6))"
                    + "  precision \(formatRatio(Double(group.ruleFlagsOnMappedClass[rule, default: 0]) / Double(max(1, flags))))"
                    + " (any error \(formatRatio(Double(group.ruleFlagsOnAnyError[rule, default: 0]) / Double(max(1, flags)))))\n"
            }
            for rule in group.flaggedSegments.keys.sorted() {
                guard let family = RuleRegistry.rule(id: rule)?.description.family, family == .source,
                      let lift = group.lift(rule: rule, family: family) else { continue }
                output += "    rule \(rule.padding(to: 27)) segments flagged \(String(group.flaggedSegments[rule, default: 0]).leftPadded(to: 5))"
                    + "  with an error of its classes \(String(group.flaggedSegmentsOnClass[rule, default: 0]).leftPadded(to: 5))"
                    + "  lift over chance \(String(format: "%.2f", lift))\n"
            }
            let mappedClasses = Set(MQMEvaluation.classesByFamily.values.flatMap { $0 })
            for errorClass in group.goldByClass.keys.sorted() where mappedClasses.contains(errorClass) {
                let total = group.goldByClass[errorClass, default: 0], found = group.detectedByClass[errorClass, default: 0]
                output += "    class \(errorClass.padding(to: 26)) errors \(String(total).leftPadded(to: 6))"
                    + "  detected \(String(found).leftPadded(to: 5))  recall \(formatRatio(total == 0 ? nil : Double(found) / Double(total)))\n"
            }
        }
        return output
    }
}
