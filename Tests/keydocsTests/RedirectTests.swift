import Foundation
import Testing

/// A guide's redirects (`redirects/*.txt` beside mkdocs.yml, as CiviCRM's guides keep them, and
/// mkdocs-redirects' `redirect_maps`) become pages of the site at the old addresses, written by
/// keydocs itself: a refresh, a canonical link and a visible link, all relative, with the pages'
/// Content-Security-Policy and no script. They work from disk and through `keydocs serve`.
@Suite(.serialized) struct RedirectTests {
    /// Old page, where its redirect sends the reader (from the page's folder), and the canonical address.
    static let redirects: [(page: String, url: String, canonical: String)] = [
        ("start/index.html", "../index.html", "https://docs.example.org/moving/en/latest/"),
        ("tools/old-debugging/index.html", "../debugging/index.html#breakpoints",
         "https://docs.example.org/moving/en/latest/tools/debugging/#breakpoints"),
        ("handbook/index.html", "https://handbook.example.org/", "https://handbook.example.org/"),
        ("dev-tools/debugging/index.html", "../../tools/debugging/index.html", "https://docs.example.org/moving/en/latest/tools/debugging/"),
        ("old/git/index.html", "../../tools/git/index.html", "https://docs.example.org/moving/en/latest/tools/git/"),
        ("git-review/index.html", "../tools/git/index.html#review", "https://docs.example.org/moving/en/latest/tools/git/#review"),
        ("toolbox/index.html", "../tools/index.html", "https://docs.example.org/moving/en/latest/tools/"),
        ("install/wordpress/index.html", "https://install.example.org/wordpress/", "https://install.example.org/wordpress/"),
        // A source is an address: %2C is the comma a server finds in the file's name.
        ("Old+Wiki+Page,+Tools/index.html", "../tools/index.html", "https://docs.example.org/moving/en/latest/tools/"),
    ]

    /// What each page that a redirect leads to says, to know the browser got there.
    static let landing: [String: String] = [
        "../index.html": "Start with the", "../debugging/index.html#breakpoints": "Turn on the debug mode",
        "../../tools/debugging/index.html": "Turn on the debug mode", "../../tools/git/index.html": "Every change is reviewed",
        "../tools/git/index.html#review": "Every change is reviewed", "../tools/index.html": "Debugging</a>",
    ]

    static let built: Result<URL, any Error> = Result { () throws -> URL in
        let guide = try mkdocsGuide()
        let run = try keydocs(["build", "--strict", "--no-check"], directory: guide)
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return guide.appendingPathComponent("site")
    }

    @Test func everyRedirectIsAPageAtTheOldAddress() throws {
        let site = try Self.built.get()
        for redirect in Self.redirects {
            let html = try String(contentsOf: site.appendingPathComponent(redirect.page), encoding: .utf8)
            #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=\(redirect.url)\">"), "\(redirect.page): \(html)")
            #expect(html.contains("<link rel=\"canonical\" href=\"\(redirect.canonical)\">"), "\(redirect.page): \(html)")
            #expect(html.contains("<a href=\"\(redirect.url)\">"), "\(redirect.page): \(html)")
            // The pages' policy comes first, and nothing runs.
            let policy = try #require(html.range(of: "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
            #expect(policy.lowerBound < html.range(of: "http-equiv=\"refresh\"")!.lowerBound)
            #expect(!html.contains("<script"))
        }
        // Redirects are not pages of the guide: not in the search index, the site map or sitemap.xml.
        for file in ["assets/search-index.js", "site-map.html", "sitemap.xml"] {
            let text = try String(contentsOf: site.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("dev-tools") && !text.contains("toolbox"), "\(file)")
        }
    }

    /// Opened from disk in Chromium, each redirect lands on its page, with no error in the console.
    @Test func redirectsLandOnTheirPagesFromDisk() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Browser.path), "Chromium is required (Debian package chromium)")
        let site = try Self.built.get()
        for redirect in Self.redirects where !redirect.url.hasPrefix("https:") {
            let load = try Browser.load(site.appendingPathComponent(redirect.page))
            let expected = try #require(Self.landing[redirect.url])
            #expect(load.dom.contains(expected), "\(redirect.page) did not land on \(redirect.url): \(load.dom.prefix(400))")
            #expect(load.consoleErrors.isEmpty, "\(redirect.page): \(load.consoleErrors)")
        }
    }

    /// Through `keydocs serve`, an old address with or without its trailing slash lands on the new page.
    @Test func redirectsLandOnTheirPagesThroughServe() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Browser.path), "Chromium is required (Debian package chromium)")
        let guide = try mkdocsGuide()
        let preview = try ServeTests.Preview(folder: guide)
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        try #require(preview.port > 0, "\(preview.printed)")
        // A folder asked for without its slash is sent to it, as static servers do, so that relative addresses resolve.
        let bare = try rawRequest(port: preview.port, path: "/dev-tools/debugging")
        #expect(bare.status == 301)
        #expect(bare.headers.contains("Location: /dev-tools/debugging/"), "\(bare.headers)")
        for (path, expected) in [("/dev-tools/debugging", "Turn on the debug mode"), ("/git-review/", "Every change is reviewed"),
                                 ("/tools/old-debugging/", "Turn on the debug mode"), ("/Old+Wiki+Page%2C+Tools", "Debugging</a>")] {
            let load = try Browser.load(try #require(URL(string: "http://127.0.0.1:\(preview.port)\(path)")))
            #expect(load.dom.contains(expected), "\(path): \(load.dom.prefix(400))")
            #expect(load.consoleErrors.isEmpty, "\(path): \(load.consoleErrors)")
        }
    }

    /// serve watches the redirects folder beside the config: a new line there is a new redirect.
    @Test func serveSeesAnEditToTheRedirects() throws {
        let guide = try mkdocsGuide()
        let preview = try ServeTests.Preview(folder: guide)
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        try #require(preview.port > 0, "\(preview.printed)")
        #expect(try rawGet(port: preview.port, path: "/brand-new/").status == 404)
        let file = guide.appendingPathComponent("redirects/internal.txt")
        try (try String(contentsOf: file, encoding: .utf8) + "brand-new tools/git\n").write(to: file, atomically: true, encoding: .utf8)
        let reply = try preview.reply("/brand-new/") { $0.status == 200 }
        #expect(reply.status == 200, "\(preview.printed)")
        #expect(reply.body.contains("url=../tools/git/index.html"))
    }

    /// A guide of the test's own, with `redirects` as its redirects file's text and `maps` as
    /// mkdocs.yml's redirect_maps.
    func guide(redirects: String, maps: String = "") throws -> URL {
        let root = try temporaryFolder()
        let guide = root.appendingPathComponent("guide")
        try FileManager.default.createDirectory(at: guide.appendingPathComponent("docs/tools"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: guide.appendingPathComponent("redirects"), withIntermediateDirectories: true)
        try "# Home\n".write(to: guide.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        try "# Debugging\n\n## Breakpoints\n".write(to: guide.appendingPathComponent("docs/tools/debugging.md"), atomically: true, encoding: .utf8)
        try "logo".write(to: guide.appendingPathComponent("docs/logo.png"), atomically: true, encoding: .utf8)
        try redirects.write(to: guide.appendingPathComponent("redirects/moved.txt"), atomically: true, encoding: .utf8)
        let plugins = maps.isEmpty ? "" : "plugins:\n  - redirects:\n      redirect_maps:\n" + maps
        try ("site_name: Redirects\n" + plugins).write(to: guide.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        return guide
    }

    /// What a guide names may not lead outside the site, run script or send the reader anywhere
    /// but a page of the guide or an http(s) address; each refusal is a finding at its line, and
    /// the rest of the redirects are written.
    @Test func badRedirectsAreFindingsAtTheirLines() throws {
        let guide = try guide(redirects: """
            # One "from to" pair a line.
            good tools/debugging

            ../../outside tools/debugging
            up tools/../index
            js javascript:alert(1)
            data data:text/html,hello
            protocol //evil.example/
            mail mailto:someone@example.org
            quote https://example.org/"><script>alert(1)</script>
            missing no/such/page
            anchor tools/debugging#no-such-heading
            tools/debugging index
            good index
            lonely
            one two three
            .well-known/x index
            logo.png/x index
            encoded%2e%2e/x index
            """)
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let run = try keydocs(["build", "--no-check"], directory: guide)
        #expect(run.status == 0, "warnings only: \(run.stderr)")
        let expected: [(line: Int, rule: String)] = [
            (4, "redirect.invalid"), (5, "redirect.invalid"), (6, "redirect.invalid"), (7, "redirect.invalid"),
            (8, "redirect.invalid"), (9, "redirect.invalid"), (10, "redirect.invalid"), (11, "link.broken"), (12, "link.broken"),
            (13, "redirect.shadowed"), (14, "redirect.shadowed"), (15, "redirect.invalid"), (16, "redirect.invalid"),
            (17, "redirect.invalid"), (18, "redirect.shadowed"), (19, "redirect.invalid"),
        ]
        let findings = run.stderr.split(separator: "\n").filter { $0.hasPrefix("redirects/moved.txt:") }
        #expect(findings.count == expected.count, "\(run.stderr)")
        for (line, rule) in expected {
            #expect(findings.contains { $0.hasPrefix("redirects/moved.txt:\(line):") && $0.hasSuffix("[\(rule)]") }, "line \(line): \(rule)\n\(run.stderr)")
        }
        // Written: the good redirect, and the one whose page exists though its anchor does not.
        let site = guide.appendingPathComponent("site")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("good/index.html").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("anchor/index.html").path))
        for refused in ["js", "data", "protocol", "mail", "quote", "missing", "lonely", "one", "up", ".well-known"] {
            #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(refused).path), "\(refused)")
        }
        #expect(try String(contentsOf: site.appendingPathComponent("tools/debugging/index.html"), encoding: .utf8).contains("<h1 id=\"debugging\">"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: guide.deletingLastPathComponent().path) == ["guide"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: guide.path).sorted() == ["docs", "mkdocs.yml", "redirects", "site"])
        let strict = try keydocs(["build", "--strict", "--no-check"], directory: guide)
        #expect(strict.status == 1)
    }

    @Test func redirectMapsOfTheConfigAreCheckedToo() throws {
        let guide = try guide(redirects: "", maps: """
                    old.md: index.md
                    evil.md: javascript:alert(1)
                    gone.md: nowhere.md
                    index.md: tools/debugging.md
                    away.md: https://example.org/?a=1&b=2

            """)
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let run = try keydocs(["build", "--no-check"], directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("mkdocs.yml:6:18: warning: "), "\(run.stderr)")
        #expect(run.stderr.contains("[redirect.invalid]"))
        #expect(run.stderr.contains("mkdocs.yml:7:18: warning: redirect to 'nowhere.md': no page nowhere.md in docs [link.broken]"), "\(run.stderr)")
        #expect(run.stderr.contains("mkdocs.yml:8:9: warning: "), "\(run.stderr)")
        #expect(run.stderr.contains("[redirect.shadowed]"))
        #expect(!run.stderr.contains("[config.ignored]"), "the redirects plugin is read, not ignored: \(run.stderr)")
        let site = guide.appendingPathComponent("site")
        #expect(try String(contentsOf: site.appendingPathComponent("old/index.html"), encoding: .utf8).contains("url=../index.html"))
        #expect(try String(contentsOf: site.appendingPathComponent("away/index.html"), encoding: .utf8)
            .contains("url=https://example.org/?a=1&amp;b=2"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("evil").path))
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8).contains("<h1 id=\"home\">"))
    }

    /// The redirects folder and its files are read only where they lead inside the config
    /// file's folder, whatever links they go through.
    @Test func redirectFilesOutsideTheProjectAreNotRead() throws {
        let guide = try guide(redirects: "good tools/debugging\n")
        let outside = guide.deletingLastPathComponent().appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "secret-line-one index\n".write(to: outside.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        try FileManager.default.createSymbolicLink(atPath: guide.appendingPathComponent("redirects/linked.txt").path,
                                                   withDestinationPath: outside.appendingPathComponent("secret.txt").path)
        let run = try keydocs(["build", "--no-check"], directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("redirects/linked.txt:1:1: warning: "), "\(run.stderr)")
        #expect(!run.stderr.contains("secret-line-one"))
        #expect(FileManager.default.fileExists(atPath: guide.appendingPathComponent("site/good/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: guide.appendingPathComponent("site/secret-line-one").path))

        // The whole folder, a link to one outside.
        try FileManager.default.removeItem(at: guide.appendingPathComponent("redirects"))
        try FileManager.default.createSymbolicLink(atPath: guide.appendingPathComponent("redirects").path, withDestinationPath: outside.path)
        let folder = try keydocs(["build", "--no-check"], directory: guide)
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(folder.stderr.contains("redirects:1:1: warning: "), "\(folder.stderr)")
        #expect(!FileManager.default.fileExists(atPath: guide.appendingPathComponent("site/secret-line-one").path))
    }
}
