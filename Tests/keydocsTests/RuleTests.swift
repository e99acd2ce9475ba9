import DocModel
import Foundation
import KeyPolicy
import Testing

/// One catalog of rules: every rule the sources report is in it, and a guide can turn rules off
/// or change their severity, for all its pages or for one block.
@Suite struct RuleTests {
    /// Every rule id written in the sources, found as they are written there.
    @Test func everyReportedRuleIsInTheCatalog() throws {
        let sources = packageRoot.appendingPathComponent("Sources")
        let pattern = try NSRegularExpression(pattern: #"(?:report|add)\("([a-z]+\.[a-z-]+)"|rule: "([a-z]+\.[a-z-]+)""#)
        var found = Set(Rule.allCases.map(\.rawValue))
        for path in try FileManager.default.subpathsOfDirectory(atPath: sources.path) where path.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                for group in 1...2 {
                    if let range = Range(match.range(at: group), in: text) { found.insert(String(text[range])) }
                }
            }
        }
        #expect(found.count > 40)
        let missing = found.filter { RuleCatalog.entry($0) == nil }.sorted()
        #expect(missing.isEmpty, "rules reported but not in the catalog: \(missing)")
        let unused = RuleCatalog.entries.map(\.id).filter { !found.contains($0) }
        #expect(unused.isEmpty, "rules in the catalog that nothing reports: \(unused)")
    }

    @Test func rulesListsTheCatalog() throws {
        let run = try keydocs(["rules"])
        #expect(run.status == 0)
        for entry in RuleCatalog.entries { #expect(run.stdout.contains(entry.id)) }
        let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("sql.not-allowed ") }
        #expect(line?.contains(" note ") == true)
    }

    func guide(config: String, page: String) throws -> URL {
        let root = try temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try page.write(to: root.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        try config.write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        return root
    }

    static let page = """
        # Keys

        ```text
        https://example.org/civicrm/extern/rest.php?entity=Contact&action=get&key=an07h3rs3cr3t
        ```

        A [broken link](missing.md).

        <!-- check: off=key.in-url -->
        ```text
        https://example.org/civicrm/extern/rest.php?entity=Contact&action=get&key=an07h3rs3cr3t
        ```

        """

    @Test func theConfigTurnsRulesOffOrChangesThem() throws {
        let plain = try guide(config: "site_name: Keys\n", page: Self.page)
        defer { try? FileManager.default.removeItem(at: plain) }
        let before = try keydocs(["check"], directory: plain)
        #expect(before.status == 1)
        #expect(before.stderr.contains("docs/index.md:4:1: error: the site key is in the URL's query string"))
        #expect(!before.stderr.contains("docs/index.md:11:1"), "off= in the annotation turns the rule off for that block")
        #expect(before.stderr.contains("docs/index.md:7:3: warning: link to 'missing.md'"))

        let tuned = try guide(config: "site_name: Keys\nextra:\n  keydocs:\n    rules:\n      key.in-url: off\n      link.broken: error\n", page: Self.page)
        defer { try? FileManager.default.removeItem(at: tuned) }
        let after = try keydocs(["check"], directory: tuned)
        #expect(after.status == 1)
        #expect(!after.stderr.contains("key.in-url"))
        #expect(after.stderr.contains("docs/index.md:7:3: error: link to 'missing.md'"))
    }

    @Test func unknownRulesAreErrorsWithTheirLine() throws {
        let config = try guide(config: "site_name: Keys\nextra:\n  keydocs:\n    rules:\n      key.in-uri: off\n", page: "# Keys\n")
        defer { try? FileManager.default.removeItem(at: config) }
        let run = try keydocs(["check"], directory: config)
        #expect(run.status == 2)
        #expect(run.stderr.contains("mkdocs.yml:5: error: extra: keydocs: rules: 'key.in-uri' names no rule"), "\(run.stderr)")

        let annotation = try guide(config: "site_name: Keys\n", page: "# Keys\n\n<!-- check: expect=key.to-long -->\n```text\nx\n```\n")
        defer { try? FileManager.default.removeItem(at: annotation) }
        let bad = try keydocs(["check"], directory: annotation)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("docs/index.md:3:1: error: expect=key.to-long names no rule"), "\(bad.stderr)")
    }
}
