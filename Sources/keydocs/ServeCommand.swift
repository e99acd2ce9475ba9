import ArgumentParser
import Dispatch
import DocModel
import Foundation
import Pipeline
import Preview
import Support

/// `keydocs serve`: a preview that rebuilds on every change and reloads the open page.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site on 127.0.0.1, rebuilding and reloading on every change.",
        discussion: """
            Builds into a temporary folder and serves it on a loopback address only (127.0.0.1, or \
            another that -a/--dev-addr names). Edits to the docs or the config rebuild the site and \
            reload the open page; check results show on the blocks' badges and in a banner, and a \
            build error is shown in the browser while the server keeps running. Ctrl-C stops it and \
            removes the temporary folder.
            """
    )

    @OptionGroup var options: DocsOptions

    @Option(help: "The port on 127.0.0.1 (default: 8000; 0 picks a free one).")
    var port: Int?

    @Option(name: [.customShort("a"), .customLong("dev-addr")], help: ArgumentHelp("""
        mkdocs' address to serve on, IP:PORT: only a loopback address (127.0.0.1, another 127.x.x.x, localhost or \
        [::1]), since the preview shows unpublished pages.
        """, valueName: "IP:PORT"))
    var devAddr: String?

    @Flag(help: "Render without running the sample checks.")
    var noCheck = false

    @OptionGroup var mkdocs: MkdocsOptions

    @OptionGroup var engines: EngineOptions

    func validate() throws {
        try mkdocs.validate(with: options)
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if port != nil && devAddr != nil { throw ValidationError("--port and -a/--dev-addr both name the port; give one of them") }
        _ = try address()
    }

    /// Where to listen: `-a`'s loopback address, else 127.0.0.1 with `--port` or 8000.
    func address() throws -> ListenAddress {
        guard let devAddr else { return ListenAddress(port: UInt16(port ?? 8000)) }
        switch ListenAddress.parse(devAddr) {
        case .success(let address): return address
        case .failure(let refusal): throw ValidationError(refusal.description)
        }
    }

    func run() async throws {
        mkdocs.noteIgnored()
        let address = try address()
        if address.inUse {
            Console.err("keydocs: error: \(address.url(port: address.port)) is in use; choose another port with --port, or --port 0 for a free one")
            throw ExitCode(2)
        }
        guard let folder = makePrivateFolder(prefix: "keydocs-serve-") else {
            Console.err("keydocs: error: cannot create a temporary folder")
            throw ExitCode(2)
        }
        var settings = mkdocs.settings(options, engines: engines, checksSamples: !noCheck)
        // A preview shows every finding as it is; --strict is for CI.
        settings.strict = false
        let build = Build(settings, keepsDatabase: true, progress: options.progressLine())
        let cleanup = Cleanup(folder: folder, build: build)
        cleanup.installSignalHandlers()

        // Watched from before the first build, so that an edit made while it runs is not missed.
        let location = mkdocs.location(options)
        var watched = location.watched
        var watch: FileWatch
        do { watch = try Self.watch(watched) } catch {
            Console.err("keydocs: error: cannot watch the docs for changes: \(error)")
            cleanup.run()
            throw ExitCode(2)
        }
        let state = PreviewState(root: folder.appendingPathComponent("site"))
        let preview = PreviewBuild(build: build, state: state, mkdocs: mkdocs)
        let first = await preview.run()
        let server: PreviewServer
        let actualPort: UInt16
        do {
            server = try PreviewServer(state: state, address: address)
            actualPort = try await server.start()
        } catch {
            Console.err("keydocs: error: cannot listen on \(address.url(port: address.port)): \(error)")
            cleanup.run()
            throw ExitCode(2)
        }
        Console.err("keydocs: serving http://\(address.url(port: actualPort))/ (Ctrl-C to stop)")
        for line in first { Console.err(line) }

        while true {
            let current = watch
            _ = await Self.background { current.next() }
            for line in await preview.run() { Console.err(line) }
            // A config that names another docs folder is watched there from now on.
            let now = location.watched
            if now != watched, let moved = try? Self.watch(now) {
                (watch, watched) = (moved, now)
            }
        }
    }

    /// A watch of the docs folder, the config and the redirects folder (by its name too, so that
    /// one made later is seen), saying when the system's limit leaves folders unwatched.
    static func watch(_ watched: (docs: String, config: String, redirects: String)) throws -> FileWatch {
        let watch = try FileWatch(folders: [watched.docs, watched.redirects], files: [watched.config, watched.redirects])
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
    /// mkdocs' options: `--verbose` prints the notes and each block's outcome too.
    let mkdocs: MkdocsOptions

    /// Builds, publishes the result to `state` (the new site, or the error in its place) and
    /// returns the lines to print: each finding as `check` prints it, then a summary.
    func run() async -> [ConsoleText] {
        await ServeCommand.background { self.runNow() }
    }

    private func runNow() -> [ConsoleText] {
        let started = Date()
        do {
            var shown: [Diagnostic] = []
            var printed: [Diagnostic] = []
            let preview = try build.preview(into: state.root.path) { outcome, commit throws(DocError) in
                shown = outcome.diagnostics.filter { $0.severity != .note }
                printed = mkdocs.verbose ? outcome.diagnostics : shown
                let problems = shown.map { DiagnosticRenderer.text($0, context: false).description }
                try state.publish(error: nil, problems: problems, commit: commit)
            }
            let outcome = preview.outcome
            var checked = ""
            if let report = outcome.report {
                checked = report.summaryLine + "; "
            }
            let rendered = preview.full ? "rebuilt \(counted(outcome.docs.pages.count, "page"))"
                : "rendered \(counted(preview.rendered, "changed page")) of \(outcome.docs.pages.count)"
            let seconds = String(Date().timeIntervalSince(started), decimals: 2)
            return printed.map { DiagnosticRenderer.text($0, colour: Terminal.colour) }
                + mkdocs.details(outcome).map { "\($0)" as ConsoleText }
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
