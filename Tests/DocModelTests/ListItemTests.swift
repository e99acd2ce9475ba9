import DocModel
import Testing

/// A list item whose text starts five or more columns after its marker: Python-Markdown (and so
/// mkdocs) reads the text as the item's; CommonMark reads an indented code block in the item.
/// keydocs renders it as mkdocs does, with or without extensions on, and only outside code.
@Suite struct ListItemTests {
    static let plain = MarkdownOptions()

    func html(_ markdown: String, options: MarkdownOptions = ListItemTests.plain) -> String {
        let result = MarkdownConverter.convert(markdown, file: "docs/p.md", options: options)
        return result.body.map { part -> String in
            switch part {
            case .html(let html): return html
            case .headingStart: return "<h>"
            case .sample(let index): return "<pre>" + result.samples[index].text + "</pre>"
            }
        }.joined()
    }

    @Test(arguments: [
        ("-       $labelName - the badge format\n    being used\n-       $label - the object\n",
         ["<li>$labelName - the badge format\nbeing used</li>", "<li>$label - the object</li>"]),
        ("*      star item\n+        plus item\n", ["<li>star item</li>", "<li>plus item</li>"]),
        ("1.      first\n2.       second\n", ["<li>first</li>", "<li>second</li>"]),
        ("  -     indented marker\n", ["<li>indented marker</li>"]),
        ("-       outer\n    -   inner\n", ["<li>outer\n<ul>\n<li>inner</li>"]),
    ])
    func wideItemsAreListText(_ markdown: String, _ expected: [String]) {
        for options in [Self.plain, ExtensionTests.all] {
            let out = html(markdown, options: options)
            for part in expected { #expect(out.contains(part), "\(out)") }
            #expect(!out.contains("<pre"), "\(out)")
        }
    }

    @Test(arguments: [
        // Inside a fence, in an indented code block, with a tab, or a marker with four spaces: as written.
        ("```\n-       not a list\n```\n", "<pre>-       not a list\n"),
        ("Text\n\n        -       code\n", "<pre>    -       code\n"),
        ("-    four spaces\n", "<li>four spaces</li>"),
    ])
    func otherLinesAreAsWritten(_ markdown: String, _ expected: String) {
        for options in [Self.plain, ExtensionTests.all] {
            let out = html(markdown, options: options)
            #expect(out.contains(expected), "\(out)")
        }
    }

    /// Places in the item's text are the file's columns.
    @Test func linksInAWideItemKeepTheirColumns() {
        let result = MarkdownConverter.convert("# T\n\n-       see [the page](missing.md)\n", file: "docs/p.md")
        let link = result.links.first { $0.destination == "missing.md" }
        #expect(link?.location.line == 3)
        #expect(link?.location.column == 13, "\(String(describing: link?.location))")
    }
}
