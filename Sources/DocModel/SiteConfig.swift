import Foundation
import Yams

/// The site's settings, read from an mkdocs-style `mkdocs.yml`.
public struct SiteConfig: Sendable, Equatable {
    /// The site's name, shown in every page's header.
    public var siteName: String?
    /// The public address, which enables `sitemap.xml` and canonical links.
    public var siteURL: String?
    /// A description for the pages' meta tag.
    public var siteDescription: String?
    /// The source repository, linked from the header.
    public var repoURL: String?
    /// Where a page is edited, relative to `repoURL` or whole (`edit_uri`); "" for no link.
    public var editURI: String?
    /// The theme's logo, favicon and colours.
    public var theme = ThemeSettings()
    /// The docs folder, relative to the config file's folder.
    public var docsDir: String = "docs"
    /// The output folder, relative to the config file's folder.
    public var siteDir: String = "site"
    /// The navigation, when the config gives one.
    public var nav: [NavItem]?
    /// `page/index.html` for `page.md` (true) or `page.html` (false).
    public var useDirectoryURLs = true
    /// Every code block must be checked or skipped by an annotation (`extra: keydocs: coverage:
    /// full`); otherwise blocks not about keys are counted, not reported.
    public var fullCoverage = false
    /// Rules the guide turns off or gives another severity (`extra: keydocs: rules:`).
    public var rules = RuleOverrides()
    /// The Markdown extensions the guide turns on.
    public var markdown = MarkdownOptions()
    /// mkdocs-redirects' `redirect_maps`: old docs paths and where they lead.
    public var redirectMaps: [RedirectRule] = []
    /// Notes about keys that were ignored, and findings about what was read.
    public var notes: [Diagnostic] = []

    /// The defaults, used when there is no config file.
    public init() {}

    /// The mkdocs plugins whose work keydocs does itself (search) or whose settings it reads
    /// (redirects, i18n's default language); any other is named in the note on what is ignored,
    /// as are i18n's other languages, which keydocs does not build.
    public static let knownPlugins: Set<String> = ["search", "redirects", "i18n"]

    /// Reads `path`. A file that is not YAML, or a key of the wrong type, is an error with its line.
    public static func load(path: String) throws(DocError) -> SiteConfig {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DocError(stage: .config, path: path, "the config file does not exist")
        }
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let decoded = String(data: data, encoding: .utf8) else {
                throw DocError(stage: .config, path: path, "not valid UTF-8")
            }
            text = decoded
        } catch let error as DocError {
            throw error
        } catch {
            throw DocError(stage: .config, path: path, "cannot read: \((error as NSError).localizedDescription)")
        }
        return try parse(text, path: path)
    }

    /// Parses config text; `path` is for messages.
    public static func parse(_ text: String, path: String) throws(DocError) -> SiteConfig {
        // Counted before Yams reads it: Yams expands aliases as it builds the tree.
        if let over = YAMLAliasBudget.check(text) {
            throw DocError(stage: .config, path: path, line: over.line, over.reason)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DocError(stage: .config, path: path, line: yamlErrorLine(error), "not valid YAML: \(yamlErrorSummary(error))")
        } catch {
            throw DocError(stage: .config, path: path, "not valid YAML: \(error)")
        }
        var config = SiteConfig()
        guard let root else { return config }
        guard let mapping = root.mapping else {
            throw DocError(stage: .config, path: path, line: line(of: root), "the config must be a mapping of keys to values")
        }
        // What keydocs does not honour, in the config's order, for one note: a key, or the plugins.
        var ignored: [(text: String, node: Node)] = []
        // Applied after the loop: markdown_extensions, wherever it stands, sets the options whole.
        var remoteContent = true
        var i18nLanguage: Node?
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "site_name": config.siteName = try string(value, key, path)
            case "site_url": config.siteURL = try string(value, key, path)
            case "site_description": config.siteDescription = try string(value, key, path)
            case "repo_url": config.repoURL = try string(value, key, path)
            case "edit_uri": config.editURI = value.string ?? ""
            case "theme":
                // A theme named alone (`theme: readthedocs`) is another look, which keydocs does not give.
                if let name = value.string { ignored.append(("theme " + name, keyNode)) } else {
                    config.theme = theme(value, path: path, notes: &config.notes)
                }
            case "docs_dir":
                config.docsDir = try string(value, key, path)
                // A config line arrives in a pull request like any page: it may not point the
                // build at files outside the project (~/.ssh published as assets).
                if config.docsDir.hasPrefix("/") || SitePaths.normalize(config.docsDir).map({ $0.isEmpty }) != false {
                    throw DocError(stage: .config, path: path, line: line(of: value),
                                   "docs_dir '\(config.docsDir)' must be a folder inside the config file's folder")
                }
            case "site_dir": config.siteDir = try string(value, key, path)
            case "use_directory_urls":
                guard let flag = value.bool else {
                    throw DocError(stage: .config, path: path, line: line(of: value), "use_directory_urls must be true or false")
                }
                config.useDirectoryURLs = flag
            case "nav": config.nav = try navItems(value, path)
            case "markdown_extensions": config.markdown = markdownExtensions(value, path, notes: &config.notes)
            case "extra":
                // Themes keep their own settings here; keydocs reads only `extra: keydocs:`.
                if let keydocs = value.mapping?["keydocs"] { try readKeydocsSettings(keydocs, into: &config, remoteContent: &remoteContent, path: path) }
            case "plugins":
                readPlugins(value, into: &config, ignored: &ignored, i18nLanguage: &i18nLanguage, path: path)
            default:
                ignored.append((key, keyNode))
            }
        }
        if let first = ignored.first {
            config.notes.append(Diagnostic(at: SourceLocation(file: path, line: line(of: first.node) ?? 1, column: column(of: first.node)),
                                           rule: .configIgnored, "not used by keydocs and ignored: " + ignored.map(\.text).joined(separator: ", ")))
        }
        config.markdown.remoteContent = remoteContent
        if let i18nLanguage { config.theme.language = language(i18nLanguage, path: path, notes: &config.notes) }
        return config
    }

    /// `extra: keydocs:`: coverage, remote content and the guide's rule settings.
    private static func readKeydocsSettings(_ keydocs: Node, into config: inout SiteConfig, remoteContent: inout Bool,
                                            path: String) throws(DocError) {
        if let coverage = keydocs.mapping?["coverage"] {
            guard let text = coverage.scalar?.string, ["full", "keys"].contains(text) else {
                throw DocError(stage: .config, path: path, line: line(of: coverage),
                               "extra: keydocs: coverage must be full (every block checked or skipped) or keys")
            }
            config.fullCoverage = text == "full"
        }
        if let remote = keydocs.mapping?["remote_content"] {
            guard let flag = remote.bool else {
                throw DocError(stage: .config, path: path, line: line(of: remote), "extra: keydocs: remote_content must be true or false")
            }
            remoteContent = flag
        }
        for (ruleNode, setting) in keydocs.mapping?["rules"]?.mapping ?? [:] {
            let id: RuleID
            switch RuleCatalog.adjustable(ruleNode.string ?? "") {
            case .success(let rule): id = rule
            case .failure(let problem):
                throw DocError(stage: .config, path: path, line: line(of: ruleNode), "extra: keydocs: rules: \(problem)")
            }
            switch setting.scalar?.string ?? "" {
            case "off", "false": config.rules.severities[id] = .some(nil)
            case "note": config.rules.severities[id] = .note
            case "warning": config.rules.severities[id] = .warning
            case "error": config.rules.severities[id] = .error
            default:
                throw DocError(stage: .config, path: path, line: line(of: setting), "rule \(id) must be off, note, warning or error")
            }
        }
    }

    /// `plugins:`: mkdocs-redirects' maps, i18n's default language, and the plugins keydocs
    /// does not honour, for the one note.
    private static func readPlugins(_ value: Node, into config: inout SiteConfig, ignored: inout [(text: String, node: Node)],
                                    i18nLanguage: inout Node?, path: String) {
        let named = pluginNames(value)
        for plugin in named where plugin.name == "redirects" {
            config.redirectMaps += redirectMaps(plugin.options, path, findings: &config.notes)
        }
        let plugins = named.filter { !knownPlugins.contains($0.name) }
        if let first = plugins.first {
            ignored.append(("plugins " + listed(plugins.map(\.name)), first.node))
        }
        // mkdocs-static-i18n sets the theme's language for each build: its default wins.
        for plugin in named where plugin.name == "i18n" {
            let languages = i18nLanguages(plugin.options)
            if let locale = languages.default { i18nLanguage = locale }
            if !languages.others.isEmpty {
                ignored.append(("i18n's other languages " + listed(languages.others), plugin.node))
            }
        }
    }

    /// The plugins a `plugins:` value names, with the node of each: a list of names and
    /// single-key mappings (a name with its options), or a mapping of names to options. A
    /// theme's prefix is dropped (`material/search` is `search`).
    private static func pluginNames(_ node: Node) -> [(name: String, node: Node, options: Node?)] {
        var entries: [(name: String, node: Node, options: Node?)] = []
        if let scalar = node.scalar {
            entries.append((scalar.string, node, nil))
        } else if let sequence = node.sequence {
            for item in sequence {
                if let name = item.scalar?.string {
                    entries.append((name, item, nil))
                } else if let (key, options) = item.mapping?.first, let name = key.string {
                    entries.append((name, item, options))
                }
            }
        } else if let mapping = node.mapping {
            for (key, options) in mapping { if let name = key.string { entries.append((name, key, options)) } }
        }
        return entries.map { entry in (entry.name.split(separator: "/").last.map(String.init) ?? entry.name, entry.node, entry.options) }
    }

    /// mkdocs-redirects' `redirect_maps`: `old.md: new.md` pairs, each with its places. An entry
    /// that is not a pair of single values is a finding.
    private static func redirectMaps(_ options: Node?, _ path: String, findings: inout [Diagnostic]) -> [RedirectRule] {
        guard let maps = options?.mapping?["redirect_maps"] else { return [] }
        guard let mapping = maps.mapping else {
            findings.append(Diagnostic(at: SourceLocation(file: path, line: line(of: maps) ?? 1, column: column(of: maps)),
                                       rule: .redirectInvalid, "redirect_maps is a mapping of old pages to new ones: 'old.md: new.md'"))
            return []
        }
        var rules: [RedirectRule] = []
        for (key, value) in mapping {
            let keyPlace = SourceLocation(file: path, line: line(of: key) ?? 1, column: column(of: key))
            guard let source = key.scalar?.string, let target = value.scalar?.string else {
                findings.append(Diagnostic(at: keyPlace, rule: .redirectInvalid, "a redirect_maps entry is 'old.md: new.md', one address each"))
                continue
            }
            rules.append(RedirectRule(source: source, target: target, sourceLocation: keyPlace,
                                      targetLocation: SourceLocation(file: path, line: line(of: value) ?? 1, column: column(of: value))))
        }
        return rules
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func listed(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
    }

    /// `markdown_extensions`: names, or names with their options. A name keydocs does not
    /// render is a note naming it.
    private static func markdownExtensions(_ node: Node, _ path: String, notes: inout [Diagnostic]) -> MarkdownOptions {
        var options = MarkdownOptions()
        for item in node.sequence ?? [] {
            var name = item.scalar?.string
            var settings: [String: String] = [:]
            if let mapping = item.mapping, let (key, value) = mapping.first {
                name = key.string
                for (option, setting) in value.mapping ?? [:] {
                    if let option = option.string { settings[option] = setting.scalar?.string ?? "" }
                }
            }
            guard let name else { continue }
            if !options.enable(name, options: settings) {
                notes.append(Diagnostic(at: SourceLocation(file: path, line: line(of: item) ?? 1, column: column(of: item)),
                                        rule: .configExtension, "the Markdown extension '\(name)' is not rendered by keydocs; its syntax shows as text"))
            }
        }
        return options
    }

    private static func string(_ node: Node, _ key: String, _ path: String) throws(DocError) -> String {
        guard let scalar = node.scalar else {
            throw DocError(stage: .config, path: path, line: line(of: node), "\(key) must be a single value")
        }
        return scalar.string
    }

    private static func navItems(_ node: Node, _ path: String) throws(DocError) -> [NavItem] {
        guard let sequence = node.sequence else {
            throw DocError(stage: .config, path: path, line: line(of: node), "nav must be a list")
        }
        var items: [NavItem] = []
        for entry in sequence {
            items.append(try navItem(entry, path))
        }
        return items
    }

    private static func navItem(_ node: Node, _ path: String) throws(DocError) -> NavItem {
        let at = line(of: node)
        if let scalar = node.scalar {
            return .page(title: nil, path: scalar.string, line: at)
        }
        guard let mapping = node.mapping, mapping.count == 1, let (keyNode, value) = mapping.first,
              let title = keyNode.string else {
            throw DocError(stage: .config, path: path, line: at,
                           "a nav entry is a page path, 'Title: path', or 'Title:' followed by a list")
        }
        if let scalar = value.scalar {
            let target = scalar.string
            if target.contains("://") || target.hasPrefix("mailto:") { return .link(title: title, url: target, line: at) }
            return .page(title: title, path: target, line: at)
        }
        if value.sequence != nil {
            return .section(title: title, children: try navItems(value, path), line: at)
        }
        throw DocError(stage: .config, path: path, line: at, "nav entry '\(title)' must name a page or hold a list")
    }

    private static func line(of node: Node) -> Int? { node.mark.map { $0.line } }
    private static func column(of node: Node) -> Int { node.mark.map { $0.column } ?? 1 }

    /// Where `text` stops being valid YAML (every document of it), and why; nil when it is valid.
    public static func yamlProblem(_ text: String) -> (line: Int?, message: String)? {
        if let over = YAMLAliasBudget.check(text) { return (over.line, over.reason) }
        do {
            let parser = try Parser(yaml: text)
            while try parser.nextRoot() != nil {}
            return nil
        } catch let error as YamlError {
            return (yamlErrorLine(error), yamlErrorSummary(error))
        } catch {
            return (nil, "\(error)")
        }
    }

    private static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func yamlErrorSummary(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }
}

/// One entry of the navigation.
public indirect enum NavItem: Sendable, Equatable {
    /// A page of the docs, by its path under the docs folder, with an optional title.
    case page(title: String?, path: String, line: Int?)
    /// A titled group of entries.
    case section(title: String, children: [NavItem], line: Int?)
    /// An address outside the site.
    case link(title: String, url: String, line: Int?)
}
