import DocModel

/// The data scripts every page loads: the navigation tree and the search index. Each is one
/// file for the whole site, so that no page carries the whole navigation.
enum SiteData {
    private struct NavEntry: Encodable {
        /// The title as text.
        let t: String
        /// The title as HTML, when it holds markup (see `TitleHTML`).
        let h: String?
        let p: String?
        let u: String?
        let c: [NavEntry]?

        init(title: String, p: String?, u: String?, c: [NavEntry]?) {
            t = TitleHTML.text(title)
            let html = TitleHTML.html(title)
            h = html == escape(t) ? nil : html
            self.p = p
            self.u = u
            self.c = c
        }
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
                case .page(let title, let path): return NavEntry(title: title, p: site.output(path), u: nil, c: nil)
                case .section(let title, let children): return NavEntry(title: title, p: nil, u: nil, c: entries(children))
                case .link(let title, let url): return NavEntry(title: title, p: nil, u: url, c: nil)
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
            let title = TitleHTML.text(site.titles[path] ?? page.title)
            for section in page.sections {
                let isTitle = section.slug != nil && section.title == page.title && page.headings.first?.slug == section.slug
                entries.append(SearchEntry(
                    p: title, s: isTitle ? nil : section.title.isEmpty ? nil : section.title,
                    h: site.output(path), a: isTitle ? nil : section.slug,
                    x: section.text.utf8.count <= maxSectionText ? section.text : String(section.text.prefix(maxSectionText))))
            }
            if page.sections.isEmpty {
                entries.append(SearchEntry(p: title, s: nil, h: site.output(path), a: nil, x: ""))
            }
        }
        // Written by hand: the index is the one large JSON document of a build.
        var out: [UInt8] = Array("window.KEYDOCS_SEARCH = [".utf8)
        out.reserveCapacity(entries.count * 400)
        for (k, entry) in entries.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out += Array("{\"a\":".utf8)
            if let a = entry.a { appendJSONString(a, to: &out) } else { out += Array("null".utf8) }
            out += Array(",\"h\":".utf8)
            appendJSONString(entry.h, to: &out)
            out += Array(",\"p\":".utf8)
            appendJSONString(entry.p, to: &out)
            out += Array(",\"s\":".utf8)
            if let s = entry.s { appendJSONString(s, to: &out) } else { out += Array("null".utf8) }
            out += Array(",\"x\":".utf8)
            appendJSONString(entry.x, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += Array("];\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `s` as a JSON string literal; runs that need no escape are copied whole.
    static func appendJSONString(_ s: String, to out: inout [UInt8]) {
        var s = s
        out.append(34)
        let mayNeedEscape = Self.mayNeedEscape
        s.withUTF8 { bytes in
            var run = 0
            var i = 0
            func escape(_ escaped: [UInt8], width: Int = 1) {
                out.append(contentsOf: bytes[run..<i])
                out.append(contentsOf: escaped)
                i += width
                run = i
            }
            while i < bytes.count {
                let byte = bytes[i]
                guard mayNeedEscape[Int(byte)] else {
                    i += 1
                    continue
                }
                switch byte {
                case 34: escape([92, 34])
                case 92: escape([92, 92])
                case 10: escape([92, 110])
                case 13: escape([92, 114])
                case 9: escape([92, 116])
                case 60: escape([92, 117, 48, 48, 51, 99])                       // \u003c
                case 0..<32: escape([92, 117, 48, 48, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]])
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    // U+2028 and U+2029 end a line in older JavaScript.
                    escape([92, 117, 50, 48, 50, bytes[i + 2] == 0xA8 ? 56 : 57], width: 3)  // \u2028, \u2029
                default: i += 1
                }
            }
            out.append(contentsOf: bytes[run..<bytes.count])
        }
        out.append(34)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The bytes that `appendJSONString` looks at twice: controls, the quote, the backslash, `<`, and the lead byte of U+2028/9.
    private static let mayNeedEscape: [Bool] = (0...255).map { $0 < 32 || $0 == 34 || $0 == 92 || $0 == 60 || $0 == 0xE2 }

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
