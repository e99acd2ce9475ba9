import Yams

extension SiteConfig {
    /// `theme:` as mkdocs.yml gives it, a name alone or a mapping: its logo, favicon, palette
    /// and language. Other keys (a theme's own features) are ignored with a note.
    static func theme(_ value: Node, path: String, notes: inout [Diagnostic]) -> ThemeSettings {
        var theme = ThemeSettings()
        guard let mapping = value.mapping else { return theme }
        for (keyNode, setting) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "name", "custom_dir", "font", "features", "icon":
                // Material's own choices: its name, its fonts (keydocs loads none), its features.
                break
            case "logo": theme.logo = setting.string
            case "favicon": theme.favicon = setting.string
            case "language": theme.language = language(setting, path: path, notes: &notes)
            case "palette":
                // One scheme, or a list of them for a light/dark toggle: the first that names colours.
                for scheme in setting.sequence.map(Array.init) ?? [setting] {
                    if theme.primary == nil { theme.primary = scheme.mapping?["primary"]?.string }
                    if theme.accent == nil { theme.accent = scheme.mapping?["accent"]?.string }
                }
            default:
                notes.append(Diagnostic(at: SourceLocation(file: path, line: keyNode.mark?.line ?? 1, column: keyNode.mark?.column ?? 1),
                                        rule: .configIgnored, "'theme: \(key)' is not used by keydocs and is ignored"))
            }
        }
        return theme
    }

    /// The language `value` names (`theme.language`, an i18n plugin's default): a language
    /// keydocs has words in, or a regional variant of one. Any other is a note, and the site's
    /// words are English (its pages keep a well-formed tag as their `lang`).
    static func language(_ value: Node, path: String, notes: inout [Diagnostic]) -> SiteLanguage {
        let text = value.string ?? ""
        let language = SiteLanguage(tag: text)
        if language?.translation == nil {
            let spoken = SiteLanguage.Words.allCases.map(\.rawValue).joined(separator: ", ")
            notes.append(Diagnostic(at: SourceLocation(file: path, line: value.mark?.line ?? 1, column: value.mark?.column ?? 1),
                                    rule: .configIgnored,
                                    language == nil ? "language '\(text)' is not a language tag and is ignored: the pages are lang=\"en\" and keydocs' own words are in English"
                                        : "language '\(text)': keydocs has no words of its own in it, so they are in English (it has \(spoken)); the pages keep lang=\"\(language?.tag ?? text)\""))
        }
        return language ?? .english
    }

    /// mkdocs-static-i18n's default language and the other languages it builds, from the
    /// plugin's options: `languages:` as a list of `locale:` entries (one `default: true`, else
    /// the first), or the older `default_language:` with `languages:` as a mapping.
    static func i18nLanguages(_ options: Node?) -> (default: Node?, others: [String]) {
        guard let options = options?.mapping else { return (nil, []) }
        var locales: [(locale: Node, isDefault: Bool, built: Bool)] = []
        if let list = options["languages"]?.sequence {
            for entry in list {
                guard let locale = entry.mapping?["locale"], locale.string != nil else { continue }
                locales.append((locale, entry.mapping?["default"]?.bool == true, entry.mapping?["build"]?.bool != false))
            }
        } else if let mapping = options["languages"]?.mapping {
            for (locale, settings) in mapping where locale.string != nil {
                locales.append((locale, false, settings.mapping?["build"]?.bool != false))
            }
        }
        let chosen = options["default_language"] ?? locales.first(where: \.isDefault)?.locale ?? locales.first?.locale
        let others = locales.filter { $0.built && $0.locale.string != chosen?.string }.compactMap(\.locale.string)
        return (chosen, others)
    }

    /// The address of the page at docs path `page` in the repository, for "Edit this page": the
    /// repository and `edit_uri`, or mkdocs' default for GitHub, GitLab and Bitbucket; nil without.
    public func editURL(of page: String) -> String? {
        guard let repo = repoURL else { return editURI.flatMap { $0.contains("://") ? Self.joined($0, page) : nil } }
        let uri: String
        if let editURI {
            uri = editURI
        } else {
            let host = repo.lowercased()
            if host.contains("github.com") || host.contains("gitlab.com") { uri = "edit/master/docs/" }
            else if host.contains("bitbucket.org") { uri = "src/default/docs/" }
            else { return nil }
        }
        guard !uri.isEmpty else { return nil }
        if uri.contains("://") { return Self.joined(uri, page) }
        let base = repo.hasSuffix("/") ? repo : repo + "/"
        let path = uri.hasPrefix("/") ? String(uri.dropFirst()) : uri
        return Self.joined(base + path, page)
    }

    private static func joined(_ base: String, _ page: String) -> String {
        (base.hasSuffix("/") || base.hasSuffix("=") ? base : base + "/") + page
    }
}
