#if canImport(Glibc)
import Glibc
#endif
import DocModel
import Foundation

/// Decides whether a build may replace the folder at a path. keydocs replaces only a folder it
/// made itself (it leaves a marker file in every site it writes) or one that is missing or empty
/// (but for `.git`, `.nojekyll` and `CNAME`); never the docs folder, the config file, the project's folder or a
/// folder that holds any of them, never a file or a symbolic link, never someone else's files.
public enum OutputFolder {
    /// What a folder may hold and still count as empty: what a published site's folder keeps
    /// beside the site (a gh-pages worktree's `.git`, GitHub Pages' `.nojekyll` and `CNAME`).
    /// Any other file, hidden or not, is someone's: a home folder holds only hidden ones.
    static let publishedSiteKeeps: Set<String> = [".git", ".nojekyll", "CNAME"]

    /// The file that marks a folder as a site keydocs wrote.
    public static let marker = ".keydocs-site"

    /// What the marker file says, for a person who finds it.
    static let markerText = "This folder is a site built by keydocs. keydocs build replaces everything in it but hidden files.\n"

    /// Throws, naming the path, when a build must not replace `output`. `protected` are paths
    /// (the docs folder, the config file, the project's folder) that the output may neither be
    /// nor contain; the output may not lie inside the first of them, the docs folder, either.
    public static func check(_ output: String, protecting protected: [(what: String, path: String)]) throws(DocError) {
        func refuse(_ reason: String) -> DocError {
            DocError(stage: .write, path: output, "refusing to build the site here: \(reason)")
        }
        let target = realPath(output)
        if target == "/" { throw refuse("it is the root of the file system") }
        let reals = protected.map { realPath($0.path) }
        for (index, (what, path)) in protected.enumerated() where reals[index] == target {
            throw refuse("it is \(what) (\(path))")
        }
        for (index, (what, path)) in protected.enumerated() {
            if reals[index].hasPrefix(target + "/") { throw refuse("it contains \(what) (\(path))") }
            if index == 0 && target.hasPrefix(reals[index] + "/") {
                throw refuse("it is inside \(what) (\(path)), whose files become pages and assets")
            }
        }
        var info = stat()
        guard lstat(output, &info) == 0 else {
            if errno == ENOENT { return }
            throw refuse(String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw refuse("it is a symbolic link; name the folder it points to")
        default: throw refuse("it is a file, not a folder")
        }
        if isKeydocsSite(output) { return }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: output) } catch {
            throw refuse("cannot list it: \((error as NSError).localizedDescription)")
        }
        let others = names.filter { !publishedSiteKeeps.contains($0) }.sorted()
        if let first = others.first {
            let more = others.count > 1 ? " and \(others.count - 1) more" : ""
            throw refuse("it holds files that keydocs did not write ('\(first)'\(more)); keydocs replaces only "
                         + "a folder it made (marked by \(marker)) or an empty one (nothing but "
                         + publishedSiteKeeps.sorted().joined(separator: ", ") + ")")
        }
    }

    /// Whether keydocs wrote the site in `folder`: it holds the marker, or it is a site of an
    /// earlier keydocs, which wrote its own stylesheet, script and search index but no marker.
    static func isKeydocsSite(_ folder: String) -> Bool {
        let fm = FileManager.default
        if isRegularFile(folder + "/" + marker) { return true }
        return ["assets/keydocs.js", "assets/keydocs.css", "assets/search-index.js", "404.html"]
            .allSatisfy { fm.fileExists(atPath: folder + "/" + $0) }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// The entries of `folder` that a rebuild keeps, unless the new site has its own: every
    /// hidden one but the marker (a gh-pages worktree's `.git`, `.nojekyll`, `.well-known`) and
    /// `CNAME`, which hosts read from the site's root.
    static func keptEntries(of folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { ($0.hasPrefix(".") && $0 != marker) || $0 == "CNAME" }.sorted()
    }

    /// `path` with every symbolic link in it resolved; for a path that does not exist yet, its
    /// nearest existing ancestor resolved and the rest appended.
    public static func realPath(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var head = absolute
        var tail: [String] = []
        while head != "/" {
            if let resolved = realpath(head, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return tail.isEmpty ? base : (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
            }
            tail.append((head as NSString).lastPathComponent)
            head = (head as NSString).deletingLastPathComponent
        }
        return "/" + tail.reversed().joined(separator: "/")
    }
}
