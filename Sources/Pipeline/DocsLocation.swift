import DocModel
import Foundation

/// Where the docs are, as a command was given them: `--docs` and `--config`, either or neither.
public struct DocsLocation: Sendable {
    /// The docs folder, when given.
    public var docs: String?
    /// The config file, when given.
    public var config: String?

    /// The docs at `docs`, with the config `config`; nil finds them.
    public init(docs: String? = nil, config: String? = nil) {
        self.docs = docs
        self.config = config
    }

    /// The config as given or found, and its path; defaults when there is none.
    public func loadConfig() throws(DocError) -> (SiteConfig, String?) {
        if let config {
            return (try SiteConfig.load(path: config), config)
        }
        if FileManager.default.fileExists(atPath: "mkdocs.yml") {
            let found = try SiteConfig.load(path: "mkdocs.yml")
            // A --docs folder other than the config's own is a different set of docs.
            if let docs, Self.same(docs, found.docsDir) == false { return (SiteConfig(), nil) }
            return (found, "mkdocs.yml")
        }
        return (SiteConfig(), nil)
    }

    /// The docs folder: `docs`, else the config's `docs_dir` beside the config file.
    public func docsFolder(config: SiteConfig, configPath: String?) -> String {
        if let docs { return docs }
        return Self.beside(configPath, config.docsDir)
    }

    /// The docs folder to read: as `docsFolder`, and when the config names it, a folder that leads
    /// inside the config file's folder, wherever its symbolic links go.
    public func confinedDocsFolder(config: SiteConfig, configPath: String?) throws(DocError) -> String {
        let folder = docsFolder(config: config, configPath: configPath)
        if docs == nil, let configPath { try ProjectPath.confine(folder, key: "docs_dir", configPath: configPath) }
        return folder
    }

    /// The site folder to write: `site` as typed on the command line, anywhere; else the
    /// config's `site_dir` beside the config file, which must lead inside the config file's folder.
    public func siteDir(_ site: String?, config: SiteConfig, configPath: String?) throws(DocError) -> String {
        if let site { return site }
        let folder = Self.beside(configPath, config.siteDir)
        if let configPath { try ProjectPath.confine(folder, key: "site_dir", configPath: configPath) }
        return folder
    }

    /// The folder in which a build may create the site's missing parent folders: the config
    /// file's folder, or the current folder when there is no config.
    public func project(configPath: String?) -> String {
        let folder = configPath.map(SitePaths.directory(of:)) ?? ""
        return folder.isEmpty ? "." : folder
    }

    /// The docs folder, the config file and the redirects folder beside it: what `serve` watches.
    public var watched: (docs: String, config: String, redirects: String) {
        let config = try? loadConfig()
        let configPath = config?.1 ?? self.config ?? "mkdocs.yml"
        return (docsFolder(config: config?.0 ?? SiteConfig(), configPath: config?.1), configPath, Self.beside(configPath, RedirectFile.folder))
    }

    /// What a site folder may neither be nor contain: the docs folder (first, since the site may
    /// not lie inside it either), the config file, its folder and the folder keydocs runs in.
    public func protectedPaths(docs: String, configPath: String?) -> [(what: String, path: String)] {
        var paths = [(what: "the docs folder", path: docs)]
        if let configPath { paths.append((what: "the config file", path: configPath)) }
        paths.append((what: "the current folder", path: FileManager.default.currentDirectoryPath))
        if let configPath {
            let folder = SitePaths.directory(of: configPath)
            paths.append((what: "the config file's folder", path: folder.isEmpty ? "." : folder))
        }
        return paths
    }

    static func same(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }

    /// `path` relative to the config file's folder, as the user would type it.
    public static func beside(_ configPath: String?, _ path: String) -> String {
        guard let configPath, !path.hasPrefix("/") else { return path }
        let folder = SitePaths.directory(of: configPath)
        return folder.isEmpty ? path : folder + "/" + path
    }
}
