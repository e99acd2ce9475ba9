import KeyPolicy
import Testing
import TestSupport

@Suite struct GeneratorTests {
    let policy = Policy.civicrm
    let generator = KeyGenerator(policy: .civicrm)

    @Test func defaultKeyIs32AlphanumericCharacters() throws {
        let key = try generator.generate()
        #expect(key.utf8.count == 32)
        #expect(key.utf8.allSatisfy { policy.allows($0) })
    }

    @Test(arguments: [20, 25, 31, 32])
    func everyAllowedLengthIsHonoured(length: Int) throws {
        for _ in 0..<100 {
            let key = try generator.generate(length: length)
            #expect(key.utf8.count == length)
        }
    }

    @Test(arguments: [0, 1, 19, 33, 43, 64])
    func lengthsOutsideThePolicyAreRefused(length: Int) {
        #expect(throws: KeyGenerator.LengthError.self) { try generator.generate(length: length) }
    }

    @Test func tooLongErrorNamesTheColumn() {
        let error = #expect(throws: KeyGenerator.LengthError.self) { try generator.validate(length: 40) }
        #expect(error?.description.contains("varchar(32)") == true)
        #expect(error?.description.contains("20 to 32") == true)
    }

    @Test func everyGeneratedKeyPassesTheValidator() throws {
        let validator = KeyValidator(policy: policy)
        for length in policy.lengths {
            for _ in 0..<200 {
                let key = try generator.generate(length: length)
                let errors = validator.findings(for: key).filter { $0.severity == .error }
                #expect(errors.isEmpty, "length \(length): \(errors.map(\.rule))")
            }
        }
    }

    @Test func keysDiffer() throws {
        var seen = Set<String>()
        for _ in 0..<10_000 { seen.insert(try generator.generate().lowercased()) }
        #expect(seen.count == 10_000)
    }

    @Test func bulkWriteProducesLinesOfTheRightLength() throws {
        var source = SystemRandomBytes()
        var bytes: [UInt8] = []
        try generator.write(count: 5000, length: 24, using: &source) { bytes.append(contentsOf: $0) }
        let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        #expect(lines.count == 5001)
        #expect(lines.last?.isEmpty == true)
        #expect(lines.dropLast().allSatisfy { $0.count == 24 && $0.allSatisfy { policy.allows($0) } })
    }

    @Test func aSeededSourceIsReproducible() throws {
        var a = GeneratorBytes(SplitMix64(seed: 7)), b = GeneratorBytes(SplitMix64(seed: 7))
        #expect(try generator.generate(using: &a) == (try generator.generate(using: &b)))
    }

    // MARK: - Uniformity

    func symbolIndex() -> [UInt8: Int] {
        var index: [UInt8: Int] = [:]
        for (i, byte) in policy.alphabet.enumerated() { index[byte] = i }
        return index
    }

    @Test func symbolsAreUniformOverAllCharacters() throws {
        let index = symbolIndex()
        var counts = [Int](repeating: 0, count: 62)
        var source = SystemRandomBytes()
        try generator.write(count: 10_000, length: 32, using: &source) { chunk in
            for byte in chunk where byte != 10 { counts[index[byte]!] += 1 }
        }
        #expect(counts.reduce(0, +) == 320_000)
        #expect(chiSquare(counts) < chiSquareCritical61)
    }

    @Test func firstAndLastPositionsAreUniform() throws {
        let index = symbolIndex()
        var first = [Int](repeating: 0, count: 62), last = first
        var source = SystemRandomBytes()
        try generator.write(count: 62_000, length: 32, using: &source) { chunk in
            for line in chunk.split(separator: 10) {
                first[index[line.first!]!] += 1
                last[index[line.last!]!] += 1
            }
        }
        #expect(first.reduce(0, +) == 62_000)
        #expect(chiSquare(first) < chiSquareCritical61)
        #expect(chiSquare(last) < chiSquareCritical61)
    }

    /// The same test on the same amount of data rejects the textbook mistake, `byte % 62`:
    /// the test has the power to see the bias the generator avoids.
    @Test func moduloMappingFailsTheSameTest() {
        var source = SystemRandomBytes()
        var bytes = [UInt8](repeating: 0, count: 160_000)
        bytes.withUnsafeMutableBytes { source.fill($0) }
        var counts = [Int](repeating: 0, count: 62)
        for byte in bytes { counts[Int(byte) % 62] += 1 }
        #expect(chiSquare(counts) > chiSquareCritical61)

        var perPosition = [Int](repeating: 0, count: 62)
        for byte in bytes.prefix(62_000) { perPosition[Int(byte) % 62] += 1 }
        #expect(chiSquare(perPosition) > chiSquareCritical61)
    }
}
