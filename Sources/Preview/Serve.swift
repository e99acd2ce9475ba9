import DocModel
import Foundation
import Pipeline
import Support

/// `keydocs serve` once its flags are read: builds into a private folder, serves it, and
/// rebuilds on every change to the docs, the config or the redirects, until a signal stops it.
public struct Serve: Sendable {
    /// What to build; `strict` is ignored, since a preview shows every finding as it is.
    public var settings: Build.Settings
    /// Where to listen.
    public var address: ListenAddress
    /// `--verbose`: print the notes too, and `details`.
    public var verbose = false
    /// Whether the findings are printed in colour.
    public var colour = false
    /// Hears what a build is doing; nil when the line can go.
    public var progress: @Sendable (String?) -> Void = { _ in }
    /// Lines printed after each build's findings (`--verbose`'s block outcomes and redirects).
    public var details: @Sendable (Build.Outcome) -> [String] = { _ in [] }
    /// Where the preview's lines go: the address it serves, each build's findings and summary.
    public var output: @Sendable (ConsoleText) -> Void

    /// A preview of `settings`' docs on `address`, printing through `output`.
    public init(settings: Build.Settings, address: ListenAddress, output: @escaping @Sendable (ConsoleText) -> Void) {
        self.settings = settings
        self.address = address
        self.output = output
    }

    /// Serves until the process is stopped; throws only when the preview cannot start, after
    /// removing whatever it made.
    public func run() async throws(ServeError) {
        if address.inUse { throw ServeError(.addressInUse(address.url(port: address.port))) }
        guard let folder = makePrivateFolder(prefix: "keydocs-serve-") else { throw ServeError(.temporaryFolder) }
        var settings = self.settings
        // A preview shows every finding as it is; --strict is for CI.
        settings.strict = false
        let build = Build(settings, keepsDatabase: true, progress: progress)
        let cleanup = Cleanup(folder: folder, build: build)
        cleanup.installSignalHandlers(output: output)

        // Watched from before the first build, so that an edit made while it runs is not missed.
        let location = settings.location
        var watched = location.watched
        var watch: FileWatch
        do { watch = try watching(watched) } catch {
            cleanup.run()
            throw ServeError(.watch("\(error)"))
        }
        let state = PreviewState(root: folder.appendingPathComponent("site"))
        let preview = PreviewBuild(build: build, state: state, verbose: verbose, colour: colour, details: details)
        let first = await preview.run()
        let port: UInt16
        do {
            let server = try PreviewServer(state: state, address: address)
            port = try await server.start()
        } catch {
            cleanup.run()
            throw ServeError(.listen(address: address.url(port: address.port), "\(error)"))
        }
        output("keydocs: serving http://\(address.url(port: port))/ (Ctrl-C to stop)")
        for line in first { output(line) }

        while true {
            let current = watch
            _ = await PreviewBuild.background { current.next() }
            for line in await preview.run() { output(line) }
            // A config that names another docs folder is watched there from now on.
            let now = location.watched
            if now != watched, let moved = try? watching(now) {
                (watch, watched) = (moved, now)
            }
        }
    }

    /// A watch of the docs folder, the config and the redirects folder (by its name too, so that
    /// one made later is seen), saying when the system's limit leaves folders unwatched.
    func watching(_ watched: (docs: String, config: String, redirects: String)) throws -> FileWatch {
        let watch = try FileWatch(folders: [watched.docs, watched.redirects], files: [watched.config, watched.redirects])
        if let first = watch.unwatched.first {
            output("keydocs: warning: \(counted(watch.unwatched.count, "folder")) of the docs cannot be watched (the system's limit, "
                   + "sysctl fs.inotify.max_user_watches, is reached): edits there are not seen, starting with \(first)")
        }
        return watch
    }
}

/// Why `serve` could not start.
public struct ServeError: Error, CustomStringConvertible {
    /// What failed.
    public enum Reason: Sendable, Equatable {
        /// Something listens on the address already.
        case addressInUse(String)
        /// No private folder could be made to build into.
        case temporaryFolder
        /// inotify refused to watch the docs.
        case watch(String)
        /// The server could not listen on the address.
        case listen(address: String, String)
    }

    /// What failed.
    public let reason: Reason

    /// An error for `reason`.
    public init(_ reason: Reason) { self.reason = reason }

    public var description: String {
        switch reason {
        case .addressInUse(let address): "\(address) is in use; choose another port with --port, or --port 0 for a free one"
        case .temporaryFolder: "cannot create a temporary folder"
        case .watch(let error): "cannot watch the docs for changes: \(error)"
        case .listen(let address, let error): "cannot listen on \(address): \(error)"
        }
    }
}
