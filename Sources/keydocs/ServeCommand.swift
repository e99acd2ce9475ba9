import ArgumentParser
import Dispatch
import DocModel
import Foundation
import KeyPolicy
import Preview
import SampleCheck
import SiteRender

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
        let cleanup = Cleanup(folder: folder)
        var engines = self.engines
        if !noCheck && engines.mysql == nil, let server = try? MariaDBServer.start() {
            cleanup.database = server
            engines.server = server
        }
        cleanup.installSignalHandlers()

        let state = PreviewState(root: folder.appendingPathComponent("site"))
        let builder = PreviewBuild(options: options, engines: engines, check: !noCheck, site: state.root.path,
                                   progress: ProgressLine(quiet: options.quiet))
        let first = builder.run(publishingTo: state)
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

        var last = FolderWatch.fingerprint(builder.watched)
        while true {
            try? await Task.sleep(nanoseconds: 300_000_000)
            var now = FolderWatch.fingerprint(builder.watched)
            guard now != last else { continue }
            // An editor's save is often several writes: build once they have settled.
            for _ in 0..<20 {
                try? await Task.sleep(nanoseconds: 100_000_000)
                let settled = FolderWatch.fingerprint(builder.watched)
                if settled == now { break }
                now = settled
            }
            last = now
            for line in builder.run(publishingTo: state) { Console.err(line) }
        }
    }
}

/// One preview build: load, check, render into the preview's folder. Never throws: a problem
/// becomes the error the browser shows.
struct PreviewBuild {
    let options: DocsOptions
    let engines: EngineOptions
    let check: Bool
    let site: String
    /// The line that says what a build is doing, on a terminal.
    let progress: ProgressLine
    /// The results of pages whose samples did not change since the last build.
    let cache = CheckCache()

    /// The docs folder and the config file, whose changes trigger a rebuild.
    var watched: [String] {
        let config = try? options.loadConfig()
        let docs = options.docsDir(config: config?.0 ?? SiteConfig(), configPath: config?.1)
        return [docs] + [config?.1 ?? options.config ?? "mkdocs.yml"]
    }

    /// Builds, publishes the result to `state` (the new site, or the error in its place) and
    /// returns the lines to print: each finding as `check` prints it, then a summary.
    func run(publishingTo state: PreviewState) -> [String] {
        do {
            progress.show("loading the docs")
            let (docs, _) = try options.loadDocs()
            var diagnostics = docs.diagnostics.filter { $0.severity != .note }
            var outcomes: [SampleKey: SampleOutcome]?
            var checked = ""
            if check {
                let report = engines.check(docs, cache: cache, progress: progress)
                diagnostics += report.diagnostics
                outcomes = report.outcomes
                checked = report.summaryLine + (cache.reused > 0 ? " (\(cache.reused) unchanged pages not run again)" : "") + "; "
            }
            let render = RenderStage(docs: docs, outcomes: outcomes, policyJSON: encodeJSON(PolicyDescription.civicrm))
            diagnostics += render.checkLinks()
            diagnostics = docs.config.rules.apply(diagnostics).filter { $0.severity != .note }
            let sorted = diagnostics.sorted { ($0.location, $0.rule) < ($1.location, $1.rule) }
            let problems = sorted.map { DiagnosticRenderer.text($0, context: false) }
            progress.show("rendering \(counted(docs.pages.count, "page"))")
            let writer = try SiteWriter(output: site)
            do {
                _ = try render.run(into: writer)
                try state.publish(error: nil, problems: problems) { try writer.commit() }
            } catch {
                writer.discard()
                throw error
            }
            progress.clear()
            return sorted.map { DiagnosticRenderer.text($0, colour: Terminal.colour) }
                + ["keydocs: \(checked)rebuilt \(counted(docs.pages.count, "page")), \(counted(problems.count, "problem"))"]
        } catch {
            progress.clear()
            let message = (error as? DocError)?.description ?? "\(error)"
            state.publish(error: message, problems: []) {}
            return ["keydocs: build failed: \(message)"]
        }
    }
}

/// What `keydocs serve` removes when it stops: the temporary folder and the private MariaDB.
final class Cleanup: @unchecked Sendable {
    let folder: URL
    var database: MariaDBServer?
    private let lock = NSLock()
    private var done = false

    init(folder: URL) { self.folder = folder }

    func run() {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        database?.stop()
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
