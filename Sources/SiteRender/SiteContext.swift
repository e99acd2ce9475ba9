import DocModel

/// What every page of one build shares: settings, navigation, reading order, titles.
struct SiteContext: Sendable {
    let config: SiteConfig
    let paths: SitePaths
    let siteName: String
    let titles: [String: String]
    let readingOrder: [String]
    let position: [String: Int]
    let breadcrumbs: [String: [String]]
    /// The pages' language tag, for every page's `lang`.
    let language: String
    /// keydocs' own words, in the site's language.
    let words: Translations

    init(docs: DocSet) {
        config = docs.config
        paths = docs.paths
        var titles: [String: String] = [:]
        for page in docs.pages { titles[page.docsPath] = page.title }
        var crumbs: [String: [String]] = [:]
        func visit(_ nodes: [NavNode], trail: [String]) {
            for node in nodes {
                switch node {
                case .page(let title, let path):
                    titles[path] = title
                    if crumbs[path] == nil { crumbs[path] = trail }
                case .section(let title, let children): visit(children, trail: trail + [title])
                case .link: break
                }
            }
        }
        visit(docs.nav, trail: [])
        self.titles = titles
        breadcrumbs = crumbs
        readingOrder = docs.readingOrder
        position = Dictionary(uniqueKeysWithValues: readingOrder.enumerated().map { ($1, $0) })
        language = docs.config.theme.language.tag
        words = Translations(docs.config.theme.language.words)
        siteName = docs.config.siteName ?? (docs.page("index.md") ?? docs.page("README.md"))?.title ?? words(.documentation)
    }

    /// The output path of the page at docs path `path`.
    func output(_ path: String) -> String { paths.outputPath(ofPage: path) }

    /// The relative prefix from a page's folder to the site root: `../../` or empty.
    func rootPrefix(fromOutput output: String) -> String {
        let depth = output.split(separator: "/").count - 1
        return String(repeating: "../", count: depth)
    }

    /// `path` (a logo, a favicon) when it names a file of the docs folder, as a path from the
    /// site's root; nil for nothing, an address elsewhere, or a path that leaves the folder.
    func localAsset(_ path: String?) -> String? {
        guard let path, !path.isEmpty, !path.contains("://"), !path.hasPrefix("//"), !path.hasPrefix("/"),
              let normal = SitePaths.normalize(path), !normal.isEmpty else { return nil }
        return normal
    }
}
