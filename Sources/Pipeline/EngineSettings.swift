import Database
import DocModel
import Foundation
import SampleCheck

/// How samples run.
public struct EngineSettings: Sendable {
    /// Runs of each generator.
    public var runs = 200
    /// Shell samples run in bubblewrap; false runs them unsandboxed (`--sandbox none`).
    public var sandboxed = true
    /// Commands generators may run besides the allowlist (`--allow`).
    public var allow: Set<String> = []
    /// A folder that keeps check results between runs (`--cache`).
    public var cacheFolder: String?
    /// A MariaDB server to use instead of a private one.
    public var mysql: MariaDBAddress?

    /// The most runs a generator may be given.
    public static let maxRuns = CheckOptions.maxRuns

    /// The defaults: 200 runs, sandboxed, a private MariaDB.
    public init() {}
}
