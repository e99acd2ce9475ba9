import DocModel
import Foundation
import KeyPolicy
import KeyTools
import Testing

/// `keydocs key check` through its library: each key of the input judged at its line, repeats
/// found against earlier lines and against the keys already in use.
@Suite struct KeyCheckSessionTests {
    static let good = (try? KeyGenerator().generate()) ?? ""
    static let other = (try? KeyGenerator().generate()) ?? ""

    @Test func aBadKeyIsReportedAtItsLine() {
        var session = KeyCheckSession(policy: .civicrm)
        session.check(lines: Array("\(Self.good)\r\nshort1\n\(Self.other)\n".utf8), file: "keys.txt")
        #expect(!session.diagnostics.isEmpty)
        #expect(session.diagnostics.allSatisfy { $0.location.file == "keys.txt" && $0.location.line == 2 })
        let rules = session.diagnostics.filter { $0.severity == .error }.map(\.rule)
        #expect(rules.contains(.keyTooShort), "\(rules)")
        #expect(session.diagnostics.allSatisfy { $0.context == ["key of 6 characters"] }, "a finding shows no part of a short key")
        #expect(session.summary.keys == 3 && session.summary.valid == 2 && session.summary.invalid == 1)
    }

    @Test func aRepeatIgnoringCaseNamesTheLineOfTheFirst() {
        var session = KeyCheckSession(policy: .civicrm)
        session.check(lines: Array("\(Self.good)\n\(Self.other)\n\(Self.good.uppercased())\n".utf8), file: "keys.txt")
        let repeats = session.diagnostics.filter { $0.rule == .keyDuplicate }
        #expect(repeats.count == 1)
        #expect(repeats.first?.location.line == 3)
        #expect(repeats.first?.message.contains("keys.txt:1") == true, "\(repeats.first?.message ?? "")")
    }

    @Test func aKeyAlreadyInUseIsARepeat() throws {
        let existing = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-existing-\(UUID().uuidString)")
        try "# keys in use\n\n\(Self.other)\n".write(to: existing, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: existing) }
        var session = KeyCheckSession(policy: .civicrm)
        try session.loadExisting(path: existing.path)
        session.check(key: Self.other, location: SourceLocation(file: "-", line: 1))
        let repeats = session.diagnostics.filter { $0.rule == .keyDuplicate }
        #expect(repeats.count == 1)
        #expect(repeats.first?.message.contains("\(existing.path):3") == true, "\(repeats.first?.message ?? "")")
        #expect(throws: DocError.self) { try session.loadExisting(path: existing.path + ".missing") }
    }

    @Test func linesSplitAtNewlinesWithoutAFinalEmptyOne() {
        let bytes = Array("a\r\nbb\n\nccc".utf8)
        #expect(KeyCheckSession.lineRanges(bytes).map { String(decoding: bytes[$0], as: UTF8.self) } == ["a", "bb", "", "ccc"])
        #expect(KeyCheckSession.lineRanges(Array("a\n".utf8)).count == 1)
    }
}
