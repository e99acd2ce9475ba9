/// The kinds of sample the checker knows.
public enum SampleKind: String, Sendable, CaseIterable {
    /// A shell command that prints a key.
    case generator
    /// What a generator printed: a bare key or a mysql result table.
    case output
    /// A `cv api`, `cv api3` or `cv api4` command.
    case cv
    /// SQL statements, run against MariaDB.
    case sql
    /// The JSON that a `cv` command printed.
    case json
    /// YAML, such as a CI job that runs keydocs: it must parse.
    case yaml
    /// Shell commands that are not a key generator: parsed, their `cv` commands checked, never run.
    case command
}
