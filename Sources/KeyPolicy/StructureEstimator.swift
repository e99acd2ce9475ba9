import Foundation

/// Estimates how many bits it takes to guess a key when an attacker tries structured guesses
/// (words, sequences, repeats, years, digit strings) before random ones.
///
/// The estimate is the length of the shortest description of the key in a fixed code: each
/// character is either spelled out (log2 of the effective alphabet, plus a small escape cost)
/// or covered by a pattern token (a tag, then the bits that pick the pattern). Because the
/// code's lengths satisfy Kraft's inequality, at most 2^b keys can be described in b bits,
/// so a random key of n characters comes out under b bits with probability about
/// 2^(b − n·log2 36): for b = 80 and n = 20 that is under 1 in 10 million, which is what keeps
/// `key.weak` quiet on generated keys while it catches the keys people make up.
public struct StructureEstimator: Sendable {
    /// One stretch of a key that a pattern covers, by 0-based character range.
    public struct Pattern: Sendable, Equatable {
        /// What kind of pattern.
        public enum Kind: String, Sendable {
            case word, sequence, `repeat`, year, digits
        }
        /// Its kind.
        public let kind: Kind
        /// The characters it covers.
        public let range: Range<Int>
    }

    /// The estimate for one key.
    public struct Estimate: Sendable {
        /// Bits an attacker needs, at most the key's effective brute-force strength.
        public let bits: Double
        /// The patterns of the shortest description, in key order; empty for a patternless key.
        public let patterns: [Pattern]
    }

    /// Keys longer than this are estimated as brute force only (they fail on length anyway).
    public static let maxAnalysedLength = 128

    let symbolBits: Double
    /// Bits of the escape before a spelled-out character.
    static let escapeCost = log2(16.0 / 15.0)
    /// Bits of a pattern token's tag.
    static let tagCost = log2(16.0) + log2(5.0)
    let escapeBits = escapeCost
    let tagBits = tagCost
    let wordBits: Double
    let sequenceBits: Double
    /// Every word, forwards and backwards, in one trie: both cost the same, so one walk finds both.
    let wordTrie: Trie
    /// For sequence s and byte b, b's index in s at [s * 256 + b], or -1.
    let sequenceIndex: [Int8]
    /// For each byte, the letters it stands for in leet spelling.
    let leetTable: [[UInt8]]
    /// For bytes x, y at [symbol(x) * 37 + symbol(y)]: a bit for each sequence and direction in
    /// which y follows x. A run of three needs a bit shared by two adjacent pairs, which random
    /// keys rarely have. Small enough to stay in the first-level cache.
    let successor: [UInt16]
    /// For each byte, its place among the 36 lowercase letters and digits, or 36 for any other.
    let symbol: [UInt8]
    let sequenceBytes: [[UInt8]]
    /// gamma[k]: bits of the Elias gamma code for k ≥ 1.
    let gamma: [Double]
    let log2Table: [Double]
    /// Bits that pick a year from 1900 to 2099.
    let yearBits = log2(200.0)
    /// Bits of one digit.
    let digitBits = log2(10.0)
    /// Words shorter than this cost more as a token than spelled out, so they never shorten a
    /// description.
    let minUsefulWordLength: Int
    /// How many leading characters `wordStarts` looks at (0: no such filter).
    let startLength: Int
    /// A bit for each string of `startLength` letters and digits (by `symbol`, base 37) that
    /// begins a useful word, forwards or backwards, in plain or leet spelling: a walk of the
    /// trie from a position whose characters begin none finds nothing that could change the
    /// estimate, so it is skipped (most positions of a random key). Stays in the first-level cache.
    let wordStarts: [UInt64]

    /// The runs an attacker tries: the alphabet, the digits, keyboard rows (QWERTY, AZERTY,
    /// QWERTZ), the digit row and QWERTY's columns. Each is also tried backwards.
    static let sequences = [
        "abcdefghijklmnopqrstuvwxyz",
        "0123456789",
        "1234567890",
        "qwertyuiopasdfghjklzxcvbnm",
        "azertyuiopqsdfghjklmwxcvbn",
        "qwertzuiopasdfghjklyxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    ]

    /// Digits read as letters: 0→o, 1→i or l, 2→z, 3→e, 4→a, 5→s, 6→g, 7→t, 8→b, 9→g.
    static let leet: [UInt8: [UInt8]] = [
        UInt8(ascii: "0"): [UInt8(ascii: "o")], UInt8(ascii: "1"): [UInt8(ascii: "i"), UInt8(ascii: "l")],
        UInt8(ascii: "2"): [UInt8(ascii: "z")], UInt8(ascii: "3"): [UInt8(ascii: "e")],
        UInt8(ascii: "4"): [UInt8(ascii: "a")], UInt8(ascii: "5"): [UInt8(ascii: "s")],
        UInt8(ascii: "6"): [UInt8(ascii: "g")], UInt8(ascii: "7"): [UInt8(ascii: "t")],
        UInt8(ascii: "8"): [UInt8(ascii: "b")], UInt8(ascii: "9"): [UInt8(ascii: "g")],
    ]

    /// An estimator whose spelled-out characters cost `symbolBits` each, with the built-in words.
    public init(symbolBits: Double, words: [String] = commonWords) {
        self.init(symbolBits: symbolBits, words: words, skipHopelessWalks: true)
    }

    /// With `skipHopelessWalks` false, walks the trie from every position of a key: the same
    /// estimates, only slower (a reference for tests).
    public init(symbolBits: Double, words: [String], skipHopelessWalks: Bool) {
        self.symbolBits = symbolBits
        let unique = Array(Set(words.map { $0.lowercased() })).sorted()
        wordBits = log2(Double(max(unique.count, 1))) + 1
        let spelled = unique.map { Array($0.utf8) } + unique.map { Array($0.utf8.reversed()) }
        wordTrie = Trie(words: spelled)
        let tokenBits = Self.tagCost + wordBits
        // A margin keeps a word whose token costs about what its letters do, so that the filter
        // never changes which description wins a tie.
        let useful = Int(floor((tokenBits - 1e-6) / (symbolBits + Self.escapeCost))) + 1
        minUsefulWordLength = useful
        let length = skipHopelessWalks && useful >= 2 ? min(useful, 3) : 0
        startLength = length
        let symbols = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var starts = [UInt64](repeating: 0, count: length == 0 ? 0 : (Self.power37(length) + 63) / 64)
        for word in spelled where length > 0 && word.count >= useful && word.allSatisfy({ $0 >= 97 && $0 <= 122 }) {
            // Every spelling of the word's first characters: each letter as itself or as a
            // digit that stands for it.
            var indices = [0]
            for letter in word.prefix(length) {
                let spellings = [letter] + Self.leet.filter { $0.value.contains(letter) }.map(\.key)
                indices = indices.flatMap { index in
                    spellings.compactMap { symbols.firstIndex(of: $0).map { index * 37 + $0 } }
                }
            }
            for index in indices { starts[index >> 6] |= 1 << UInt64(index & 63) }
        }
        wordStarts = starts
        sequenceBytes = Self.sequences.map { Array($0.utf8) }
        sequenceBits = log2(Double(Self.sequences.count)) + 1
        var index = [Int8](repeating: -1, count: 256 * Self.sequences.count)
        for (s, bytes) in sequenceBytes.enumerated() {
            for (i, byte) in bytes.enumerated() { index[s * 256 + Int(byte)] = Int8(i) }
        }
        sequenceIndex = index
        var symbol = [UInt8](repeating: 36, count: 256)
        for (i, byte) in "abcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() { symbol[Int(byte)] = UInt8(i) }
        self.symbol = symbol
        var successor = [UInt16](repeating: 0, count: 37 * 37)
        for (s, bytes) in sequenceBytes.enumerated() {
            for k in 1..<bytes.count {
                let a = Int(symbol[Int(bytes[k - 1])]), b = Int(symbol[Int(bytes[k])])
                successor[a * 37 + b] |= 1 << (2 * s)
                successor[b * 37 + a] |= 1 << (2 * s + 1)
            }
        }
        self.successor = successor
        var leetTable = [[UInt8]](repeating: [], count: 256)
        for (digit, letters) in Self.leet { leetTable[Int(digit)] = letters }
        self.leetTable = leetTable
        let size = Self.maxAnalysedLength + 2
        gamma = (0..<size).map { $0 == 0 ? 0 : 2 * floor(log2(Double($0))) + 1 }
        log2Table = (0..<size).map { $0 == 0 ? 0 : log2(Double($0)) }
    }

    static func power37(_ k: Int) -> Int { (0..<k).reduce(1) { r, _ in r * 37 } }

    /// Whether a useful word may begin at `i` (see `wordStarts`).
    @inline(__always) func mayStartWord(
        _ b: UnsafeBufferPointer<UInt8>, at i: Int, starts: UnsafeBufferPointer<UInt64>, symbol: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard startLength > 0 else { return true }
        guard i + minUsefulWordLength <= b.count else { return false }
        var index = 0
        for k in 0..<startLength { index = index * 37 + Int(symbol[Int(b[i + k])]) }
        return starts[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// The words the estimator knows, for the policy's JSON.
    public var wordCount: Int { Set(commonWords).count }

    /// Estimates `key`; only its ASCII letters and digits can form patterns, case ignored.
    public func estimate(_ key: some StringProtocol, explain: Bool = true) -> Estimate {
        var bytes = Array(key.utf8)
        for i in bytes.indices { bytes[i] = Policy.folded(bytes[i]) }
        return estimate(folded: bytes, explain: explain)
    }

    /// Estimates a key given as lowercase ASCII bytes.
    public func estimate(folded bytes: [UInt8], explain: Bool) -> Estimate {
        bytes.withUnsafeBufferPointer { estimate(buffer: $0, explain: explain) }
    }

    /// Estimates a key given as lowercase ASCII bytes in a buffer.
    public func estimate(buffer b: UnsafeBufferPointer<UInt8>, explain: Bool) -> Estimate {
        let n = b.count
        let bruteForce = Double(n) * symbolBits
        guard n <= Self.maxAnalysedLength, n > 0 else { return Estimate(bits: bruteForce, patterns: []) }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n + 1) { best in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * (n + 1) + n + 256) { scratch in
                let back = UnsafeMutableBufferPointer(rebasing: scratch[0..<2 * (n + 1)])
                // previous[i]: the last position before i holding the same byte, or -1.
                let previous = UnsafeMutableBufferPointer(rebasing: scratch[2 * (n + 1)..<2 * (n + 1) + n])
                let lastSeen = UnsafeMutableBufferPointer(rebasing: scratch[2 * (n + 1) + n..<scratch.count])
                best.initialize(repeating: .infinity)
                back.initialize(repeating: -1)
                lastSeen.initialize(repeating: -1)
                for i in 0..<n {
                    previous[i] = lastSeen[Int(b[i])]
                    lastSeen[Int(b[i])] = Int32(i)
                }
                best[0] = 0
                var relax = Relaxer(best: best, back: back)
                wordTrie.children.withUnsafeBufferPointer { fc in
                    wordTrie.terminal.withUnsafeBufferPointer { ft in
                        wordStarts.withUnsafeBufferPointer { starts in
                                sequenceIndex.withUnsafeBufferPointer { seqIndex in
                                    successor.withUnsafeBufferPointer { pairs in
                                      symbol.withUnsafeBufferPointer { symbol in
                                        for i in 0..<n {
                                            relax(from: i, to: i + 1, cost: symbolBits + escapeBits, kind: 0)
                                            if mayStartWord(b, at: i, starts: starts, symbol: symbol) {
                                                walk(b, start: i, position: i, node: 0, leet: 0, children: fc, terminal: ft, relax: &relax)
                                            }
                                            if i + 2 < n,
                                               case let (x, y, z) = (Int(symbol[Int(b[i])]), Int(symbol[Int(b[i + 1])]), Int(symbol[Int(b[i + 2])])),
                                               pairs[x * 37 + y] & pairs[y * 37 + z] != 0 {
                                                addSequences(b, at: i, index: seqIndex, relax: &relax)
                                            }
                                            addRepeats(b, at: i, previous: UnsafeBufferPointer(previous), relax: &relax)
                                            addNumbers(b, at: i, relax: &relax)
                                        }
                                      }
                                    }
                                }
                        }
                    }
                }
                // Spelled out in full, a key costs more than brute force, so the minimum is the
                // estimate whether or not a pattern was used; only an explanation needs the path.
                guard explain else { return Estimate(bits: min(best[n], bruteForce), patterns: []) }
                var patterns: [Pattern] = []
                var usedPattern = false
                var j = n
                while j > 0 {
                    let i = Int(back[2 * j]), kind = back[2 * j + 1]
                    if kind != 0 {
                        usedPattern = true
                        patterns.append(Pattern(kind: Self.kinds[Int(kind)], range: i..<j))
                    }
                    j = i
                }
                let bits = usedPattern ? min(best[n], bruteForce) : bruteForce
                return Estimate(bits: bits, patterns: patterns.reversed())
            }
        }
    }

    static let kinds: [Pattern.Kind] = [.word, .word, .sequence, .repeat, .year, .digits]

    // MARK: - Pattern tokens

    /// Follows the trie from `position`, a letter at a time (a digit as each letter it can stand
    /// for), and adds a word token at every word's end.
    private func walk(
        _ b: UnsafeBufferPointer<UInt8>, start: Int, position: Int, node: Int, leet: Int,
        children: UnsafeBufferPointer<Int32>, terminal: UnsafeBufferPointer<Bool>, relax: inout Relaxer
    ) {
        guard position < b.count else { return }
        let byte = b[position]
        if byte >= 97 && byte <= 122 {
            follow(b, start: start, position: position, node: node, letter: byte, leet: leet, children: children, terminal: terminal, relax: &relax)
        } else if byte >= 48 && byte <= 57 {
            for letter in leetTable[Int(byte)] {
                follow(b, start: start, position: position, node: node, letter: letter, leet: leet + 1, children: children, terminal: terminal, relax: &relax)
            }
        }
    }

    private func follow(
        _ b: UnsafeBufferPointer<UInt8>, start: Int, position: Int, node: Int, letter: UInt8, leet: Int,
        children: UnsafeBufferPointer<Int32>, terminal: UnsafeBufferPointer<Bool>, relax: inout Relaxer
    ) {
        let next = Int(children[node * 26 + Int(letter - 97)])
        guard next > 0 else { return }
        if terminal[next] {
            relax(from: start, to: position + 1, cost: tagBits + wordBits + Double(leet), kind: 1)
        }
        walk(b, start: start, position: position + 1, node: next, leet: leet, children: children, terminal: terminal, relax: &relax)
    }

    func addSequences(_ b: UnsafeBufferPointer<UInt8>, at i: Int, index: UnsafeBufferPointer<Int8>, relax: inout Relaxer) {
        let n = b.count
        for s in 0..<sequenceBytes.count {
            let p = Int(index[s * 256 + Int(b[i])])
            guard p >= 0 else { continue }
            let seq = sequenceBytes[s]
            let base = tagBits + sequenceBits + log2Table[seq.count]
            for step in stride(from: 1, through: -1, by: -2) {
                var length = 1
                while i + length < n, p + step * length >= 0, p + step * length < seq.count,
                      b[i + length] == seq[p + step * length] {
                    length += 1
                }
                guard length >= 3 else { continue }
                for l in 3...length {
                    relax(from: i, to: i + l, cost: base + gamma[l - 2], kind: 2)
                }
            }
        }
    }

    /// A copy of earlier characters: the candidates are the earlier positions holding the same
    /// byte, followed through `previous`, so the work stays linear on keys without repeats.
    func addRepeats(_ b: UnsafeBufferPointer<UInt8>, at i: Int, previous: UnsafeBufferPointer<Int32>, relax: inout Relaxer) {
        let n = b.count
        guard i > 0, i + 2 < n else { return }
        var longest = 0
        var source = Int(previous[i])
        while source >= 0 {
            if b[source + 1] == b[i + 1] && b[source + 2] == b[i + 2] {
                var length = 3
                while i + length < n && b[source + length] == b[i + length] { length += 1 }
                longest = max(longest, length)
            }
            source = Int(previous[source])
        }
        guard longest >= 3 else { return }
        let base = tagBits + log2Table[i]
        for l in 3...longest {
            relax(from: i, to: i + l, cost: base + gamma[l - 2], kind: 3)
        }
    }

    func addNumbers(_ b: UnsafeBufferPointer<UInt8>, at i: Int, relax: inout Relaxer) {
        let n = b.count
        var digits = 0
        while i + digits < n && b[i + digits] >= 48 && b[i + digits] <= 57 { digits += 1 }
        if digits >= 4 && ((b[i] == 49 && b[i + 1] == 57) || (b[i] == 50 && b[i + 1] == 48)) {
            relax(from: i, to: i + 4, cost: tagBits + yearBits, kind: 4)
        }
        guard digits >= 4 else { return }
        for l in 4...digits {
            relax(from: i, to: i + l, cost: tagBits + gamma[l - 3] + Double(l) * digitBits, kind: 5)
        }
    }
}

/// The dynamic program's tables: the cheapest description of each prefix and how it ends.
struct Relaxer {
    let best: UnsafeMutableBufferPointer<Double>
    let back: UnsafeMutableBufferPointer<Int32>

    @inline(__always) mutating func callAsFunction(from i: Int, to j: Int, cost: Double, kind: Int32) {
        let candidate = best[i] + cost
        if candidate < best[j] {
            best[j] = candidate
            back[2 * j] = Int32(i)
            back[2 * j + 1] = kind
        }
    }
}

/// A trie over lowercase ASCII words, flat: 26 child slots a node, 0 meaning none.
struct Trie: Sendable {
    var children: [Int32] = [Int32](repeating: 0, count: 26)
    var terminal: [Bool] = [false]
    var wordCount = 0

    init(words: [[UInt8]]) {
        for word in words where !word.isEmpty && word.allSatisfy({ $0 >= 97 && $0 <= 122 }) {
            var node = 0
            for byte in word {
                let slot = node * 26 + Int(byte - 97)
                if children[slot] == 0 {
                    children[slot] = Int32(terminal.count)
                    terminal.append(false)
                    children.append(contentsOf: repeatElement(0, count: 26))
                }
                node = Int(children[slot])
            }
            if !terminal[node] { wordCount += 1 }
            terminal[node] = true
        }
    }

    @inline(__always) func child(_ node: Int, _ letter: UInt8) -> Int {
        Int(children[node * 26 + Int(letter - 97)])
    }
}
