/// Levenshtein distance, for "did you mean" hints on short words (rule ids, commands).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    var previous = Array(0...b.count)
    for i in a.indices {
        var current = [i + 1] + Array(repeating: 0, count: b.count)
        for j in b.indices {
            current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
