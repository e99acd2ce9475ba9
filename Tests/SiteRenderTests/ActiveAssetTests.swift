import DocModel
import Foundation
import SiteRender
import Testing

/// Renders a docs folder of a home page and `files` (docs path → bytes) into a new site, and
/// returns what the site holds for each of `files` (nil: not published).
func publish(_ files: [String: Data]) throws -> [String: Data?] {
    let docs = temporaryFolder()
    let fm = FileManager.default
    try fm.createDirectory(at: docs, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: docs) }
    try Data("# Home\n".utf8).write(to: docs.appendingPathComponent("index.md"))
    for (path, data) in files { try data.write(to: docs.appendingPathComponent(path)) }
    let loaded = try LoadStage(docsFolder: docs.path, config: SiteConfig()).run()
    let site = temporaryFolder()
    defer { try? fm.removeItem(at: site) }
    let writer = try SiteWriter(output: site.path)
    _ = try RenderStage(docs: loaded, outcomes: nil).run(into: writer)
    try writer.commit()
    var published: [String: Data?] = [:]
    for path in files.keys { published[path] = fm.contents(atPath: site.appendingPathComponent(path).path) }
    return published
}

/// An SVG document around `inner`.
func svg(_ inner: String, root: String = "") -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\"\(root) viewBox=\"0 0 10 10\">\(inner)</svg>\n"
}

/// The published site runs no script of the author's: a copied file that a browser opens as a
/// document (SVG, XHTML, XML and their kin), where a page or a link sends the reader, holds no
/// active content, whatever form it takes.
@Suite struct ActiveAssetTests {
    /// Active SVG in its different forms, and what of it must not reach the site.
    static let activeSVGs: [(name: String, svg: String, payload: String)] = [
        ("a script element", svg("<script>alert(1)</script>"), "alert"),
        ("a script in CDATA", svg("<script type=\"application/ecmascript\"><![CDATA[alert(1)]]></script>"), "alert"),
        ("onload on the root", svg("<rect width=\"1\" height=\"1\"/>", root: " onload=\"alert(1)\""), "alert"),
        ("an event attribute on a shape", svg("<rect onclick=\"alert(1)\" width=\"1\" height=\"1\"/>"), "alert"),
        ("HTML in foreignObject",
         svg("<foreignObject width=\"10\" height=\"10\"><body xmlns=\"http://www.w3.org/1999/xhtml\"><img src=\"x\" onerror=\"alert(1)\"/></body></foreignObject>"),
         "alert"),
        ("a javascript: link", svg("<a href=\"javascript:alert(1)\"><text y=\"5\">x</text></a>"), "alert"),
        ("an xlink:href to javascript: in odd case and spacing",
         svg("<a xlink:href=\" JaVaScRiPt:alert(1)\"><text y=\"5\">x</text></a>", root: " xmlns:xlink=\"http://www.w3.org/1999/xlink\""), "alert"),
        ("a javascript: link spelled with a character reference", svg("<a href=\"&#x6A;avascript:alert(1)\"><text y=\"5\">x</text></a>"), "alert"),
        ("use of a data: SVG",
         svg("<use href=\"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=\"/>"),
         "data:image/svg+xml"),
        ("an image from a data: HTML", svg("<image width=\"1\" height=\"1\" href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"/>"), "alert"),
        ("an XHTML script by prefix", svg("<h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script>"), "alert"),
        ("XHTML by a default namespace", svg("<g xmlns=\"http://www.w3.org/1999/xhtml\"><iframe src=\"javascript:alert(1)\"/></g>"), "alert"),
        ("an animation that sets a link", svg("<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text y=\"5\">x</text></a>"), "alert"),
        ("a stylesheet instruction", "<?xml-stylesheet type=\"text/xsl\" href=\"data:text/xml,alert\"?>\n" + svg("<rect/>"), "xml-stylesheet"),
    ]

    @Test(arguments: activeSVGs.map(\.name))
    func activeSVGIsNotPublished(_ name: String) throws {
        let example = try #require(Self.activeSVGs.first { $0.name == name })
        let published = try publish(["drawing.svg": Data(example.svg.utf8)])
        if let copy = published["drawing.svg"] ?? nil {
            let text = String(decoding: copy, as: UTF8.self)
            #expect(!text.contains(example.payload), "\(name): \(text)")
        }
    }

    /// SVG that no parse can vet as the browser would read it is not published at all.
    static let unvettableSVGs: [(name: String, data: Data)] = [
        ("an entity", Data(("<!DOCTYPE svg [<!ENTITY x \"<script>alert(1)</script>\">]>\n" + svg("&x;")).utf8)),
        ("a default attribute", Data(("<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"alert(1)\">]>\n" + svg("<rect/>")).utf8)),
        ("XML that is not well-formed", Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script>\n".utf8)),
        ("another encoding", Data(("<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n" + svg("+ADw-script+AD4-alert(1)+ADw-/script+AD4-")).utf8)),
        ("UTF-16", Data([0xFF, 0xFE]) + svg("<script>alert(1)</script>").data(using: .utf16LittleEndian)!),
        ("a root that is not SVG", Data("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><script>alert(1)</script></body></html>\n".utf8)),
    ]

    @Test(arguments: unvettableSVGs.map(\.name))
    func unvettableSVGIsNotPublished(_ name: String) throws {
        let example = try #require(Self.unvettableSVGs.first { $0.name == name })
        let published = try publish(["drawing.svg": example.data])
        #expect(published["drawing.svg"] == .some(nil), "\(name) was published")
    }

    /// Static SVG, with what drawing programs write, is published as it is; beside it, one
    /// active file is not: each file is judged alone.
    @Test func staticSVGIsPublishedAsItIs() throws {
        let drawing = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a diagram -->
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" viewBox="0 0 120 60">
              <title>Keys &amp; locks</title>
              <style>text { font: 12px sans-serif; } g > rect { fill: url(#g); }</style>
              <defs>
                <linearGradient id="g" x1="0" x2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#36c"/></linearGradient>
                <radialGradient id="r" cx="0.5" cy="0.5" r="0.5" href="#g"/>
                <clipPath id="c"><rect width="100" height="50" rx="4"/></clipPath>
                <marker id="m" markerWidth="4" markerHeight="4" refX="2" refY="2" orient="auto"><path d="M0,0 L4,2 L0,4 z"/></marker>
                <filter id="f"><feGaussianBlur stdDeviation="1"/><feOffset dx="1" dy="1" result="o"/></filter>
                <pattern id="p" width="4" height="4" patternUnits="userSpaceOnUse"><circle cx="2" cy="2" r="1"/></pattern>
                <mask id="k"><rect width="120" height="60" fill="white"/></mask>
                <symbol id="s" viewBox="0 0 4 4"><polygon points="0,0 4,0 2,4"/></symbol>
              </defs>
              <g clip-path="url(#c)" filter="url(#f)" mask="url(#k)"><rect width="120" height="60"/><ellipse cx="6" cy="6" rx="3" ry="2" fill="url(#p)"/></g>
              <use xlink:href="#s" x="2" y="2" width="4" height="4"/>
              <line x1="0" y1="55" x2="100" y2="55" stroke="#333" stroke-dasharray="2 1" marker-end="url(#m)"/>
              <polyline points="0,0 5,5 10,0" fill="none" stroke="black"/>
              <text x="10" y="30" text-anchor="start" font-family="sans-serif">a &lt; b<tspan dy="2">c</tspan></text>
              <a href="#g"><text x="1" y="5">top</text></a>
              <image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>
            </svg>

            """
        let shapes = svg("<rect width=\"10\" height=\"10\" fill=\"#c00\"/><circle cx=\"5\" cy=\"5\" r=\"2\" style=\"stroke: black\"/>")
        let published = try publish(["diagram.svg": Data(drawing.utf8), "shapes.svg": Data(shapes.utf8),
                                     "evil.svg": Data(svg("<script>alert(1)</script>").utf8)])
        #expect(published["diagram.svg"] == .some(Data(drawing.utf8)))
        #expect(published["shapes.svg"] == .some(Data(shapes.utf8)))
        #expect(!String(decoding: (published["evil.svg"] ?? nil) ?? Data(), as: UTF8.self).contains("alert"))
    }

    /// What only a DTD or an editor adds (a DOCTYPE without declarations, Inkscape's and RDF's
    /// metadata, comments) is left out, and the drawing is published as the same drawing.
    @Test func editorsExtrasAreLeftOut() throws {
        let graphviz = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"
             "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <!-- Generated by graphviz -->
            <svg width="62pt" height="44pt" viewBox="0 0 62 44" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <g id="graph0" class="graph" transform="translate(4 40)">
            <title>G</title>
            <polygon fill="white" stroke="none" points="-4,4 -4,-40 58,-40 58,4 -4,4"/>
            <text text-anchor="middle" x="27" y="-14.3">a &amp; b</text>
            </g>
            </svg>

            """
        let inkscape = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#" width="10" height="10" sodipodi:docname="key.svg" inkscape:version="1.3">
              <sodipodi:namedview id="nv" pagecolor="#ffffff"><inkscape:grid id="g1"/></sodipodi:namedview>
              <metadata><rdf:RDF><cc:Work rdf:about=""><dc:title>Key</dc:title></cc:Work></rdf:RDF></metadata>
              <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1"><rect width="10" height="10"/></g>
            </svg>

            """
        let published = try publish(["graph.svg": Data(graphviz.utf8), "key.svg": Data(inkscape.utf8)])
        #expect(published["graph.svg"] == .some(Data("""
            <svg xmlns="http://www.w3.org/2000/svg" height="44pt" viewBox="0 0 62 44" width="62pt">
            <g class="graph" id="graph0" transform="translate(4 40)">
            <title>G</title>
            <polygon fill="white" points="-4,4 -4,-40 58,-40 58,4 -4,4" stroke="none"/>
            <text text-anchor="middle" x="27" y="-14.3">a &amp; b</text>
            </g>
            </svg>

            """.utf8)), "\(String(decoding: (published["graph.svg"] ?? nil) ?? Data(), as: UTF8.self))")
        #expect(published["key.svg"] == .some(Data("""
            <svg xmlns="http://www.w3.org/2000/svg" height="10" width="10">
              \("")
              \("")
              <g id="layer1"><rect height="10" width="10"/></g>
            </svg>

            """.utf8)), "\(String(decoding: (published["key.svg"] ?? nil) ?? Data(), as: UTF8.self))")
    }

    /// XHTML, XML and their kin: a browser opens them as documents of the site's origin. Those
    /// that could run script or that cannot be vetted are not published; plain data is, as it is.
    static let activeDocuments: [(path: String, data: Data)] = [
        ("page.xhtml", Data("<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><script>alert(1)</script></head><body/></html>\n".utf8)),
        ("page.xht", Data("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body onload=\"alert(1)\"/></html>\n".utf8)),
        ("styled.xml", Data("<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"style.xsl\"?>\n<data/>\n".utf8)),
        ("data.xml", Data("<data><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script></data>\n".utf8)),
        ("style.xsl", Data("""
            <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns="http://www.w3.org/1999/xhtml">
            <xsl:template match="/"><html><script>alert(1)</script></html></xsl:template></xsl:stylesheet>

            """.utf8)),
        ("style.xslt", Data("<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/></xsl:stylesheet>\n".utf8)),
        ("feed.rss", Data("<rss version=\"2.0\"><channel><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg></channel></rss>\n".utf8)),
        ("formula.mml", Data("<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi href=\"javascript:alert(1)\">x</mi></math>\n".utf8)),
        ("entity.xml", Data("<!DOCTYPE data [<!ENTITY x \"<script xmlns='http://www.w3.org/1999/xhtml'>alert(1)</script>\">]>\n<data>&x;</data>\n".utf8)),
        ("broken.xml", Data("<data><script xmlns=\"http://www.w3.org/1999/xhtml\">alert(1)</script>\n".utf8)),
        ("drawing.svgz", Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xB3, 0x29, 0x2E, 0x4B, 0xB7, 0x03, 0x00])),
        ("saved.mht", Data("MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>\r\n".utf8)),
        // Every extension counts (Apache), and compressed copies stand in for a page (gzip_static).
        ("x.xhtml.fr", Data("<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>\n".utf8)),
        ("index.html.gz", Data([0x1F, 0x8B, 0x08, 0x00])),
        ("page.svg.br", Data([0x0B, 0x02, 0x80])),
        ("x.php", Data("<?php system($_GET['c']); ?>\n".utf8)),
        ("x.php.txt.phtml", Data("<?php echo 1; ?>\n".utf8)),
        ("run.cgi", Data("#!/bin/sh\necho hi\n".utf8)),
        ("x.jsp", Data("<% out.println(1); %>\n".utf8)),
    ]

    @Test(arguments: activeDocuments.map(\.path))
    func activeDocumentIsNotPublished(_ path: String) throws {
        let example = try #require(Self.activeDocuments.first { $0.path == path })
        let published = try publish([path: example.data])
        #expect(published[path] == .some(nil), "\(path) was published")
    }

    /// Every file that hosts serve as HTML gets the no-script policy ahead of its markup; XML
    /// that holds only data is published as it is.
    @Test func pagesGetThePolicyAndDataStaysAsItIs() throws {
        let html = Data("<!DOCTYPE html><script>alert(1)</script>\n".utf8)
        let info = Data("""
            <?xml version="1.0"?>
            <!-- an extension's info.xml -->
            <extension key="org.example.keys" type="module"><name>Keys</name><urls><url desc="Docs">https://example.org/?a=1&amp;b=2</url></urls></extension>

            """.utf8)
        let feed = Data("<rss version=\"2.0\"><channel><title>News</title><link>https://example.org/</link></channel></rss>\n".utf8)
        let published = try publish(["a.html": html, "b.htm": html, "c.shtml": html, "d.HTML": html,
                                     "info.xml": info, "feed.rss": feed, "page.xhtml": Data("<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>".utf8)])
        let refresh = Data("<html><head><META http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"><base href=\"https://evil.example/\"></head></html>\n".utf8)
        let drawing = Data("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect width=\"1\" height=\"1\"/></svg>\n".utf8)
        let more = try publish(["x.html.zz": html, "x.html.en": html, "go.html": refresh, "notes.txt.gz": Data([0x1F, 0x8B]),
                                "x.svg.zz": drawing])
        let svgCopy = String(decoding: (more["x.svg.zz"] ?? nil) ?? Data(), as: UTF8.self)
        #expect(svgCopy.contains("<rect") && !svgCopy.contains("onload"), "x.svg.zz is SVG to a server that reads every extension: \(svgCopy)")
        for path in ["x.html.zz", "x.html.en"] {
            let copy = String(decoding: (more[path] ?? nil) ?? Data(), as: UTF8.self)
            #expect(copy.hasPrefix("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), "\(path): \(copy)")
        }
        let go = String(decoding: (more["go.html"] ?? nil) ?? Data(), as: UTF8.self)
        #expect(go.contains("&lt;META http-equiv=\"refresh\"") && go.contains("&lt;base href"), "\(go)")
        #expect(more["notes.txt.gz"] == .some(Data([0x1F, 0x8B])), "a compressed copy of a plain file is published as it is")
        for path in ["a.html", "b.htm", "c.shtml", "d.HTML"] {
            let copy = String(decoding: (published[path] ?? nil) ?? Data(), as: UTF8.self)
            #expect(copy.hasPrefix("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"), "\(path): \(copy)")
            #expect(copy.hasSuffix("<!DOCTYPE html><script>alert(1)</script>\n"))
        }
        #expect(published["info.xml"] == .some(info))
        #expect(published["feed.rss"] == .some(feed))
        #expect(published["page.xhtml"] == .some(nil))
    }
}
