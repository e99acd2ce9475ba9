import Foundation

/// Lists the files under a folder, following symbolic links but never in a loop, skipping
/// hidden files and folders. Paths come back relative, with `/`, sorted.
struct FileWalker {
    let root: String
    let display: String

    func files() throws(DocError) -> [String] {
        var result: [String] = []
        var ancestors: Set<String> = [realPath(root)]
        try walk(root, relative: "", ancestors: &ancestors, into: &result)
        return result.sorted()
    }

    private func walk(_ folder: String, relative: String, ancestors: inout Set<String>, into result: inout [String]) throws(DocError) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw DocError(stage: "load", path: displayPath(relative), "cannot list the folder: \((error as NSError).localizedDescription)")
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let full = folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
                throw DocError(stage: "load", path: displayPath(rel), "a broken symbolic link")
            }
            if isDirectory.boolValue {
                let real = realPath(full)
                guard !ancestors.contains(real) else {
                    throw DocError(stage: "load", path: displayPath(rel), "a symbolic link loop (it leads back to a folder that contains it)")
                }
                ancestors.insert(real)
                try walk(full, relative: rel, ancestors: &ancestors, into: &result)
                ancestors.remove(real)
            } else {
                result.append(rel)
            }
        }
    }

    private func displayPath(_ rel: String) -> String {
        rel.isEmpty ? display : (display.hasSuffix("/") ? display + rel : display + "/" + rel)
    }

    private func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}
