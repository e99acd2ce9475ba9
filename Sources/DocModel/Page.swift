/// One Markdown page of the docs, copied out of cmark-gfm's tree into plain values.
public struct Page: Sendable, Equatable {
    /// Path relative to the docs folder, with `/` separators: `keys/assigning.md`.
    public var docsPath: String
    /// The page's file as diagnostics print it: the docs folder as the user named it, then `docsPath`.
    public var filePath: String
    /// The first level-1 heading's text, or the file name without extension.
    public var title: String
    /// Every heading, in order, with its unique anchor.
    public var headings: [Heading]
    /// Every link and image, with where it is.
    public var links: [Link]
    /// Every code block, fenced or indented, in order.
    public var samples: [Sample]
    /// The rendered body with places for headings and code blocks.
    public var body: [BodyPart]
    /// Plain text by section, for the search index.
    public var sections: [Section]
    /// What the page holds that the site shows otherwise than written (a `<meta>` tag as text).
    public var findings: [Diagnostic]
    /// The images and frames it loads from other sites, which its policy lets through.
    public var remoteContent: [RemoteContent.Use]

    /// A page at `docsPath` with nothing in it yet, titled after its file name.
    public init(docsPath: String, filePath: String) {
        self.init(docsPath: docsPath, filePath: filePath, title: Self.title(fromPath: docsPath), headings: [], links: [],
                  samples: [], body: [], sections: [])
    }

    /// The title of a page at `path` that gives none: its file name in words, `Home` for the
    /// home page.
    public static func title(fromPath path: String) -> String {
        if path == "index.md" || path == "README.md" { return "Home" }
        let name = path.split(separator: "/").last.map { String($0.dropLast(3)) } ?? path
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words == words.lowercased() ? words.prefix(1).uppercased() + words.dropFirst() : words
    }

    /// Creates a page from its parts.
    public init(docsPath: String, filePath: String, title: String, headings: [Heading], links: [Link],
                samples: [Sample], body: [BodyPart], sections: [Section], findings: [Diagnostic] = [],
                remoteContent: [RemoteContent.Use] = []) {
        self.remoteContent = remoteContent
        self.docsPath = docsPath
        self.filePath = filePath
        self.title = title
        self.headings = headings
        self.links = links
        self.samples = samples
        self.body = body
        self.sections = sections
        self.findings = findings
    }
}

/// A heading and the anchor it gets.
public struct Heading: Sendable, Equatable {
    /// 1 to 6.
    public var level: Int
    /// Its plain text.
    public var text: String
    /// Its anchor, unique within the page, GitHub style.
    public var slug: String
    /// Its line.
    public var line: Int
    /// Classes given to it with an attribute list.
    public var classes: [String]

    /// A heading.
    public init(level: Int, text: String, slug: String, line: Int, classes: [String] = []) {
        self.level = level
        self.text = text
        self.slug = slug
        self.line = line
        self.classes = classes
    }
}

/// A link or image destination as written, at its place.
public struct Link: Sendable, Equatable {
    /// Link or image.
    public enum Kind: Sendable { case link, image }
    /// Which.
    public var kind: Kind
    /// The destination as written in the Markdown.
    public var destination: String
    /// Where it is written.
    public var location: SourceLocation
}

/// A block of code in the docs: the unit that the sample checker checks.
public struct Sample: Sendable, Equatable {
    /// Its index within the page.
    public var index: Int
    /// The page file as diagnostics print it.
    public var file: String
    /// The line of the opening fence (fenced) or of the first line (indented).
    public var startLine: Int
    /// The line of the closing fence, or the last line.
    public var endLine: Int
    /// The line that holds the first line of `text`.
    public var contentLine: Int
    /// The column where the block starts (inside lists and quotes, past their markers).
    public var column: Int
    /// The whole info string after the fence, trimmed.
    public var info: String
    /// Whether it was fenced (as opposed to indented).
    public var fenced: Bool
    /// The code, each line ending in a newline.
    public var text: String
    /// The HTML comment right before the block, when there is one.
    public var annotation: Annotation?

    /// The first word of the info string, lowercased: `bash`, `sql`; nil when there is none.
    /// Also read from superfences' `{ .lang }` and `{.lang title="x"}` forms.
    public var language: String? {
        let word = info.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "{" || $0 == "," || $0 == "}" }).first
        guard var word else { return nil }
        if word.hasPrefix(".") { word = word.dropFirst() }
        if word.contains("=") || word.hasPrefix("#") || word.isEmpty { return nil }
        return word.lowercased()
    }

    /// The lines of the code, without their newlines.
    public var lines: [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        return lines
    }

    /// Where line `k` (0-based) of the code is in the page.
    public func location(ofLine k: Int, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: contentLine + k, column: column ?? self.column)
    }

    /// Where the block starts.
    public var location: SourceLocation { SourceLocation(file: file, line: startLine, column: column) }
}

/// An HTML comment right before a code block, such as `<!-- check: skip "needs a live site" -->`.
public struct Annotation: Sendable, Equatable {
    /// The comment's text between `<!--` and `-->`, trimmed.
    public var text: String
    /// Its line.
    public var line: Int

    /// An annotation with `text` at `line`.
    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

/// A piece of a rendered page body.
public enum BodyPart: Sendable, Equatable {
    /// HTML as cmark-gfm rendered it.
    case html(String)
    /// The opening tag of heading number `index` (into `Page.headings`), to be given its anchor.
    case headingStart(index: Int)
    /// Code block number `index` (into `Page.samples`), to be rendered with its highlighting and badge.
    case sample(index: Int)
}

/// The text under one heading, for search.
public struct Section: Sendable, Equatable {
    /// The heading's anchor, or nil for the text before the first heading.
    public var slug: String?
    /// The heading's text; empty for the text before the first heading.
    public var title: String
    /// The words of the section.
    public var text: String
    /// The heading's index in `Page.headings`, while the page is converted.
    var headingIndex: Int?

    /// A section.
    public init(slug: String?, title: String, text: String) {
        self.slug = slug
        self.title = title
        self.text = text
    }
}
