import ICUShim

extension Array where Element == UInt8 {
    /// Whether these bytes hold `prefix` at `offset` (the markup scanners' "<!--", "<![CDATA[", …).
    func hasPrefix(_ prefix: StaticString, at offset: Int) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard offset >= 0, offset + count <= self.count else { return false }
        return prefix.withUTF8Buffer { buffer in
            for index in 0..<count where buffer[index] != self[offset + index] { return false }
            return true
        }
    }

    /// Where `needle` first occurs at or after `from`, found by glibc's vectorised memmem.
    func firstOffset(of needle: [UInt8], from: Int = 0) -> Int? {
        guard from >= 0, from < count, !needle.isEmpty else { return nil }
        let found = withUnsafeBufferPointer { mtl_find($0.baseAddress! + from, Int64($0.count - from), needle, Int64(needle.count)) }
        return found < 0 ? nil : from + Int(found)
    }
}
