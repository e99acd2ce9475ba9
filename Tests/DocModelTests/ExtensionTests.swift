import Dispatch
import DocModel
import Foundation
import Testing

/// The Python-Markdown and pymdown extensions that CiviCRM's guides use, each rendered as those
/// extensions render it: the expected HTML is what Python-Markdown writes for the same input.
@Suite struct ExtensionTests {
    static let all: MarkdownOptions = {
        var options = MarkdownOptions()
        for name in ["admonition", "pymdownx.details", "attr_list", "def_list", "pymdownx.mark", "pymdownx.tilde", "pymdownx.inlinehilite",
                     "pymdownx.tabbed", "abbr", "md_in_html"] {
            _ = options.enable(name)
        }
        _ = options.enable("toc", options: ["permalink": "true"])
        return options
    }()

    /// The page's HTML with the code blocks in place of their markers.
    func html(_ markdown: String, options: MarkdownOptions = ExtensionTests.all) -> String {
        let result = MarkdownConverter.convert(markdown, file: "docs/p.md", options: options)
        return result.body.map { part -> String in
            switch part {
            case .html(let html): return html
            case .headingStart(let index):
                let heading = result.headings[index]
                return "<h\(heading.level) id=\"\(heading.slug)\"" + (heading.classes.isEmpty ? "" : " class=\"\(heading.classes.joined(separator: " "))\"") + ">"
            case .sample(let index): return "<pre><code>" + result.samples[index].text + "</code></pre>\n"
            }
        }.joined()
    }

    @Test(arguments: [
        ("!!! note \"A *title*\"\n    Body text.\n",
         "<div class=\"admonition note\">\n<p class=\"admonition-title\">A <em>title</em></p>\n<p>Body text.</p>\n</div>\n"),
        ("!!! warning\n    Default title.\n",
         "<div class=\"admonition warning\">\n<p class=\"admonition-title\">Warning</p>\n<p>Default title.</p>\n</div>\n"),
        ("!!! danger \"\"\n    No title.\n",
         "<div class=\"admonition danger\">\n<p>No title.</p>\n</div>\n"),
        ("!!! Note Extra\n    Two types.\n",
         "<div class=\"admonition note extra\">\n<p class=\"admonition-title\">Note</p>\n<p>Two types.</p>\n</div>\n"),
        ("!!!tip\n    No space.\n",
         "<div class=\"admonition tip\">\n<p class=\"admonition-title\">Tip</p>\n<p>No space.</p>\n</div>\n"),
        ("!!! note \"Outer\"\n    Text.\n\n    !!! tip \"Inner\"\n        Nested.\n",
         "<div class=\"admonition note\">\n<p class=\"admonition-title\">Outer</p>\n<p>Text.</p>\n<div class=\"admonition tip\">\n<p class=\"admonition-title\">Inner</p>\n<p>Nested.</p>\n</div>\n</div>\n"),
        ("!!! note\n    | a | b |\n    |---|---|\n    | 1 | 2 |\n",
         "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n</div>\n"),
        ("??? tip \"Closed\"\n    Hidden.\n",
         "<details class=\"tip\">\n<summary>Closed</summary>\n<p>Hidden.</p>\n</details>\n"),
        ("???+ info \"Open\"\n    Shown.\n",
         "<details class=\"info\" open=\"open\">\n<summary>Open</summary>\n<p>Shown.</p>\n</details>\n"),
        ("Apple\n:   A fruit.\n\nOrange\n:   A colour.\n\n    More about it.\n",
         "<dl>\n<dt>Apple</dt>\n<dd>A fruit.</dd>\n<dt>Orange</dt>\n<dd>\n<p>A colour.</p>\n<p>More about it.</p>\n</dd>\n</dl>\n"),
        ("Term *one*\n:   First.\n:   Second.\n",
         "<dl>\n<dt>Term <em>one</em></dt>\n<dd>First.</dd>\n<dd>Second.</dd>\n</dl>\n"),
        ("Term\n:   First.\n\n:   Second.\n",
         "<dl>\n<dt>Term</dt>\n<dd>First.</dd>\n<dd>Second.</dd>\n</dl>\n"),
        ("Term\n\n:   Loose.\n", "<dl>\n<dt>Term</dt>\n<dd>\n<p>Loose.</p>\n</dd>\n</dl>\n"),
        ("Text with ==marked== words.\n", "<p>Text with <mark>marked</mark> words.</p>\n"),
        ("H~2~O and ~~gone~~.\n", "<p>H<sub>2</sub>O and <del>gone</del>.</p>\n"),
        ("Run `#!php echo 1;` now.\n", "<p>Run <code class=\"highlight\" data-lang=\"php\">echo 1;</code> now.</p>\n"),
        ("`==not marked==` and `~x~`\n", "<p><code>==not marked==</code> and <code>~x~</code></p>\n"),
        ("*[HTML]: Hyper Text Markup Language\n\nThe HTML spec, not XHTML.\n",
         "<p>The <abbr title=\"Hyper Text Markup Language\">HTML</abbr> spec, not XHTML.</p>\n"),
        ("<div markdown=\"1\">\n**bold** text\n</div>\n", "<div>\n<p><strong>bold</strong> text</p>\n</div>\n"),
    ])
    func rendersAsPythonMarkdown(_ markdown: String, _ expected: String) {
        #expect(html(markdown) == expected)
    }

    /// pymdownx.tabbed's elements and classes, in its order; a later tab's `<input>` stands on a
    /// line of its own (CommonMark reads a line that starts with `<input` and goes on as inline HTML).
    @Test func tabsAsPymdownxWritesThem() {
        #expect(html("=== \"Tab 1\"\n\n    First.\n\n=== \"Tab 2\"\n    Second.\n\nAfter.\n\n===+ \"Again\"\n    X\n") == """
            <div class="tabbed-set" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" /><label for="__tabbed_1_1">Tab 1</label><div class="tabbed-content">
            <p>First.</p>
            </div>
            <input id="__tabbed_1_2" name="__tabbed_1" type="radio" />
            <label for="__tabbed_1_2">Tab 2</label><div class="tabbed-content">
            <p>Second.</p>
            </div>
            </div>
            <p>After.</p>
            <div class="tabbed-set" data-tabs="2:1"><input checked="checked" id="__tabbed_2_1" name="__tabbed_2" type="radio" /><label for="__tabbed_2_1">Again</label><div class="tabbed-content">
            <p>X</p>
            </div>
            </div>

            """)
        let samples = MarkdownConverter.convert("=== \"Shell\"\n    ```bash\n    ls\n    ```\n", file: "p.md", options: Self.all).samples
        #expect(samples.first?.contentLine == 3 && samples.first?.column == 5)
    }

    @Test func headingAttributesGiveIdsAndClasses() {
        let result = MarkdownConverter.convert("# Top\n\n## Pull requests {:#pr}\n\n## Two {: #two .wide data-x=\"1\" }\n\n## pr\n", file: "p.md", options: Self.all)
        #expect(result.headings.map(\.slug) == ["top", "pr", "two", "pr_1"])
        #expect(result.headings.map(\.text) == ["Top", "Pull requests", "Two", "pr"])
        #expect(result.headings[2].classes == ["wide"])
        let html = html("## Pull requests {:#pr}\n")
        #expect(html == "<h2 id=\"pr\">Pull requests<a class=\"headerlink\" href=\"#pr\" title=\"Permanent link\">&para;</a></h2>\n")
        // On paragraphs, links and images; never an event handler or an address.
        #expect(self.html("A paragraph.\n{: .note }\n\n[link](x.md){: target=_blank } and ![i](i.png){: width=10 }\n")
                == "<p class=\"note\">A paragraph.</p>\n<p><a target=\"_blank\" href=\"x.md\">link</a> and <img width=\"10\" src=\"i.png\" alt=\"i\" /></p>\n")
        #expect(self.html("[x](y.md){: onclick=\"alert(1)\" href=\"javascript:alert(1)\" title='a\"b' }\n")
                == "<p><a title=\"a&quot;b\" href=\"y.md\">x</a></p>\n")
    }

    /// Without the extensions turned on, their syntax is text, as mkdocs shows it.
    @Test func extensionsThatAreOffLeaveTheirSyntax() {
        #expect(html("!!! note\n    Body.\n", options: MarkdownOptions()) == "<p>!!! note\nBody.</p>\n")
        #expect(html("## A {:#a}\n", options: MarkdownOptions()).contains("{:#a}"))
    }

    /// An indented `!!!` opens an admonition inside a list item, and not inside indented code or
    /// off the four-column grid Python-Markdown reads list items on.
    @Test func admonitionsInListsButNotInCode() {
        let inList = html("1. Item\n\n    !!! note\n        Inside.\n")
        #expect(inList.contains("<li>\n<p>Item</p>\n") && inList.contains("<div class=\"admonition note\">") && inList.contains("<p>Inside.</p>"))
        #expect(html("Text.\n\n    !!! note\n        code\n").contains("<pre><code>!!! note\n    code\n</code></pre>"))
        #expect(html("1. Item\n\n !!! note\n        Off the grid.\n").contains("!!! note"))
        #expect(html("```\n!!! note\n    in a fence\n```\n").contains("!!! note\n    in a fence"))
    }

    /// Code in admonitions, details, definitions and list items is a sample like any other, at
    /// its line and column in the file.
    @Test func samplesInsideContainersKeepTheirPlace() {
        let markdown = """
            # Page

            !!! note "Make a key"
                Run:

                ```bash
                head -c 24 /dev/urandom | base64
                ```

            ??? tip
                ```sql
                SELECT 1;
                ```

            Key
            :   A definition with code:

                    indented code

            1. Step

                !!! warning
                    ```bash
                    echo nested
                    ```
            """
        let result = MarkdownConverter.convert(markdown, file: "docs/p.md", options: Self.all)
        #expect(result.samples.map(\.text) == ["head -c 24 /dev/urandom | base64\n", "SELECT 1;\n", "indented code\n", "echo nested\n"])
        #expect(result.samples.map(\.startLine) == [6, 11, 18, 23])
        #expect(result.samples.map(\.contentLine) == [7, 12, 18, 24])
        #expect(result.samples.map(\.endLine) == [8, 13, 18, 25])
        #expect(result.samples.map(\.column) == [5, 5, 9, 9])
        #expect(result.samples[0].location(ofLine: 0) == SourceLocation(file: "docs/p.md", line: 7, column: 5))
    }

    /// A variable whose value spans lines keeps every later line where it is in the file.
    @Test func variablesKeepLaterLinesRight() throws {
        let variables = Variables(values: ["policy.table": "| a |\n|---|\n| 1 |\n| 2 |"], namespaces: ["policy"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-vars-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# Vars\n\n{{ policy.table }}\n\n[broken](missing.md)\n\n```bash\necho x\n```\n"
            .write(to: folder.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        let docs = try LoadStage(docsFolder: folder.path, config: SiteConfig(), variables: variables).run()
        let page = try #require(docs.pages.first)
        #expect(page.links.first?.location.line == 5)
        #expect(page.samples.first?.startLine == 7)
        #expect(page.samples.first?.contentLine == 8)
    }

    /// Cases found on CiviCRM's developer and user guides, where a first version and mkdocs differed.
    @Test func realGuideCases() {
        // An admonition in a block quote.
        #expect(html("> !!! note\n>     Quoted.\n") == "<blockquote>\n<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<p>Quoted.</p>\n</div>\n</blockquote>\n")
        // After a list item with a lazy continuation line, an indented admonition is still the item's.
        #expect(html("1. Edit the file.\nMore text.\n\n    !!! note\n        In the item.\n").contains("<div class=\"admonition note\">"))
        // A fence closed left of the list item's content closes it, as Python-Markdown reads it.
        let closed = html("1. Item\n\n    ```php\n    echo 1;\n```\n\n## After\n")
        #expect(closed.contains("<h2 id=\"after\">"))
        // `{:word}` names an attribute, not an id; `#### {icon}` is a heading's text.
        let result = MarkdownConverter.convert("## Be discoverable {:discoverable}\n\n#### {icon}\n\n### ![x](i.png)\n", file: "p.md", options: Self.all)
        #expect(result.headings.map(\.slug) == ["be-discoverable", "icon", "_1"])
        // superfences' info strings.
        let fenced = MarkdownConverter.convert("``` { .php }\necho 1;\n```\n\n```{.bash title=\"x\"}\nls\n```\n", file: "p.md")
        #expect(fenced.samples.map(\.language) == ["php", "bash"])
    }

    /// Hostile nesting: thousands of block quotes around an admonition, thousands of nested
    /// admonitions, an unclosed fence. The pass neither crashes nor takes long.
    @Test func deepNestingIsBounded() {
        // The processor time of this thread, which other work on the machine does not lengthen.
        func cpuSeconds() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        let start = cpuSeconds()
        let quotes = String(repeating: "> ", count: 20_000) + "!!! note\n" + String(repeating: "> ", count: 20_000) + "    deep\n"
        #expect(html(quotes).contains("deep"))
        var nested = ""
        for depth in 0..<2_000 { nested += String(repeating: "    ", count: depth) + "!!! note\n" }
        #expect(html(nested).contains("admonition"))
        #expect(html("```\n!!! note\n" + String(repeating: "x\n", count: 10_000)).contains("!!! note"))
        #expect(cpuSeconds() - start < 10)
    }

    @Test func frontMatterNamesThePageAndIsNotShown() {
        let yaml = MarkdownConverter.convert("---\ntitle: From front matter\nauthor: x\n---\n\n# Heading\n\nText.\n", file: "p.md", options: Self.all)
        #expect(yaml.title == "From front matter")
        #expect(!yaml.body.contains { if case .html(let h) = $0 { return h.contains("author") } else { return false } })
        #expect(yaml.headings.first?.line == 6)
        let multi = MarkdownConverter.convert("Title: MultiMarkdown\n    continued\n\nBody.\n", file: "p.md", options: Self.all)
        #expect(multi.title == "MultiMarkdown continued")
        // A page that does not start with meta-data keeps its first line.
        #expect(MarkdownConverter.convert("Just text.\n", file: "docs/p.md", docsPath: "p.md").title == "P")
    }

    /// Pages are converted in parallel, and cmark-gfm's extensions share one table of special
    /// characters between parsers: without the converter's lock, autolinks and strikethroughs go
    /// missing from some pages on some builds.
    @Test func parallelConversionsAreIdenticalToSerialOnes() {
        let pages = (0..<64).map { n in
            String(repeating: "Page \(n): see www.example.com/\(n) and ~~old~~ text, https://example.org/\(n).\n\n| a | b |\n|---|---|\n| \(n) | x |\n\n", count: 40)
        }
        let serial = pages.map { html($0, options: MarkdownOptions()) }
        for _ in 0..<4 {
            let parallel = ConcurrentBox(count: pages.count)
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in parallel.set(i, html(pages[i], options: MarkdownOptions())) }
            let differing = zip(parallel.values, serial).filter { $0 != $1 }.count
            #expect(differing == 0, "\(differing) of \(pages.count) pages differ from their serial conversion")
        }
        #expect(serial[0].contains("<a href=\"http://www.example.com/0\">") && serial[0].contains("<del>old</del>"))
    }
}

/// Results written from several threads.
final class ConcurrentBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String]

    init(count: Int) { stored = Array(repeating: "", count: count) }

    func set(_ i: Int, _ value: String) { lock.withLock { stored[i] = value } }

    var values: [String] { lock.withLock { stored } }
}

/// The one table of extensions: every name it gives turns its extension on, a name it does not
/// give turns nothing on, and whether a page needs the block pass follows from the table.
@Suite struct ExtensionTableTests {
    @Test(arguments: MarkdownExtension.allCases)
    func everyNameTurnsItsExtensionOn(_ wanted: MarkdownExtension) {
        for name in wanted.names {
            var options = MarkdownOptions()
            let enabled = options.enable(name)
            #expect(enabled, "\(name)")
            #expect(options.extensions == [wanted], "\(name)")
        }
    }

    @Test(arguments: ["pymdownx.emoji", "pymdownx.critic", "markdown.extensions.", "details", "Admonition", ""])
    func otherNamesTurnNothingOn(_ name: String) {
        var options = MarkdownOptions()
        let enabled = options.enable(name)
        #expect(!enabled)
        #expect(options.extensions.isEmpty)
    }

    @Test func theBlockPassRunsForBlockExtensionsOnly() {
        let plain = "Some text.\n\nMore text.\n"
        for found in MarkdownExtension.allCases {
            var options = MarkdownOptions()
            _ = options.enable(found.names[0])
            #expect(BlockPass.needed(for: plain, options: options) == (found.pass == .block), "\(found)")
        }
    }
}

/// attr_list: each list lands on the element it follows, wherever that element stands (a
/// paragraph's last line, a list item, an admonition, a block quote the block pass rewrites,
/// after characters of several bytes, with two on a line), and text that looks like keydocs'
/// own markers gives nothing to anything.
@Suite struct AttributeListTests {
    func html(_ markdown: String) -> String { ExtensionTests().html(markdown) }

    @Test(arguments: [
        ("A paragraph.\n{: .lead #intro }\n", "<p id=\"intro\" class=\"lead\">A paragraph.</p>\n"),
        ("Two lines\nof text.\n{: .wide }\n", "<p class=\"wide\">Two lines\nof text.</p>\n"),
        ("See [the docs](https://example.org/){: .button target=_blank } now.\n",
         "<p>See <a class=\"button\" target=\"_blank\" href=\"https://example.org/\">the docs</a> now.</p>\n"),
        ("![Logo](logo.png){: width=120 }\n", "<p><img width=\"120\" src=\"logo.png\" alt=\"Logo\" /></p>\n"),
        ("Café, naïve: [é](e.md){: .x } and [ü](u.md){: .y }\n",
         "<p>Café, naïve: <a class=\"x\" href=\"e.md\">é</a> and <a class=\"y\" href=\"u.md\">ü</a></p>\n"),
        ("First line\nand [a link](l.md){: .second } on the next.\n",
         "<p>First line\nand <a class=\"second\" href=\"l.md\">a link</a> on the next.</p>\n"),
        ("- An item with [a link](l.md){: .in-list }\n",
         "<ul>\n<li>An item with <a class=\"in-list\" href=\"l.md\">a link</a></li>\n</ul>\n"),
        ("!!! note\n    In a note, [a link](l.md){: .in-note }.\n",
         "<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<p>In a note, <a class=\"in-note\" href=\"l.md\">a link</a>.</p>\n</div>\n"),
        ("> Quoted {: .x } text and [a link](l.md){: .quoted }.\n",
         "<blockquote>\n<p>Quoted {: .x } text and <a class=\"quoted\" href=\"l.md\">a link</a>.</p>\n</blockquote>\n"),
        ("> > Deeper, [a link](l.md){: .deeper }.\n",
         "<blockquote>\n<blockquote>\n<p>Deeper, <a class=\"deeper\" href=\"l.md\">a link</a>.</p>\n</blockquote>\n</blockquote>\n"),
        ("[![Icon](i.png)](page.md){: .card }\n", "<p><a class=\"card\" href=\"page.md\"><img src=\"i.png\" alt=\"Icon\" /></a></p>\n"),
        ("Not a link (see){: .x } here.\n", "<p>Not a link (see){: .x } here.</p>\n"),
        ("Code `run(function($tx){});` and [a](l.md){: .x }\n",
         "<p>Code <code>run(function($tx){});</code> and <a class=\"x\" href=\"l.md\">a</a></p>\n"),
        ("[A *b* link](l.md){: title=\"x_y_z\" .k } after.\n",
         "<p><a class=\"k\" title=\"x_y_z\" href=\"l.md\">A <em>b</em> link</a> after.</p>\n"),
        ("[Unsafe](x.md){: onclick=alert(1) href=javascript:x .ok }\n", "<p><a class=\"ok\" href=\"x.md\">Unsafe</a></p>\n"),
    ])
    func eachListLandsOnItsElement(_ markdown: String, _ expected: String) {
        #expect(html(markdown) == expected)
    }

    /// The page holds a comment spelled as keydocs' marker, for a list that does exist: it stays
    /// the page's own comment, and only the real list gives attributes.
    @Test func textCannotFakeAMarker() {
        let page = "[Real](r.md){: .real }\n\n<a href=\"f.md\">Fake</a><!--keydocs-mark:a:0--> and <p>x<!--keydocs-mark:a:0--></p>\n\n"
            + "[Other](o.md)<!--keydocs-attributes class=evil-->\n"
        let out = html(page)
        #expect(!out.contains("evil\" href"), "\(out)")
        #expect(out.contains("<a class=\"real\" href=\"r.md\">Real</a>"), "\(out)")
        #expect(out.contains("<a href=\"f.md\">Fake</a><!--keydocs-mark:a:0-->"), "\(out)")
        #expect(!out.contains("class=\"real\" href=\"f.md\""))
    }
}

/// The inline syntax of pymdownx.mark, pymdownx.tilde, pymdownx.inlinehilite and abbr applies
/// to the page's text, wherever the text stands (a paragraph, a link, inline HTML's content, an
/// admonition's title, a definition's term, a tab's label), and to nothing that is not text: raw
/// HTML blocks, comments, scripts, attribute values, an image's alternative text, code. Each
/// expected output is what Python-Markdown writes for the same input.
@Suite struct InlineSyntaxTests {
    func html(_ markdown: String) -> String { ExtensionTests().html(markdown) }

    @Test(arguments: [
        // Text in inline HTML is the page's text.
        ("A <span title=\"x\">==y==</span> z\n", "<p>A <span title=\"x\"><mark>y</mark></span> z</p>\n"),
        ("[HTML ==k==](u)\n\n*[HTML]: H\n", "<p><a href=\"u\"><abbr title=\"H\">HTML</abbr> <mark>k</mark></a></p>\n"),
        ("a==b==c and H~2~O\n", "<p>a<mark>b</mark>c and H<sub>2</sub>O</p>\n"),
        // A mark holds what stands between its delimiters, whatever that is; a subscript no space.
        ("x ==a **b** c== y\n", "<p>x <mark>a <strong>b</strong> c</mark> y</p>\n"),
        ("==a\nb== c\n", "<p><mark>a\nb</mark> c</p>\n"),
        ("==a [HTML](u) b== and ==**x**==\n\n*[HTML]: H\n",
         "<p><mark>a <a href=\"u\"><abbr title=\"H\">HTML</abbr></a> b</mark> and <mark><strong>x</strong></mark></p>\n"),
        ("a ==b <span>c</span> d== e\n", "<p>a <mark>b <span>c</span> d</mark> e</p>\n"),
        ("==a== **b ==c** d==\n", "<p><mark>a</mark> <strong>b ==c</strong> d==</p>\n"),
        ("H~2O~ and ~a *b*~\n", "<p>H<sub>2O</sub> and ~a <em>b</em>~</p>\n"),
        // A term is matched as written, whatever the HTML makes of its characters.
        ("AT&T rocks\n\n*[AT&T]: American\n", "<p><abbr title=\"American\">AT&amp;T</abbr> rocks</p>\n"),
        ("Use <x> ==a<b== here\n", "<p>Use <x> <mark>a&lt;b</mark> here</p>\n"),
        // Titles, terms and labels, with abbreviations defined after them.
        ("!!! note \"HTML ==m==\"\n    body\n\n*[HTML]: Hyper\n",
         "<div class=\"admonition note\">\n<p class=\"admonition-title\"><abbr title=\"Hyper\">HTML</abbr> <mark>m</mark></p>\n<p>body</p>\n</div>\n"),
        ("Term ==m== HTML\n:   def\n\n*[HTML]: H\n",
         "<dl>\n<dt>Term <mark>m</mark> <abbr title=\"H\">HTML</abbr></dt>\n<dd>def</dd>\n</dl>\n"),
        ("??? tip \"H~2~O\"\n    Hidden.\n", "<details class=\"tip\">\n<summary>H<sub>2</sub>O</summary>\n<p>Hidden.</p>\n</details>\n"),
        ("> !!! note \"CSS\"\n>     Quoted.\n\n*[CSS]: Style\n",
         "<blockquote>\n<div class=\"admonition note\">\n<p class=\"admonition-title\"><abbr title=\"Style\">CSS</abbr></p>\n<p>Quoted.</p>\n</div>\n</blockquote>\n"),
        ("> *[CSS]: Style\n\nCSS outside.\n", "<blockquote>\n</blockquote>\n<p><abbr title=\"Style\">CSS</abbr> outside.</p>\n"),
    ])
    func textAnywhereTakesIt(_ markdown: String, _ expected: String) {
        #expect(html(markdown) == expected)
    }

    @Test(arguments: [
        // Raw HTML blocks, whatever their element, are the page's HTML as written.
        // (The tag filter writes `<script>` and `<style>` as text; what they hold is kept as written.)
        ("<script>var a = b==c==d;</script>\n", "&lt;script>var a = b==c==d;&lt;/script>\n"),
        ("<div>\nHTML ==x== H~2~O\n</div>\n\n*[HTML]: H\n", "<div>\nHTML ==x== H~2~O\n</div>\n"),
        ("<style>\np::after { content: \"==x==\" }\n</style>\n", "&lt;style>\np::after { content: \"==x==\" }\n&lt;/style>\n"),
        // A comment's text and an attribute's value, even with a `>` in them.
        ("a <!-- a > ==b== --> c\n", "<p>a <!-- a > ==b== --> c</p>\n"),
        ("a <span title=\"1 > 0 ==b==\">c</span>\n", "<p>a <span title=\"1 > 0 ==b==\">c</span></p>\n"),
        // An image's alternative text is plain text.
        ("![==a== HTML](x.png)\n\n*[HTML]: H\n", "<p><img src=\"x.png\" alt=\"==a== HTML\" /></p>\n"),
        // Code, inline or in blocks.
        ("`HTML ==x==` HTML\n\n*[HTML]: H\n", "<p><code>HTML ==x==</code> <abbr title=\"H\">HTML</abbr></p>\n"),
        ("Run `#!php $a = \"<b>\";` now.\n", "<p>Run <code class=\"highlight\" data-lang=\"php\">$a = &quot;&lt;b&gt;&quot;;</code> now.</p>\n"),
    ])
    func whatIsNotTextKeepsIt(_ markdown: String, _ expected: String) {
        #expect(html(markdown) == expected)
    }

    @Test(arguments: [
        // The first closing that follows no white space closes a mark.
        ("==x == y==\n", "<p><mark>x == y</mark></p>\n"),
        ("===x===\n", "<p>=<mark>x</mark>=</p>\n"),
        // inlinehilite's forms: `#!` or `:::`, a language of its characters or none.
        ("`:::php echo 2;` `#! nothing` `#!c# z` `#!php  two` `#!php`\n",
         "<p><code class=\"highlight\" data-lang=\"php\">echo 2;</code> <code>nothing</code> <code class=\"highlight\" data-lang=\"c#\">z</code> "
            + "<code class=\"highlight\" data-lang=\"php\">two</code> <code>#!php</code></p>\n"),
        // A link written as its address shows the address.
        ("<http://example.com/==x==> HTML\n\n*[HTML]: H\n",
         "<p><a href=\"http://example.com/==x==\">http://example.com/==x==</a> <abbr title=\"H\">HTML</abbr></p>\n"),
        // Definitions as abbr reads them: a space before the colon, no empty title, none
        // indented, `''` takes one away, a character reference in a title stays one.
        ("*[HTML] : x\n\nHTML\n", "<p><abbr title=\"x\">HTML</abbr></p>\n"),
        ("*[EMPTY]:\n\nEMPTY\n", "<p>*[EMPTY]:</p>\n<p>EMPTY</p>\n"),
        (" *[I1]: a\n\nI1\n", "<p>*[I1]: a</p>\n<p>I1</p>\n"),
        ("*[A]: one\n*[A]: ''\n\nA\n", "<p>A</p>\n"),
        ("*[X]: &quot;&gt; & more\n\nX\n", "<p><abbr title=\"&quot;&gt; &amp; more\">X</abbr></p>\n"),
        // A definition's first line is a block of its own: it may define one.
        ("Term\n:   *[DD]: from dd\n    more text DD\n\nDD\n",
         "<dl>\n<dt>Term</dt>\n<dd>more text <abbr title=\"from dd\">DD</abbr></dd>\n</dl>\n<p><abbr title=\"from dd\">DD</abbr></p>\n"),
    ])
    func readAsPythonMarkdownReadsIt(_ markdown: String, _ expected: String) {
        #expect(html(markdown) == expected)
    }

    /// A heading's anchor and its text in the search are the text a reader sees.
    @Test func aHighlightedCodeSpanGivesItsCode() {
        let page = MarkdownConverter.convert("## H `#!php $a`\n", file: "docs/p.md", options: ExtensionTests.all)
        #expect(page.headings.first?.slug == "h-a")
        #expect(page.headings.first?.text == "H $a")
    }

    /// A line that Python-Markdown does not read as a fence opens none: the page after it stays
    /// the page; and a block quote after a container in a list item is read as a quote.
    @Test(arguments: [
        ("~~~x~~~\n\nAfter.\n", "<p>After.</p>"),
        ("- item\n\n    !!! note \"N\"\n        nested\n\n> !!! note \"T\"\n>     body\n",
         "<blockquote>\n<div class=\"admonition note\">\n<p class=\"admonition-title\">T</p>"),
    ])
    func blocksStayBlocks(_ markdown: String, _ expected: String) {
        let out = html(markdown)
        #expect(out.contains(expected), "\(out)")
        #expect(!out.contains("<pre>"), "\(out)")
    }

    /// The block pass's own text for titles cannot be faked by the page: a comment spelled like
    /// it stays a comment.
    @Test func titlesCannotBeFaked() {
        let out = html("!!! note \"Real\"\n    Body.\n\nText <!--keydocs-mark:t:0--> and <!--keydocs-title:0-->.\n")
        #expect(out.contains("<p class=\"admonition-title\">Real</p>"), "\(out)")
        #expect(out.contains("Text <!--keydocs-mark:t:0--> and <!--keydocs-title:0-->."), "\(out)")
    }
}
