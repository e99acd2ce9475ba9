import Foundation
import DocModel
import Testing

@Suite struct ConverterTests {
    let markdown = """
        # Title

        Intro with [a link](other.md#part) and ![an image](img/x.png).

        ```bash title="gen"
        echo one
        echo two
        ```

            indented line 1
            indented line 2

        - item

          ```sql
          SELECT 1;
          ```

        > quoted
        >
        > ```
        > in a quote
        > ```

        <!-- check: skip "why" -->
        ```json
        {}
        ```

        ## Part
        ## Part
        ### What's *new*?
        """

    var result: Page { MarkdownConverter.convert(markdown, file: "docs/p.md") }

    @Test func samplesKeepTheirLines() throws {
        let samples = result.samples
        #expect(samples.count == 5)
        #expect(samples.map(\.startLine) == [5, 10, 15, 21, 26])
        #expect(samples.map(\.contentLine) == [6, 10, 16, 22, 27])
        #expect(samples.map(\.endLine) == [8, 11, 17, 23, 28])
        #expect(samples.map(\.fenced) == [true, false, true, true, true])
        #expect(samples.map(\.language) == ["bash", nil, "sql", nil, "json"])
        #expect(samples[0].info == "bash title=\"gen\"")
        #expect(samples[0].text == "echo one\necho two\n")
        #expect(samples[1].text == "indented line 1\nindented line 2\n")
        #expect(samples[2].column == 3)
        #expect(samples[3].column == 3)
        #expect(samples[0].location(ofLine: 1) == SourceLocation(file: "docs/p.md", line: 7, column: 1))
    }

    @Test func annotationsAttachToTheNextBlock() {
        let samples = result.samples
        #expect(samples[4].annotation == Annotation(text: "check: skip \"why\"", line: 25))
        #expect(samples[0].annotation == nil)
    }

    @Test func headingsGetUniqueSlugs() {
        #expect(result.title == "Title")
        #expect(result.headings.map(\.slug) == ["title", "part", "part_1", "whats-new"])
        #expect(result.headings.map(\.level) == [1, 2, 2, 3])
        #expect(result.headings.map(\.line) == [1, 30, 31, 32])
    }

    @Test func linksKeepTheirPlace() {
        let links = result.links
        #expect(links.map(\.destination) == ["other.md#part", "img/x.png"])
        #expect(links.map(\.location.line) == [3, 3])
        #expect(links.map(\.location.column) == [12, 40])
        #expect(links.map(\.kind) == [.link, .image])
    }

    @Test func bodyHasAPartForEveryHeadingAndSample() {
        let parts = result.body
        let samples = parts.compactMap { if case .sample(let i) = $0 { return i } else { return nil } }
        let headings = parts.compactMap { if case .headingStart(let i) = $0 { return i } else { return nil } }
        #expect(samples == [0, 1, 2, 3, 4])
        #expect(headings == [0, 1, 2, 3])
        let html = parts.compactMap { if case .html(let h) = $0 { return h } else { return nil } }.joined()
        #expect(html.contains("<li>"))
        #expect(!html.contains("<pre"))
    }

    @Test func markersCannotBeFaked() {
        let tricky = "# T\n\n<!--keydocs-mark:s:0-->\n\n```\ncode\n```\n"
        let converted = MarkdownConverter.convert(tricky, file: "t.md")
        let parts = converted.body
        // The comment the page wrote is the page's HTML; the one code block is the only sample
        // part, last, where the block is, with its own text.
        #expect(parts.filter { if case .sample = $0 { return true } else { return false } } == [.sample(index: 0)])
        #expect(parts.last == .sample(index: 0), "\(parts)")
        #expect(parts.first == .headingStart(index: 0), "\(parts)")
        #expect(converted.samples.map { $0.text.trimmingCharacters(in: .newlines) } == ["code"])
        #expect(converted.samples.first?.location.line == 5)
        let html = parts.compactMap { if case .html(let h) = $0 { return h } else { return nil } }.joined()
        #expect(html.contains("keydocs-mark:s:0"), "the page's own comment stays in its HTML: \(html)")
    }

    @Test func linksAreRewrittenWhereAsked() {
        let converted = MarkdownConverter.convert("[x](a.md)", file: "t.md") { $0 == "a.md" ? "a.html" : nil }
        let html = converted.body.compactMap { if case .html(let h) = $0 { return h } else { return nil } }.joined()
        #expect(html.contains("href=\"a.html\""))
        #expect(converted.links.first?.destination == "a.md")
    }

    /// Python-Markdown's toc slugs, so that deep links into guides published with mkdocs keep working.
    @Test(arguments: [
        ("Hello World", "hello-world"), ("What's new?", "whats-new"), ("C++ & you", "c-you"),
        ("  spaced  out ", "spaced-out"), ("Ünïcode tëxt", "unicode-text"), ("API_KEY length", "api_key-length"),
        ("a -- b", "a-b"), ("Trailing -", "trailing-"), ("日本語 title", "title"), ("Step 1: install (CLI)", "step-1-install-cli"),
        ("Don’t “quote”", "dont-quote"), ("x_1", "x_1"),
    ])
    func slugs(text: String, slug: String) {
        var slugger = Slugger()
        #expect(slugger.slug(for: text.trimmingCharacters(in: .whitespaces)) == slug)
    }

    @Test func repeatedSlugsCountUp() {
        var slugger = Slugger()
        #expect(["a", "a", "a", "a-1", "a_1 ", "!!!"].map { slugger.slug(for: $0) } == ["a", "a_1", "a_2", "a-1", "a_3", "_1"])
    }

    @Test func explicitIDsAreReservedBeforeSlugsAreMade() {
        var slugger = Slugger(reserved: ["setup"])
        #expect(slugger.slug(for: "Setup") == "setup_1")
    }
}

