/// A table keyed by 64-bit hashes (FNV-1a of a name's bytes or fold key): open
/// addressing on the mixed key, without the second, seeded hashing that a
/// `Dictionary` does for every lookup. The names rules look up every capitalised word.
/// Its capacity is fixed when it is made: at most `capacity` keys can be stored.
struct HashedKeyTable<Value: Sendable>: Sendable {
    /// 0 marks an empty slot, so a miss reads only this array; the key 0 itself is kept apart.
    private var keys: [UInt64]
    private var values: [Value?]
    private var valueOfZero: Value?
    private let shift: UInt64

    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        shift = 64 - bits
        keys = [UInt64](repeating: 0, count: 1 << bits)
        values = [Value?](repeating: nil, count: 1 << bits)
    }

    init(_ entries: [UInt64: Value]) {
        self.init(capacity: entries.count)
        for (key, value) in entries { set(value, for: key) }
    }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        guard key != 0 else { return valueOfZero }
        let slot = keys.withUnsafeBufferPointer { keys in
            var slot = HashedKeyTable.slot(key, shift)
            while keys[slot] != key && keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
            return slot
        }
        return keys[slot] == key ? values[slot] : nil
    }

    /// Stores or replaces the value of `key` (nothing here ever needs a key removed).
    mutating func set(_ value: Value, for key: UInt64) {
        guard key != 0 else { valueOfZero = value; return }
        var slot = HashedKeyTable.slot(key, shift)
        while keys[slot] != key && keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
        keys[slot] = key
        values[slot] = value
    }

    /// Fibonacci hashing: the top bits of the key times 2^64/φ.
    @inline(__always)
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
