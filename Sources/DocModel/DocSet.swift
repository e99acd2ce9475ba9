/// The docs as loaded: pages in path order, other files to copy, the resolved navigation.
public struct DocSet: Sendable {
    /// The settings.
    public var config: SiteConfig
    /// The docs folder as the user named it (used in diagnostics).
    public var docsFolder: String
    /// The docs folder's absolute path, where its files are read.
    public var docsAbsolutePath: String
    /// Pages, sorted by path.
    public var pages: [Page]
    /// Files that are not pages, by docs path, sorted.
    public var assets: [String]
    /// The navigation.
    public var nav: [NavNode]
    /// Notes and warnings found while loading.
    public var diagnostics: [Diagnostic]
    /// The redirect pages the site holds, from `redirects/*.txt` and the config's `redirect_maps`.
    public var redirects: [Redirect]

    /// A set of docs from its parts.
    public init(config: SiteConfig, docsFolder: String, docsAbsolutePath: String, pages: [Page], assets: [String],
                nav: [NavNode], diagnostics: [Diagnostic], redirects: [Redirect] = []) {
        self.config = config
        self.docsFolder = docsFolder
        self.docsAbsolutePath = docsAbsolutePath
        self.pages = pages
        self.assets = assets
        self.nav = nav
        self.diagnostics = diagnostics
        self.redirects = redirects
    }

    /// Where each page goes in the site.
    public var paths: SitePaths {
        SitePaths(useDirectoryURLs: config.useDirectoryURLs, readmeIndexes: SitePaths.readmeIndexes(among: pages.map(\.docsPath)))
    }

    /// The page at docs path `path`.
    public func page(_ path: String) -> Page? {
        guard let i = pageIndex[path] else { return nil }
        return pages[i]
    }

    /// Index into `pages` by path.
    public var pageIndex: [String: Int] {
        Dictionary(uniqueKeysWithValues: pages.enumerated().map { ($1.docsPath, $0) })
    }

    /// Pages in reading order: the navigation's pages first, then any page it leaves out, by path.
    public var readingOrder: [String] {
        var order: [String] = []
        var seen = Set<String>()
        func visit(_ nodes: [NavNode]) {
            for node in nodes {
                switch node {
                case .page(_, let path): if seen.insert(path).inserted { order.append(path) }
                case .section(_, let children): visit(children)
                case .link: break
                }
            }
        }
        visit(nav)
        for page in pages where !seen.contains(page.docsPath) { order.append(page.docsPath) }
        return order
    }
}

/// One entry of the resolved navigation.
public indirect enum NavNode: Sendable, Equatable {
    /// A page, with its title.
    case page(title: String, path: String)
    /// A titled group.
    case section(title: String, children: [NavNode])
    /// An outside address.
    case link(title: String, url: String)
}
