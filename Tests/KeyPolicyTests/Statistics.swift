/// Pearson's chi-square statistic of observed counts against a uniform expectation.
func chiSquare(_ counts: [Int]) -> Double {
    let total = counts.reduce(0, +)
    let expected = Double(total) / Double(counts.count)
    return counts.reduce(0.0) { sum, observed in
        let d = Double(observed) - expected
        return sum + d * d / expected
    }
}

/// The chi-square critical value for 61 degrees of freedom at p = 1e-6: a uniform source
/// exceeds it once in a million runs.
let chiSquareCritical61 = 128.5

/// A small deterministic generator (SplitMix64) for tests that need repeatable bytes.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
