import Foundation

/// How well the aligner recovers the sentence links of the MQM files: each document's
/// segments are joined into one source and one target text (one paragraph each, so no
/// line break gives a boundary away), aligned, and each segment's link is recovered when
/// the pair that holds the middle of its translation also holds the middle of its source.
public struct AlignmentEvaluation: Sendable {
    public var file: String
    public var documents = 0
    public var links = 0
    public var recovered = 0

    public var recall: Double { links == 0 ? 0 : Double(recovered) / Double(links) }

    struct Record: Decodable {
        struct Segment: Decodable { var src: String; var tgt: String }
        var lp: String
        var system: String
        var segments: [Segment]
    }

    /// `systems` limits the documents to that many systems per file (alignment is slower than linting).
    public static func run(path: String, systems: Int = 2) throws -> AlignmentEvaluation {
        var evaluation = AlignmentEvaluation(file: URL(fileURLWithPath: path).lastPathComponent)
        let bytes = try GzipReader.readAll(path: path)
        var seenSystems: [String] = []
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            defer { lineStart = lineEnd + 1 }
            guard lineEnd > lineStart else { continue }
            let record = try JSONDecoder().decode(Record.self, from: Data(bytes[lineStart..<lineEnd]))
            if !seenSystems.contains(record.system) {
                guard seenSystems.count < systems else { continue }
                seenSystems.append(record.system)
            }
            try evaluation.add(record)
        }
        return evaluation
    }

    mutating func add(_ record: Record) throws {
        let languages = record.lp.split(separator: "-").map(String.init)
        guard languages.count == 2 else { return }
        func joined(_ texts: [String]) -> (SourceText, [Int]) {
            var text = "", middles: [Int] = []
            for item in texts {
                let clean = item.replacingOccurrences(of: "\n", with: " ")
                middles.append(text.utf8.count + clean.utf8.count / 2)
                text += clean + " "
            }
            return (SourceText(text), middles)
        }
        let (source, sourceMiddles) = joined(record.segments.map(\.src))
        let (target, targetMiddles) = joined(record.segments.map(\.tgt))
        let sourceDocument = try Document(source: source, format: .plain, language: .forTag(languages[0]))
        let targetDocument = try Document(source: target, format: .plain, language: .forTag(languages[1]))
        let pairs = Aligner.align(source: sourceDocument, target: targetDocument)
        documents += 1
        for (sourceMiddle, targetMiddle) in zip(sourceMiddles, targetMiddles) {
            links += 1
            guard let pair = pairs.first(where: { $0.target?.contains(targetMiddle) == true }) else { continue }
            if pair.source?.contains(sourceMiddle) == true { recovered += 1 }
        }
    }

    public var text: String {
        "\(file): \(documents) documents, \(links) segment links, \(recovered) recovered (\(String(format: "%.1f", 100 * recall))%)\n"
    }
}
