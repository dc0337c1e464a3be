/// FNV-1a, the 64-bit hash of the byte-level keys (words, names, anchors, abbreviations) that the
/// rules compare instead of strings.
enum FNV {
    static let start: UInt64 = 0xcbf29ce484222325

    @inline(__always)
    static func adding(_ byte: UInt8, to hash: UInt64) -> UInt64 { (hash ^ UInt64(byte)) &* 0x100000001b3 }

    /// Of bytes as they are.
    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 { bytes.reduce(start) { adding($1, to: $0) } }
}
