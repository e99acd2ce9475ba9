import Foundation
import KeyPolicy
import Testing

/// Keys and the rules they must break, shared with the browser test of the JavaScript validator.
struct KeyVector: Decodable, Sendable, CustomTestStringConvertible {
    let key: String
    let rules: [String]
    var testDescription: String { key.debugDescription }

    static let all: [KeyVector] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/key-vectors.json")
        guard let data = try? Data(contentsOf: url), let vectors = try? JSONDecoder().decode([KeyVector].self, from: data) else { return [] }
        return vectors
    }()
}

@Suite struct VectorTests {
    @Test func vectorsLoad() {
        #expect(KeyVector.all.count >= 30)
    }

    @Test(arguments: KeyVector.all)
    func swiftValidatorMatches(_ vector: KeyVector) {
        let found = KeyValidator(policy: .civicrm).findings(for: vector.key).map(\.rule.rawValue)
        #expect(Set(found) == Set(vector.rules))
    }
}
