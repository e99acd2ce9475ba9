/// A redirect as the guide writes it: a `from to` line of a `redirects/*.txt` file beside
/// mkdocs.yml (CiviCRM's guides), or an entry of mkdocs-redirects' `redirect_maps`.
public struct RedirectRule: Sendable, Equatable {
    /// The old address: a path in the site (`dev-tools/debugging`) or a docs path (`old.md`).
    public var source: String
    /// Where it leads: a page of the guide (`tools/debugging`, `tools/git.md#review`) or an
    /// `http(s)` address.
    public var target: String
    /// Where the source is written.
    public var sourceLocation: SourceLocation
    /// Where the target is written.
    public var targetLocation: SourceLocation

    /// A rule from its parts.
    public init(source: String, target: String, sourceLocation: SourceLocation, targetLocation: SourceLocation) {
        self.source = source
        self.target = target
        self.sourceLocation = sourceLocation
        self.targetLocation = targetLocation
    }
}

/// A redirect the site holds: a page keydocs writes at an old address that sends the reader on.
/// Only rules that lead inside the site, to a page that exists or to an `http(s)` address, and
/// whose address no page or file of the site takes, become one.
public struct Redirect: Sendable, Equatable {
    /// Where a redirect leads.
    public enum Target: Sendable, Equatable {
        /// A page of the guide, by docs path, and a heading's anchor on it.
        case page(String, fragment: String?)
        /// An `http:` or `https:` address, as written.
        case external(String)
    }

    /// The file written, relative to the site: `dev-tools/debugging/index.html`.
    public var output: String
    /// Where it leads.
    public var target: Target
    /// The rule's place, for findings about it.
    public var location: SourceLocation

    /// A redirect from its parts.
    public init(output: String, target: Target, location: SourceLocation) {
        self.output = output
        self.target = target
        self.location = location
    }
}
