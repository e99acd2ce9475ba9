import DocModel
import Foundation
import SiteRender
import Testing

/// The pages keydocs writes for redirects: its own HTML, escaped, with relative addresses.
@Suite struct RedirectPageTests {
    /// A guide whose config redirects `maps` (mkdocs-redirects' form), rendered into a new site.
    func site(maps: [String: String], config extra: String = "") throws -> (site: URL, docs: DocSet, reserved: [Diagnostic]) {
        let root = temporaryFolder()
        let docs = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs.appendingPathComponent("a b"), withIntermediateDirectories: true)
        try "# Home\n".write(to: docs.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        try "# Keys <b>&</b> \"quotes\" 5 < 6\n\n## Part one\n".write(to: docs.appendingPathComponent("a b/c d.md"), atomically: true, encoding: .utf8)
        let lines = maps.sorted { $0.key < $1.key }.map { "        '\($0.key)': '\($0.value)'" }.joined(separator: "\n")
        let text = "site_name: Site <i>\n" + extra + "plugins:\n  - redirects:\n      redirect_maps:\n" + lines + "\n"
        let config = try SiteConfig.parse(text, path: root.appendingPathComponent("mkdocs.yml").path)
        let loaded = try LoadStage(docsFolder: docs.path, config: config, configPath: root.appendingPathComponent("mkdocs.yml").path).run()
        let out = root.appendingPathComponent("site")
        let writer = try SiteWriter(output: out.path)
        let stage = RenderStage(docs: loaded, outcomes: nil)
        _ = try stage.run(into: writer)
        try writer.commit()
        return (out, loaded, stage.reservedPaths())
    }

    @Test func addressesAreRelativeAndEncodedAndTextIsEscaped() throws {
        let (site, docs, _) = try site(maps: ["old.md": "a b/c d.md#part-one", "x/y/deep.md": "index.md"])
        defer { try? FileManager.default.removeItem(at: site.deletingLastPathComponent()) }
        #expect(docs.diagnostics.filter { $0.rule != .configIgnored }.isEmpty, "\(docs.diagnostics)")
        let html = try String(contentsOf: site.appendingPathComponent("old/index.html"), encoding: .utf8)
        #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=../a%20b/c%20d/index.html#part-one\">"), "\(html)")
        // Without site_url, the canonical address is the target's own, relative, as a link to it reads.
        #expect(html.contains("<link rel=\"canonical\" href=\"../a%20b/c%20d/#part-one\">"), "\(html)")
        #expect(html.contains("<a href=\"../a%20b/c%20d/index.html#part-one\">Keys &amp; &quot;quotes&quot; 5 &lt; 6</a>"), "\(html)")
        #expect(html.contains("<title>Keys &amp; &quot;quotes&quot; 5 &lt; 6 - Site &lt;i&gt;</title>"), "\(html)")
        #expect(html.contains("<link rel=\"stylesheet\" href=\"../assets/keydocs.css\">"))
        #expect(!html.contains("<script") && !html.contains("<b>") && !html.contains("<i>"))
        let deep = try String(contentsOf: site.appendingPathComponent("x/y/deep/index.html"), encoding: .utf8)
        #expect(deep.contains("url=../../../index.html\""), "\(deep)")
        #expect(deep.contains("<link rel=\"canonical\" href=\"../../../\">"), "\(deep)")
        #expect(deep.contains("href=\"../../../assets/keydocs.css\""))
    }

    @Test func withASiteURLTheCanonicalAddressIsAbsolute() throws {
        let (site, _, _) = try site(maps: ["old.md": "a b/c d.md"], config: "site_url: https://docs.example.org/guide\n")
        defer { try? FileManager.default.removeItem(at: site.deletingLastPathComponent()) }
        let html = try String(contentsOf: site.appendingPathComponent("old/index.html"), encoding: .utf8)
        #expect(html.contains("<link rel=\"canonical\" href=\"https://docs.example.org/guide/a%20b/c%20d/\">"), "\(html)")
        // Redirects are not pages: the sitemap lists the guide's pages only.
        let sitemap = try String(contentsOf: site.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(!sitemap.contains("old"))
    }

    /// keydocs' own files win over a redirect at their place, with a finding, as over a page.
    @Test func keydocsOwnFilesWin() throws {
        let (site, _, reserved) = try site(maps: ["site-map.md": "index.md", "assets/keydocs.css/x.md": "index.md", "assets/other.md": "index.md"],
                                           config: "use_directory_urls: false\n")
        defer { try? FileManager.default.removeItem(at: site.deletingLastPathComponent()) }
        #expect(reserved.map(\.rule) == [.docsReserved, .docsReserved], "\(reserved)")
        #expect(try String(contentsOf: site.appendingPathComponent("site-map.html"), encoding: .utf8).contains("All pages"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("assets/keydocs.css/x.html").path))
        #expect(try String(contentsOf: site.appendingPathComponent("assets/keydocs.css"), encoding: .utf8).contains("--header-height"))
        #expect(try String(contentsOf: site.appendingPathComponent("assets/other.html"), encoding: .utf8).contains("url=../index.html"))
    }
}
