import DocModel
import Foundation
import Testing

/// A page's raw HTML cannot send the reader elsewhere or move its links: `<meta>` (a refresh)
/// and `<base>` never reach the page as tags, however they are spelled, and each is reported.
@Suite struct HeadTagTests {
    static let spellings = [
        #"<meta http-equiv="refresh" content="0;url=evil.svg">"#,
        #"<META HTTP-EQUIV=REFRESH CONTENT="0; URL=evil.svg">"#,
        #"<meta http-equiv='Refresh' content='0;url=evil.svg'/>"#,
        "<meta\n  http-equiv=\"refresh\"\n  content=\"0;url=evil.svg\">",
        "<meta\thttp-equiv=\"refresh\"\tcontent=\"0;url=evil.svg\">",
        #"<meta content="0;url=evil.svg" http-equiv="re&#102;resh">"#,
        #"<div><meta http-equiv="refresh" content="0;url=evil.svg"></div>"#,
        #"<!-- note --><meta http-equiv="refresh" content="0;url=evil.svg">"#,
        #"<svg><meta http-equiv="refresh" content="0;url=evil.svg"></svg>"#,
        #"Text <meta http-equiv="refresh" content="0;url=evil.svg"> inline."#,
        #"<base href="https://evil.example/">"#,
        #"<BASE HREF=//evil.example/>"#,
        #"A link <base href="//evil.example/"> [there](other.md)."#,
        "!!! note \"<meta http-equiv='refresh' content='0;url=evil.svg'>\"\n    Body.",
        "=== \"<base href=\\\"//evil.example/\\\">\"\n\n    Tab.",
    ]

    /// The page's HTML with every part joined.
    static func html(_ markdown: String) -> String {
        var options = MarkdownOptions()
        _ = options.enable("admonition")
        _ = options.enable("pymdownx.tabbed")
        let result = MarkdownConverter.convert("# Home\n\n" + markdown + "\n", file: "docs/index.md", options: options)
        return result.body.map { part in
            if case .html(let html) = part { return html }
            return ""
        }.joined()
    }

    static let headTag = try! NSRegularExpression(pattern: #"<(meta|base)[\t\n\f\r />]"#, options: [.caseInsensitive])

    @Test(arguments: spellings)
    func aPageCannotRedirect(_ markdown: String) {
        let html = Self.html(markdown)
        let found = Self.headTag.firstMatch(in: html, range: NSRange(html.startIndex..., in: html))
        #expect(found == nil, "\(markdown.debugDescription) gives \(html.debugDescription)")
    }

    /// Each tag is a finding at its line; text about them (code, a sample) is not.
    @Test func eachTagIsReportedAtItsLine() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-head-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let page = """
            # Home

            <meta http-equiv="refresh" content="0;url=evil.svg">

            Text with `<meta http-equiv="refresh">` in code and <base href="//evil.example/"> inline.

            <div>
            <p>One</p>
            <META HTTP-EQUIV=REFRESH CONTENT="0; URL=evil.svg">
            </div>

            ```html
            <base href="https://example.org/">
            ```

            !!! note "<meta http-equiv='refresh' content='0;url=evil.svg'>"
                Body.

            """
        try page.write(to: root.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        try "site_name: Test\nmarkdown_extensions:\n  - admonition\n".write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let config = try SiteConfig.load(path: root.appendingPathComponent("mkdocs.yml").path)
        let docs = try LoadStage(docsFolder: root.appendingPathComponent("docs").path, config: config).run()
        let findings = docs.diagnostics.filter { "\($0.rule)" == "html.head-tag" }
        #expect(findings.map(\.location.line) == [3, 5, 9, 16], "\(findings)")
        #expect(findings.allSatisfy { $0.severity == .warning && $0.location.file.hasSuffix("docs/index.md") })
        #expect(findings.first?.message.contains("<meta>") == true, "\(findings)")
        #expect(findings.dropFirst().first?.message.contains("<base>") == true, "\(findings)")
    }
}
