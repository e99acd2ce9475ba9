import DocModel
import Foundation
import Pipeline
import Support

/// What `keydocs serve` removes when it stops: the temporary folder and the private MariaDB.
/// It runs once, whichever asks first: a signal, or a start that failed.
public final class Cleanup: @unchecked Sendable {
    /// The preview's temporary folder.
    public let folder: URL
    /// The pipeline whose private MariaDB is stopped.
    public let build: Build
    private let lock = NSLock()
    private var done = false

    /// A clean-up that removes `folder` and closes `build`.
    public init(folder: URL, build: Build) {
        self.folder = folder
        self.build = build
    }

    /// Closes the pipeline and removes the folder, the first time only.
    public func run() {
        lock.lock()
        defer { lock.unlock() }
        guard !done else { return }
        done = true
        build.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// On SIGINT, SIGTERM or SIGHUP: cleans up, then prints `stopped` (through `output`) before
    /// the process exits.
    public func installSignalHandlers(output: @escaping @Sendable (ConsoleText) -> Void) {
        Interrupts.shared.add { [self] in
            run()
            output("keydocs: stopped")
        }
    }
}
