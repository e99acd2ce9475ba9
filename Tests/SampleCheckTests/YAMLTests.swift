import DocModel
import SampleCheck
import Testing

/// YAML blocks (a CI job that runs keydocs, a config) must parse; the finding names the line.
@Suite struct YAMLTests {
    @Test func aYAMLBlockThatDoesNotParseIsAFindingOnItsLine() throws {
        let blocks = [
            TestBlock(text: "jobs:\n  docs:\n    runs-on: ubuntu-latest\n    steps:\n      - run: keydocs check --strict", language: "yaml"),
            TestBlock(text: "check:\n  script:\n    - keydocs check\n  artifacts: [unclosed", language: "yml"),
            TestBlock(text: "a: 1\n---\nkey: value\n  bad: indent\nok: 1", language: "yaml"),
        ]
        var options = CheckOptions()
        options.fullCoverage = true
        let (report, lines) = try checkPage("CI", blocks, options: options)
        #expect(report.outcomes[SampleKey(page: "index.md", index: 0)]?.status == .verified)
        #expect(report.outcomes[SampleKey(page: "index.md", index: 1)]?.status == .failed)
        #expect(report.outcomes[SampleKey(page: "index.md", index: 2)]?.status == .failed)
        let found = report.diagnostics.filter { $0.rule == .yamlInvalid }.map(\.location.line)
        // An unclosed sequence is found at the end of its block; a bad indent in the second
        // document on its own line.
        #expect(found == [lines[1].upperBound, lines[2].lowerBound + 3], "\(report.diagnostics)")
        #expect(report.diagnostics.allSatisfy { $0.rule == .yamlInvalid })
    }
}
