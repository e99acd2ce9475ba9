/// Where each docs file ends up in the site, and how one page links to another. All output
/// links are relative, so the site works from any folder and from disk.
public struct SitePaths: Sendable {
    /// `page/index.html` for `page.md` (true) or `page.html` (false).
    public let useDirectoryURLs: Bool

    /// `README.md` pages that are their folder's index page, as mkdocs makes them when the
    /// folder has no `index.md`.
    public var readmeIndexes: Set<String> = []

    /// Paths for the given URL style; `readmeIndexes` from `readmeIndexes(among:)`.
    public init(useDirectoryURLs: Bool, readmeIndexes: Set<String> = []) {
        self.useDirectoryURLs = useDirectoryURLs
        self.readmeIndexes = readmeIndexes
    }

    /// The `README.md` pages among `pages` (docs paths) whose folder has no `index.md`.
    public static func readmeIndexes(among pages: [String]) -> Set<String> {
        let all = Set(pages)
        return Set(pages.filter { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard name == "README.md" else { return false }
            let folder = directory(of: path)
            return !all.contains(folder.isEmpty ? "index.md" : folder + "/index.md")
        })
    }

    /// Whether a docs path is a Markdown page.
    public static func isPage(_ path: String) -> Bool {
        let bytes = path.utf8
        guard bytes.count >= 3 else { return false }
        var tail = bytes.suffix(3).makeIterator()
        return tail.next() == UInt8(ascii: ".") && tail.next().map { $0 | 0x20 } == UInt8(ascii: "m")
            && tail.next().map { $0 | 0x20 } == UInt8(ascii: "d")
    }

    /// The output file of the page at docs path `path`.
    public func outputPath(ofPage path: String) -> String {
        if !readmeIndexes.isEmpty, readmeIndexes.contains(path) {
            let folder = Self.directory(of: path)
            return folder.isEmpty ? "index.html" : folder + "/index.html"
        }
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

    /// The relative address of `target` from the folder `directory` (both relative to the site root).
    public static func relative(from directory: String, to target: String) -> String {
        var directory = directory, target = target
        return directory.withUTF8 { folder in target.withUTF8 { relative(from: folder, to: $0) } }
    }

    /// `relative(from:to:)` on bytes: the folders the two share are skipped, each other folder of
    /// `folder` is climbed with `../`, and the rest of `target` follows as it is.
    private static func relative(from folder: UnsafeBufferPointer<UInt8>, to target: UnsafeBufferPointer<UInt8>) -> String {
        let slash = UInt8(ascii: "/")
        func segmentEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var end = start
            while end < bytes.count && bytes[end] != slash { end += 1 }
            return end
        }
        var f = 0, t = 0
        while true {
            while f < folder.count && folder[f] == slash { f += 1 }
            guard f < folder.count else { break }
            let folderEnd = segmentEnd(folder, from: f)
            let targetEnd = segmentEnd(target, from: t)
            // The target's last segment is its file, never a shared folder.
            guard targetEnd < target.count, folderEnd - f == targetEnd - t,
                  folder[f..<folderEnd].elementsEqual(target[t..<targetEnd]) else { break }
            f = folderEnd
            t = targetEnd + 1
        }
        var out: [UInt8] = []
        out.reserveCapacity(target.count - t + 12)
        while f < folder.count {
            if folder[f] == slash { f += 1; continue }
            out.append(contentsOf: [46, 46, 47])
            f = segmentEnd(folder, from: f)
        }
        out.append(contentsOf: target[t...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The folder part of a path: `a/b` for `a/b/c.html`, empty for `c.html`.
    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(decoding: path.utf8[..<slash], as: UTF8.self)
    }

    /// The folders that hold `path`, innermost first: `a/b` and `a` for `a/b/c.html`.
    public static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = directory(of: path)
        while !current.isEmpty {
            result.append(current)
            current = directory(of: current)
        }
        return result
    }

    /// `..`, `.` and empty segments resolved; nil when the path climbs out of the root.
    public static func normalize(_ path: String) -> String? { normalize(bytes: path.utf8) }

    /// `path` with its empty and `.` segments dropped, or nil when it has a `..` segment: the
    /// paths that the site writer writes and the preview serves never climb, whatever they
    /// would climb back into.
    public static func contained(_ path: some StringProtocol) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." { return nil }
            parts.append(Substring(part))
        }
        return parts.joined(separator: "/")
    }

    /// `normalize(_:)` on bytes, written out segment by segment; a `..` takes back the last one.
    static func normalize<Bytes: Collection<UInt8>>(bytes path: Bytes) -> String? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var out: [UInt8] = []
        out.reserveCapacity(path.count)
        var start = path.startIndex
        while start < path.endIndex {
            let end = path[start...].firstIndex(of: slash) ?? path.endIndex
            let segment = path[start..<end]
            if segment.isEmpty || segment.elementsEqual(CollectionOfOne(dot)) {
                // Nothing to add.
            } else if segment.elementsEqual([dot, dot]) {
                guard !out.isEmpty else { return nil }
                out.removeSubrange((out.lastIndex(of: slash) ?? 0)...)
            } else {
                if !out.isEmpty { out.append(slash) }
                out.append(contentsOf: segment)
            }
            start = end < path.endIndex ? path.index(after: end) : end
        }
        return String(decoding: out, as: UTF8.self)
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
        var joined: [UInt8] = []
        if let slash = page.utf8.lastIndex(of: UInt8(ascii: "/")) {
            joined.append(contentsOf: page.utf8[...slash])
        }
        if bytes[..<pathEnd].contains(UInt8(ascii: "%")) {
            joined.append(contentsOf: String(decoding: bytes[..<pathEnd], as: UTF8.self).removingPercentEncodingIfValid.utf8)
        } else {
            joined.append(contentsOf: bytes[..<pathEnd])
        }
        guard let normal = normalize(bytes: joined) else { return .outside }
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
