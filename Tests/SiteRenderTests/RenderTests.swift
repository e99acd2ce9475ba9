import DocModel
import Foundation
import SiteRender
import Testing
import TestSupport

func fixturePath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-render-\(UUID().uuidString)")
}

/// Renders a fixture folder into a new temporary site and returns its folder.
func render(_ name: String, outcomes: [SampleKey: SampleOutcome]? = nil) throws -> URL {
    let config = try SiteConfig.load(path: fixturePath(name) + "/mkdocs.yml")
    let docs = try LoadStage(docsFolder: fixturePath(name), config: config).run()
    let out = temporaryFolder()
    let writer = try SiteWriter(output: out.path)
    _ = try RenderStage(docs: docs, outcomes: outcomes).run(into: writer)
    try writer.commit()
    return out
}

/// Runs a program and returns its standard output.
func runProgram(_ path: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

@Suite struct RenderTests {
    /// The article body is cmark-gfm's own rendering, apart from heading anchors and the code
    /// wrappers keydocs adds.
    @Test func bodyIsWhatCmarkGFMRenders() throws {
        let cli = "/usr/bin/cmark-gfm"
        try #require(FileManager.default.isExecutableFile(atPath: cli), "the cmark-gfm program is required (Debian package cmark-gfm)")
        let expected = try runProgram(cli, ["--unsafe", "-e", "table", "-e", "strikethrough", "-e", "autolink",
                                            "-e", "tagfilter", "-e", "tasklist", fixturePath("gfm") + "/index.md"])
        let site = try render("gfm")
        defer { try? FileManager.default.removeItem(at: site) }
        let page = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        let body = try #require(page.range(of: "<article class=\"page\">\n").flatMap { start in
            page.range(of: "</article>", range: start.upperBound..<page.endIndex).map { String(page[start.upperBound..<$0.lowerBound]) }
        })
        #expect(Self.withoutAdditions(body) == expected)
    }

    /// Undoes what keydocs adds: heading ids and anchors, the code block wrapper, the focus a
    /// scrolling block takes, highlighting.
    static func withoutAdditions(_ html: String) -> String {
        var out = html.replacingOccurrences(of: "<pre tabindex=\"0\">", with: "<pre>")
        out = out.replacingOccurrences(of: ##"<h([1-6]) id="[^"]*"><a class="anchor" href="#[^"]*" aria-label="Link to this section"></a>"##,
                                       with: "<h$1>", options: .regularExpression)
        out = out.replacingOccurrences(of: #"(?s)<div class="code"[^>]*><div class="code-bar">.*?</div>\n(<pre>.*?</pre>\n)(<p class="code-note">.*?</p>\n)?</div>\n"#,
                                       with: "$1", options: [.regularExpression])
        out = out.replacingOccurrences(of: #"<span class="hl-[a-z]">"#, with: "", options: .regularExpression)
        out = out.replacingOccurrences(of: "</span>", with: "")
        return out
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let a = try render("gfm"), b = try render("gfm")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted()))
        for file in files {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: a.appendingPathComponent(file).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            #expect(FileManager.default.contentsEqual(atPath: a.appendingPathComponent(file).path, andPath: b.appendingPathComponent(file).path), "\(file)")
        }
    }

    @Test func everyPageCarriesTheContentSecurityPolicyAndNoInlineScript() throws {
        let site = try render("gfm")
        defer { try? FileManager.default.removeItem(at: site) }
        for name in ["index.html", "404.html"] {
            let page = try String(contentsOf: site.appendingPathComponent(name), encoding: .utf8)
            #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self' file:"))
            let scripts = page.components(separatedBy: "<script").dropFirst()
            #expect(scripts.allSatisfy { $0.hasPrefix(" src=") }, "\(name) has an inline script")
            // Nothing keydocs adds loads from elsewhere: addresses come only from the author's text,
            // and the policy names only the origin of the page's own image.
            let policy = page.split(separator: "\n").first { $0.contains("Content-Security-Policy") }.map(String.init) ?? ""
            #expect(policy.contains(name == "index.html" ? "img-src 'self' file: data: https://example.org;" : "img-src 'self' file: data:;"), "\(policy)")
            let added = (page.components(separatedBy: "<article").first ?? page).replacingOccurrences(of: policy, with: "")
            #expect(!added.contains("http://") && !added.contains("https://"), "\(name) loads from elsewhere")
            #expect(added.contains("assets/keydocs.css"), "\(name)")
        }
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("&lt;script>alert(1)&lt;/script>"), "tagfilter escapes <script>")
    }

    @Test func badgesShowOutcomes() throws {
        let outcomes: [SampleKey: SampleOutcome] = [
            SampleKey(page: "index.md", index: 0): SampleOutcome(.verified, "ran 200 times"),
            SampleKey(page: "index.md", index: 1): SampleOutcome(.failed, "ERROR 1146 <table>"),
        ]
        let site = try render("gfm", outcomes: outcomes)
        defer { try? FileManager.default.removeItem(at: site) }
        let page = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        // The badge opens what the check found, by touch and keyboard too.
        #expect(page.contains("<details class=\"badge-info\"><summary class=\"badge\" data-status=\"verified\" title=\"ran 200 times\">✓ verified</summary>"
            + "<span class=\"badge-note\" role=\"note\">ran 200 times</span></details>"))
        #expect(page.contains("<p class=\"code-note\">ERROR 1146 &lt;table&gt;</p>"))
        #expect(page.contains("data-status=\"unchecked\""))
    }

    @Test func aFailedRenderLeavesTheOldSiteAsItWas() throws {
        let site = try render("gfm")
        defer { try? FileManager.default.removeItem(at: site) }
        let before = try Data(contentsOf: site.appendingPathComponent("index.html"))
        let writer = try SiteWriter(output: site.path)
        try writer.write("new", to: "index.html")
        #expect(throws: DocError.self) { try writer.write("x", to: "../outside.html") }
        writer.discard()
        #expect(try Data(contentsOf: site.appendingPathComponent("index.html")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.deletingLastPathComponent().path)
            .filter { $0.hasPrefix("." + site.lastPathComponent) }
        #expect(leftovers.isEmpty)
    }

    @Test func aCommittedSiteReplacesTheOldOneWhole() throws {
        let site = try render("gfm")
        defer { try? FileManager.default.removeItem(at: site) }
        try Data("stale".utf8).write(to: site.appendingPathComponent("stale.html"))
        let writer = try SiteWriter(output: site.path)
        try writer.write("<p>new</p>", to: "index.html")
        try writer.commit()
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("stale.html").path))
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "<p>new</p>")
    }
}

@Suite struct HighlighterTests {
    @Test(arguments: [
        ("bash", "echo \"$KEY\" # note", "<span class=\"hl-f\">echo</span> <span class=\"hl-s\">&quot;$KEY&quot;</span> <span class=\"hl-c\"># note</span>"),
        ("sql", "SELECT @k := 1; -- x", "<span class=\"hl-k\">SELECT</span> <span class=\"hl-v\">@k</span> := <span class=\"hl-n\">1</span>; <span class=\"hl-c\">-- x</span>"),
        ("json", "{\"a\": true}", "{<span class=\"hl-s\">&quot;a&quot;</span>: <span class=\"hl-k\">true</span>}"),
        ("php", "$x = 'a<b';", "<span class=\"hl-v\">$x</span> = <span class=\"hl-s\">'a&lt;b'</span>;"),
        ("yaml", "site_name: Guide # c", "<span class=\"hl-k\">site_name</span>: Guide <span class=\"hl-c\"># c</span>"),
        ("js", "const k = `a` // c", "<span class=\"hl-k\">const</span> k = <span class=\"hl-s\">`a`</span> <span class=\"hl-c\">// c</span>"),
        ("text", "<b>&", "&lt;b&gt;&amp;"),
        ("html", #"<b class="x">&amp;</b>"#, #"<span class="hl-k">&lt;b</span> <span class="hl-f">class</span>=<span class="hl-s">&quot;x&quot;</span><span class="hl-k">&gt;</span><span class="hl-n">&amp;amp;</span><span class="hl-k">&lt;/b</span><span class="hl-k">&gt;</span>"#),
        ("xml", "<!-- c --><a/>", #"<span class="hl-c">&lt;!-- c --&gt;</span><span class="hl-k">&lt;a</span>/<span class="hl-k">&gt;</span>"#),
        ("smarty", "{* c *}{$x}", #"<span class="hl-c">{* c *}</span><span class="hl-v">{$x}</span>"#),
        ("css", "a { color: red; }", #"a { <span class="hl-k">color</span>: red; }"#),
        ("ini", "[db]\nhost = x ; c", "<span class=\"hl-k\">[db]</span>\n<span class=\"hl-f\">host </span>=<span class=\"hl-s\"> x ; c</span>"),
        ("diff", "@@ -1 +1 @@\n-a\n+b", "<span class=\"hl-n\">@@ -1 +1 @@</span>\n<span class=\"hl-v\">-a</span>\n<span class=\"hl-f\">+b</span>"),
        ("markdown", "# T\n- `x`", "<span class=\"hl-k\"># T</span>\n<span class=\"hl-v\">- </span><span class=\"hl-s\">`x`</span>"),
        ("nginx", "listen 80; # c", #"<span class="hl-k">listen</span> <span class="hl-n">80</span>; <span class="hl-c"># c</span>"#),
        ("apache", "RewriteEngine On", #"<span class="hl-k">RewriteEngine</span> <span class="hl-k">On</span>"#),
        // `curl` is a command, not the end of another name.
        ("bash", "cv @civicrm-curl; curl x", #"<span class="hl-f">cv</span> @civicrm-curl; <span class="hl-f">curl</span> x"#),
    ])
    func highlights(language: String, code: String, html: String) {
        #expect(Highlighter().highlight(code, language: language) == html)
    }

    @Test func textSurvivesHighlightingUnchanged() {
        let code = "tr -dc 'A-Za-z0-9' </dev/urandom | head -c32; echo \"é\" && SELECT `x` FROM t /* c */"
        for language in ["bash", "sql", "json", "php", "javascript", "yaml", "html", "xml", "smarty", "css", "markdown", "ini",
                         "diff", "apache", "nginx"] {
            let html = Highlighter().highlight(code, language: language)
            let stripped = html.replacingOccurrences(of: #"<span class="hl-[a-z]">|</span>"#, with: "", options: .regularExpression)
            #expect(stripped == DocModel.escape(code), "\(language)")
        }
    }
}

@Suite struct SnapshotTests {
    /// The rendered fixture page, whole, against its snapshot (KEYDOCS_RECORD=1 re-records it).
    @Test func renderedFixturePage() throws {
        let outcomes: [SampleKey: SampleOutcome] = [
            SampleKey(page: "index.md", index: 0): SampleOutcome(.verified, "ran 200 times"),
            SampleKey(page: "index.md", index: 1): SampleOutcome(.failed, "ERROR 1146"),
            SampleKey(page: "index.md", index: 2): SampleOutcome(.skipped, "skipped: needs a live site"),
        ]
        let site = try render("gfm", outcomes: outcomes)
        defer { try? FileManager.default.removeItem(at: site) }
        let page = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        try assertSnapshot(page, named: "gfm-index.html")
    }
}
