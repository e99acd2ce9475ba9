/// Where each docs file ends up in the site, and how one page links to another. All output
/// links are relative, so the site works from any folder and from disk.
public struct SitePaths: Sendable {
    /// `page/index.html` for `page.md` (true) or `page.html` (false).
    public let useDirectoryURLs: Bool

    /// Paths for the given URL style.
    public init(useDirectoryURLs: Bool) { self.useDirectoryURLs = useDirectoryURLs }

    /// Whether a docs path is a Markdown page.
    public static func isPage(_ path: String) -> Bool { path.lowercased().hasSuffix(".md") }

    /// The output file of the page at docs path `path`.
    public func outputPath(ofPage path: String) -> String {
        let stem = String(path.dropLast(3))
        let name = stem.split(separator: "/").last.map(String.init) ?? stem
        if name == "index" { return stem + ".html" }
        return useDirectoryURLs ? stem + "/index.html" : stem + ".html"
    }

    /// The address of `target` (an output path) as seen from the page whose output is `from`.
    public func href(from: String, to target: String, fragment: String? = nil) -> String {
        var path = Self.relative(from: Self.directory(of: from), to: target)
        if useDirectoryURLs, path == "index.html" || path.hasSuffix("/index.html") {
            path = String(path.dropLast("index.html".count))
            if path.isEmpty { path = "./" }
        }
        if let fragment, !fragment.isEmpty { path += "#" + fragment }
        return path
    }

    /// The relative address of `target` from the folder `directory` (both relative to the site root).
    public static func relative(from directory: String, to target: String) -> String {
        let base = directory.split(separator: "/")
        let parts = target.split(separator: "/", omittingEmptySubsequences: false)
        var common = 0
        while common < base.count && common < parts.count - 1 && base[common] == parts[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        return (up + parts[common...].map(String.init)).joined(separator: "/")
    }

    /// The folder part of a path: `a/b` for `a/b/c.html`, empty for `c.html`.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// `..`, `.` and empty segments resolved; nil when the path climbs out of the root.
    public static func normalize(_ path: String) -> String? {
        var out: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !out.isEmpty else { return nil }
                out.removeLast()
            } else {
                out.append(part)
            }
        }
        return out.joined(separator: "/")
    }

    /// A link destination split into what it points at inside the docs.
    public enum Target: Sendable, Equatable {
        /// An address with a scheme (`https:`, `mailto:`) or a protocol-relative one: not ours.
        case external
        /// An anchor on the same page.
        case anchor(String)
        /// A file under the docs folder (docs path), with an optional anchor.
        case file(path: String, fragment: String?)
        /// A path that climbs out of the docs folder.
        case outside
        /// An absolute path on the server, which keydocs cannot resolve.
        case absolute
    }

    /// What `destination`, written on the page at docs path `page`, points at.
    public static func target(of destination: String, onPage page: String) -> Target {
        if destination.isEmpty { return .anchor("") }
        if destination.hasPrefix("#") { return .anchor(String(destination.dropFirst())) }
        if destination.hasPrefix("//") { return .external }
        if let colon = destination.firstIndex(of: ":"),
           !destination[..<colon].contains("/"), !destination[..<colon].contains("#"),
           destination[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
            return .external
        }
        if destination.hasPrefix("/") { return .absolute }
        var pathPart = Substring(destination)
        var fragment: String?
        if let hash = pathPart.firstIndex(of: "#") {
            fragment = String(pathPart[pathPart.index(after: hash)...])
            pathPart = pathPart[..<hash]
        }
        if let query = pathPart.firstIndex(of: "?") { pathPart = pathPart[..<query] }
        let decoded = String(pathPart).removingPercentEncodingIfValid
        let joined = directory(of: page).isEmpty ? decoded : directory(of: page) + "/" + decoded
        guard let normal = normalize(joined) else { return .outside }
        return .file(path: normal, fragment: fragment)
    }

    /// The address a link should carry in the output, or nil to leave it as written.
    public func rewrite(_ destination: String, onPage page: String) -> String? {
        guard case .file(let path, let fragment) = Self.target(of: destination, onPage: page) else { return nil }
        let from = outputPath(ofPage: page)
        if Self.isPage(path) { return href(from: from, to: outputPath(ofPage: path), fragment: fragment) }
        if path.isEmpty { return nil }
        let link = Self.relative(from: Self.directory(of: from), to: path)
        return fragment.map { link + "#" + $0 } ?? link
    }
}

extension String {
    /// The string with `%XX` escapes decoded, or itself when they do not decode to UTF-8.
    var removingPercentEncodingIfValid: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var i = utf8.startIndex
        let u = utf8
        while i < u.endIndex {
            if u[i] == UInt8(ascii: "%"), let h1 = u.index(i, offsetBy: 1, limitedBy: u.endIndex), h1 < u.endIndex,
               let h2 = u.index(i, offsetBy: 2, limitedBy: u.endIndex), h2 < u.endIndex,
               let value = UInt8(String(decoding: [u[h1], u[h2]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i = u.index(i, offsetBy: 3)
            } else {
                bytes.append(u[i])
                i = u.index(after: i)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
