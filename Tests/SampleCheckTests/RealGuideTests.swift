import DocModel
import Foundation
import SampleCheck
import Testing

/// Blocks as CiviCRM's guides write them (fixtures written here, after the kinds of block found
/// there): only true findings, at their lines, and the key mistakes guides really make.
@Suite struct RealGuideTests {
    static let report = Result { try checkFixture("realguide", fullCoverage: false) }

    /// Every finding of one page as `rule@line`, notes included.
    func findings(_ file: String) throws -> Set<String> {
        Set(try Self.report.get().diagnostics(in: file).map { "\($0.rule)@\($0.location.line)" })
    }

    @Test func shellCommandsAreCountedAndTheirCvPartsChecked() throws {
        #expect(try findings("commands.md") == ["key.too-short@22", "key.weak@22"])
        let report = try Self.report.get()
        let statuses = (0..<5).map { report.outcomes[SampleKey(page: "commands.md", index: $0)]?.status }
        #expect(statuses == [.notAboutKeys, .notAboutKeys, .failed, .verified, .notAboutKeys])
    }

    @Test func cvIsReadAsCvAndCiviCRMReadIt() throws {
        #expect(try findings("cv-semantics.md") == ["cv.json@12", "cv.required@18", "cv.entity@24", "key.made-up@31", "json.invalid@36"])
        let messages = try Self.report.get().diagnostics(in: "cv-semantics.md").map(\.message)
        #expect(messages.contains { $0.contains("makes a new contact") })
        #expect(messages.contains { $0.contains("json_decode") })
    }

    @Test func sqlTemplatesUnknownTablesAndMadeUpKeys() throws {
        #expect(try findings("sql-templates.md") == ["key.made-up@13", "sql.error@31", "sql.not-allowed@37"])
        let diagnostics = try Self.report.get().diagnostics(in: "sql-templates.md")
        #expect(diagnostics.first { $0.rule == .sqlError }?.message.contains("did you mean civicrm_contact?") == true)
        #expect(diagnostics.first { $0.rule == .sqlNotAllowed }?.severity == .note)
    }

    @Test func keysInHTTPSamplesAndClientCode() throws {
        #expect(try findings("http.md") == ["key.in-url@6", "key.too-short@6", "key.weak@6", "key.too-short@19", "key.weak@19",
                                            "key.too-short@29", "key.weak@29"])
        let report = try Self.report.get()
        #expect(report.diagnostics(in: "http.md").filter { $0.rule == .keyInUrl }.count == 2)
        // The placeholders and the good key in PHP pass.
        #expect(report.outcomes[SampleKey(page: "http.md", index: 1)]?.status == .verified)
        #expect(report.outcomes[SampleKey(page: "http.md", index: 3)]?.status == .verified)
    }

    @Test func generatorsAreJudgedByWhatTheyRead() throws {
        #expect(try findings("generators.md") == ["generator.entropy@6", "generator.not-allowed@12", "key.charset@19", "key.too-long@19",
                                                  "generator.weak-random@25", "generator.weak-random@26", "key.too-short@32",
                                                  "key.weak@32", "cv.field@33"])
        let diagnostics = try Self.report.get().diagnostics(in: "generators.md")
        // Only the allowlist is said of a program that reads the random source itself.
        #expect(!diagnostics.contains { $0.location.line == 12 && $0.rule == .generatorNoRandom })
        #expect(diagnostics.contains { $0.location.line == 19 && $0.message.contains("xxd -p wraps at 60 columns") })
        #expect(diagnostics.contains { $0.location.line == 19 && $0.rule == .keyTooLong && $0.message.contains("80 characters") })
    }

    /// Under full coverage (the project's own guide), a block not about keys must be marked.
    @Test func fullCoverageReportsBlocksNotAboutKeys() throws {
        let full = try checkFixture("realguide", fullCoverage: true)
        let unchecked = full.diagnostics(in: "commands.md").filter { $0.rule == .sampleUnchecked }.map(\.location.line)
        #expect(unchecked == [5, 15, 36])
    }
}
