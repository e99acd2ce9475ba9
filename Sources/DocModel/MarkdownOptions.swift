/// The Python-Markdown and pymdown extensions a guide turns on in `markdown_extensions`, which
/// keydocs renders as those extensions do (with their HTML classes), so that a guide written for
/// mkdocs-material reads the same.
public struct MarkdownOptions: Sendable, Equatable {
    /// `!!! note "Title"` blocks (admonition).
    public var admonition = false
    /// `??? note "Title"` and `???+` collapsible blocks (pymdownx.details).
    public var details = false
    /// `{: #id .class }` after headings, and attribute lists elsewhere removed from the text (attr_list).
    public var attrList = false
    /// `Term` / `:   Definition` lists (def_list).
    public var defList = false
    /// `=== "Tab"` tabbed blocks (pymdownx.tabbed).
    public var tabbed = false
    /// `==marked==` (pymdownx.mark).
    public var mark = false
    /// `~sub~` as a subscript and `~~del~~` as a deletion (pymdownx.tilde).
    public var tilde = false
    /// `` `#!lang code` `` as highlighted inline code (pymdownx.inlinehilite).
    public var inlineHilite = false
    /// `*[HTML]: Hyper Text Markup Language` definitions, shown as `<abbr>` (abbr).
    public var abbr = false
    /// Markdown inside HTML blocks that carry a `markdown` attribute (md_in_html).
    public var markdownInHTML = false
    /// A `¶` link after each heading (toc's `permalink`).
    public var permalink = false
    /// The deepest heading level in a page's table of contents (toc's `toc_depth`).
    public var tocDepth = 6
    /// Remote images and `<iframe>` embeds are shown, their sites listed in the page's policy
    /// (`extra: keydocs: remote_content`, on unless the guide turns it off).
    public var remoteContent = true

    /// No extension: CommonMark with GitHub's tables, strikethrough, autolinks and task lists.
    public init() {}

    /// Every extension keydocs renders, by the name `markdown_extensions` gives it.
    public static let known: Set<String> = [
        "admonition", "attr_list", "def_list", "toc", "tables", "fenced_code", "codehilite", "meta", "sane_lists",
        "pymdownx.details", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.tilde",
        "pymdownx.betterem", "pymdownx.mark", "pymdownx.tabbed", "footnotes", "markdown.extensions.footnotes", "abbr", "md_in_html", "markdown.extensions.abbr", "markdown.extensions.md_in_html", "markdown.extensions.admonition",
        "markdown.extensions.attr_list", "markdown.extensions.def_list", "markdown.extensions.toc",
        "markdown.extensions.tables", "markdown.extensions.fenced_code", "markdown.extensions.codehilite",
        "markdown.extensions.meta",
    ]

    /// Turns on the extension called `name` with `options` (toc's `permalink`, `toc_depth`).
    /// Returns false for a name keydocs does not know.
    public mutating func enable(_ name: String, options: [String: String] = [:]) -> Bool {
        let short = name.hasPrefix("markdown.extensions.") ? String(name.dropFirst("markdown.extensions.".count)) : name
        switch short {
        case "admonition": admonition = true
        case "pymdownx.details": details = true
        case "attr_list": attrList = true
        case "def_list": defList = true
        case "pymdownx.tabbed": tabbed = true
        case "pymdownx.mark": mark = true
        case "pymdownx.tilde": tilde = true
        case "pymdownx.inlinehilite": inlineHilite = true
        case "abbr": abbr = true
        case "md_in_html": markdownInHTML = true
        case "toc":
            if let value = options["permalink"] { permalink = !["false", "no", "off", ""].contains(value.lowercased()) }
            if let value = options["toc_depth"], let depth = Int(value.split(separator: "-").last ?? "") { tocDepth = depth }
        default:
            return Self.known.contains(name)
        }
        return true
    }
}
