import ICUShim

public enum CaseFolding {
    /// Full Unicode case folding through ICU ("Straße" and "STRASSE" fold alike).
    public static func fold<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let input = Array(bytes)
        var capacity = input.count * 3 + 16
        while true {
            var output = [CChar](repeating: 0, count: capacity)
            let written = input.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { mtl_fold_case(source.baseAddress, Int32(source.count), $0.baseAddress, Int32(capacity)) }
            }
            if written < 0 { return String(decoding: input, as: UTF8.self).lowercased() }
            if Int(written) <= capacity {
                return String(decoding: output[0..<Int(written)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            capacity = Int(written) + 1
        }
    }

    public static func fold(_ string: String) -> String { fold(Array(string.utf8)) }

    /// A–Z to a–z, every other byte as it is (UTF-8 lead and continuation bytes are ≥ 0x80):
    /// the case folding of the byte-level hashes and keys on hot paths.
    @inline(__always)
    public static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
