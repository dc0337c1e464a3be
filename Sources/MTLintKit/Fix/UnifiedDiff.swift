/// A unified diff of two texts by lines, for `fix --diff`.
///
/// Lines are compared byte for byte (not by Unicode equivalence: a fix that only changes
/// the normalisation must show) through numbers: equal lines get the same number. The edit
/// script comes from Myers' greedy search, run in windows of at most `window` edits. When the
/// texts differ by at most that many lines, one window gives a minimal script; otherwise each
/// window is cut at the furthest point it reached and the next one starts there. A fixed file
/// may change on most of its lines, and one search over all of it would take time and memory
/// quadratic in the number of changes; windows keep memory O(N+M+window²) and time
/// O(D·window) plus the scans along matching lines, at most O((N+M)·window).
public enum UnifiedDiff {
    /// Enough for any ordinary edit to be shown minimally, small enough to stay fast.
    static let window = 128

    public static func render(old: String, new: String, path: String, context: Int = 3) -> String {
        render(old: Array(old.utf8), new: Array(new.utf8), path: path, context: context)
    }

    static func render(old: [UInt8], new: [UInt8], path: String, context: Int = 3, window: Int = window) -> String {
        let a = lineRanges(old), b = lineRanges(new)
        let (aNumbers, bNumbers) = numbers(old, a, new, b)
        let script = editScript(aNumbers, bNumbers, window: window)
        guard script.contains(where: { $0.kind != .same }) else { return "" }
        var output = Array("--- \(path)\n+++ \(path)\n".utf8)
        func append(_ marker: Character, _ line: ArraySlice<UInt8>) {
            output.append(marker.asciiValue!)
            output += line
            if line.last != 0x0A { output += "\n\\ No newline at end of file\n".utf8 }
        }
        // Group changes with `context` lines around them into hunks.
        var index = 0
        while index < script.count {
            guard script[index].kind != .same else { index += 1; continue }
            let start = max(0, index - context)
            var end = index
            var lastChange = index
            while end < script.count && (script[end].kind != .same || end - lastChange <= 2 * context) {
                if script[end].kind != .same { lastChange = end }
                end += 1
            }
            end = min(script.count, lastChange + context + 1)
            let hunk = script[start..<end]
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            // An empty side names the line after which the other side goes (GNU diff: "-0,0").
            let oldStart = hunk.first!.oldLine + (oldCount == 0 ? 0 : 1)
            let newStart = hunk.first!.newLine + (newCount == 0 ? 0 : 1)
            output += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n".utf8
            for step in hunk {
                switch step.kind {
                case .same: append(" ", old[a[step.oldLine]])
                case .delete: append("-", old[a[step.oldLine]])
                case .insert: append("+", new[b[step.newLine]])
                }
            }
            index = end
        }
        return String(decoding: output, as: UTF8.self)
    }

    struct Step: Equatable {
        enum Kind { case same, delete, insert }
        var kind: Kind
        var oldLine: Int
        var newLine: Int
    }

    /// Each line's bytes, line break included, so that CRLF survives.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            ranges.append(start..<(index + 1))
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }

    /// The lines of both texts as numbers, equal for lines with equal bytes.
    static func numbers(_ old: [UInt8], _ a: [Range<Int>], _ new: [UInt8], _ b: [Range<Int>]) -> ([Int], [Int]) {
        var numbers: [Line: Int] = [:]
        func number(_ line: ArraySlice<UInt8>) -> Int {
            if let known = numbers[Line(bytes: line)] { return known }
            numbers[Line(bytes: line)] = numbers.count
            return numbers.count - 1
        }
        return (a.map { number(old[$0]) }, b.map { number(new[$0]) })
    }

    /// A line as a dictionary key: hashed as a block of bytes, not byte by byte.
    struct Line: Hashable {
        let bytes: ArraySlice<UInt8>
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
        static func == (l: Line, r: Line) -> Bool { l.bytes.elementsEqual(r.bytes) }
    }

    static func editScript(_ a: [Int], _ b: [Int], window: Int = window) -> [Step] {
        var steps: [Step] = []
        var search = WindowSearch(a: a, b: b, limit: max(1, window))
        var x = 0, y = 0
        while x < a.count || y < b.count {
            (x, y) = search.run(from: x, y, appendingTo: &steps)
        }
        return steps
    }

    /// Myers' greedy search for the edits from (x0, y0) — x counts lines of `a`, y of `b` —
    /// to the end of both, giving up after `limit` edits.
    struct WindowSearch {
        let a: [Int], b: [Int], limit: Int
        /// The furthest x reached on each diagonal k = x − y (relative to the start) after
        /// d edits, at index d² + d + k; −1 where no path of d edits ends.
        var furthest: [Int] = []

        init(a: [Int], b: [Int], limit: Int) {
            (self.a, self.b, self.limit) = (a, b, limit)
            furthest.reserveCapacity((limit + 1) * (limit + 1))
        }

        func at(_ d: Int, _ k: Int) -> Int { abs(k) <= d ? furthest[d * d + d + k] : -1 }

        /// x + y, how far into both texts a point on diagonal k got; −1 when there is none.
        func progress(_ d: Int, _ k: Int) -> Int { at(d, k) < 0 ? -1 : 2 * at(d, k) - k }

        /// Where the d-th edit lands on diagonal k: the furthest of an insertion from k + 1
        /// (x stays) and a deletion from k − 1 (x + 1); neither may leave the grid.
        func entry(_ d: Int, _ k: Int, n: Int, m: Int) -> (x: Int, inserted: Bool)? {
            let down = at(d - 1, k + 1), right = at(d - 1, k - 1)
            let insert = down >= 0 && down - k <= m ? down : -1
            let delete = right >= 0 && right < n ? right + 1 : -1
            if insert < 0 && delete < 0 { return nil }
            return delete > insert ? (delete, false) : (insert, true)
        }

        /// Appends the steps of this window and returns where it ends.
        mutating func run(from x0: Int, _ y0: Int, appendingTo steps: inout [Step]) -> (Int, Int) {
            let n = a.count - x0, m = b.count - y0
            furthest.removeAll(keepingCapacity: true)
            var end: (d: Int, k: Int)? = nil
            search: for d in 0...limit {
                furthest += repeatElement(-1, count: 2 * d + 1)
                for k in stride(from: -d, through: d, by: 2) {
                    guard var x = d == 0 ? 0 : entry(d, k, n: n, m: m)?.x else { continue }
                    while x < n && x - k < m && a[x0 + x] == b[y0 + x - k] { x += 1 }
                    furthest[d * d + d + k] = x
                    if x == n && x - k == m { end = (d, k); break search }
                }
            }
            // Not at the end: stop at the point that got furthest into both texts.
            let cut = end ?? (limit, stride(from: -limit, through: limit, by: 2).max { progress(limit, $0) < progress(limit, $1) }!)
            // Walk back to the start, collecting the steps in reverse.
            var (d, k) = cut
            var x = at(d, k)
            let stop = (x0 + x, y0 + x - k)
            var reversed: [Step] = []
            while true {
                let entered = d == 0 ? (x: 0, inserted: false) : entry(d, k, n: n, m: m)!
                while x > entered.x {
                    x -= 1
                    reversed.append(Step(kind: .same, oldLine: x0 + x, newLine: y0 + x - k))
                }
                if d == 0 { break }
                if entered.inserted {
                    reversed.append(Step(kind: .insert, oldLine: x0 + x, newLine: y0 + x - k - 1))
                    k += 1
                } else {
                    reversed.append(Step(kind: .delete, oldLine: x0 + x - 1, newLine: y0 + x - k))
                    x -= 1
                    k -= 1
                }
                d -= 1
            }
            steps += reversed.reversed()
            return stop
        }
    }
}
