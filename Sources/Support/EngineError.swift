/// A required engine (bubblewrap, MariaDB) that is missing or would not start.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// The engine's name.
    public var engine: String
    /// What went wrong, and the Debian package that provides it.
    public var reason: String

    public var description: String { "\(engine): \(reason)" }

    /// The error of `engine`: `reason`.
    public init(engine: String, reason: String) {
        self.engine = engine
        self.reason = reason
    }
}
