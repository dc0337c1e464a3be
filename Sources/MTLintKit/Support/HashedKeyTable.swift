/// A table keyed by 64-bit hashes (FNV-1a of a name's bytes or fold key): open
/// addressing on the mixed key, without the second, seeded hashing that a
/// `Dictionary` does for every lookup. The names rules look up every capitalised word,
/// and nearly every lookup misses: a bitmap of 4 bits per slot, small enough to stay in
/// the processor's first-level cache, turns most misses away before the slots are read.
/// Its capacity is fixed when it is made: at most `capacity` keys can be stored.
struct HashedKeyTable<Value: Sendable>: Sendable {
    /// 0 marks an empty slot; the key 0 itself is kept apart.
    private var keys: [UInt64]
    private var values: [Value?]
    private var valueOfZero: Value?
    private var count = 0
    private var filter: [UInt64]
    private let shift: UInt64, filterShift: UInt64

    init(capacity: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        shift = 64 - bits
        filterShift = 64 - (bits + 2)
        keys = [UInt64](repeating: 0, count: 1 << bits)
        values = [Value?](repeating: nil, count: 1 << bits)
        filter = [UInt64](repeating: 0, count: 1 << (bits + 2 - 6))
    }

    init(_ entries: [UInt64: Value]) {
        self.init(capacity: entries.count)
        for (key, value) in entries { set(value, for: key) }
    }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        guard key != 0 else { return valueOfZero }
        let mixed = HashedKeyTable.mix(key)
        let bit = mixed >> filterShift
        guard filter.withUnsafeBufferPointer({ $0[Int(bit >> 6)] }) & (1 << (bit & 63)) != 0 else { return nil }
        let slot = keys.withUnsafeBufferPointer { keys in
            var slot = Int(truncatingIfNeeded: mixed >> shift)
            while keys[slot] != key && keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
            return slot
        }
        return keys[slot] == key ? values[slot] : nil
    }

    /// Stores or replaces the value of `key` (nothing here ever needs a key removed).
    mutating func set(_ value: Value, for key: UInt64) {
        guard key != 0 else { valueOfZero = value; return }
        let mixed = HashedKeyTable.mix(key)
        let bit = mixed >> filterShift
        filter[Int(bit >> 6)] |= 1 << (bit & 63)
        var slot = Int(truncatingIfNeeded: mixed >> shift)
        while keys[slot] != key && keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
        if keys[slot] == 0 {
            // A full table would leave a lookup of a missing key probing forever.
            count += 1
            precondition(count < keys.count, "HashedKeyTable holds more keys than its capacity")
        }
        keys[slot] = key
        values[slot] = value
    }

    /// Fibonacci hashing: the key times 2^64/φ, whose top bits pick the slot and the filter bit.
    @inline(__always)
    private static func mix(_ key: UInt64) -> UInt64 {
        key &* 0x9E37_79B9_7F4A_7C15
    }
}
