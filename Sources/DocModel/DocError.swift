/// A problem that stops a stage: an unreadable file, a bad config. Printed once, by the CLI.
public struct DocError: Error, Sendable, CustomStringConvertible {
    /// The stages that can stop a run.
    public enum Stage: String, Sendable {
        /// Reading `mkdocs.yml`.
        case config
        /// Reading the input: the docs folder and its pages, or the keys to check.
        case load
        /// Writing the site.
        case write
    }

    /// The stage that failed.
    public var stage: Stage
    /// The file involved, as the user named it.
    public var path: String
    /// The line, when one is known.
    public var line: Int?
    /// What went wrong.
    public var reason: String

    /// Creates an error.
    public init(stage: Stage, path: String, line: Int? = nil, _ reason: String) {
        self.stage = stage
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// `path:line: error: reason`.
    public var description: String {
        "\(path)\(line.map { ":\($0)" } ?? ""): error: \(reason)"
    }
}
