import KeyPolicy

/// One finding about the docs or about a key, at a place in a file.
public struct Diagnostic: Sendable, Codable, Equatable {
    /// How much a diagnostic matters: the key policy's severities, one enum for both.
    public typealias Severity = KeyPolicy.Severity

    /// Where it applies.
    public var location: SourceLocation
    /// The last line it covers (the same as `location.line` for a single line).
    public var endLine: Int
    /// Its severity.
    public var severity: Severity
    /// A stable id such as `key.too-long` or `link.broken`.
    public var rule: RuleID
    /// What is wrong, in one sentence.
    public var message: String
    /// Lines printed indented under the message in text format: the command, captured output.
    public var context: [String]

    /// A finding under `rule`, of the severity the catalog gives the rule; the guide's settings
    /// and `--strict` change it afterwards, and nothing else does.
    public init(at location: SourceLocation, endLine: Int? = nil, rule: RuleID, _ message: String, context: [String] = []) {
        self.location = location
        self.endLine = endLine ?? location.line
        self.severity = rule.entry.severity
        self.rule = rule
        self.message = message
        self.context = context
    }

    /// The same diagnostic with warnings raised to errors (for `--strict`).
    public func strict() -> Diagnostic {
        var copy = self
        if copy.severity == .warning { copy.severity = .error }
        return copy
    }
}
