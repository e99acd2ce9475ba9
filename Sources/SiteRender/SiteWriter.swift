import CSystem
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import DocModel
import Foundation
import Support

/// Writes a site into a temporary folder beside the output and swaps it in only when every
/// file is written, so a failed or killed build leaves the last good site as it was.
public struct SiteWriter: Sendable {
    /// The output folder.
    public let output: URL
    /// The temporary folder being filled.
    public let staging: URL
    private let stagingPath: String
    private let interruptToken: Int
    /// Files written go into an existing site one by one at `commit`, instead of replacing it.
    private let updating: Bool

    /// A writer for `output`; creates the staging folder next to it. Refuses, naming the path, an
    /// output that a build must not replace (see `OutputFolder.check`): `protected` lists the
    /// docs folder (first), the config file and the project's folder.
    /// Missing folders above the output are created only inside `project` (the config file's
    /// folder); elsewhere the output's parent must exist.
    public init(output: String, protecting protected: [(what: String, path: String)] = [],
                creatingFoldersWithin project: String? = nil) throws(DocError) {
        try OutputFolder.check(output, protecting: protected)
        let url = URL(fileURLWithPath: output).standardizedFileURL
        self.output = url
        let parent = url.deletingLastPathComponent()
        let name = ".\(url.lastPathComponent).keydocs-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        staging = parent.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: parent.path) {
            let inside = project.flatMap(ProjectPath.physical).flatMap { root in
                ProjectPath.physical(parent.path).map { ProjectPath.isWithin($0, root) }
            } ?? false
            guard inside else {
                throw DocError(stage: .write, path: output, "its folder \(parent.path) does not exist; keydocs creates "
                               + "missing folders only inside the project, so create it first")
            }
        }
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            Self.removeAbandoned(in: parent, site: url.lastPathComponent)
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data(OutputFolder.markerText.utf8).write(to: staging.appendingPathComponent(OutputFolder.marker))
        } catch {
            throw DocError(stage: .write, path: output, "cannot create a folder beside it: \((error as NSError).localizedDescription)")
        }
        let path = staging.path
        stagingPath = path
        updating = false
        interruptToken = Interrupts.shared.add { try? FileManager.default.removeItem(atPath: path) }
    }

    /// A writer that updates the site at `output` (a preview's, which keydocs made): files are
    /// staged in a hidden folder inside it and each put in place by a rename at `commit`, so a
    /// reader sees a file either old or new; files not written stay as they are.
    public init(updating output: String) throws(DocError) {
        let url = URL(fileURLWithPath: output).standardizedFileURL
        self.output = url
        staging = url.appendingPathComponent(".keydocs-update-\(UInt32.random(in: 0...UInt32.max))")
        do { try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false) } catch {
            throw DocError(stage: .write, path: output, "cannot create a folder in it: \((error as NSError).localizedDescription)")
        }
        let path = staging.path
        stagingPath = path
        updating = true
        interruptToken = Interrupts.shared.add { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Removes staging folders that builds killed before they finished left behind (their
    /// process no longer runs). A build killed while it moved the site's hidden files across
    /// may have left some there: they go back to the site first.
    static func removeAbandoned(in parent: URL, site: String) {
        let prefix = ".\(site).keydocs-"
        let output = parent.appendingPathComponent(site).path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isNumber }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                let abandoned = parent.appendingPathComponent(name).path
                if OutputFolder.isKeydocsSite(output) { moveKept(from: abandoned, to: output) }
                try? FileManager.default.removeItem(atPath: abandoned)
            }
        }
    }

    /// Moves the hidden entries that a rebuild keeps from `old` into `new`, where `new` lacks them.
    static func moveKept(from old: String, to new: String) {
        for name in OutputFolder.keptEntries(of: old) where !FileManager.default.fileExists(atPath: new + "/" + name) {
            rename(old + "/" + name, new + "/" + name)
        }
    }

    /// Writes `contents` at `path` (relative, `/`-separated) inside the staging folder.
    public func write(_ contents: String, to path: String) throws(DocError) {
        var contents = contents
        let file = try target(path)
        let failure = contents.withUTF8 { bytes in Self.writeFile(file, UnsafeRawBufferPointer(bytes)) }
        if failure != 0 { try retry(failure, Data(contents.utf8), to: file, path: path) }
    }

    /// Writes bytes at `path` inside the staging folder.
    public func write(_ data: Data, to path: String) throws(DocError) {
        let file = try target(path)
        let failure = data.withUnsafeBytes { Self.writeFile(file, $0) }
        if failure != 0 { try retry(failure, data, to: file, path: path) }
    }

    /// After a write that failed with `failure`: creates the file's folder when it was missing
    /// and writes again, or reports the error. Files are not synced to disk: the site becomes
    /// visible only by the rename in `commit`, and a build that dies before then leaves the
    /// last site in place.
    private func retry(_ failure: Int32, _ data: Data, to file: String, path: String) throws(DocError) {
        var failure = failure
        if failure == ENOENT {
            do {
                try FileManager.default.createDirectory(atPath: SitePaths.directory(of: file), withIntermediateDirectories: true)
            } catch {
                throw DocError(stage: .write, path: path, "cannot create its folder: \((error as NSError).localizedDescription)")
            }
            failure = data.withUnsafeBytes { Self.writeFile(file, $0) }
        }
        if failure != 0 {
            throw DocError(stage: .write, path: path, "cannot write: \(String(cString: strerror(failure)))")
        }
    }

    /// Creates (or truncates) the file at `path` and writes `bytes`; 0, or the errno of the
    /// first call that failed.
    static func writeFile(_ path: String, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return errno }
        var failure: Int32 = 0
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = Glibc.write(fd, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += written
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        return failure
    }

    /// Creates folders (relative paths) in the staging folder, so that files can be written into
    /// them from several threads without each creating its own.
    public func createFolders(_ paths: Set<String>) throws(DocError) {
        // Sorted, a folder comes before the folders inside it, so one mkdir each is enough.
        for path in paths.sorted() where !path.isEmpty {
            let folder = try target(path)
            if mkdir(folder, 0o777) == 0 || errno == EEXIST { continue }
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw DocError(stage: .write, path: path, "cannot create the folder: \((error as NSError).localizedDescription)")
            }
        }
    }

    /// The file system path of `path` in the staging folder.
    private func target(_ path: String) throws(DocError) -> String {
        guard !path.hasPrefix("/"), let normal = SitePaths.contained(path), !normal.isEmpty else {
            throw DocError(stage: .write, path: path, "refusing to write outside the output folder")
        }
        return stagingPath + "/" + normal
    }

    /// Puts the staged site in place of the output in one step, then removes the old one. The
    /// old site's hidden files (a `.git`, `.nojekyll`) and its `CNAME` move into the new one, unless it has its own.
    public func commit() throws(DocError) {
        defer { Interrupts.shared.remove(interruptToken) }
        let fm = FileManager.default
        if updating {
            defer { try? fm.removeItem(at: staging) }
            for relative in (fm.enumerator(atPath: stagingPath)?.allObjects as? [String] ?? []).sorted() {
                let from = stagingPath + "/" + relative, to = output.path + "/" + relative
                var isFolder: ObjCBool = false
                guard fm.fileExists(atPath: from, isDirectory: &isFolder), !isFolder.boolValue else { continue }
                if rename(from, to) != 0 {
                    if errno == ENOENT { try? fm.createDirectory(atPath: SitePaths.directory(of: to), withIntermediateDirectories: true) }
                    guard rename(from, to) == 0 else {
                        throw DocError(stage: .write, path: relative, "cannot put in place: \(String(cString: strerror(errno)))")
                    }
                }
            }
            return
        }
        if fm.fileExists(atPath: output.path) {
            // The output may have changed since the build began: check it again before replacing it.
            try OutputFolder.check(output.path, protecting: [])
            Self.moveKept(from: output.path, to: staging.path)
            // The new site takes the old folder's permissions: a build changes no folder's mode.
            var info = stat()
            if lstat(output.path, &info) == 0 { chmod(staging.path, info.st_mode & 0o7777) }
            if keydocs_exchange_paths(staging.path, output.path) == 0 {
                Self.removeTree(staging.path)
                return
            }
            // No atomic exchange on this file system: move the old site aside, then rename.
            let aside = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + "-old")
            do {
                try fm.moveItem(at: output, to: aside)
                try fm.moveItem(at: staging, to: output)
                try? fm.removeItem(at: aside)
            } catch {
                if !fm.fileExists(atPath: output.path) { try? fm.moveItem(at: aside, to: output) }
                Self.moveKept(from: staging.path, to: output.path)
                throw DocError(stage: .write, path: output.path, "cannot replace the site: \((error as NSError).localizedDescription)")
            }
        } else {
            do { try fm.moveItem(at: staging, to: output) } catch {
                throw DocError(stage: .write, path: output.path, "cannot create the site: \((error as NSError).localizedDescription)")
            }
        }
    }

    /// Removes a folder and everything in it, its entries in parallel (a site is mostly many
    /// small folders of one page each).
    static func removeTree(_ path: String) {
        let fm = FileManager.default
        let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
        DispatchQueue.concurrentPerform(iterations: entries.count) { i in
            try? FileManager.default.removeItem(atPath: path + "/" + entries[i])
        }
        try? fm.removeItem(atPath: path)
    }

    /// Removes the staging folder (after a failed build).
    public func discard() {
        Interrupts.shared.remove(interruptToken)
        try? FileManager.default.removeItem(at: staging)
    }
}
