#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Paths as the kernel follows them. A path that a guide names (`docs_dir`, `site_dir`) is judged
/// by where it leads, symbolic links and `..` after them included, never by how it is spelled.
public enum ProjectPath {
    /// `path` made absolute and resolved one component at a time, as the kernel walks it: a
    /// symbolic link is replaced by where it leads before the next component (so `link/..` is the
    /// parent of the link's target, not the folder that holds the link); components that do not
    /// exist yet are appended as written. Nil when a link leads nowhere (writing through it would
    /// create its target, wherever that is) or loops.
    public static func physical(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var current = "/"
        var exists = true
        for component in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                current = parent(of: current)
                continue
            }
            let next = current == "/" ? "/" + component : current + "/" + component
            guard exists else {
                current = next
                continue
            }
            var info = stat()
            if lstat(next, &info) != 0 {
                guard errno == ENOENT else { return nil }
                exists = false
                current = next
            } else if info.st_mode & S_IFMT == S_IFLNK {
                guard let resolved = realpath(next, nil) else { return nil }
                defer { free(resolved) }
                current = String(cString: resolved)
            } else {
                current = next
            }
        }
        return current
    }

    /// Whether `path` is `folder` or lies inside it; both physical paths.
    public static func isWithin(_ path: String, _ folder: String) -> Bool {
        path == folder || folder == "/" || path.hasPrefix(folder + "/")
    }

    /// Throws unless `path`, a folder named by the config at `configPath` for `key`, leads to
    /// the config file's folder or inside it, wherever its links go.
    public static func confine(_ path: String, key: String, configPath: String) throws(DocError) {
        let folder = SitePaths.directory(of: configPath)
        guard let project = physical(folder.isEmpty ? "." : folder) else {
            throw DocError(stage: .config, path: configPath, "cannot resolve the config file's folder")
        }
        guard let target = physical(path) else {
            throw DocError(stage: .config, path: configPath,
                           "\(key) '\(path)' goes through a symbolic link that leads nowhere; name a real folder inside the config file's folder")
        }
        guard isWithin(target, project) else {
            throw DocError(stage: .config, path: configPath,
                           "\(key) '\(path)' leads to \(target), outside the config file's folder (\(project)); "
                           + "a folder outside the project can be named only on the command line")
        }
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
