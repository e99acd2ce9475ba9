import CSystem
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
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        guard keydocs_spawn_attributes(&attributes) == 0 else {
            throw EngineError(engine: executable, reason: "cannot set up the child process")
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
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
        while open[0] || open[1] {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                result.timedOut = true
                break
            }
            if let memoryLimit {
                let (used, members) = ProcessTree.memory(of: pid)
                tree = members
                if used > memoryLimit {
                    result.overMemory = true
                    break
                }
            }
            for i in 0..<2 { fds[i].fd = open[i] ? (i == 0 ? outPipe[0] : errPipe[0]) : -1 }
            let wait = memoryLimit == nil ? min(remaining * 1000, 1000) : min(remaining * 1000, 20)
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
        result.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return result
    }
}

/// The processes a process started, found through `/proc`.
enum ProcessTree {
    static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// The memory `root` and its descendants use together (resident pages less those shared
    /// with files), and their process ids.
    static func memory(of root: pid_t) -> (bytes: Int, members: [pid_t]) {
        var children: [pid_t: [pid_t]] = [:]
        guard let folder = opendir("/proc") else { return (0, []) }
        defer { closedir(folder) }
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = pid_t(name), let parent = parent(of: pid) else { continue }
            children[parent, default: []].append(pid)
        }
        var members: [pid_t] = []
        var pending = [root]
        while let next = pending.popLast() {
            members.append(next)
            pending += children[next] ?? []
        }
        var bytes = 0
        for member in members {
            guard let statm = read("/proc/\(member)/statm") else { continue }
            let fields = statm.split(separator: " ")
            if fields.count > 2, let resident = Int(fields[1]), let shared = Int(fields[2]) {
                bytes += max(0, resident - shared) * pageSize
            }
        }
        return (bytes, members)
    }

    /// The parent of `pid`: the fourth field of its stat line, after the command's name.
    static func parent(of pid: pid_t) -> pid_t? {
        guard let stat = read("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }

    private static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
    }
}
