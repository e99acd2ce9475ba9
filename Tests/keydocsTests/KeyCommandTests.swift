import Foundation
import KeyPolicy
import Testing

@Suite struct KeyGenerateTests {
    @Test func printsOneValidKeyPerLineAndNothingElse() throws {
        let run = try keydocs(["key", "generate", "--count", "50"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 51 && lines.last == "")
        let validator = KeyValidator()
        for line in lines.dropLast() {
            #expect(line.count == 32)
            #expect(validator.findings(for: line).isEmpty)
        }
        #expect(Set(lines.dropLast().map { $0.lowercased() }).count == 50)
    }

    @Test func honoursLength() throws {
        let run = try keydocs(["key", "generate", "--length", "20", "--count", "3"])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").map(\.count) == [20, 20, 20])
    }

    @Test func manyKeysFromSeveralWorkersAreWholeLines() throws {
        let run = try keydocs(["key", "generate", "--count", "200000", "--length", "25"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 200_000)
        #expect(lines.allSatisfy { $0.utf8.count == 25 })
    }

    @Test(arguments: [["--length", "33"], ["--length", "19"], ["--count", "0"], ["--bogus"]])
    func usageErrorsExit64(arguments: [String]) throws {
        let run = try keydocs(["key", "generate"] + arguments)
        #expect(run.status == 64)
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.isEmpty)
    }

    @Test func tooLongNamesTheColumn() throws {
        let run = try keydocs(["key", "generate", "--length", "43"])
        #expect(run.stderr.contains("varchar(32)"))
    }
}

@Suite struct KeyCheckTests {
    let good = "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0Yu"

    @Test func aGoodKeyOnStdinPasses() throws {
        let run = try keydocs(["key", "check"], stdin: good + "\n")
        #expect(run.status == 0)
        #expect(run.stderr.contains("checked 1 key: 1 valid, 0 invalid"))
    }

    @Test func dashReadsStdinToo() throws {
        let run = try keydocs(["key", "check", "-"], stdin: good + "\n" + good.dropLast(13) + "\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("<stdin>:2:1: error: the key is 19 characters; it needs at least 20 [key.too-short]"))
    }

    @Test func findingsNameTheLineAndNeverTheWholeKey() throws {
        let long = "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0YuEa8Tr2Mw5Q"
        let run = try keydocs(["key", "check"], stdin: "\(good)\n\(long)\n\npasswordpassword12345678\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("<stdin>:2:33: error:"))
        #expect(run.stderr.contains("[key.too-long]"))
        #expect(run.stderr.contains("key Xq7L… (42 characters)"))
        #expect(run.stderr.contains("<stdin>:3:1: error: the key is empty"))
        #expect(run.stderr.contains("<stdin>:4:1: error: guessable structure"))
        #expect(!run.stderr.contains(long))
        #expect(!run.stderr.contains(good))
        #expect(!run.stderr.contains("passwordpassword"))
        #expect(run.stdout.isEmpty)
    }

    @Test func warningsAloneExitZero() throws {
        let run = try keydocs(["key", "check", "Xq7Lm2Rt9Kp4Wz8Nv3Hb"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning:"))
        #expect(run.stderr.contains("[key.strength]"))
    }

    @Test func duplicatesAreFoundIgnoringCaseWithinTheSetAndInExisting() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let existing = folder.appendingPathComponent("existing.txt")
        try "# keys in use\nK8vN2qRx7LmT4wZp9HcJ3sDf6GyB1uEa\n".write(to: existing, atomically: true, encoding: .utf8)
        let run = try keydocs(["key", "check", "--existing", existing.path],
                              stdin: "\(good)\n\(good.lowercased())\nk8vn2qrx7lmt4wzp9hcj3sdf6gyb1uea\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("<stdin>:2:1: error: the same key as <stdin>:1"))
        #expect(run.stderr.contains("<stdin>:3:1: error: the same key as \(existing.path):2"))
    }

    /// Enough keys that the rules and the duplicate index run on several cores: every repeat
    /// is reported once, at its line, naming the first line with that key.
    @Test func duplicatesInALargeSetAreFoundWhereverTheyFall() throws {
        let generated = try keydocs(["key", "generate", "--count", "30000"])
        var keys = generated.stdout.split(separator: "\n").map(String.init)
        try #require(keys.count == 30000)
        keys[20_000] = keys[2].lowercased()
        keys[29_999] = keys[15_000]
        keys[15_001] = keys[15_000].uppercased()
        let run = try keydocs(["key", "check"], stdin: keys.joined(separator: "\n") + "\n")
        #expect(run.status == 1)
        let repeats = run.stderr.split(separator: "\n").filter { $0.contains("[key.duplicate]") }
        #expect(repeats.count == 3)
        #expect(run.stderr.contains("<stdin>:20001:1: error: the same key as <stdin>:3"))
        #expect(run.stderr.contains("<stdin>:15002:1: error: the same key as <stdin>:15001"))
        #expect(run.stderr.contains("<stdin>:30000:1: error: the same key as <stdin>:15001"))
        #expect(run.stderr.contains("checked 30000 keys: 29997 valid, 3 invalid"))
    }

    @Test func anUnreadableExistingFileExits2() throws {
        let run = try keydocs(["key", "check", "--existing", "/nonexistent/keys.txt", good])
        #expect(run.status == 2)
        #expect(run.stderr.contains("/nonexistent/keys.txt"))
    }

    @Test func jsonHasTheDiagnosticShape() throws {
        let run = try keydocs(["key", "check", "--format", "json", good, "abc"])
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        let first = try #require(diagnostics.first)
        #expect(first["file"] as? String == "<argument>")
        #expect(first["line"] as? Int == 2)
        #expect(first["column"] as? Int == 1)
        #expect(first["endLine"] as? Int == 2)
        #expect(first["severity"] as? String == "error")
        #expect(first["rule"] as? String == "key.too-short")
        #expect(first["message"] is String)
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["keys": 2, "valid": 1, "invalid": 1, "warnings": 0])
    }

    @Test func aKeyWithAWindowsLineEndingIsReadAsTheKey() throws {
        let run = try keydocs(["key", "check"], stdin: good + "\r\n")
        #expect(run.status == 0)
    }
}

@Suite struct PolicyCommandTests {
    @Test func jsonCarriesEveryNumber() throws {
        let run = try keydocs(["policy", "--format", "json"])
        #expect(run.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["minLength"] as? Int == 20)
        #expect(object["maxLength"] as? Int == 32)
        #expect(object["defaultLength"] as? Int == 32)
        #expect(object["effectiveAlphabetSize"] as? Int == 36)
        #expect(object["weakThresholdBits"] as? Double == 80)
        #expect(object["strengthWarningBits"] as? Double == 128)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == Rule.allCases.map(\.rawValue))
    }

    @Test func textNamesTheColumn() throws {
        let run = try keydocs(["policy"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("civicrm_contact.api_key is varchar(32)"))
        #expect(run.stdout.contains("key.weak"))
    }

    @Test func unknownFormatIsAUsageError() throws {
        #expect(try keydocs(["policy", "--format", "yaml"]).status == 64)
    }
}
