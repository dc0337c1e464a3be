import Foundation

/// When a translation file is linted in batches of units, and how large a batch is.
///
/// An XLIFF or TMX file above `threshold` is read from disk as it is parsed, and
/// every batch of units is linted as one document, so memory is bounded by the
/// batch, not the file (a file read whole peaks at six to nine times its size).
/// The rules that judge a whole document (`RuleDescription.judgesWholeDocument`:
/// name consistency, the document's quote style or French spacing convention,
/// its length ratio) then judge a batch at a time.
public struct Batching: Sendable {
    /// Files above this size (bytes) are linted in batches; smaller ones whole.
    public var threshold: Int
    /// A batch ends with the unit that brings it to this many translated units…
    public var units: Int
    /// … or to this many bytes of target text, whichever comes first.
    public var textBytes: Int

    /// 32 MiB: a file just under it, read whole, peaks at 200–300 MB, which CI runners
    /// hold with room to spare, and nearly every real XLIFF or TMX file is smaller, so it
    /// keeps whole-file name consistency. A batch of 5,000 units or 1 MiB of targets
    /// peaks near 50 MB however large the file (plus its findings); smaller batches save
    /// little more (42 MB at 250 units) and larger ones cost more (87 MB at 4 MiB), at
    /// the same speed.
    public static let standard = Batching(threshold: 32 << 20, units: 5_000, textBytes: 1 << 20)

    /// A single batch, however large the file.
    static let whole = Batching(threshold: .max, units: .max, textBytes: .max)

    /// Whether the file at `path` is linted in batches: an XLIFF or TMX file above the
    /// threshold and within the input limit (a larger one is refused as ever).
    public func applies(to path: String) -> Bool {
        let format = DocumentFormat.forPath(path)
        guard format == .xliff || format == .tmx else { return false }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        return Int(info.st_size) > threshold && Int(info.st_size) <= InputReader.maxBytes
    }
}
