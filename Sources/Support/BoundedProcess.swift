import CSystem
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program in a session of its own with a time limit and a cap on what it may print.
/// Output is read as it comes and the program is killed, with its whole process group, as soon
/// as it passes the cap or the deadline: memory stays bounded whatever the program does.
public struct BoundedProcess: Sendable {
    /// What the program printed and how it ended.
    public struct Result: Sendable {
        /// Its standard output, at most `outputLimit` bytes.
        public var stdout: [UInt8] = []
        /// Its standard error, at most `stderrLimit` bytes.
        public var stderr: [UInt8] = []
        /// Its exit status, or 128 + the signal that ended it.
        public var status: Int32 = -1
        /// It ran past `timeout` and was killed.
        public var timedOut = false
        /// It printed more than `outputLimit` and was killed.
        public var overLimit = false
        /// The program's processes together used more memory than `memoryLimit`.
        public var overMemory = false
        /// The reader of its output asked for it to stop, and it was killed.
        public var stopped = false
    }

    /// What `run(reading:)` does with each piece of standard output as it arrives.
    public enum ReadDecision {
        /// Go on reading.
        case more
        /// Stop the program: what it prints next cannot change what the reader has found.
        case stop
    }

    /// The program's path.
    public let executable: String
    /// Its arguments.
    public let arguments: [String]
    /// Its whole environment.
    public let environment: [String: String]
    /// Seconds it may run.
    public let timeout: TimeInterval
    /// Bytes of standard output kept; more ends the program.
    public let outputLimit: Int
    /// Bytes of standard error kept; more are read and dropped.
    public let stderrLimit = 16_384
    /// Bytes of memory that the program and every process it starts may use together (their
    /// resident memory less what they share with files); nil for no limit.
    public var memoryLimit: Int? = nil
    /// Bytes the program reads from descriptor 3 (a file in memory, not on its command line,
    /// where any process may read it); nil for none.
    public var descriptor3: [UInt8]? = nil

    /// A program to run with these bounds.
    public init(executable: String, arguments: [String], environment: [String: String], timeout: TimeInterval,
                outputLimit: Int, memoryLimit: Int? = nil, descriptor3: [UInt8]? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.timeout = timeout
        self.outputLimit = outputLimit
        self.memoryLimit = memoryLimit
        self.descriptor3 = descriptor3
    }

    /// Runs the program to its end or its bounds.
    public func run() throws(EngineError) -> Result {
        var stdout: [UInt8] = []
        var result = try run { piece in
            stdout.append(contentsOf: piece)
            return .more
        }
        result.stdout = stdout
        return result
    }

    /// Runs the program to its end, its bounds or the reader's stop, handing each piece of
    /// standard output to `reader` as it arrives, and an empty piece whenever a wait for output
    /// ends without any, so that the reader may stop the program for a reason of its own
    /// (`stdout` of the result stays empty; the pieces together are at most `outputLimit` bytes).
    /// In steps: start it, read it within its bounds, end it.
    public func run(reading reader: (ArraySlice<UInt8>) -> ReadDecision) throws(EngineError) -> Result {
        let child = try start()
        defer { child.cgroup?.remove() }
        var (result, tree) = readOutput(child, reader)
        end(child, tree: tree, &result)
        return result
    }

    /// A started program: its process id, the read ends of its standard output and error, and
    /// its memory cgroup when one was made.
    private struct Child {
        let pid: pid_t
        let stdout: Int32
        let stderr: Int32
        let cgroup: MemoryCgroup?
    }

    /// Starts the program in a session of its own, with /dev/null for input, pipes for output,
    /// `descriptor3` on descriptor 3, and no other descriptor of keydocs'.
    private func start() throws(EngineError) -> Child {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        // Close-on-exec, so that a process another thread starts meanwhile does not hold the write
        // ends open (its reader would then wait for that process to end).
        guard keydocs_pipe_cloexec(&outPipe) == 0, keydocs_pipe_cloexec(&errPipe) == 0 else {
            throw EngineError(engine: executable, reason: "cannot create pipes: \(String(cString: strerror(errno)))")
        }
        func closePipes() { close(outPipe[0]); close(outPipe[1]); close(errPipe[0]); close(errPipe[1]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var memoryFile: Int32 = -1
        if let descriptor3 {
            memoryFile = descriptor3.withUnsafeBytes { keydocs_memory_file($0.baseAddress, $0.count) }
            guard memoryFile >= 0 else {
                closePipes()
                throw EngineError(engine: executable, reason: "cannot create its input: \(String(cString: strerror(errno)))")
            }
            posix_spawn_file_actions_adddup2(&actions, memoryFile, 3)
        }
        defer { if memoryFile >= 0 { close(memoryFile) } }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        // The program gets these descriptors and no other: whatever keydocs was started with (a
        // CI runner's pipes, a file its caller redirected) stays out of its reach.
        guard keydocs_spawn_close_from(&actions, descriptor3 == nil ? 3 : 4) == 0 else {
            closePipes()
            throw EngineError(engine: executable, reason: "cannot set up the child's descriptors")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        guard keydocs_spawn_attributes(&attributes) == 0 else {
            closePipes()
            throw EngineError(engine: executable, reason: "cannot set up the child process")
        }

        // The kernel's bound, where keydocs may make a cgroup: the watchdog in `readOutput` stays as the
        // bound elsewhere, and catches what the cgroup does not count.
        let cgroup = memoryLimit.flatMap { MemoryCgroup.make(limit: $0) }
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
            cgroup?.remove()
            throw EngineError(engine: executable, reason: "cannot start: \(String(cString: strerror(spawned)))")
        }
        return Child(pid: pid, stdout: outPipe[0], stderr: errPipe[0], cgroup: cgroup)
    }

    /// Reads the child's output until it closes both, or a bound is passed (time, output,
    /// memory), or the reader stops it; what it found, and the processes of its tree last seen.
    private func readOutput(_ child: Child, _ reader: (ArraySlice<UInt8>) -> ReadDecision) -> (Result, tree: [pid_t]) {
        var result = Result()
        var printed = 0
        var fds = [pollfd(fd: child.stdout, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: child.stderr, events: Int16(POLLIN), revents: 0)]
        var open = [true, true]
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
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
                let (used, members) = ProcessTree.memory(of: child.pid)
                tree = members
                if used > memoryLimit {
                    result.overMemory = true
                    break
                }
            }
            for i in 0..<2 { fds[i].fd = open[i] ? (i == 0 ? child.stdout : child.stderr) : -1 }
            let wait = memoryLimit == nil ? min(remaining * 1000, 1000) : min(remaining * 1000, 50)
            let ready = poll(&fds, 2, Int32(wait) + 1)
            if ready < 0 && errno != EINTR { break }
            if open[0] && fds[0].revents == 0, reader([]) == .stop {
                result.stopped = true
                break
            }
            for i in 0..<2 where open[i] && fds[i].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n <= 0 {
                    open[i] = false
                    continue
                }
                if i == 0 {
                    let kept = min(n, outputLimit - printed)
                    printed += n
                    if printed > outputLimit { result.overLimit = true }
                    if kept > 0, reader(buffer[0..<kept]) == .stop { result.stopped = true }
                } else if result.stderr.count < stderrLimit {
                    result.stderr.append(contentsOf: buffer[0..<min(n, stderrLimit - result.stderr.count)])
                }
            }
            if result.overLimit || result.stopped { break }
        }
        return (result, tree)
    }

    /// Ends the child: kills its group and every process of its `tree` when a bound ended the
    /// read, closes its output, reaps it, and takes its exit status.
    private func end(_ child: Child, tree: [pid_t], _ result: inout Result) {
        let killed = result.timedOut || result.overLimit || result.overMemory || result.stopped
        if killed {
            kill(-child.pid, SIGKILL)
            for member in tree { kill(member, SIGKILL) }
            kill(child.pid, SIGKILL)
        }
        close(child.stdout)
        close(child.stderr)
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
        if killed { kill(-child.pid, SIGKILL) }
        if let cgroup = child.cgroup, cgroup.outOfMemoryKills > 0 { result.overMemory = true }
        result.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
