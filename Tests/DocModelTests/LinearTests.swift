import DocModel
import Foundation
import Testing

/// Every stage is linear in its input: each test feeds one stage an input that a rescan or a
/// retry per occurrence turns into minutes or gigabytes, and checks that the result is right.
/// None measures time: the sizes are such that the old, quadratic code did not finish within
/// the test runner's patience, and where a stage counts its work the count is held to its input.

// MARK: - YAML aliases

@Suite struct ConfigAliasTests {
    /// `levels` anchors, each a list of `width` aliases of the one before: `width^levels` values
    /// once expanded, in a few hundred bytes. `shape` puts each level where the config reads it.
    static func laughs(levels: Int, width: Int = 9, inNav: Bool = true) -> String {
        var lines = ["site_name: Laughs", inNav ? "nav:" : "extra:"]
        let leaf = Array(repeating: "x.md", count: width).joined(separator: ",")
        for level in 0..<levels {
            let body = level == 0 ? leaf : Array(repeating: "*l\(level - 1)", count: width).joined(separator: ",")
            lines.append(inNav ? "  - &l\(level) {l\(level): [\(body)]}" : "  l\(level): &l\(level) [\(body)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report's case: nine levels of nine in `nav` (387 million entries) is refused at the
    /// alias that crosses the budget, as a config error with its line.
    @Test func nestedAliasesInTheNavAreRefused() throws {
        let text = Self.laughs(levels: 9)
        #expect(text.utf8.count < 600)
        let error = try #require(throws: DocError.self) { try SiteConfig.parse(text, path: "mkdocs.yml") }
        #expect(error.stage == .config)
        #expect(error.path == "mkdocs.yml")
        // The first alias on level 5's line (each alias of level 4 stands for 81,192 values)
        // takes what aliases add past 100,000.
        #expect(error.line == 8, "\(error)")
        #expect(error.reason.contains("aliases"), "\(error)")
        #expect(error.reason.contains("100,000"), "\(error)")
    }

    /// An alias as a mapping key: YAML libraries hash keys to find duplicates, so the expansion
    /// is walked while the document is still being read, before any of keydocs' own code.
    @Test func anAliasAsAKeyIsRefusedBeforeTheDocumentIsBuilt() throws {
        let text = Self.laughs(levels: 9, inNav: false) + "  z: {? *l8 : 1}\n"
        let error = try #require(throws: DocError.self) { try SiteConfig.parse(text, path: "mkdocs.yml") }
        #expect(error.reason.contains("aliases"), "\(error)")
    }

    /// Counting is linear too: sixty levels of two aliases each (2^60 values) are counted once
    /// per anchor, not once per expansion.
    @Test func theCountIsMemoisedPerAnchor() throws {
        var lines = ["extra:", "  l0: &l0 [x, x]"]
        for level in 1..<60 { lines.append("  l\(level): &l\(level) [*l\(level - 1), *l\(level - 1)]") }
        let error = try #require(throws: DocError.self) { try SiteConfig.parse(lines.joined(separator: "\n"), path: "c.yml") }
        #expect(error.path == "c.yml")
        #expect(error.reason.contains("aliases"))
    }

    /// A config that uses aliases as people do (one list of pages in two places) reads as before.
    @Test func ordinaryAliasesStillWork() throws {
        let config = try SiteConfig.parse("""
            nav:
              - Keys: &keys
                  - Make one: make.md
                  - Check one: check.md
              - Again: *keys
            """, path: "mkdocs.yml")
        let pages: [NavItem] = [.page(title: "Make one", path: "make.md", line: 3), .page(title: "Check one", path: "check.md", line: 4)]
        #expect(config.nav == [.section(title: "Keys", children: pages, line: 2), .section(title: "Again", children: pages, line: 5)])
    }

    /// A YAML block on a page is read the same way: its aliases are counted, not expanded.
    @Test func aYAMLSampleWithNestedAliasesIsAProblemNotAHang() throws {
        let problem = try #require(SiteConfig.yamlProblem(Self.laughs(levels: 9, inNav: false) + "z: {? *l8 : 1}\n"))
        #expect(problem.message.contains("aliases"), "\(problem)")
        #expect(SiteConfig.yamlProblem("a: &a [1, 2]\nb: *a\n") == nil)
    }
}
