/// Eight bytes read as one word, each byte's answer in its high bit: passes over every byte of a
/// text (the aligner's anchors, a source's ASCII words) ask a few questions of eight bytes at once,
/// without a branch per byte. Every answer is exact for every byte: no addition carries from one
/// byte into the next.
enum Swar {
    static let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// Whether the eight bytes hold `byte` (one answer for all: the borrow of a subtraction may mark
    /// a byte above a zero one too, which does not change it).
    @inline(__always)
    static func holds(_ block: UInt64, _ byte: UInt8) -> Bool {
        let x = block ^ (UInt64(byte) &* ones)
        return (x &- ones) & ~x & highs != 0
    }

    /// The ASCII letters and digits, and those among them that are capitals or digits.
    @inline(__always)
    static func lettersAndDigits(_ block: UInt64) -> (all: UInt64, capitalsAndDigits: UInt64) {
        let ascii = ~block & highs, low = block & lows
        // Bytes of `low` at or above c: adding 0x80 − c sets the high bit, which no byte overflows.
        func atLeast(_ c: UInt64) -> UInt64 { (low &+ (0x80 - c) &* ones) & highs }
        let digits = atLeast(0x30) & ~atLeast(0x3A), capitals = atLeast(0x41) & ~atLeast(0x5B)
        let small = atLeast(0x61) & ~atLeast(0x7B)
        return ((digits | capitals | small) & ascii, (digits | capitals) & ascii)
    }
}
