import DocModel
import Testing

/// A frame never keeps an origin: where the site is really served is known only in the reader's
/// browser, and `site_url` is one config line a pull request can change. A frame from the
/// site's real origin with `allow-same-origin` and `allow-scripts` could lift its own sandbox and
/// script the page, so no frame gets it, whatever its source.
@Suite struct FrameSandboxTests {
    @Test(arguments: [
        "<iframe src=\"https://www.youtube.com/embed/abc\" allow=\"autoplay; encrypted-media\" allowfullscreen></iframe>\n",
        "<iframe src=\"https://civicrm.github.io/other/page.html\"></iframe>\n",
        "<iframe src=\"http://video.example.com:8080/e\" sandbox=\"allow-same-origin allow-scripts\"></iframe>\n",
    ])
    func noFrameKeepsAnOrigin(_ markdown: String) throws {
        let config = try SiteConfig.parse("site_name: S\nsite_url: https://docs.example.org/\n", path: "mkdocs.yml")
        let result = MarkdownConverter.convert(markdown, file: "docs/p.md", options: config.markdown)
        let html = result.body.compactMap { if case .html(let h) = $0 { h } else { nil } }.joined()
        #expect(html.contains("sandbox=\"\(RemoteContent.sandbox)\""), "\(html)")
        #expect(!html.contains("allow-same-origin"), "\(html)")
        #expect(!html.contains("allow=\""), "\(html)")
    }
}
