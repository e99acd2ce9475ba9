#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A memory cgroup of keydocs' own, inside the one keydocs runs in: the kernel then bounds what
/// a sample's processes (or the private database server) use together, tmpfs pages and all.
/// Made where the machine lets keydocs make one (as root, or in a delegated cgroup); elsewhere
/// `make` returns nil and the callers' own watchdogs are the bound.
public final class MemoryCgroup: @unchecked Sendable {
    /// The cgroup's folder.
    public let path: String
    private let version: Int

    private init(path: String, version: Int) {
        self.path = path
        self.version = version
    }

    /// A new cgroup that may use at most `limit` bytes, swap included; nil where none can be made.
    public static func make(limit: Int) -> MemoryCgroup? {
        guard let (parent, version) = ownCgroup() else { return nil }
        let path = parent + "/keydocs-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(path, 0o700) == 0 else { return nil }
        let group = MemoryCgroup(path: path, version: version)
        let written: Bool
        if version == 2 {
            written = group.write("memory.max", limit) && (group.write("memory.swap.max", 0) || !group.exists("memory.swap.max"))
        } else {
            written = group.write("memory.limit_in_bytes", limit)
                && (group.write("memory.memsw.limit_in_bytes", limit) || !group.exists("memory.memsw.limit_in_bytes"))
        }
        guard written else {
            rmdir(path)
            return nil
        }
        return group
    }

    /// Arguments that run `argv` inside the cgroup: a shell joins it, then becomes the program,
    /// so that every process the program starts is in the cgroup from its first instruction.
    public func wrapping(_ argv: [String]) -> [String] {
        ["/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", path + "/cgroup.procs"] + argv
    }

    /// How many times the kernel killed a process of the cgroup for passing its limit.
    public var outOfMemoryKills: Int {
        let file = version == 2 ? "memory.events" : "memory.oom_control"
        guard let text = try? String(contentsOfFile: path + "/" + file, encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("oom_kill ") {
            return Int(line.dropFirst("oom_kill ".count)) ?? 0
        }
        return 0
    }

    /// Kills whatever still runs in the cgroup and removes it.
    public func remove() {
        for _ in 0..<50 {
            if rmdir(path) == 0 || errno == ENOENT { return }
            let pids = ((try? String(contentsOfFile: path + "/cgroup.procs", encoding: .utf8)) ?? "")
                .split(separator: "\n").compactMap { Int32($0) }
            for pid in pids { kill(pid, SIGKILL) }
            usleep(10_000)
        }
    }

    private func write(_ file: String, _ value: Int) -> Bool {
        let fd = open(path + "/" + file, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let text = String(value)
        return text.withCString { Glibc.write(fd, $0, strlen($0)) } == text.utf8.count
    }

    private func exists(_ file: String) -> Bool { access(path + "/" + file, F_OK) == 0 }

    /// The folder of the memory cgroup this process is in, and the cgroup version; nil when
    /// there is none this process may make a cgroup under.
    static func ownCgroup() -> (String, Int)? {
        guard let text = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n").map { $0.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false) }
        if let v1 = lines.first(where: { $0.count == 3 && $0[1].split(separator: ",").contains("memory") }),
           access("/sys/fs/cgroup/memory", W_OK) == 0 || access("/sys/fs/cgroup/memory" + v1[2], W_OK) == 0 {
            let folder = "/sys/fs/cgroup/memory" + (v1[2] == "/" ? "" : String(v1[2]))
            return access(folder, W_OK) == 0 ? (folder, 1) : nil
        }
        if let v2 = lines.first(where: { $0.count == 3 && $0[0] == "0" && $0[1].isEmpty }),
           let controllers = try? String(contentsOfFile: "/sys/fs/cgroup/cgroup.controllers", encoding: .utf8),
           controllers.split(separator: " ").contains(where: { $0.hasPrefix("memory") }) {
            let folder = "/sys/fs/cgroup" + (v2[2] == "/" ? "" : String(v2[2]))
            let subtree = (try? String(contentsOfFile: folder + "/cgroup.subtree_control", encoding: .utf8)) ?? ""
            return access(folder, W_OK) == 0 && subtree.contains("memory") ? (folder, 2) : nil
        }
        return nil
    }
}
