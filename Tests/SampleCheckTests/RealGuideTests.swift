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
        #expect(statuses == [.other, .other, .failed, .verified, .other])
    }

    @Test func cvIsReadAsCvAndCiviCRMReadIt() throws {
        #expect(try findings("cv-semantics.md") == ["cv.json@12", "cv.required@18", "cv.entity@24"])
        let messages = try Self.report.get().diagnostics(in: "cv-semantics.md").map(\.message)
        #expect(messages.contains { $0.contains("makes a new contact") })
        #expect(messages.contains { $0.contains("json_decode") })
    }

    @Test func sqlTemplatesUnknownTablesAndMadeUpKeys() throws {
        #expect(try findings("sql-templates.md") == ["key.made-up@13", "sql.error@31", "sql.not-allowed@37"])
        let diagnostics = try Self.report.get().diagnostics(in: "sql-templates.md")
        #expect(diagnostics.first { $0.rule == "sql.error" }?.message.contains("did you mean civicrm_contact?") == true)
        #expect(diagnostics.first { $0.rule == "sql.not-allowed" }?.severity == .note)
    }

    /// Under full coverage (the project's own guide), a block not about keys must be marked.
    @Test func fullCoverageReportsBlocksNotAboutKeys() throws {
        let full = try checkFixture("realguide", fullCoverage: true)
        let unchecked = full.diagnostics(in: "commands.md").filter { $0.rule == "sample.unchecked" }.map(\.location.line)
        #expect(unchecked == [5, 15, 36])
    }
}
