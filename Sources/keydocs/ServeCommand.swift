import ArgumentParser
import Dispatch
import DocModel
import Foundation
import Pipeline
import Preview

/// `keydocs serve`: a preview that rebuilds on every change and reloads the open page.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site on 127.0.0.1, rebuilding and reloading on every change.",
        discussion: """
            Builds into a temporary folder and serves it on 127.0.0.1 only. Edits to the docs or \
            the config rebuild the site and reload the open page; check results show on the \
            blocks' badges and in a banner, and a build error is shown in the browser while the \
            server keeps running. Ctrl-C stops it and removes the temporary folder.
            """
    )

    @OptionGroup var options: DocsOptions

    @Option(help: "The port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 8000

    @Flag(help: "Render without running the sample checks.")
    var noCheck = false

    @OptionGroup var engines: EngineOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    /// Whether something already listens on 127.0.0.1:`port`, so that serve can say so at once.
    static func portInUse(_ port: Int) -> Bool {
        guard port > 0 else { return false }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound != 0 && errno == EADDRINUSE
    }

    func run() async throws {
        if Self.portInUse(port) {
            Console.err("keydocs: error: 127.0.0.1:\(port) is in use; choose another port with --port, or --port 0 for a free one")
            throw ExitCode(2)
        }
        guard let folder = makePrivateFolder(prefix: "keydocs-serve-") else {
            Console.err("keydocs: error: cannot create a temporary folder")
            throw ExitCode(2)
        }
        var settings = options.settings(engines: engines, checksSamples: !noCheck)
        // A preview shows every finding as it is; --strict is for CI.
        settings.strict = false
        let build = Build(settings, keepsDatabase: true, progress: options.progressLine())
        let cleanup = Cleanup(folder: folder, build: build)
        cleanup.installSignalHandlers()

        // Watched from before the first build, so that an edit made while it runs is not missed.
        var watched = options.location.watched
        var watch: FileWatch
        do { watch = try Self.watch(watched) } catch {
            Console.err("keydocs: error: cannot watch the docs for changes: \(error)")
            cleanup.run()
            throw ExitCode(2)
        }
        let state = PreviewState(root: folder.appendingPathComponent("site"))
        let preview = PreviewBuild(build: build, state: state)
        let first = await preview.run()
        let server: PreviewServer
        let actualPort: UInt16
        do {
            server = try PreviewServer(state: state, port: UInt16(port))
            actualPort = try await server.start()
        } catch {
            Console.err("keydocs: error: cannot listen on 127.0.0.1:\(port): \(error)")
            cleanup.run()
            throw ExitCode(2)
        }
        Console.err("keydocs: serving http://127.0.0.1:\(actualPort)/ (Ctrl-C to stop)")
        for line in first { Console.err(line) }

        while true {
            let current = watch
            _ = await Self.background { current.next() }
            for line in await preview.run() { Console.err(line) }
            // A config that names another docs folder is watched there from now on.
            let now = options.location.watched
            if now != watched, let moved = try? Self.watch(now) {
                (watch, watched) = (moved, now)
            }
        }
    }

    /// A watch of the docs folder and the config, saying when the system's limit leaves folders unwatched.
    static func watch(_ watched: (docs: String, config: String)) throws -> FileWatch {
        let watch = try FileWatch(folders: [watched.docs], files: [watched.config])
        if let first = watch.unwatched.first {
            Console.err("keydocs: warning: \(counted(watch.unwatched.count, "folder")) of the docs cannot be watched (the system's limit, "
                        + "sysctl fs.inotify.max_user_watches, is reached): edits there are not seen, starting with \(first)")
        }
        return watch
    }

    /// Runs `body` on a thread of its own, so that the server's tasks go on meanwhile.
    static func background<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }
}

/// One preview build: load, check, render into the preview's folder, publish. Never throws: a
/// problem becomes the error the browser shows.
struct PreviewBuild: Sendable {
    let build: Build
    let state: PreviewState

    /// Builds, publishes the result to `state` (the new site, or the error in its place) and
    /// returns the lines to print: each finding as `check` prints it, then a summary.
    func run() async -> [ConsoleText] {
        await ServeCommand.background { self.runNow() }
    }

    private func runNow() -> [ConsoleText] {
        let started = Date()
        do {
            var shown: [Diagnostic] = []
            let preview = try build.preview(into: state.root.path) { outcome, commit throws(DocError) in
                shown = outcome.diagnostics.filter { $0.severity != .note }
                let problems = shown.map { DiagnosticRenderer.text($0, context: false).description }
                try state.publish(error: nil, problems: problems, commit: commit)
            }
            let outcome = preview.outcome
            var checked = ""
            if let report = outcome.report {
                checked = report.summaryLine + (preview.reusedChecks > 0 ? " (\(preview.reusedChecks) unchanged pages not run again)" : "") + "; "
            }
            let rendered = preview.full ? "rebuilt \(counted(outcome.docs.pages.count, "page"))"
                : "rendered \(counted(preview.rendered, "changed page")) of \(outcome.docs.pages.count)"
            let seconds = String(Date().timeIntervalSince(started), decimals: 2)
            return shown.map { DiagnosticRenderer.text($0, colour: Terminal.colour) }
                + ["keydocs: \(checked)\(rendered) in \(seconds) s, \(counted(shown.count, "problem"))"]
        } catch {
            build.progress(nil)
            let message = error.description
            state.publish(error: message, problems: []) {}
            return ["keydocs: build failed: \(message)"]
        }
    }
}

/// What `keydocs serve` removes when it stops: the temporary folder and the private MariaDB.
final class Cleanup: @unchecked Sendable {
    let folder: URL
    let build: Build
    private let lock = NSLock()
    private var done = false

    init(folder: URL, build: Build) {
        self.folder = folder
        self.build = build
    }

    func run() {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        build.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// On SIGINT, SIGTERM or SIGHUP: clean up before the process exits.
    func installSignalHandlers() {
        Interrupts.shared.add { [self] in
            run()
            Console.err("keydocs: stopped")
        }
    }
}
