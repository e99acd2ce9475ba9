/// What a page loads from other sites: remote images and `<iframe>` embeds, as mkdocs shows
/// them. The site's Content-Security-Policy lists exactly these origins, page by page, so that
/// nothing else is reached; a frame is sandboxed and comes only from an http(s) address.
public enum RemoteContent {
    /// One image or frame of a page that another origin serves.
    public struct Use: Sendable, Equatable {
        /// What the browser loads.
        public enum Kind: String, Sendable { case image, frame }
        /// An image or a frame.
        public var kind: Kind
        /// `https://host` or `http://host:port`, as a policy's source list writes it.
        public var origin: String
        /// Where the page names it.
        public var location: SourceLocation

        /// A use of `origin` at `location`.
        public init(_ kind: Kind, origin: String, at location: SourceLocation) {
            self.kind = kind
            self.origin = origin
            self.location = location
        }
    }

    /// What a frame may do: run its own script, open a link in a new window, play full screen.
    /// Never `allow-same-origin` with `allow-scripts`: the frame stays an origin of its own.
    public static let sandbox = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-presentation"

    /// The attributes a frame keeps; others (event handlers, `srcdoc`, `name`) are left out.
    static let frameAttributes: Set<String> = [
        "src", "width", "height", "title", "allowfullscreen", "frameborder", "style", "class", "id", "loading",
        "referrerpolicy", "scrolling", "marginwidth", "marginheight", "align",
    ]

    /// The origin of an absolute http(s) address, lowercased, with its port when it has one;
    /// nil for a relative address, a `data:` one or any other scheme.
    public static func origin(of address: String) -> String? {
        let trimmed = address.trimmingWhitespace()
        let lower = trimmed.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") { scheme = "https" } else if lower.hasPrefix("http://") { scheme = "http" } else { return nil }
        let rest = trimmed.dropFirst(scheme.count + 3)
        let authority = rest.prefix { !"/?#\\".contains($0) }
        // Credentials are not part of an origin; a host is letters, digits, dots, dashes, a port.
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        guard !host.isEmpty, host.utf8.allSatisfy({ byte in
            (byte >= 0x30 && byte <= 0x3A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E
        }) else { return nil }
        return scheme + "://" + host.lowercased()
    }

    /// One note for each origin the guide's pages use, at its first use in `pages`' order, so a
    /// reviewer sees every site that a reader's browser is sent to.
    public static func findings(_ pages: [Page]) -> [Diagnostic] {
        var seen: Set<String> = []
        var notes: [Diagnostic] = []
        for page in pages.sorted(by: { $0.docsPath < $1.docsPath }) {
            for use in page.remoteContent where seen.insert(use.origin).inserted {
                notes.append(Diagnostic(at: use.location, rule: .htmlRemoteOrigin,
                                        "the site loads \(use.kind == .image ? "an image" : "a frame") from \(use.origin), which its "
                                        + "Content-Security-Policy allows on the pages that use it (extra: keydocs: remote_content: false turns remote content off)"))
            }
        }
        return notes
    }
}
