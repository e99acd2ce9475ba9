/// Names that are almost a known one (`Contakt`, `civicrm_contacts`): a typo worth reporting,
/// where another unknown name is only something keydocs does not model.
public enum NearMiss {
    /// Whether `name` is within `limit` edits of `known` (insertions, deletions, substitutions,
    /// ignoring case) without being it.
    public static func of(_ name: String, _ known: String, limit: Int = 2) -> Bool {
        let a = name.lowercased(), b = known.lowercased()
        guard a != b, abs(a.count - b.count) <= limit else { return false }
        return distance(a, b) <= limit
    }

    /// The edits (insertions, deletions, substitutions) that turn `a` into `b`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var next = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                next[j] = min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            row = next
        }
        return row[b.count]
    }
}
