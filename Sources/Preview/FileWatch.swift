import DocModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells of changes to the docs through inotify: every folder under the watched folders, and
/// single files by their folder. Hidden files and folders are left out, as the build leaves them
/// out (an editor's swap file or a half-written temporary file is not a change to the site).
public final class FileWatch: @unchecked Sendable {
    /// The inotify descriptor.
    private let fd: Int32
    /// The folder each watch descriptor watches, and whether all of it counts or only some names.
    private var watches: [Int32: (folder: String, only: Set<String>?)] = [:]
    private var watchedFolders: Set<String> = []
    /// Folders that could not be watched (the system's limit on watches, `fs.inotify.max_user_watches`).
    public private(set) var unwatched: [String] = []
    private let folders: [String]
    private let files: [String]

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                                     | IN_DELETE_SELF | IN_MOVE_SELF)

    /// Watches `folders` (with every folder inside them) and `files`.
    public init(folders: [String], files: [String]) throws {
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.folders = folders
        self.files = files
        addWatches()
    }

    deinit { close(fd) }

    /// Adds a watch for every watched folder and file that has none yet (new folders, and
    /// folders that came back).
    private func addWatches() {
        // Folders watched whole, and single files by the names that count in their folder.
        let whole = Set(folders.flatMap(Self.folders(under:)))
        var names: [String: Set<String>] = [:]
        for file in files {
            let folder = SitePaths.directory(of: file)
            names[folder.isEmpty ? "." : folder, default: []].insert(String(file.split(separator: "/").last ?? Substring(file)))
        }
        unwatched = []
        for folder in whole.union(names.keys).sorted() where !watchedFolders.contains(folder) {
            let only = whole.contains(folder) ? nil : names[folder]
            let wd = inotify_add_watch(fd, folder, Self.mask)
            guard wd >= 0 else {
                if errno == ENOSPC { unwatched.append(folder) }
                continue
            }
            watches[wd] = (folder, only)
            watchedFolders.insert(folder)
        }
    }

    /// `root` and the folders inside it, hidden ones and links left out (a link to a folder is
    /// not followed, so a loop of links ends).
    static func folders(under root: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else { return [] }
        var found: [String] = []
        var pending = [root]
        while let folder = pending.popLast() {
            found.append(folder)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                var status = stat()
                if lstat(folder + "/" + name, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR { pending.append(folder + "/" + name) }
            }
        }
        return found
    }

    /// Waits for a change, then until the changes have stopped for `settle` seconds (an editor's
    /// save is often several writes), and returns the paths that changed.
    public func next(settle: Double = 0.03) -> Set<String> {
        var changed: Set<String> = []
        while changed.isEmpty { changed.formUnion(read(timeout: -1)) }
        while true {
            let more = read(timeout: Int32(settle * 1000))
            if more.isEmpty { break }
            changed.formUnion(more)
        }
        return changed
    }

    /// The changes that arrive within `timeout` milliseconds (-1: waits for the first).
    private func read(timeout: Int32) -> Set<String> {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, timeout)
        guard ready > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        var changed: Set<String> = []
        var newFolder = false
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let wd = raw.load(fromByteOffset: offset, as: Int32.self)
                let mask = raw.load(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(raw.load(fromByteOffset: offset + 12, as: UInt32.self))
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = raw[nameStart..<min(nameStart + length, count)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset = nameStart + length
                if mask & UInt32(IN_IGNORED) != 0, let gone = watches.removeValue(forKey: wd) {
                    watchedFolders.remove(gone.folder)
                    continue
                }
                guard let watch = watches[wd] else { continue }
                if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                    changed.insert(watch.folder)
                    continue
                }
                guard !name.hasPrefix(".") else { continue }
                if let only = watch.only, !only.contains(name) { continue }
                if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { newFolder = true }
                changed.insert(watch.folder + "/" + name)
            }
        }
        if newFolder || changed.contains(where: { watchedFolders.contains($0) }) { addWatches() }
        return changed
    }
}
