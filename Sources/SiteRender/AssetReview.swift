import DocModel
import Foundation

/// The docs folder's files that a browser opens as a document of the site's origin, wherever a
/// page or a link sends the reader, on a host that adds no policy of its own: each read and
/// judged once, before anything is written, so that the site runs no script but keydocs' own.
/// HTML gets a policy that runs no script; SVG keeps static drawing only; XML and its kin are
/// published only when they hold nothing a browser runs; a file that cannot be vetted is not
/// published. Every other file is copied as it is.
public struct AssetReview: Sendable {
    /// What the site gets of a reviewed file.
    enum Publication: Sendable, Equatable {
        /// These bytes.
        case bytes(Data)
        /// Nothing.
        case refused
    }

    /// What the site gets of each reviewed file, by docs path.
    let publications: [String: Publication]
    /// A finding for each file published otherwise than it was written, or not at all.
    public let diagnostics: [Diagnostic]

    /// Reads and judges each file of `docs` that hosts serve as a document type.
    public init(docs: DocSet) throws(DocError) {
        var publications: [String: Publication] = [:]
        var diagnostics: [Diagnostic] = []
        for asset in docs.assets {
            guard let kind = Kind(path: asset) else { continue }
            let file = docs.docsFolder.hasSuffix("/") ? docs.docsFolder + asset : docs.docsFolder + "/" + asset
            func finding(_ line: Int, _ message: String) {
                diagnostics.append(Diagnostic(at: SourceLocation(file: file, line: line), rule: .assetActive, message))
            }
            if case .unvettable(let reason) = kind {
                publications[asset] = .refused
                finding(1, "not published: " + reason)
                continue
            }
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: docs.docsAbsolutePath + "/" + asset)) } catch {
                throw DocError(stage: .load, path: file, "cannot read: \((error as NSError).localizedDescription)")
            }
            switch kind {
            case .html:
                // A policy can only be narrowed by another one: the file's own markup cannot undo it.
                // A policy cannot stop a refresh or a <base>: the file's own <meta> and <base> tags
                // are shown as text, as a page's are.
                guard let text = String(data: data, encoding: .utf8) else {
                    publications[asset] = .refused
                    finding(1, "not published: it is not UTF-8, so keydocs cannot read it as a browser would")
                    continue
                }
                let inert = Self.headTagsShown(text)
                if inert != text { finding(1, "published with its <meta> and <base> tags shown as text: they could send the reader elsewhere") }
                publications[asset] = .bytes(Data(("<meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.copiedHTMLPolicy)\">\n" + inert).utf8))
            case .svg:
                switch StaticSVG.publish(data) {
                case .unchanged:
                    publications[asset] = .bytes(data)
                case .rewritten(let written, let removed, let line):
                    publications[asset] = .bytes(written)
                    if !removed.isEmpty {
                        let listed = removed.prefix(6).joined(separator: ", ") + (removed.count > 6 ? "…" : "")
                        finding(line, "published as static drawing only, without \(listed)")
                    }
                case .refused(let refusal):
                    publications[asset] = .refused
                    finding(refusal.line, "not published: " + refusal.reason)
                }
            case .xml:
                if let refusal = Self.activeContent(ofXML: data) {
                    publications[asset] = .refused
                    finding(refusal.line, "not published: " + refusal.reason)
                } else {
                    publications[asset] = .bytes(data)
                }
            case .unvettable:
                break
            }
        }
        self.publications = publications
        self.diagnostics = diagnostics
    }

    /// `text` with the `<` of every `<meta` and `<base` tag written `&lt;`, whatever its case.
    static func headTagsShown(_ text: String) -> String {
        text.replacing(/<(?=\s*(?i:meta|base)\b)/) { _ in "&lt;" }
    }

    /// The policy an HTML file copied from the docs gets: it runs no script at all, so that a
    /// page that sends the reader to it runs nothing of its author's.
    static let copiedHTMLPolicy = "default-src 'none'; img-src 'self' file: data:; style-src 'self' file: 'unsafe-inline'; "
        + "font-src 'self' file:; base-uri 'none'; form-action 'none'"

    // MARK: - Kinds

    /// What a host serves a file as, by its extension, as mime-db (which GitHub Pages and most
    /// static servers follow) and the system's mime.types have it.
    enum Kind: Equatable {
        /// `text/html`: a page, which a policy at its start keeps from running script.
        case html
        /// `image/svg+xml`.
        case svg
        /// `*/xml` or `*/*+xml`, which browsers render as a document, with any XHTML, SVG or
        /// MathML in it live.
        case xml
        /// A document that keydocs cannot read as the browser would, and why.
        case unvettable(String)

        static let xmlExtensions: Set<String> = [
            "xml", "xsl", "xslt", "xsd", "xhtml", "xhtm", "xht", "rss", "atom", "rdf", "mml", "mathml", "xul", "kml", "gpx",
            "xspf", "wsdl", "xlf", "xliff", "opf", "ncx", "dae", "x3d", "smil", "ttml",
        ]

        /// Extensions of files a server runs rather than sends, where it runs them.
        static let serverScripts: Set<String> = [
            "php", "php3", "php4", "php5", "php7", "php8", "phtml", "pht", "phar", "phps", "jsp", "jspx", "asp", "aspx",
            "cgi", "fcgi", "pl", "cfm", "shtm",
        ]
        /// Compressed copies a server sends in place of the file without the extension.
        static let compressed: Set<String> = ["gz", "br", "zst", "bz2", "xz"]

        /// The kind of the file at `path`, or nil when hosts serve it as no document. Every
        /// extension counts, not only the last: Apache serves `x.html.en` and `x.html.zz` as
        /// HTML, and a compressed `x.html.gz` in place of `x.html`.
        init?(path: String) {
            let name = path.split(separator: "/").last ?? ""
            let extensions = name.split(separator: ".").dropFirst().map { $0.lowercased() }
            guard !extensions.isEmpty else { return nil }
            if let script = extensions.first(where: Self.serverScripts.contains) {
                self = .unvettable("'.\(script)' is a script that a server which runs them would run")
                return
            }
            if let last = extensions.last, Self.compressed.contains(last), extensions.count > 1,
               extensions.dropLast().contains(where: { Kind(extension: $0) != nil }) {
                self = .unvettable("it is a compressed copy of a document, which a server may send in place of a page; "
                                   + "keydocs cannot vet it")
                return
            }
            let kinds = extensions.compactMap(Kind.init(extension:))
            if let unvettable = kinds.first(where: { if case .unvettable = $0 { return true } else { return false } }) {
                self = unvettable
            } else if kinds.contains(.html) {
                self = .html
            } else if kinds.contains(.svg) {
                self = .svg
            } else if kinds.contains(.xml) {
                self = .xml
            } else {
                return nil
            }
        }

        /// The kind of one extension.
        init?(extension ext: String) {
            switch ext {
            case "html", "htm", "shtml": self = .html
            case "svg": self = .svg
            case "svgz": self = .unvettable("it is compressed SVG, which keydocs cannot vet; publish the .svg instead")
            case "mht", "mhtml": self = .unvettable("it is a web archive, which a browser opens as a page with its scripts")
            case _ where Self.xmlExtensions.contains(ext): self = .xml
            default: return nil
            }
        }
    }

    // MARK: - XML

    /// The namespaces whose elements and attributes browsers give behaviour in any XML document:
    /// XHTML (scripts, frames, refreshes), SVG and MathML (event handlers, links), XLink (links).
    /// Elements of every other namespace are inert data.
    static let liveNamespaces = [
        "http://www.w3.org/1999/xhtml": "XHTML", StaticSVG.namespace: "SVG", "http://www.w3.org/1998/Math/MathML": "MathML",
        StaticSVG.xlink: "XLink",
    ]

    /// Why the XML file `data` cannot be published as it is, or nil when it holds only data:
    /// no element or attribute of `liveNamespaces` and no processing instruction (a stylesheet
    /// would make a page of it).
    static func activeContent(ofXML data: Data) -> XMLEvents.Refusal? {
        let parsed: XMLEvents
        switch XMLEvents.parse(data) {
        case .success(let events): parsed = events
        case .failure(let refusal): return refusal
        }
        for event in parsed.events {
            switch event {
            case .start(let element, let attributes, let line):
                if let vocabulary = element.namespace.flatMap({ liveNamespaces[$0] }) {
                    return .init(line: line, reason: "it holds <\(element.qualified)>, an element of \(vocabulary), which a browser runs as part of a page")
                }
                if let attribute = attributes.first(where: { $0.name.namespace.flatMap { liveNamespaces[$0] } != nil }) {
                    return .init(line: line, reason: "it holds \(attribute.name.qualified), an attribute that a browser acts on")
                }
            case .instruction(let target, let line):
                return .init(line: line, reason: "it holds the instruction <?\(target)?>, which can make a page of it")
            case .end, .text, .comment:
                break
            }
        }
        return nil
    }
}
