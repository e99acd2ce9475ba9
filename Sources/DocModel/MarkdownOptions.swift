/// The Python-Markdown and pymdown extensions a guide turns on in `markdown_extensions`, which
/// keydocs renders as those extensions do (with their HTML classes), so that a guide written for
/// mkdocs-material reads the same.
public struct MarkdownOptions: Sendable, Equatable {
    /// The extensions turned on.
    public private(set) var extensions: Set<MarkdownExtension> = []
    /// A `¶` link after each heading (toc's `permalink`).
    public var permalink = false
    /// The deepest heading level in a page's table of contents (toc's `toc_depth`).
    public var tocDepth = 6
    /// Remote images and `<iframe>` embeds are shown, their sites listed in the page's policy
    /// (`extra: keydocs: remote_content`, on unless the guide turns it off).
    public var remoteContent = true

    /// No extension: CommonMark with GitHub's tables, strikethrough, autolinks and task lists.
    public init() {}

    /// Whether `name` is on.
    public func has(_ name: MarkdownExtension) -> Bool { extensions.contains(name) }

    /// Whether an extension that `pass` renders is on.
    func needs(_ pass: MarkdownExtension.Pass) -> Bool { extensions.contains { $0.pass == pass } }

    /// Turns on the extension called `name` with `options` (toc's `permalink`, `toc_depth`).
    /// Returns false for a name keydocs does not know.
    public mutating func enable(_ name: String, options: [String: String] = [:]) -> Bool {
        guard let found = MarkdownExtension(named: name) else { return false }
        extensions.insert(found)
        if found == .toc {
            if let value = options["permalink"] { permalink = !["false", "no", "off", ""].contains(value.lowercased()) }
            if let value = options["toc_depth"], let depth = Int(value.split(separator: "-").last ?? "") { tocDepth = depth }
        }
        return true
    }
}

/// The one table of the Python-Markdown and pymdown extensions keydocs knows: the names
/// `markdown_extensions` gives each, and the pass that renders it. Adding one is a case here and
/// its code in that pass.
public enum MarkdownExtension: String, CaseIterable, Sendable {
    /// `!!! note "Title"` blocks.
    case admonition
    /// `??? note "Title"` and `???+` collapsible blocks.
    case details
    /// `{: #id .class }` after headings, paragraphs, links and images.
    case attrList
    /// `Term` / `:   Definition` lists.
    case defList
    /// `=== "Tab"` tabbed blocks.
    case tabbed
    /// `*[HTML]: Hyper Text Markup Language` definitions, shown as `<abbr>`.
    case abbr
    /// Markdown inside HTML blocks that carry a `markdown` attribute.
    case markdownInHTML
    /// `==marked==`.
    case mark
    /// `~sub~` as a subscript and `~~del~~` as a deletion (which cmark-gfm is told of).
    case tilde
    /// `` `#!lang code` `` as highlighted inline code.
    case inlineHilite
    /// The table of contents, and a heading's `¶` link with `permalink`.
    case toc
    /// What cmark-gfm or keydocs' own code blocks and highlighting already do, or what changes
    /// nothing keydocs writes: accepted, with nothing more to do.
    case tables, fencedCode, codehilite, meta, saneLists, superfences, highlight, betterem, footnotes

    /// Where an extension is rendered.
    public enum Pass: Sendable {
        /// Before cmark-gfm, in `BlockPass` (attr_list's lists on links, images and paragraphs, and
        /// def_list's tight definitions, are finished on the rendered HTML, in `InlinePass`).
        case block
        /// In the text of cmark-gfm's tree, in `InlineSyntax`.
        case inline
        /// In cmark-gfm's options or the converter's walk of its tree.
        case tree
        /// Nowhere: what it does is done already.
        case none
    }

    /// The pass that renders it.
    public var pass: Pass {
        switch self {
        case .admonition, .details, .attrList, .defList, .tabbed, .abbr, .markdownInHTML: .block
        case .mark, .tilde, .inlineHilite: .inline
        case .toc: .tree
        case .tables, .fencedCode, .codehilite, .meta, .saneLists, .superfences, .highlight, .betterem, .footnotes: .none
        }
    }

    /// Whether `line` (as a block quote holds it, without its `>`) may use the extension's block
    /// syntax: a block quote with no such line is left to cmark-gfm as it is.
    func mayStartBlock(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        switch self {
        case .admonition: return trimmed.hasPrefix("!!!")
        case .details: return trimmed.hasPrefix("???")
        case .tabbed: return trimmed.hasPrefix("===")
        case .defList: return trimmed.hasPrefix(":")
        case .abbr: return trimmed.hasPrefix("*[")
        case .attrList: return line.contains("{")
        case .markdownInHTML: return line.contains("markdown")
        case .mark, .tilde, .inlineHilite, .toc, .tables, .fencedCode, .codehilite, .meta, .saneLists, .superfences, .highlight,
             .betterem, .footnotes: return false
        }
    }

    /// The names `markdown_extensions` gives it; Python-Markdown's own also with their module path.
    public var names: [String] {
        let name: String
        switch self {
        case .admonition: name = "admonition"
        case .details: return ["pymdownx.details"]
        case .attrList: name = "attr_list"
        case .defList: name = "def_list"
        case .tabbed: return ["pymdownx.tabbed"]
        case .abbr: name = "abbr"
        case .markdownInHTML: name = "md_in_html"
        case .mark: return ["pymdownx.mark"]
        case .tilde: return ["pymdownx.tilde"]
        case .inlineHilite: return ["pymdownx.inlinehilite"]
        case .toc: name = "toc"
        case .tables: name = "tables"
        case .fencedCode: name = "fenced_code"
        case .codehilite: name = "codehilite"
        case .meta: name = "meta"
        case .saneLists: name = "sane_lists"
        case .footnotes: name = "footnotes"
        case .superfences: return ["pymdownx.superfences"]
        case .highlight: return ["pymdownx.highlight"]
        case .betterem: return ["pymdownx.betterem"]
        }
        return [name, "markdown.extensions." + name]
    }

    /// The extension `markdown_extensions` calls `name`.
    public init?(named name: String) {
        guard let found = Self.allCases.first(where: { $0.names.contains(name) }) else { return nil }
        self = found
    }
}
