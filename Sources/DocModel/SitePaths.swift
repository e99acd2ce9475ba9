/// Where each docs file ends up in the site, and how one page links to another. All output
/// links are relative, so the site works from any folder and from disk.
public struct SitePaths: Sendable {
    /// `page/index.html` for `page.md` (true) or `page.html` (false).
    public let useDirectoryURLs: Bool

    /// Paths for the given URL style.
    public init(useDirectoryURLs: Bool) { self.useDirectoryURLs = useDirectoryURLs }

    /// Whether a docs path is a Markdown page.
    public static func isPage(_ path: String) -> Bool {
        let bytes = path.utf8
        guard bytes.count >= 3 else { return false }
        let tail = bytes.suffix(3).map { $0 | 0x20 }
        return tail == [UInt8(ascii: "."), UInt8(ascii: "m"), UInt8(ascii: "d")]
    }

    /// The output file of the page at docs path `path`.
    public func outputPath(ofPage path: String) -> String {
        let stem = String(decoding: path.utf8.dropLast(3), as: UTF8.self)
        let isIndex = stem == "index" || stem.utf8.reversed().starts(with: "/index".utf8.reversed())
        if isIndex { return stem + ".html" }
        return useDirectoryURLs ? stem + "/index.html" : stem + ".html"
    }

    /// The address of `target` (an output path) as seen from the page whose output is `from`.
    public func href(from: String, to target: String, fragment: String? = nil) -> String {
        var path = Self.relative(from: Self.directory(of: from), to: target)
        if useDirectoryURLs, path == "index.html" || path.utf8.reversed().starts(with: "/index.html".utf8.reversed()) {
            path = String(decoding: path.utf8.dropLast("index.html".utf8.count), as: UTF8.self)
            if path.isEmpty { path = "./" }
        }
        if let fragment, !fragment.isEmpty { path += "#" + fragment }
        return path
    }

    /// Splits a path at `/` on its UTF-8 bytes.
    static func segments(_ path: String, keepEmpty: Bool = false) -> [Substring.UTF8View] {
        path.utf8[...].split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: !keepEmpty)
    }

    /// The relative address of `target` from the folder `directory` (both relative to the site root).
    public static func relative(from directory: String, to target: String) -> String {
        let base = segments(directory)
        let parts = segments(target, keepEmpty: true)
        var common = 0
        while common < base.count && common < parts.count - 1 && base[common].elementsEqual(parts[common]) { common += 1 }
        var out: [UInt8] = []
        for _ in common..<base.count { out.append(contentsOf: [46, 46, 47]) }
        for (k, part) in parts[common...].enumerated() {
            if k > 0 { out.append(47) }
            out.append(contentsOf: part)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The folder part of a path: `a/b` for `a/b/c.html`, empty for `c.html`.
    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(decoding: path.utf8[..<slash], as: UTF8.self)
    }

    /// `..`, `.` and empty segments resolved; nil when the path climbs out of the root.
    public static func normalize(_ path: String) -> String? {
        // Most paths have no empty, `.` or `..` segment: check the bytes before splitting.
        var needsWork = false
        var length = 0, allDots = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if length == 0 || (allDots && length <= 2) { needsWork = true; break }
                length = 0
                allDots = true
            } else {
                length += 1
                if byte != UInt8(ascii: ".") { allDots = false }
            }
        }
        if !needsWork && (length == 0 || (allDots && length <= 2)) { needsWork = true }
        if !needsWork { return path }
        let parts = segments(path)
        var out: [Substring.UTF8View] = []
        for part in parts {
            if part.elementsEqual(".".utf8) { continue }
            if part.elementsEqual("..".utf8) {
                guard !out.isEmpty else { return nil }
                out.removeLast()
            } else {
                out.append(part)
            }
        }
        var bytes: [UInt8] = []
        for (k, part) in out.enumerated() {
            if k > 0 { bytes.append(47) }
            bytes.append(contentsOf: part)
        }
        return String(decoding: bytes, as: UTF8.self)
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
        let bytes = destination.utf8
        guard let first = bytes.first else { return .anchor("") }
        if first == UInt8(ascii: "#") { return .anchor(String(decoding: bytes.dropFirst(), as: UTF8.self)) }
        if bytes.starts(with: "//".utf8) { return .external }
        // A scheme: letters, digits, + - . before the first colon, with no / or # before it.
        for byte in bytes {
            if byte == UInt8(ascii: ":") { return .external }
            let schemeByte = (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            if !schemeByte { break }
        }
        if first == UInt8(ascii: "/") { return .absolute }
        var pathEnd = bytes.endIndex
        var fragment: String?
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            fragment = String(decoding: bytes[bytes.index(after: hash)...], as: UTF8.self)
            pathEnd = hash
        }
        if let query = bytes[..<pathEnd].firstIndex(of: UInt8(ascii: "?")) { pathEnd = query }
        let decoded = String(decoding: bytes[..<pathEnd], as: UTF8.self).removingPercentEncodingIfValid
        let folder = directory(of: page)
        let joined = folder.isEmpty ? decoded : folder + "/" + decoded
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
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
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
