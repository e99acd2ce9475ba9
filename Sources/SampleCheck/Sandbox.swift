import Dispatch
import Foundation
import Support

/// Runs shell samples: in bubblewrap (read-only system folders, nothing of the host's home or
/// /etc, private /tmp, no network, a clean environment), or without a sandbox when the user
/// asks for that by name.
public struct Sandbox: Sendable {
    /// How samples run.
    public enum Mode: Sendable, Equatable {
        /// In bubblewrap at this path.
        case bubblewrap(String)
        /// Directly, with a clean environment, when asked for with `--sandbox none`.
        case none
    }

    /// The mode.
    public let mode: Mode
    /// The shell that drives the runs, which they cannot read (nil where no copy could be made).
    var driverShell: DriverShell? { DriverShell.shared }
    /// Seconds one run may take.
    public var perRunSeconds = 5
    /// Bytes one run may print.
    public var perRunOutput = 65_536
    /// Bytes of memory a batch's processes may use together.
    public var memoryLimit = 512 << 20

    /// A sandbox in `mode`.
    public init(mode: Mode) { self.mode = mode }

    /// Finds bubblewrap and checks that it can create a sandbox here.
    public static func detect() -> Result<Sandbox, EngineError> {
        let candidates = ["/usr/bin/bwrap", "/usr/local/bin/bwrap"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return .failure(EngineError(engine: "bubblewrap", reason: "bwrap is not installed (Debian package bubblewrap)"))
        }
        let sandbox = Sandbox(mode: .bubblewrap(path))
        let probe = sandbox.runBatch(script: "printf ok", runs: 1, totalSeconds: 10)
        guard probe.runs.first.map({ String(decoding: $0.output, as: UTF8.self) }) == "ok" else {
            let detail = String(decoding: probe.stderr, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "it printed nothing"
            return .failure(EngineError(engine: "bubblewrap", reason: "bwrap cannot create a sandbox here: \(detail)"))
        }
        return .success(sandbox)
    }

    /// One run's output and exit status.
    public struct Run: Sendable {
        public var output: [UInt8]
        /// The command's exit status, or one of `DriverStatus`'s.
        public var status: Int32
        public var truncated: Bool
        /// What it printed, without the line break that ends it.
        public var text: String {
            var text = String(decoding: output, as: UTF8.self)
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
        /// The watchdog killed it at its time limit.
        public var timedOut: Bool { status == DriverStatus.killed }
        /// It ended with processes of its own still running.
        public var leftProcesses: Bool { status == DriverStatus.leftRunning }
    }

    /// The statuses the batch's driver script reports besides a command's own exit status. The
    /// script is written with these numbers, so that it and the code reading its output agree.
    public enum DriverStatus {
        /// Killed by the watchdog: 128 + SIGKILL, as bash reports a run that signal ended.
        public static let killed: Int32 = 128 + 9
        /// Ended with processes of its group still running (no exit status is that low).
        public static let leftRunning: Int32 = -2
    }

    /// What a batch of runs did.
    public struct Batch: Sendable {
        public var runs: [Run] = []
        public var stderr: [UInt8] = []
        /// The batch as a whole ran out of time or output.
        public var timedOut = false
        public var overLimit = false
        /// The sample's processes together used more than `memoryLimit`.
        public var overMemory = false
        public var failure: String?
    }

    /// The Debian merged-/usr layout, read-only, and nothing else of the host.
    private func bubblewrapArguments(_ path: String) -> [String] {
        var args = ["--ro-bind", "/usr", "/usr"]
        for (link, target) in [("/bin", "usr/bin"), ("/sbin", "usr/sbin"), ("/lib", "usr/lib"), ("/lib64", "usr/lib64"), ("/lib32", "usr/lib32")] {
            if let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: link), destination.hasSuffix(target) {
                args += ["--symlink", target, link]
            } else if FileManager.default.fileExists(atPath: link) {
                args += ["--ro-bind", link, link]
            }
        }
        // The loader's cache spares every program it starts a search of the library folders.
        for optional in ["/etc/alternatives", "/etc/ssl", "/etc/ld.so.cache"] where FileManager.default.fileExists(atPath: optional) {
            args += ["--ro-bind", optional, optional]
        }
        // Every writable file system has a size; /dev and the root are read-only (bubblewrap
        // makes both tmpfs of the kernel's default size: half the machine's memory).
        args += [
            "--dev", "/dev", "--size", String(64 << 10), "--tmpfs", "/dev/shm", "--proc", "/proc",
            "--size", String(64 << 20), "--tmpfs", "/tmp", "--size", String(16 << 20), "--tmpfs", "/home/sample",
        ]
        if let driverShell { args += ["--ro-bind", driverShell.path, Self.driverPath] }
        args += [
            "--remount-ro", "/dev", "--remount-ro", "/",
            "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/home/sample", "--setenv", "LC_ALL", "C",
            "--chdir", "/tmp",
        ]
        return args
    }

    /// Runs `script` `runs` times, each run in a fresh `bash -c` with its own time and output
    /// limits, in one sandbox. Outputs are separated by a marker the script cannot know.
    public func runBatch(script: String, runs: Int, totalSeconds: Double) -> Batch {
        runBatch(script: script, runs: runs, totalSeconds: totalSeconds, memory: memoryLimit)
    }

    /// `runBatch` with `memory` for the batch's processes together, stopped as soon as a run
    /// `settles` the verdict or `stop` is raised by another part of the same batch.
    func runBatch(script: String, runs: Int, totalSeconds: Double, memory: Int,
                  settles: (@Sendable (Run) -> Bool)? = nil, stop: StopSignal? = nil) -> Batch {
        var marker = "\u{1e}keydocs-"
        for _ in 0..<4 { marker += String(UInt32.random(in: 0...UInt32.max), radix: 16) }
        marker += "\u{1e}"
        let driver = driverScript(script: script, runs: runs, marker: marker)
        let (executable, prefix) = launcher()
        let process = BoundedProcess(
            executable: executable,
            arguments: prefix + ["-c", ". /dev/fd/3"],
            environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C", "HOME": "/tmp"],
            timeout: totalSeconds,
            outputLimit: runs * (perRunOutput + 1 + marker.utf8.count * 2 + 8),
            memoryLimit: memory,
            descriptor3: Array(driver.utf8))
        var batch = Batch()
        var reader = RunReader(marker: Array(marker.utf8), perRunOutput: perRunOutput)
        var settled = false
        let result: BoundedProcess.Result
        do {
            result = try process.run { piece in
                let finished = reader.read(piece)
                if let settles, !settled { settled = reader.runs[finished].contains(where: settles) }
                // Two runs at least, so that a command that prints the same key every time is
                // told so, whatever else is wrong with the key.
                if settled && reader.runs.count >= 2 {
                    stop?.raise()
                    return .stop
                }
                return stop?.isRaised == true ? .stop : .more
            }
        } catch {
            batch.failure = error.description
            return batch
        }
        // A part that ended on its own with a run that settles the verdict stops the others.
        if settled { stop?.raise() }
        batch.runs = reader.runs
        batch.stderr = result.stderr
        batch.timedOut = result.timedOut
        batch.overLimit = result.overLimit
        batch.overMemory = result.overMemory
        return batch
    }

    /// The script that makes a batch's runs, printing each run's output and status followed by
    /// `marker`.
    private func driverScript(script: String, runs: Int, marker: String) -> String {
        // Every run starts as the first does: a subshell with no arguments, none of this script's
        // variables or functions, its own time limit and a process group of its own (a fork,
        // not a new bash for every run). A run that leaves processes running is reported (DriverStatus.leftRunning), its group
        // is killed at once (so nothing it left holds the batch's output open), and the batch
        // ends, as it does when the first run fails: the finding is made, and a failing command
        // is not run again. A run that prints more than its limit is found when the output is
        // split, the batch's whole output being capped by the caller. Limits for the sandbox's
        // processes: how many (no fork bomb), how much memory each, how large a file.
        // The driver, the runs, the script and the marker reach bash on descriptor 3, which it
        // closes first: nothing on a command line that /proc shows the sample.
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return """
            # The runs' errors go to the batch's stderr (descriptor 4 here); the driver's own
            # (job control's notices of runs that failed) go nowhere.
            exec 3<&- 4>&2 2>/dev/null
            set -- \(runs) \(quoted(script)) \(quoted(marker))
            ulimit -u \(Self.processLimit) -v 1048576 -f 65536 2>/dev/null
            # Whether a process of the run's group is still running (a zombie waits only to be reaped).
            alive() {
              for f in /proc/[0-9]*/stat; do
                read -r s < "$f" 2>/dev/null || continue
                set -- ${s##*) }
                [ "$3" = "$run" ] && [ "$1" != Z ] && return 0
              done
              return 1
            }
            # One watchdog for the batch kills a run's group once it has run its time: cheaper than
            # a timeout process for every run. Job control gives every run a group of its own, led
            # by the run's first process, whose start time (in clock ticks since boot) the kernel
            # keeps: the runs tell the watchdog nothing, and nothing is written for them.
            hz=\(Self.clockTicks)
            limit=$((\(perRunSeconds) * hz))
            ( while sleep 0.5; do
                read -r up u < /proc/uptime
                up=${up/./}
                for f in /proc/[0-9]*/stat; do
                  read -r s < "$f" 2>/dev/null || continue
                  p=${f#/proc/}
                  p=${p%/stat}
                  set -- ${s##*) }
                  # $3: the process's group; $4: its session, the driver's; ${20}: its start time.
                  [ "$4" = "$$" ] && [ "$3" = "$p" ] && [ "$p" != "$$" ] \
                    && [ $((up * hz / 100 - ${20})) -ge "$limit" ] && kill -KILL -- "-$p" 2>/dev/null
                done
              done ) &
            watch=$!
            trap 'kill -KILL "$watch" 2>/dev/null' EXIT
            set -m
            n=0
            while [ "$n" -lt "$1" ]; do
              ( set +m; eval "set --; unset -v n run status hz limit watch up u f s p; unset -f alive; $2" ) </dev/null 2>&4 4>&- &
              run=$!
              wait "$run"
              status=$?
              if kill -0 -- "-$run" 2>/dev/null; then
                [ "$status" -ne \(DriverStatus.killed) ] && alive && status=\(DriverStatus.leftRunning)
                kill -KILL -- "-$run" 2>/dev/null
              fi
              printf '%s%s%s' "$3" "$status" "$3"
              [ "$status" = \(DriverStatus.leftRunning) ] && exit 0
              [ "$n" -eq 0 ] && [ "$status" -ne 0 ] && exit 0
              n=$((n+1))
            done
            """
    }

    /// The program that starts the driver, and its arguments before bash's own.
    private func launcher() -> (executable: String, prefix: [String]) {
        switch mode {
        case .bubblewrap(let path):
            // bash is the sandbox's first process: /proc/1 shows a shell, not bubblewrap's arguments.
            let sandbox = bubblewrapArguments(path) + ["--as-pid-1", "--", driverShell == nil ? "/usr/bin/bash" : Self.driverPath]
            // As root, each batch runs as a user of its own that owns nothing on the host: root
            // is exempt from the process limit, and a user of its own keeps one batch's processes
            // from counting against another's.
            if geteuid() == 0, let command = RunAs.command([path] + sandbox, user: RunAs.newUserID()), let setpriv = command.first {
                return (setpriv, Array(command.dropFirst()))
            } else {
                return (path, sandbox)
            }
        case .none: return (driverShell?.path ?? "/usr/bin/bash", [])
        }
    }

    /// Where the driver's shell is in the sandbox.
    static let driverPath = "/bash"

    /// A copy of bash that may be run but not read. Linux makes a process that runs a program
    /// its user cannot read undumpable, and keeps it so in the processes it forks: the runs,
    /// which run as the same user, can neither trace the driver nor open its memory, its
    /// descriptors or its environment in /proc, so they cannot learn the marker that frames
    /// their output or change what the driver does. What a run starts is readable again and
    /// traceable only by the run's own processes. One copy serves the process, and goes when
    /// it ends or is interrupted.
    final class DriverShell: Sendable {
        let path: String
        private let folder: String

        private init(folder: String) {
            self.folder = folder
            path = folder + "/bash"
        }

        /// The process's copy, in a folder others may pass through but not list; nil where it
        /// cannot be made.
        static let shared: DriverShell? = {
            guard let folder = makePrivateFolder(prefix: "keydocs-"), chmod(folder.path, 0o711) == 0 else { return nil }
            let shell = DriverShell(folder: folder.path)
            _ = Interrupts.shared.add { removeFolder(folder.path) }
            atexit { DriverShell.shared.map { removeFolder($0.folder) } }
            guard (try? FileManager.default.copyItem(atPath: "/usr/bin/bash", toPath: shell.path)) != nil,
                  chmod(shell.path, 0o111) == 0 else {
                removeFolder(folder.path)
                return nil
            }
            return shell
        }()
    }

    /// Raised by the part of a batch whose run settles the verdict; every part stops at it.
    final class StopSignal: @unchecked Sendable {
        private let lock = NSLock()
        private var raised = false
        var isRaised: Bool { lock.withLock { raised } }
        func raise() { lock.withLock { raised = true } }
    }

    /// Splits a batch's output into runs as it arrives: each run's output, then its status,
    /// each followed by the marker.
    struct RunReader {
        let marker: [UInt8]
        let perRunOutput: Int
        private var bytes: [UInt8] = []
        /// Where the bytes not yet split begin, and where the next marker may begin.
        private var start = 0, searchFrom = 0
        /// The output of the run whose status comes next (one byte over the limit, to tell).
        private var output: [UInt8]?
        /// The runs read so far.
        private(set) var runs: [Run] = []

        init(marker: [UInt8], perRunOutput: Int) {
            self.marker = marker
            self.perRunOutput = perRunOutput
        }

        /// Reads `piece`; returns the positions in `runs` of the runs it finished.
        mutating func read(_ piece: ArraySlice<UInt8>) -> Range<Int> {
            let before = runs.count
            bytes.append(contentsOf: piece)
            while let at = bytes.withUnsafeBufferPointer({ ByteSearch.find(marker, in: $0, from: searchFrom) }) {
                let part = bytes[start..<at]
                if let finished = output {
                    runs.append(Run(output: Array(finished.prefix(perRunOutput)),
                                    status: Int32(String(decoding: part, as: UTF8.self)) ?? -1,
                                    truncated: finished.count > perRunOutput))
                    output = nil
                } else {
                    output = Array(part.prefix(perRunOutput + 1))
                }
                start = at + marker.count
                searchFrom = start
            }
            searchFrom = max(start, bytes.count - marker.count + 1)
            // What is split is dropped once it is most of what is held.
            if start > 4096 && start * 2 > bytes.count {
                bytes.removeFirst(start)
                searchFrom -= start
                start = 0
            }
            return before..<runs.count
        }
    }


    /// The kernel's clock ticks a second, the unit of a process's start time in /proc.
    static let clockTicks = max(1, sysconf(Int32(_SC_CLK_TCK)))

    /// The most processes the sandbox's user may have: 256 more than it has now (none, for a
    /// user of the sandbox's own).
    static let processLimit: Int = {
        if RunAs.isAvailable { return 256 }
        let uid = Int(geteuid())
        var count = 0
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where entry.allSatisfy(\.isNumber) {
            guard let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
                  let real = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first else { continue }
            if Int(real) == uid { count += 1 }
        }
        return count + 256
    }()

    /// Runs a batch split into two sandboxes a core, all at once, so that one starting (most of
    /// its time spent waiting on the kernel) overlaps another running; the sample's memory limit
    /// is shared out between them, so that its processes together stay within it.
    ///
    /// When a run `settles` the verdict (a generator that printed one bad key fails whatever
    /// the other runs print), every part stops and the runs not yet made are not made.
    public func runParallel(script: String, runs: Int, totalSeconds: Double, settles: (@Sendable (Run) -> Bool)? = nil) -> Batch {
        let workers = max(1, min(2 * ProcessInfo.processInfo.activeProcessorCount, runs / 20))
        let stop = StopSignal()
        guard workers > 1 else {
            return runBatch(script: script, runs: runs, totalSeconds: totalSeconds, memory: memoryLimit, settles: settles, stop: stop)
        }
        let parts = ConcurrentResults<Batch>(count: workers)
        let group = DispatchGroup()
        for w in 0..<workers {
            let share = runs / workers + (w < runs % workers ? 1 : 0)
            group.enter()
            Thread {
                parts.set(w, runBatch(script: script, runs: share, totalSeconds: totalSeconds, memory: memoryLimit / workers,
                                      settles: settles, stop: stop))
                group.leave()
            }.start()
        }
        group.wait()
        var merged = Batch()
        for part in parts.values {
            merged.runs += part.runs
            if merged.stderr.isEmpty { merged.stderr = part.stderr }
            merged.timedOut = merged.timedOut || part.timedOut
            merged.overLimit = merged.overLimit || part.overLimit
            merged.overMemory = merged.overMemory || part.overMemory
            merged.failure = merged.failure ?? part.failure
        }
        return merged
    }
}
