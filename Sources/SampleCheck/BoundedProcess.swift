import CSystem
import Database
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in a session of its own with a time limit and a cap on what it may print.
/// Output is read as it comes and the program is killed, with its whole process group, as soon
/// as it passes the cap or the deadline: memory stays bounded whatever the program does.
struct BoundedProcess {
    struct Result {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var status: Int32 = -1
        var timedOut = false
        var overLimit = false
        /// The program's processes together used more memory than `memoryLimit`.
        var overMemory = false
    }

    let executable: String
    let arguments: [String]
    let environment: [String: String]
    let timeout: TimeInterval
    let outputLimit: Int
    let stderrLimit = 16_384
    /// Bytes of memory that the program and every process it starts may use together (their
    /// resident memory less what they share with files); nil for no limit.
    var memoryLimit: Int? = nil
    /// Bytes the program reads from descriptor 3 (a file in memory, not on its command line,
    /// where any process may read it); nil for none.
    var descriptor3: [UInt8]? = nil

    func run() throws(EngineError) -> Result {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        // Close-on-exec, so that a process another thread starts meanwhile does not hold the write
        // ends open (its reader would then wait for that process to end).
        guard keydocs_pipe_cloexec(&outPipe) == 0, keydocs_pipe_cloexec(&errPipe) == 0 else {
            throw EngineError(engine: executable, reason: "cannot create pipes: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var memoryFile: Int32 = -1
        if let descriptor3 {
            memoryFile = descriptor3.withUnsafeBytes { keydocs_memory_file($0.baseAddress, $0.count) }
            guard memoryFile >= 0 else {
                close(outPipe[0]); close(outPipe[1]); close(errPipe[0]); close(errPipe[1])
                throw EngineError(engine: executable, reason: "cannot create its input: \(String(cString: strerror(errno)))")
            }
            posix_spawn_file_actions_adddup2(&actions, memoryFile, 3)
        }
        defer { if memoryFile >= 0 { close(memoryFile) } }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        guard keydocs_spawn_attributes(&attributes) == 0 else {
            throw EngineError(engine: executable, reason: "cannot set up the child process")
        }

        // The kernel's bound, where keydocs may make a cgroup: the watchdog below stays as the
        // bound elsewhere, and catches what the cgroup does not count.
        let cgroup = memoryLimit.flatMap { MemoryCgroup.make(limit: $0) }
        defer { cgroup?.remove() }
        let command = cgroup?.wrapping([executable] + arguments) ?? [executable] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw EngineError(engine: executable, reason: "cannot start: \(String(cString: strerror(spawned)))")
        }

        var result = Result()
        var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)]
        var open = [true, true]
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        var killed = false
        var tree: [pid_t] = []
        var lastMemoryCheck = Date.distantPast
        while open[0] || open[1] {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                result.timedOut = true
                break
            }
            if let memoryLimit, Date().timeIntervalSince(lastMemoryCheck) >= 0.025 {
                lastMemoryCheck = Date()
                let (used, members) = ProcessTree.memory(of: pid)
                tree = members
                if used > memoryLimit {
                    result.overMemory = true
                    break
                }
            }
            for i in 0..<2 { fds[i].fd = open[i] ? (i == 0 ? outPipe[0] : errPipe[0]) : -1 }
            let wait = memoryLimit == nil ? min(remaining * 1000, 1000) : min(remaining * 1000, 50)
            let ready = poll(&fds, 2, Int32(wait) + 1)
            if ready < 0 && errno != EINTR { break }
            for i in 0..<2 where open[i] && fds[i].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n <= 0 {
                    open[i] = false
                    continue
                }
                if i == 0 {
                    result.stdout.append(contentsOf: buffer[0..<n])
                    if result.stdout.count > outputLimit {
                        result.overLimit = true
                        result.stdout.removeLast(result.stdout.count - outputLimit)
                    }
                } else if result.stderr.count < stderrLimit {
                    result.stderr.append(contentsOf: buffer[0..<min(n, stderrLimit - result.stderr.count)])
                }
            }
            if result.overLimit { break }
        }
        if result.timedOut || result.overLimit || result.overMemory {
            kill(-pid, SIGKILL)
            for member in tree { kill(member, SIGKILL) }
            kill(pid, SIGKILL)
            killed = true
        }
        close(outPipe[0])
        close(errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if killed { kill(-pid, SIGKILL) }
        if let cgroup, cgroup.outOfMemoryKills > 0 { result.overMemory = true }
        result.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return result
    }
}

/// The processes a process started, found through `/proc`.
enum ProcessTree {
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// The memory `root` and its descendants use together (resident pages less those shared
    /// with files), and their process ids. Descendants come from each process's `children`
    /// list, which is a few reads a poll; where the kernel has no such list, from every
    /// process's parent in `/proc`.
    static func memory(of root: pid_t) -> (bytes: Int, members: [pid_t]) {
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
