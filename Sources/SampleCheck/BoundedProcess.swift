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
    }

    let executable: String
    let arguments: [String]
    let environment: [String: String]
    let timeout: TimeInterval
    let outputLimit: Int
    let stderrLimit = 16_384

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
        while open[0] || open[1] {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                result.timedOut = true
                break
            }
            for i in 0..<2 { fds[i].fd = open[i] ? (i == 0 ? outPipe[0] : errPipe[0]) : -1 }
            let ready = poll(&fds, 2, Int32(min(remaining * 1000, 1000)) + 1)
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
        if result.timedOut || result.overLimit {
            kill(-pid, SIGKILL)
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
