import Foundation

/// The process a starting server runs (its bootstrap, then the server), for an interrupt to
/// stop. Once stopped, nothing more is launched: an interrupt that comes between two launches
/// must not leave a server running, writing into a folder that is being removed.
final class StartingProcess: @unchecked Sendable {
    private let lock = NSLock()
    private var pid: pid_t = 0
    private var stopped = false

    /// Starts `command` unless an interrupt came first: with `input` on its standard input, its
    /// output dropped, and an environment of a search path and the C locale only.
    func launch(_ command: [String], input: FileHandle = .nullDevice) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try lock.withLock {
            guard !stopped else { throw CancellationError() }
            try process.run()
            pid = process.processIdentifier
        }
        return process
    }

    /// Kills what runs and waits until it is gone; nothing is launched after this.
    func kill() {
        let pid = lock.withLock { () -> pid_t in
            stopped = true
            return self.pid
        }
        guard pid > 0 else { return }
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// The last line of the MariaDB log at `log` that reports an error, or nil.
    static func lastError(in log: URL) -> String? {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").last { $0.contains("ERROR") }.map(String.init)
    }
}
