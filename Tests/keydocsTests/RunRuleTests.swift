import Foundation
import Testing

/// The rules about the run itself (the config, the docs folder, writing the site), produced by
/// the binary and read from its JSON report, and the build's summary line with its counts.
@Suite struct RunRuleTests {
    /// A project with `pages` in docs and `config` as mkdocs.yml.
    func project(_ pages: [String: String], config: String = "site_name: Keys\n") throws -> URL {
        let root = try temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        for (path, text) in pages { try text.write(to: root.appendingPathComponent("docs/" + path), atomically: true, encoding: .utf8) }
        try config.write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        return root
    }

    /// The diagnostics of a `--format json` run: file, line, rule.
    func diagnostics(_ run: Run) throws -> [(file: String, line: Int, rule: String, message: String)] {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        let list = try #require(document["diagnostics"] as? [[String: Any]])
        return list.map { ($0["file"] as? String ?? "", $0["line"] as? Int ?? 0, $0["rule"] as? String ?? "", $0["message"] as? String ?? "") }
    }

    @Test func aConfigThatCannotBeReadIsConfigFailed() throws {
        let root = try project(["index.md": "# Keys\n"], config: "nav:\n  - [unclosed\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try keydocs(["check", "--format", "json"], directory: root)
        #expect(run.status == 2)
        let found = try diagnostics(run)
        #expect(found.map(\.rule) == ["config.failed"], "\(found)")
        #expect(found.first?.file == "mkdocs.yml" && found.first?.line == 3)
    }

    @Test func aSiteThatCannotBeWrittenIsWriteFailed() throws {
        let root = try project(["index.md": "# Keys\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        try "a file, not a folder\n".write(to: root.appendingPathComponent("afile"), atomically: true, encoding: .utf8)
        let run = try keydocs(["build", "--no-check", "--format", "json", "--site", "afile/site"], directory: root)
        #expect(run.status == 2)
        let found = try diagnostics(run)
        #expect(found.map(\.rule) == ["write.failed"], "\(found)")
        #expect(found.first?.file == "afile/site")
    }

    @Test func aLinkOutOfTheDocsIsDocsSymlinkAndAnUnusedKeyConfigIgnored() throws {
        let root = try project(["index.md": "# Keys\n"], config: "site_name: Keys\ncopyright: Someone\n")
        defer { try? FileManager.default.removeItem(at: root) }
        try "secret\n".write(to: root.appendingPathComponent("outside.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("docs/linked.md").path,
                                                   withDestinationPath: root.appendingPathComponent("outside.md").path)
        let run = try keydocs(["check", "--format", "json"], directory: root)
        #expect(run.status == 0, "\(run.stderr)")
        let found = try diagnostics(run)
        #expect(found.map(\.rule).sorted() == ["config.ignored", "docs.symlink"], "\(found)")
        #expect(found.contains { $0.rule == "docs.symlink" && $0.file == "docs/linked.md" })
        #expect(found.contains { $0.rule == "config.ignored" && $0.file == "mkdocs.yml" && $0.line == 2 && $0.message.hasSuffix(": copyright") })
    }

    @Test(arguments: [(1, "1 warning"), (2, "2 warnings")])
    func theBuildCountsItsWarnings(_ links: Int, _ expected: String) throws {
        let page = "# Keys\n\n" + (1...links).map { "[gone](gone-\($0).md)\n" }.joined()
        let root = try project(["index.md": page])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(run.stderr.split(separator: "\n").last.map(String.init))
        #expect(summary.hasPrefix("built 1 page and 0 files into site in "), "\(summary)")
        #expect(summary.hasSuffix(" s: \(expected)"), "\(summary)")
    }

    @Test func aFailedBuildCountsItsErrors() throws {
        let root = try project(["index.md": "# Keys\n\n[gone](gone.md)\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try keydocs(["build", "--no-check", "--strict"], directory: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("build failed: 1 error; site left as it was"), "\(run.stderr)")
    }
}
