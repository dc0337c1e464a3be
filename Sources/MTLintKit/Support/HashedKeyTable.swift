/// A read-only table keyed by 64-bit hashes (FNV-1a of a name's bytes or fold key):
/// open addressing on the mixed key, without the second, seeded hashing that a
/// `Dictionary` does for every lookup. The names rules look up every capitalised word.
struct HashedKeyTable<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value?]
    private let shift: UInt64

    init(_ entries: [UInt64: Value]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 2 { bits += 1 }
        shift = 64 - bits
        var keys = [UInt64](repeating: 0, count: 1 << bits)
        var values = [Value?](repeating: nil, count: 1 << bits)
        for (key, value) in entries {
            var slot = HashedKeyTable.slot(key, shift)
            while values[slot] != nil { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
    }

    subscript(key: UInt64) -> Value? {
        var slot = HashedKeyTable.slot(key, shift)
        while let value = values[slot] {
            if keys[slot] == key { return value }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    /// Fibonacci hashing: the top bits of the key times 2^64/φ.
    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
