import Foundation
import Testing
import TestSupport

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func testFixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
}

@Suite(.serialized) struct GuideTests {
    /// The project's own guide: every sample verified or skipped with a reason, with the real engines.
    @Test func theGuidePassesStrictChecks() throws {
        let run = try keydocs(["check", "--strict"], directory: packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(run.stderr.split(separator: "\n").last.map(String.init))
        #expect(summary.hasPrefix("checked "))
        #expect(summary.hasSuffix(" 0 failed"), "\(summary)")
        #expect(!summary.contains("unchecked") && !summary.contains("not run"))
    }

    /// The built guide: every internal link and anchor in the output resolves.
    @Test func everyLinkInTheBuiltGuideResolves() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-guide-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        let run = try keydocs(["build", "--strict", "--no-check", "--site", site.path], directory: packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        var checked = 0
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".html") && $0 != "404.html" }
        #expect(pages.count >= 9)
        for page in pages {
            let url = site.appendingPathComponent(page)
            let html = try String(contentsOf: url, encoding: .utf8)
            for reference in references(in: html) {
                if reference.contains(":") || reference.hasPrefix("//") { continue }
                let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                var target = parts[0].isEmpty ? url : url.deletingLastPathComponent().appendingPathComponent(String(parts[0]))
                if reference.hasPrefix("#") { target = url }
                if target.hasDirectoryPath || parts[0].hasSuffix("/") { target = target.appendingPathComponent("index.html") }
                #expect(FileManager.default.fileExists(atPath: target.path), "\(page): \(reference)")
                if parts.count == 2, !parts[1].isEmpty, let text = try? String(contentsOf: target, encoding: .utf8) {
                    #expect(text.contains("id=\"\(parts[1])\""), "\(page): \(reference)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    func references(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:href|src)="([^"]*)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]) }
        }
    }
}

@Suite(.serialized) struct DocsCommandTests {
    let folder = testFixture("cv-snapshot")

    @Test func textDiagnosticsSnapshot() throws {
        let run = try keydocs(["check"], directory: folder)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        try assertSnapshot("exit \(run.status)\n--- stderr\n\(run.stderr)", named: "check-text.txt")
    }

    @Test func githubDiagnosticsSnapshot() throws {
        let run = try keydocs(["check", "--format", "github", "--strict"], directory: folder)
        #expect(run.status == 1)
        try assertSnapshot("exit \(run.status)\n--- stdout\n\(run.stdout)--- stderr\n\(run.stderr)", named: "check-github.txt")
    }

    @Test func jsonHasTheDesignShape() throws {
        let run = try keydocs(["check", "--format", "json"], directory: folder)
        #expect(run.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        for d in diagnostics {
            #expect(Set(d.keys).isSuperset(of: ["file", "line", "column", "endLine", "severity", "rule", "message"]))
        }
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["samples"] == 5)
        #expect(summary["verified"] == 1)
        #expect(summary["failed"] == 3)
        #expect(summary["unchecked"] == 1)
        #expect(run.stderr.isEmpty)
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let relaxed = try keydocs(["check"], directory: folder)
        #expect(relaxed.stderr.contains("warning: link to 'missing.md'"))
        #expect(relaxed.stderr.contains("warning: no checker claims this ```php block"))
        let strict = try keydocs(["check", "--strict"], directory: folder)
        #expect(strict.stderr.contains("error: link to 'missing.md'"))
        #expect(strict.stderr.contains("error: no checker claims this ```php block"))
    }

    @Test func aFailedBuildLeavesTheSiteAsItWas() throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let docs = work.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try "# Home\n\nSee [the other page](other.md).\n".write(to: docs.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        try "# Other\n".write(to: docs.appendingPathComponent("other.md"), atomically: true, encoding: .utf8)
        let first = try keydocs(["build", "--strict"], directory: work)
        #expect(first.status == 0, "\(first.stderr)")
        let site = work.appendingPathComponent("site")
        let before = try folderContents(site)
        try FileManager.default.removeItem(at: docs.appendingPathComponent("other.md"))
        try "# Home\n\nChanged.\n\n[gone](other.md)\n".write(to: docs.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        let second = try keydocs(["build", "--strict"], directory: work)
        #expect(second.status == 1)
        #expect(second.stderr.contains("docs/index.md:5:1: error: link to 'other.md': no page other.md in docs [link.broken]"))
        #expect(try folderContents(site) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path).sorted() == ["docs", "site"])
    }

    @Test(arguments: [
        (["build", "--docs", "/nonexistent/docs"], "the docs folder does not exist"),
        (["check", "--config", "/nonexistent/mkdocs.yml"], "the config file does not exist"),
    ])
    func unreadableInputExits2(arguments: [String], message: String) throws {
        let run = try keydocs(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message))
    }

    @Test func aConfigThatIsNotYAMLExits2WithItsLine() throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        try "site_name: ok\nnav: [unclosed\n".write(to: work.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let run = try keydocs(["build"], directory: work)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("mkdocs.yml:3: error: not valid YAML"))
    }
}
