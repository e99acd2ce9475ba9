import Dispatch
import DocModel
import Foundation
import Support

/// The render stage: turns loaded docs (and, when checks ran, each sample's outcome) into a
/// complete site in a staging folder, then swaps it in.
public struct RenderStage: Sendable {
    /// What a build produced.
    public struct Summary: Sendable {
        /// Pages written.
        public var pages: Int
        /// Files copied from the docs folder.
        public var assets: Int
        /// Redirect pages written.
        public var redirects: [Redirect] = []
    }

    /// A page that keydocs adds to the site, such as the key generator.
    public struct ExtraFile: Sendable {
        /// Output path.
        public var path: String
        /// Contents.
        public var contents: String

        /// Creates an extra file.
        public init(path: String, contents: String) {
            self.path = path
            self.contents = contents
        }
    }

    /// The docs.
    public let docs: DocSet
    /// Check outcomes by sample; nil when checks did not run.
    public let outcomes: [SampleKey: SampleOutcome]?
    /// Files added to the output as they are (the policy data, the generator script).
    public let extraFiles: [ExtraFile]
    /// Scripts added to particular pages, by docs path, and the policy those pages get.
    public let pageScripts: [String: [String]]
    /// What the site gets of the docs folder's files that a browser opens as documents; nil
    /// until `run` reviews them.
    public let assets: AssetReview?
    /// Where the 404 page's links start when a server other than the published site's serves
    /// it (`serve`, at its own root); nil for `site_url`'s path.
    public var notFoundRoot: String?

    /// A render of `docs`. With `policyJSON`, pages that hold the key generator's markup
    /// (`id="key-generator"` or `id="key-checker"`) get the generator script and the policy it reads.
    /// `assets` is the review whose findings the build reported; without it, `run` makes one.
    public init(docs: DocSet, outcomes: [SampleKey: SampleOutcome]?, policyJSON: String? = nil, assets: AssetReview? = nil) {
        self.docs = docs
        self.outcomes = outcomes
        self.assets = assets
        var files: [ExtraFile] = []
        var scripts: [String: [String]] = [:]
        if let policyJSON {
            files.append(ExtraFile(path: "assets/policy.js", contents: "window.KEYDOCS_POLICY = " + policyJSON + ";\n"))
            files.append(ExtraFile(path: "assets/generator.js", contents: GeneratorScript.js(Translations(docs.config.theme.language.words))))
            for page in docs.pages where Self.holdsGenerator(page) {
                scripts[page.docsPath] = ["assets/policy.js", "assets/generator.js"]
            }
        }
        self.extraFiles = files
        self.pageScripts = scripts
    }

    static func holdsGenerator(_ page: Page) -> Bool {
        page.body.contains { part in
            if case .html(let html) = part {
                return ByteSearch.contains(html, "id=\"key-generator\"") || ByteSearch.contains(html, "id=\"key-checker\"")
            }
            return false
        }
    }

    /// The HTML of one page of the docs, as the build writes it.
    public func renderPage(_ page: Page) -> String {
        PageRenderer(site: SiteContext(docs: docs)).render(page, outcomes: outcomes == nil ? nil : [:],
                                                           extraScripts: pageScripts[page.docsPath] ?? [])
    }

    /// A page or file whose output is one of keydocs' own files (the site map, the 404 page,
    /// the site's scripts and styles): keydocs' file is the one written, so the reader would
    /// never see the author's. The build reports these before it writes.
    public func reservedPaths() -> [Diagnostic] {
        let site = SiteContext(docs: docs)
        let own = Set(siteFiles(site).map(\.path))
        func finding(_ file: String, _ output: String) -> Diagnostic {
            Diagnostic(at: SourceLocation(file: file, line: 1), rule: .docsReserved,
                       "this would be written to \(output), where keydocs writes a file of its own, which wins; rename it")
        }
        return docs.pages.filter { own.contains(site.output($0.docsPath)) }.map { finding($0.filePath, site.output($0.docsPath)) }
            + docs.assets.filter(own.contains).map { finding(docs.docsFolder + "/" + $0, $0) }
            + docs.redirects.filter { !Self.isFree($0.output, own: own) }.map { redirect in
                Diagnostic(at: redirect.location, rule: .docsReserved,
                           "this redirect would be written to \(redirect.output), where keydocs writes a file of its own, which wins; it is left out")
            }
    }

    /// Whether a redirect page may be written at `output`: not at one of keydocs' own files,
    /// nor inside a folder that one of them is.
    static func isFree(_ output: String, own: Set<String>) -> Bool {
        !own.contains(output) && !SitePaths.ancestors(of: output).contains(where: own.contains)
    }

    /// The redirect pages that are written: all but those at keydocs' own files.
    func writtenRedirects(_ site: SiteContext) -> [Redirect] {
        let own = Set(siteFiles(site).map(\.path))
        return docs.redirects.filter { Self.isFree($0.output, own: own) }
    }

    /// Renders every page and asset into `writer`'s staging folder. Pages render in parallel.
    public func run(into writer: SiteWriter) throws(DocError) -> Summary {
        let site = SiteContext(docs: docs)
        let review: AssetReview
        if let assets { review = assets } else { review = try AssetReview(docs: docs) }
        let redirects = writtenRedirects(site)
        try writer.createFolders(Set(docs.pages.map { SitePaths.directory(of: site.output($0.docsPath)) }
                                     + redirects.map { SitePaths.directory(of: $0.output) } + ["assets"]))
        // The docs folder's files, the redirect pages and keydocs' own files (the search index,
        // which reads every page, above all) are written beside the pages.
        _ = try render(docs.pages, site: site, into: writer) { () throws(DocError) in
            try copyAssets(into: writer, review: review)
            for redirect in redirects { try writer.write(RedirectPage.html(redirect, site: site), to: redirect.output) }
            try writeSiteFiles(into: writer, site: site)
        }
        return Summary(pages: docs.pages.count, assets: docs.assets.count { review.publications[$0] != .refused }, redirects: redirects)
    }

    /// Renders only `paths` (pages) and the search index, which reads every page: for a preview
    /// whose navigation, pages and files are as they were, after an edit to the text of some.
    public func update(into writer: SiteWriter, pages paths: Set<String>) throws(DocError) -> Summary {
        let site = SiteContext(docs: docs)
        let rendered = try render(docs.pages.filter { paths.contains($0.docsPath) }, site: site, into: writer) { () throws(DocError) in
            try writer.write(SiteData.searchScript(docs, site: site), to: "assets/search-index.js")
        }
        return Summary(pages: rendered, assets: 0)
    }

    /// Renders `pages` into `writer`, one job each, while one more job runs `alongside`; returns
    /// how many were written. A file of the docs folder wins over a page written to the same
    /// place, and keydocs' own files win over both, whatever order the jobs run in.
    private func render(_ pages: [Page], site: SiteContext, into writer: SiteWriter,
                        alongside: @Sendable () throws(DocError) -> Void) throws(DocError) -> Int {
        let renderer = PageRenderer(site: site)
        let taken = Set(docs.assets + siteFiles(site).map(\.path))
        let written = pages.filter { !taken.contains(site.output($0.docsPath)) }
        let failures = ConcurrentFailure()
        DispatchQueue.concurrentPerform(iterations: written.count + 1) { job in
            do throws(DocError) {
                if job == 0 { return try alongside() }
                let page = written[job - 1]
                var outcomes: [Int: SampleOutcome]?
                if let all = self.outcomes {
                    outcomes = [:]
                    for sample in page.samples { outcomes?[sample.index] = all[SampleKey(page: page.docsPath, index: sample.index)] }
                }
                try writer.write(renderer.render(page, outcomes: outcomes, extraScripts: pageScripts[page.docsPath] ?? []),
                                 to: site.output(page.docsPath))
            } catch {
                failures.record(error)
            }
        }
        if let error = failures.first { throw error }
        return written.count
    }

    /// Copies the docs folder's files that are not pages: a reviewed one as the review says,
    /// any other as it is.
    private func copyAssets(into writer: SiteWriter, review: AssetReview) throws(DocError) {
        for asset in docs.assets {
            switch review.publications[asset] {
            case .refused?:
                continue
            case .bytes(let data)?:
                try writer.write(data, to: asset)
            case nil:
                let data: Data
                do { data = try Data(contentsOf: URL(fileURLWithPath: docs.docsAbsolutePath + "/" + asset)) } catch {
                    throw DocError(stage: .write, path: docs.docsFolder + "/" + asset, "cannot read: \((error as NSError).localizedDescription)")
                }
                try writer.write(data, to: asset)
            }
        }
    }

    /// The files keydocs adds to every site: style, scripts, navigation and search data, the 404
    /// page, the sitemap, and the extra files. Their contents are made when they are written.
    private func siteFiles(_ site: SiteContext) -> [(path: String, contents: () -> String)] {
        var files: [(path: String, contents: () -> String)] = [
            ("assets/search-index.js", { SiteData.searchScript(docs, site: site) }),
            ("assets/keydocs.css", { Stylesheet.css + Stylesheet.palette(docs.config.theme) }),
            ("assets/favicon.svg", { Favicon.svg }),
            ("assets/keydocs.js", { SiteScript.js(site.words) }),
            ("assets/nav.js", { SiteData.navScript(docs.nav, site: site) }),
            ("404.html", { notFoundPage(site) }),
            (Self.siteMapPath, { siteMapPage(site) }),
        ]
        if let base = docs.config.siteURL {
            files.append(("sitemap.xml", { SiteData.sitemap(base: base, site: site) }))
        }
        for file in extraFiles { files.append((file.path, { file.contents })) }
        return files
    }

    /// Writes `siteFiles`, in their order.
    private func writeSiteFiles(into writer: SiteWriter, site: SiteContext) throws(DocError) {
        for file in siteFiles(site) { try writer.write(file.contents(), to: file.path) }
    }

    /// The page that lists every page, as the navigation does: where the sidebar sends a
    /// reader whose browser runs no script.
    public static let siteMapPath = "site-map.html"

    private func siteMapPage(_ site: SiteContext) -> String {
        var h = HTML()
        func list(_ nodes: [NavNode]) {
            h.raw("<ul>\n")
            for node in nodes {
                h.raw("<li>")
                switch node {
                case .page(let title, let path):
                    h.open("a", ["href": site.paths.href(from: Self.siteMapPath, to: site.output(path))])
                    h.text(TitleHTML.text(title))
                    h.close("a")
                case .section(let title, let children):
                    h.text(TitleHTML.text(title))
                    list(children)
                case .link(let title, let url):
                    h.open("a", ["href": url])
                    h.text(TitleHTML.text(title))
                    h.close("a")
                }
                h.raw("</li>\n")
            }
            h.raw("</ul>\n")
        }
        list(docs.nav)
        let page = Page(docsPath: Self.siteMapPath, filePath: Self.siteMapPath, title: site.words(.allPages), headings: [], links: [], samples: [],
                        body: [.html(h.output)], sections: [])
        return PageRenderer(site: site).render(page, outcomes: nil, outputPath: Self.siteMapPath)
    }

    /// The 404 page. It may be served at any depth, so its links are absolute: from `site_url`'s
    /// path when there is one, from the server root otherwise.
    private func notFoundPage(_ site: SiteContext) -> String {
        var base = notFoundRoot ?? "/"
        if notFoundRoot == nil, let url = docs.config.siteURL, let components = URLComponents(string: url), !components.path.isEmpty {
            base = components.path.hasSuffix("/") ? components.path : components.path + "/"
        }
        var page = Page(docsPath: "404.md", filePath: "404", title: site.words(.notFoundTitle), headings: [], links: [], samples: [],
                        body: [], sections: [])
        var h = HTML()
        // The page's one heading is its title's, as every page without a level-1 heading gets.
        // The link stands where the sentence puts it, which differs from language to language.
        let sentence = site.words.split(.notFound)
        h.raw("<p>")
        h.text(sentence.before)
        h.open("a", ["href": base])
        h.text(site.words(.notFoundLink, site.siteName))
        h.close("a")
        h.text(sentence.after)
        h.raw("</p>\n")
        page.body = [.html(h.output)]
        return PageRenderer(site: site).render(page, outcomes: nil, outputPath: "404.html", root: base)
    }
}

/// The first error any render worker hit.
final class ConcurrentFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: DocError?

    func record(_ error: DocError) {
        lock.lock()
        if stored == nil { stored = error }
        lock.unlock()
    }

    var first: DocError? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
