import Foundation
import Testing

/// axe-core, in Debian's chromium at a phone's and a desktop's width, finds no serious or
/// critical violation on the pages keydocs writes. axe comes from PyPI into a virtual
/// environment (`make test` puts it in .build/test-python; KEYDOCS_TEST_PYTHON names another);
/// a missing one fails the test.
@Suite(.serialized) struct AccessibilityTests {
    static let python: String = ProcessInfo.processInfo.environment["KEYDOCS_TEST_PYTHON"]
        ?? packageRoot.appendingPathComponent(".build/test-python/bin/python").path

    /// Runs scripts/axe-check on `pages` of `site`; its exit status and what it printed.
    static func axe(site: URL, pages: [String]) throws -> (status: Int32, output: String) {
        try #require(FileManager.default.isExecutableFile(atPath: python),
                     "axe-core is required: scripts/install-test-python (run by make test) installs it")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [packageRoot.appendingPathComponent("scripts/axe-check").path, "--site", site.path] + pages
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Builds the guide in `folder` without its checks into a new folder; the site and its pages.
    static func build(_ folder: URL, into work: URL) throws -> (URL, [String]) {
        let site = work.appendingPathComponent("site")
        let run = try keydocs(["build", "--no-check", "--site", site.path], directory: folder)
        try #require(run.status == 0, "\(run.stderr)")
        let pages = (FileManager.default.enumerator(atPath: site.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".html") }.sorted()
        return (site, pages)
    }

    @Test func everyPageOfThisGuidePasses() throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let (site, pages) = try Self.build(packageRoot, into: work)
        #expect(pages.contains("generator.html") && pages.contains("404.html") && pages.count >= 10, "\(pages)")
        let (status, output) = try Self.axe(site: site, pages: pages)
        #expect(status == 0, "\(output)")
        // Each page was judged at both widths.
        #expect(output.split(separator: "\n").count { $0.hasSuffix(": 0 serious or critical") } == pages.count * 2, "\(output)")
    }

    /// The check can fail: an author's own low-contrast text and a link with no name are found.
    @Test func aPageWithViolationsFails() throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let guide = work.appendingPathComponent("guide")
        try FileManager.default.createDirectory(at: guide.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try "site_name: Faint\n".write(to: guide.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        try """
            # Faint

            <p style="color:#f4f4f4">Text nobody can read.</p>

            <a href="other/"><span></span></a>
            """.write(to: guide.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        let (site, _) = try Self.build(guide, into: work)
        let (status, output) = try Self.axe(site: site, pages: ["index.html"])
        #expect(status == 1, "\(output)")
        #expect(output.contains("color-contrast (serious)"), "\(output)")
        #expect(output.contains("link-name (serious)"), "\(output)")
    }

    /// Five pages of each real guide named by KEYDOCS_REAL_GUIDES (folders with their mkdocs.yml,
    /// separated by colons): the home page and four others spread over the guide.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KEYDOCS_REAL_GUIDES"] != nil),
          arguments: RealGuideLayoutTests.guides)
    func fivePagesOfARealGuidePass(_ guide: URL) throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let copy = work.appendingPathComponent("guide")
        try FileManager.default.copyItem(at: guide, to: copy)
        let (site, pages) = try Self.build(copy, into: work)
        // Articles: not the home page, the 404 page, the site map or a redirect's page.
        let others = try pages.filter { page in
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            return page != "index.html" && page != "404.html" && !page.hasPrefix("sitemap") && !html.contains("http-equiv=\"refresh\"")
        }
        try #require(others.count >= 4)
        let chosen = ["index.html"] + (1...4).map { others[$0 * (others.count - 1) / 4] }
        let (status, output) = try Self.axe(site: site, pages: chosen)
        #expect(status == 0, "\(output)")
    }
}
