import Foundation

/// Known findings recorded by `--write-baseline`, so that `--baseline` fails
/// only on new ones. A finding is identified by its file, its rule and a
/// fingerprint of its text and a little context around it — not by its line,
/// so that edits elsewhere in the file do not make old findings look new.
public struct Baseline: Sendable {
    public struct Key: Hashable, Sendable {
        public var path: String
        public var rule: String
        public var fingerprint: String
    }

    /// How many findings each key covers (the same text can be flagged twice).
    public var counts: [Key: Int] = [:]
    /// The baseline file's folder (absolute, links resolved). Paths are stored
    /// relative to it, so a baseline matches from any working folder.
    public var folder: String

    public init(folder: String) { self.folder = folder }

    public init(report: LintReport, folder: String) {
        self.folder = folder
        for file in report.files {
            for located in file.findings {
                guard let bytes = file.result.excerpt(around: located.finding) else { continue }
                counts[key(located.finding, path: file.result.path, bytes: bytes), default: 0] += 1
            }
        }
    }

    /// The folder a baseline at `path` stores its paths relative to.
    public static func folder(of path: String) -> String {
        FilePaths.real(FilePaths.absolute((path as NSString).deletingLastPathComponent))
    }

    /// A linted file's path as the baseline stores it: relative to the baseline's folder.
    func storedPath(_ path: String) -> String {
        path == "<stdin>" ? path : FilePaths.relative(FilePaths.real(FilePaths.absolute(path)), to: folder)
    }

    static let contextBytes = 40

    /// The rule, the flagged text and the word on each side of it, white space
    /// collapsed: stable under edits elsewhere and under re-wrapping.
    public func key(_ finding: Finding, path: String, bytes: FileExcerpt) -> Key {
        let before = Baseline.collapsingWhiteSpace(bytes[max(0, finding.start - Baseline.contextBytes)..<finding.start])
        let after = Baseline.collapsingWhiteSpace(bytes[finding.end..<min(bytes.fileLength, finding.end + Baseline.contextBytes)])
        var hash = FNV1a()
        hash.add(Array(finding.rule.utf8))
        hash.add(Array(before.split(separator: 0x20).last ?? []))
        hash.add(Baseline.collapsingWhiteSpace(bytes[finding.range]))
        hash.add(Array(after.split(separator: 0x20).first ?? []))
        return Key(path: storedPath(path), rule: finding.rule, fingerprint: hash.hex)
    }

    /// Line breaks and runs of spaces count as one space, so re-wrapping a paragraph keeps fingerprints.
    static func collapsingWhiteSpace(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        for byte in bytes {
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
            if isSpace {
                if result.last != 0x20 { result.append(0x20) }
            } else {
                result.append(byte)
            }
        }
        return result
    }

    /// Drops the findings the baseline knows, each baseline entry covering as many findings as it counted.
    public func filter(_ report: LintReport) -> LintReport {
        var remaining = counts
        var filtered = report
        for index in filtered.files.indices {
            let result = filtered.files[index].result
            filtered.files[index].findings = filtered.files[index].findings.filter { located in
                guard let bytes = result.excerpt(around: located.finding) else { return true }
                let key = key(located.finding, path: result.path, bytes: bytes)
                guard let count = remaining[key], count > 0 else { return true }
                remaining[key] = count - 1
                return false
            }
            filtered.files[index].result.findings = filtered.files[index].findings.map(\.finding)
        }
        return filtered
    }

    // MARK: File format (JSON)

    public func serialized() -> String {
        let entries: [JSONValue] = counts.keys.sorted { ($0.path, $0.rule, $0.fingerprint) < ($1.path, $1.rule, $1.fingerprint) }.map { key in
            .object([("path", .string(key.path)), ("rule", .string(key.rule)),
                     ("fingerprint", .string(key.fingerprint)), ("count", .int(counts[key]!))])
        }
        return JSONValue.object([("tool", .string("mtlint")), ("baselineVersion", .int(2)), ("findings", .array(entries))])
            .serialized(pretty: true) + "\n"
    }

    public static func load(path: String) throws(ConfigError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              root["tool"] as? String == "mtlint", let entries = root["findings"] as? [[String: Any]] else {
            throw ConfigError(path: path, line: nil, message: "not an mtlint baseline (write one with --write-baseline)")
        }
        // Version 1 stored paths as typed; they match when typed from the baseline's folder.
        var baseline = Baseline(folder: folder(of: path))
        for entry in entries {
            guard let path = entry["path"] as? String, let rule = entry["rule"] as? String,
                  let fingerprint = entry["fingerprint"] as? String else { continue }
            baseline.counts[Key(path: path, rule: rule, fingerprint: fingerprint), default: 0] += (entry["count"] as? Int) ?? 1
        }
        return baseline
    }
}

/// 64-bit FNV-1a: a small, stable, non-cryptographic fingerprint.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf29ce484222325
    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x100000001b3
        }
        value ^= 0xFF  // field separator
        value = value &* 0x100000001b3
    }
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
