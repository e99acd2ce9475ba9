import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The processes a process started, found through `/proc`.
public enum ProcessTree {
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// The memory `root` and its descendants use together (resident pages less those shared
    /// with files), and their process ids. Descendants come from each process's `children`
    /// list, which is a few reads a poll; where the kernel has no such list, from every
    /// process's parent in `/proc`.
    public static func memory(of root: pid_t) -> (bytes: Int, members: [pid_t]) {
        var members: [pid_t] = []
        var pending = [root]
        var scanned: [pid_t: [pid_t]]?
        while let next = pending.popLast() {
            members.append(next)
            if let children = children(of: next) {
                pending += children
            } else {
                if scanned == nil { scanned = parents() }
                pending += scanned?[next] ?? []
            }
        }
        var bytes = 0
        var buffer = [UInt8](repeating: 0, count: 256)
        for member in members {
            guard let count = read("/proc/\(member)/statm", into: &buffer) else { continue }
            // statm: size resident shared …, in pages.
            var fields: [Int] = []
            var value = 0, inNumber = false
            for byte in buffer[0..<count] {
                if byte >= 48 && byte <= 57 {
                    value = value * 10 + Int(byte - 48)
                    inNumber = true
                } else if inNumber {
                    fields.append(value)
                    value = 0
                    inNumber = false
                    if fields.count == 3 { break }
                }
            }
            if fields.count == 3 { bytes += max(0, fields[1] - fields[2]) * pageSize }
        }
        return (bytes, members)
    }

    /// The children of `pid`'s main thread, or nil when the kernel does not list them.
    static func children(of pid: pid_t) -> [pid_t]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        guard let count = read("/proc/\(pid)/task/\(pid)/children", into: &buffer) else {
            return FileManager.default.fileExists(atPath: "/proc/\(pid)") && !FileManager.default.fileExists(atPath: "/proc/\(pid)/task/\(pid)/children") ? nil : []
        }
        return buffer[0..<count].split(separator: 32).compactMap { pid_t(String(decoding: $0, as: UTF8.self)) }
    }

    /// Every process's children, by parent, from `/proc/*/stat`.
    static func parents() -> [pid_t: [pid_t]] {
        var children: [pid_t: [pid_t]] = [:]
        guard let folder = opendir("/proc") else { return [:] }
        defer { closedir(folder) }
        var buffer = [UInt8](repeating: 0, count: 512)
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = pid_t(name), let count = read("/proc/\(pid)/stat", into: &buffer),
                  let close = buffer[0..<count].lastIndex(of: UInt8(ascii: ")")) else { continue }
            // After the command's name: state, then the parent.
            let fields = buffer[(close + 1)..<count].split(separator: 32)
            if fields.count > 1, let parent = pid_t(String(decoding: fields[1], as: UTF8.self)) {
                children[parent, default: []].append(pid)
            }
        }
        return children
    }

    /// Reads a small `/proc` file into `buffer`; the byte count, or nil when it cannot be read.
    private static func read(_ path: String, into buffer: inout [UInt8]) -> Int? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return n >= 0 ? n : nil
    }
}
