import Database
import DocModel
import SampleCheck
import Testing

/// Rules about what an engine said or could not do: a warning of MariaDB's, and a sample not
/// run because its engine is not there.
@Suite(.serialized) struct EngineRuleTests {
    @Test func aWarningOfMariaDBIsAFinding() throws {
        #expect(MariaDBServer.locate() != nil, "mariadbd is required (Debian package mariadb-server-core)")
        var options = CheckOptions()
        options.runs = 1
        let (report, lines) = try checkPage("Warnings", [
            TestBlock(text: "SELECT api_key FROM civicrm_contact WHERE id = CAST('100abc' AS UNSIGNED);", language: "sql"),
        ], options: options)
        let warnings = report.diagnostics.filter { $0.rule == .sqlWarning }
        #expect(warnings.first?.location.line == lines[0].lowerBound, "\(report.diagnostics.map { "\($0.rule)@\($0.location.line)" })")
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.message.hasPrefix("Warning 1292: Truncated incorrect INTEGER value: '100abc'") == true,
                "\(warnings.map(\.message))")
    }

    @Test func aSampleWhoseEngineIsMissingIsNotRunAndSaysWhy() throws {
        var options = CheckOptions()
        options.offline = true
        options.runs = 1
        let (report, lines) = try checkPage("No engines", [
            TestBlock(text: "head -c 24 /dev/urandom | base64", annotation: "<!-- check: kind=generator -->"),
            TestBlock(text: "SELECT api_key FROM civicrm_contact WHERE id = 100;", language: "sql"),
        ], options: options)
        let missing = report.diagnostics.filter { $0.rule == .engineMissing }
        #expect(missing.map(\.location.line) == lines.map(\.lowerBound).map { $0 - 1 }, "\(report.diagnostics.map { "\($0.rule)@\($0.location.line)" })")
        #expect(missing.allSatisfy { $0.severity == .warning })
        #expect(missing.first?.message == "shell sample not run: offline check", "\(missing.map(\.message))")
        #expect(missing.last?.message == "SQL not executed: offline check", "\(missing.map(\.message))")
        for index in 0..<2 {
            #expect(report.outcomes[SampleKey(page: "index.md", index: index)]?.status == .notRun)
        }
    }
}
