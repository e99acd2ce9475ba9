import KeyPolicy
import Testing

@Suite struct ValidatorTests {
    let validator = KeyValidator(policy: .civicrm)

    func rules(_ key: String) -> Set<String> {
        Set(validator.findings(for: key).map(\.rule.rawValue))
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let key: String
        let expected: Set<String>
        let note: String
        var testDescription: String { note }
    }

    static let cases: [Case] = [
        Case(key: "Xq7Lm2Rt9Kp4Wz8Nv3Hb", expected: ["key.strength"], note: "20 random characters: valid, with the strength warning"),
        Case(key: "Xq7Lm2Rt9Kp4Wz8Nv3H", expected: ["key.too-short"], note: "19 characters"),
        Case(key: "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0Yu", expected: [], note: "32 characters"),
        Case(key: "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0YuE", expected: ["key.too-long"], note: "33 characters"),
        Case(key: "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0YuEa8Tr2Mw5Qz9", expected: ["key.too-long"], note: "43 characters"),
        Case(key: "Xq7Lm2Rt9Kp4\nWz8Nv3Hb5Jc1Df6Gs0", expected: ["key.charset"], note: "a line break"),
        Case(key: "Xq7Lm2Rt9Kp4\tWz8Nv3Hb5Jc1Df6Gs0", expected: ["key.charset"], note: "a tab"),
        Case(key: "Xq7Lm2Rt9Kp4éWz8Nv3Hb5Jc1Df6Gs0", expected: ["key.charset"], note: "a non-ASCII letter"),
        Case(key: "Xq7Lm2Rt9Kp4+Wz8Nv3Hb5Jc1Df6Gs/", expected: ["key.charset"], note: "base64 symbols"),
        Case(key: "", expected: ["key.too-short"], note: "an empty line"),
        Case(key: "aaaaaaaaaaaaaaaaaaaaaaaa", expected: ["key.weak"], note: "one letter repeated"),
        Case(key: "passwordpassword12345678", expected: ["key.weak"], note: "a word, its repeat and a sequence"),
        Case(key: "abcdefghijklmnopqrstuvwxyz012345", expected: ["key.weak", "key.published"], note: "the alphabet"),
        Case(key: "qwertyuiopasdfghjklzxcvbnm123456", expected: ["key.weak"], note: "keyboard rows"),
        Case(key: "Admin2024Admin2024Admin2024xyz", expected: ["key.weak"], note: "word, year and repeats"),
        Case(key: "P4ssw0rdP4ssw0rdS3cr3tK3y", expected: ["key.weak"], note: "leet words"),
        Case(key: "drowssapdrowssap98765432", expected: ["key.weak"], note: "reversed word and descending digits"),
        Case(key: "1qaz2wsx3edc4rfv5tgb6yhn", expected: ["key.weak"], note: "keyboard columns"),
        Case(key: "changemechangemechangeme", expected: ["key.weak"], note: "placeholder word"),
    ]

    @Test(arguments: cases)
    func rulesFound(_ c: Case) {
        #expect(rules(c.key) == c.expected)
    }

    @Test func aLineBreakGetsItsOwnMessageWithThePosition() {
        let findings = validator.findings(for: "Xq7Lm2Rt9Kp4\nWz8Nv3Hb5Jc1Df6Gs0+")
        let charset = findings.filter { $0.rule == .charset }
        #expect(charset.count == 2)
        #expect(charset[0].message.contains("line break"))
        #expect(charset[0].position == 13)
        #expect(charset[1].message.contains("'+'"))
        #expect(charset[1].position == 32)
    }

    @Test func tooLongSaysWhatCiviCRMDoes() throws {
        let message = try #require(validator.findings(for: String(repeating: "Xq7Lm2Rt9K", count: 4)).first { $0.rule == .tooLong }).message
        for fact in ["40 characters", "varchar(32)", "2100", "29 characters", "1406"] {
            #expect(message.contains(fact), "\(fact)")
        }
    }

    @Test func messagesNeverContainTheKey() {
        let keys = ["passwordpassword12345678", "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0YuEa8Tr2Mw5", "Xq7Lm2Rt9Kp4\nWz8Nv3Hb5Jc1Df6Gs0"]
        for key in keys {
            for finding in validator.findings(for: key) {
                #expect(!finding.message.contains(key))
                #expect(!finding.message.lowercased().contains("password"))
            }
        }
    }

    @Test func publishedKeysAreFoundIgnoringCase() {
        var v = validator
        v.addPublished("Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0Yu", source: "docs/a.md:3")
        let findings = v.findings(for: "xQ7lM2rT9kP4wZ8nV3hB5jC1dF6gS0yU")
        #expect(findings.map(\.rule) == [.published])
        #expect(findings[0].message.contains("docs/a.md:3"))
        #expect(v.findings(for: "xQ7lM2rT9kP4wZ8nV3hB5jC1dF6gS0yU", checkPublished: false).isEmpty)
    }

    @Test func duplicatesIgnoreCase() {
        var index = DuplicateIndex(policy: .civicrm)
        #expect(index.insert("AbCdEfGhIjKlMnOpQrStUvWx", token: 1) == nil)
        #expect(index.insert("abcdefghijklmnopqrstuvwx", token: 2) == 1)
        #expect(index.insert("abcdefghijklmnopqrstuvwy", token: 3) == nil)
        let long = String(repeating: "Ab", count: 20)
        #expect(index.insert(long, token: 4) == nil)
        #expect(index.insert(long.lowercased(), token: 5) == 4)
    }
}
