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
}
