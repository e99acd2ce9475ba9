#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Lists the files under a folder, skipping hidden files and folders. Paths come back relative,
/// with `/`, sorted. A symbolic link is followed only when it resolves inside the folder (never
/// in a loop); one that leads outside it, or nowhere, is skipped with a warning naming it, so
/// that nothing outside the docs is read through a link (`ln -s /etc/passwd docs/passwd.md`).
struct FileWalker {
    let root: String
    let display: String

    /// The files, and a warning for each link that was skipped.
    func files() throws(DocError) -> (files: [String], skipped: [Diagnostic]) {
        var result: [String] = []
        var skipped: [Diagnostic] = []
        let realRoot = realPath(root) ?? root
        var ancestors: Set<String> = [realRoot]
        // Every folder is read once: a link to a folder the docs already hold, or one another
        // link already led to, is skipped, so links cannot multiply the site (nine levels of
        // three links each would otherwise copy one file 19,683 times).
        var entered: Set<String> = [realRoot]
        folders(root, into: &entered)
        var linked: Set<String> = []
        try walk(root, relative: "", realRoot: realRoot, ancestors: &ancestors, entered: entered, linked: &linked,
                 into: &result, skipped: &skipped)
        return (result.sorted(), skipped)
    }

    /// The real paths of the folders under `folder`, hidden ones left out, links not followed.
    private func folders(_ folder: String, into found: inout Set<String>) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
            let full = folder + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            found.insert(realPath(full) ?? full)
            folders(full, into: &found)
        }
    }

    private func walk(_ folder: String, relative: String, realRoot: String, ancestors: inout Set<String>,
                      entered: Set<String>, linked: inout Set<String>,
                      into result: inout [String], skipped: inout [Diagnostic]) throws(DocError) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw DocError(stage: .load, path: displayPath(relative), "cannot list the folder: \((error as NSError).localizedDescription)")
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let full = folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            var kind = info.st_mode & S_IFMT
            let isLink = kind == S_IFLNK
            if kind == S_IFLNK {
                guard let real = realPath(full), stat(real, &info) == 0 else {
                    skipped.append(warning(rel, "a broken symbolic link; skipped"))
                    continue
                }
                guard real == realRoot || real.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else {
                    skipped.append(warning(rel, "a symbolic link to '\(real)', outside the docs folder; skipped "
                                           + "(nothing outside the docs folder is read through a link)"))
                    continue
                }
                kind = info.st_mode & S_IFMT
            }
            if kind == S_IFDIR {
                let real = realPath(full) ?? full
                guard !ancestors.contains(real) else {
                    throw DocError(stage: .load, path: displayPath(rel), "a symbolic link loop (it leads back to a folder that contains it)")
                }
                if isLink {
                    guard !entered.contains(real) && !linked.contains(real) else {
                        skipped.append(warning(rel, "a symbolic link to a folder that the docs already hold; skipped "
                                               + "(each folder is read once)"))
                        continue
                    }
                    linked.insert(real)
                }
                ancestors.insert(real)
                try walk(full, relative: rel, realRoot: realRoot, ancestors: &ancestors, entered: entered, linked: &linked,
                         into: &result, skipped: &skipped)
                ancestors.remove(real)
            } else if kind == S_IFREG {
                result.append(rel)
            }
            // Sockets, pipes and devices are not documents: a pipe would block the build.
        }
    }

    private func warning(_ rel: String, _ message: String) -> Diagnostic {
        Diagnostic(at: SourceLocation(file: displayPath(rel), line: 1), rule: .docsSymlink, message)
    }

    private func displayPath(_ rel: String) -> String {
        rel.isEmpty ? display : (display.hasSuffix("/") ? display + rel : display + "/" + rel)
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
