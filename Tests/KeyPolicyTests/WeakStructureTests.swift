import Dispatch
import KeyPolicy
import Synchronization
import Testing

@Suite struct WeakStructureTests {
    let estimator = StructureEstimator(symbolBits: Policy.civicrm.effectiveBitsPerCharacter)

    @Test(arguments: [
        "aaaaaaaaaaaaaaaaaaaaaaaa", "passwordpassword12345678", "abcdefghijklmnopqrstuvwxyz012345",
        "qwertyuiopasdfghjklzxcvbnm123456", "Admin2024Admin2024Admin2024xyz",
    ])
    func namedWeakKeysAreFlagged(key: String) {
        let estimate = estimator.estimate(key)
        #expect(estimate.bits < Policy.civicrm.weakThresholdBits)
        #expect(!estimate.patterns.isEmpty)
    }

    @Test func aRandomKeyIsWorthItsBruteForceStrength() {
        let estimate = estimator.estimate("Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0Yu")
        #expect(abs(estimate.bits - Policy.civicrm.effectiveBits(length: 32)) < 0.01)
    }

    @Test func patternsAreReportedInKeyOrder() {
        let patterns = estimator.estimate("passwordpassword12345678").patterns
        #expect(patterns.map(\.kind) == [.word, .repeat, .sequence])
        #expect(patterns.map(\.range) == [0..<8, 8..<16, 16..<24])
    }

    /// One million generated keys at the shortest and at the longest length: not one weak verdict.
    @Test(arguments: [20, 32])
    func noFalseAlarmsOnAMillionGeneratedKeys(length: Int) throws {
        let policy = Policy.civicrm
        let generator = KeyGenerator(policy: policy)
        let workers = 8, perWorker = 125_000
        let weak = Atomic<Int>(0)
        let checked = Atomic<Int>(0)
        let lowest = Mutex<Double>(.infinity)
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var source = SystemRandomBytes()
            var localLowest = Double.infinity
            var localWeak = 0
            var localChecked = 0
            var bytes: [UInt8] = []
            do {
                try generator.write(count: perWorker, length: length, using: &source) { chunk in
                    bytes.removeAll(keepingCapacity: true)
                    bytes.append(contentsOf: chunk)
                    for line in bytes.split(separator: 10) {
                        var folded = Array(line)
                        for i in folded.indices where folded[i] >= 65 && folded[i] <= 90 { folded[i] |= 0x20 }
                        let estimate = estimator.estimate(folded: folded, explain: false)
                        localLowest = min(localLowest, estimate.bits)
                        if estimate.bits < policy.weakThresholdBits { localWeak += 1 }
                        localChecked += 1
                    }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
            weak.add(localWeak, ordering: .relaxed)
            checked.add(localChecked, ordering: .relaxed)
            lowest.withLock { $0 = min($0, localLowest) }
        }
        #expect(failures.withLock { $0 }.isEmpty, "the generator failed: \(failures.withLock { $0 })")
        #expect(checked.load(ordering: .relaxed) == workers * perWorker, "every generated key is estimated")
        #expect(weak.load(ordering: .relaxed) == 0)
        print("length \(length): lowest estimate over \(workers * perWorker) keys is \(lowest.withLock { $0 }) bits")
    }

    /// Skipping trie walks from positions where no useful word can begin changes no estimate:
    /// random keys, and keys assembled from words (plain, leet, reversed), runs and repeats.
    @Test func skippingHopelessWalksChangesNoEstimate() {
        let bits = Policy.civicrm.effectiveBitsPerCharacter
        let fast = StructureEstimator(symbolBits: bits)
        let reference = StructureEstimator(symbolBits: bits, words: commonWords, skipHopelessWalks: false)
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        let leet: [Character: Character] = ["o": "0", "i": "1", "l": "1", "z": "2", "e": "3", "a": "4", "s": "5", "g": "9", "t": "7", "b": "8"]
        let fragments: [() -> String] = [
            { String((0..<Int.random(in: 1...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }) },
            { commonWords.randomElement(using: &generator)! },
            {
                String(commonWords.randomElement(using: &generator)!.map { letter in
                    guard let digit = leet[letter], Bool.random(using: &generator) else { return letter }
                    return digit
                })
            },
            { String(commonWords.randomElement(using: &generator)!.reversed()) },
            { ["abcdef", "qwerty", "123456", "zyxw", "1qaz2wsx", "2024", "1999"].randomElement(using: &generator)! },
        ]
        var compared = 0, withPatterns = 0
        for round in 0..<100_000 {
            var key = ""
            if round % 2 == 0 {
                key = String((0..<Int.random(in: 20...32, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            } else {
                while key.count < Int.random(in: 12...40, using: &generator) { key += fragments.randomElement(using: &generator)!() }
                if Bool.random(using: &generator) { key += key.prefix(Int.random(in: 0...8, using: &generator)) }
            }
            let a = fast.estimate(key), b = reference.estimate(key)
            #expect(a.bits == b.bits, "\(key)")
            #expect(a.patterns == b.patterns, "\(key)")
            #expect(fast.estimate(key, explain: false).bits == b.bits, "\(key)")
            compared += 1
            if !b.patterns.isEmpty { withPatterns += 1 }
        }
        // The structured half must exercise the word paths, or the comparison shows nothing.
        #expect(withPatterns > 40_000)
        #expect(compared == 100_000)
    }
}
