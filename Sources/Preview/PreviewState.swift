import DocModel
import Foundation

/// What the preview server shows: the folder of the last good build, a version that changes
/// with every rebuild, the last build's error, and the findings to list in a banner.
///
/// A build is published under the same lock that a request reads under, so a page and its
/// banner always come from one build.
public final class PreviewState: @unchecked Sendable {
    /// What one build left: its version, its error and its findings.
    public struct Snapshot: Sendable {
        /// Changes with every rebuild, so that open pages know to reload.
        public let version: Int
        /// The message of a build that failed, shown in place of every page until a build succeeds.
        public let error: String?
        /// Findings of the last build (errors and warnings), shown in a banner on every page.
        public let problems: [String]
    }

    private let lock = NSLock()
    private var current = Snapshot(version: 0, error: nil, problems: [])

    /// The folder the site is built into.
    public let root: URL

    /// State for a site built into `root`.
    public init(root: URL) { self.root = root }

    /// The version of the last published build.
    public var version: Int { lock.withLock { current.version } }

    /// Publishes a finished build: runs `commit` (which puts the new site in place, and may be
    /// empty for a failed build) and records its error and findings, with no request between.
    public func publish<Failure: Error>(error: String?, problems: [String], commit: () throws(Failure) -> Void) throws(Failure) {
        lock.lock()
        defer { lock.unlock() }
        try commit()
        current = Snapshot(version: current.version + 1, error: error, problems: problems)
    }

    /// Runs `body` with the last build's state while no build is published.
    public func reading<T>(_ body: (Snapshot) -> T) -> T {
        lock.withLock { body(current) }
    }
}
