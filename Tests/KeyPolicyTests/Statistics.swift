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
