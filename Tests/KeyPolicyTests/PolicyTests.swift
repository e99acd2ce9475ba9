import KeyPolicy
import Testing

@Suite struct PolicyTests {
    let policy = Policy.civicrm

    @Test func numbersMatchTheColumnAndTheLookup() {
        #expect(policy.alphabet.count == 62)
        #expect(policy.effectiveAlphabetSize == 36)
        #expect(policy.lengths == 20...32)
        #expect(policy.defaultLength == 32)
        #expect(policy.storage.capacity == 32)
        #expect(policy.storage.type == "varchar(32)")
        #expect(policy.recommendedMinLength == 25)
    }

    @Test(arguments: [(20, 103.4), (25, 129.2), (32, 165.4)])
    func effectiveStrength(length: Int, bits: Double) {
        #expect(abs(policy.effectiveBits(length: length) - bits) < 0.05)
    }

    @Test func descriptionCarriesEveryRule() {
        let description = PolicyDescription(policy)
        #expect(description.rules.map(\.id) == Rule.allCases.map(\.rawValue))
        #expect(description.lengths.count == 13)
        #expect(description.lengths.filter(\.strengthWarning).map(\.length) == [20, 21, 22, 23, 24])
        #expect(description.alphabetDescription == "A-Z a-z 0-9")
        #expect(!description.weak.words.isEmpty)
    }
}
