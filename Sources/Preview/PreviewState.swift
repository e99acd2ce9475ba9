import DocModel
import Foundation

/// What the preview server shows: the folder of the last good build, a version that changes
/// with every rebuild, the last build's error, and the findings to list in a banner.
public final class PreviewState: @unchecked Sendable {
    private let lock = NSLock()
    private var _version = 0
    private var _error: String?
    private var _problems: [String] = []

    /// The folder the site is built into.
    public let root: URL

    /// State for a site built into `root`.
    public init(root: URL) { self.root = root }

    /// Changes with every rebuild, so that open pages know to reload.
    public var version: Int { lock.withLock { _version } }

    /// The message of a build that failed, shown in place of every page until a build succeeds.
    public var error: String? { lock.withLock { _error } }

    /// Findings of the last build (errors and warnings), shown in a banner on every page.
    public var problems: [String] { lock.withLock { _problems } }

    /// Records a finished build.
    public func update(error: String?, problems: [String]) {
        lock.withLock {
            _version += 1
            _error = error
            _problems = problems
        }
    }
}
