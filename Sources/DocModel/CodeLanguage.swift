/// The languages keydocs knows by the first word of a code block's info string: the checker
/// claims blocks by them and the highlighter colours them, from this one list of names.
public enum CodeLanguage: Sendable, CaseIterable {
    case shell, sql, json, php, javascript, yaml
    case html, xml, smarty, css, markdown, ini, diff, apache, nginx

    /// The info-string words for each language.
    public var names: Set<String> {
        switch self {
        case .shell: ["bash", "sh", "shell", "console", "zsh", "shell-session"]
        case .sql: ["sql", "mysql", "mariadb"]
        case .json: ["json"]
        case .php: ["php"]
        case .javascript: ["javascript", "js"]
        case .yaml: ["yaml", "yml"]
        case .html: ["html", "htm", "xhtml", "vue"]
        case .xml: ["xml", "svg", "xsd", "xsl", "rss", "atom", "xslt"]
        case .smarty: ["smarty", "tpl"]
        case .css: ["css", "scss", "less"]
        case .markdown: ["markdown", "md"]
        case .ini: ["ini", "cfg", "dosini", "properties", "toml", "env"]
        case .diff: ["diff", "patch", "udiff"]
        case .apache: ["apache", "apacheconf", "htaccess", "apache2"]
        case .nginx: ["nginx", "nginxconf"]
        }
    }

    /// The language that `name` names, or nil for one keydocs does not know.
    public init?(_ name: String?) {
        guard let name, let found = Self.byName[name] else { return nil }
        self = found
    }

    private static let byName: [String: CodeLanguage] = {
        var map: [String: CodeLanguage] = [:]
        for language in allCases { for name in language.names { map[name] = language } }
        return map
    }()
}
