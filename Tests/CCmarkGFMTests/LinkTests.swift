import CCmarkGFM
#if canImport(Glibc)
import Glibc
#endif
import Testing

@Suite struct LinkTests {
    /// cmark-gfm and its extensions link, and the table extension renders a GFM table.
    @Test func rendersATableWithTheTableExtension() throws {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = try #require(cmark_parser_new(CMARK_OPT_DEFAULT))
        defer { cmark_parser_free(parser) }
        let table = try #require(cmark_find_syntax_extension("table"))
        cmark_parser_attach_syntax_extension(parser, table)
        let markdown = "| a | b |\n|---|---|\n| 1 | 2 |\n"
        cmark_parser_feed(parser, markdown, markdown.utf8.count)
        let document = try #require(cmark_parser_finish(parser))
        defer { cmark_node_free(document) }
        let html = try #require(cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)))
        defer { free(html) }
        let text = String(cString: html)
        #expect(text.contains("<table>"))
        #expect(text.contains("<td>2</td>"))
    }
}
