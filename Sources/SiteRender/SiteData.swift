import DocModel

/// The data scripts every page loads: the navigation tree and the search index. Each is one
/// file for the whole site, so that no page carries the whole navigation.
enum SiteData {
    private struct NavEntry: Encodable {
        let t: String
        let p: String?
        let u: String?
        let c: [NavEntry]?
    }

    private struct NavDocument: Encodable {
        let directoryUrls: Bool
        let items: [NavEntry]
    }

    /// `window.KEYDOCS_NAV = {...};` with output paths relative to the site root.
    static func navScript(_ nav: [NavNode], site: SiteContext) -> String {
        func entries(_ nodes: [NavNode]) -> [NavEntry] {
            nodes.map { node in
                switch node {
                case .page(let title, let path): return NavEntry(t: title, p: site.output(path), u: nil, c: nil)
                case .section(let title, let children): return NavEntry(t: title, p: nil, u: nil, c: entries(children))
                case .link(let title, let url): return NavEntry(t: title, p: nil, u: url, c: nil)
                }
            }
        }
        let document = NavDocument(directoryUrls: site.paths.useDirectoryURLs, items: entries(nav))
        return "window.KEYDOCS_NAV = " + encodeJSON(document) + ";\n"
    }

    private struct SearchEntry: Encodable {
        /// Page title.
        let p: String
        /// Section title, when the entry is a section.
        let s: String?
        /// Output path of the page.
        let h: String
        /// Anchor of the section.
        let a: String?
        /// The section's text, cut to a bounded length.
        let x: String
    }

    /// Longest text kept a section, so that the index stays proportional to the site.
    static let maxSectionText = 1500

    /// `window.KEYDOCS_SEARCH = [...];`: one entry a section of every page, in reading order.
    static func searchScript(_ docs: DocSet, site: SiteContext) -> String {
        var entries: [SearchEntry] = []
        let index = docs.pageIndex
        for path in site.readingOrder {
            guard let i = index[path] else { continue }
            let page = docs.pages[i]
            let title = site.titles[path] ?? page.title
            for section in page.sections {
                let isTitle = section.slug != nil && section.title == page.title && page.headings.first?.slug == section.slug
                entries.append(SearchEntry(
                    p: title, s: isTitle ? nil : section.title.isEmpty ? nil : section.title,
                    h: site.output(path), a: isTitle ? nil : section.slug,
                    x: String(section.text.prefix(maxSectionText))))
            }
            if page.sections.isEmpty {
                entries.append(SearchEntry(p: title, s: nil, h: site.output(path), a: nil, x: ""))
            }
        }
        return "window.KEYDOCS_SEARCH = " + encodeJSON(entries) + ";\n"
    }

    /// `sitemap.xml` listing every page under `base`.
    static func sitemap(base: String, site: SiteContext) -> String {
        var h = HTML()
        h.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")
        for path in site.readingOrder.sorted() {
            h.raw("  <url><loc>")
            h.text(PageRenderer.absolute(base, site.paths.href(from: "", to: site.output(path))))
            h.raw("</loc></url>\n")
        }
        h.raw("</urlset>\n")
        return h.output
    }
}
