import Yams

extension SiteConfig {
    /// `theme:` as mkdocs.yml gives it, a name alone or a mapping: its logo, favicon and
    /// palette. Other keys (a theme's own features) are ignored with a note.
    static func theme(_ value: Node, path: String, notes: inout [Diagnostic]) -> ThemeSettings {
        var theme = ThemeSettings()
        guard let mapping = value.mapping else { return theme }
        for (keyNode, setting) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "name", "custom_dir", "language", "font", "features", "icon":
                // Material's own choices: its name, its fonts (keydocs loads none), its features.
                break
            case "logo": theme.logo = setting.string
            case "favicon": theme.favicon = setting.string
            case "palette":
                // One scheme, or a list of them for a light/dark toggle: the first that names colours.
                for scheme in setting.sequence.map(Array.init) ?? [setting] {
                    if theme.primary == nil { theme.primary = scheme.mapping?["primary"]?.string }
                    if theme.accent == nil { theme.accent = scheme.mapping?["accent"]?.string }
                }
            default:
                notes.append(Diagnostic(.note, at: SourceLocation(file: path, line: keyNode.mark?.line ?? 1, column: keyNode.mark?.column ?? 1),
                                        rule: .configIgnored, "'theme: \(key)' is not used by keydocs and is ignored"))
            }
        }
        return theme
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
