/// Every rule keydocs reports on the docs, with the severity it has unless the guide changes it
/// and one line of help: what `keydocs rules` lists, what `expect=` and `off=` annotations and
/// `extra: keydocs: rules:` in `mkdocs.yml` may name.
public enum RuleCatalog {
    /// One rule.
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var severity: Diagnostic.Severity
        public var help: String
    }

    /// The rules, grouped by what reports them.
    public static let entries: [Entry] = [
        // The key policy (KeyPolicy).
        Entry(id: "key.charset", severity: .error, help: "a character outside A-Z a-z 0-9, or a line break from a wrapping tool"),
        Entry(id: "key.too-short", severity: .error, help: "fewer characters than the policy's minimum"),
        Entry(id: "key.too-long", severity: .error, help: "more characters than civicrm_contact.api_key holds, with what CiviCRM then does"),
        Entry(id: "key.weak", severity: .error, help: "guessable structure: repeats, sequences, keyboard runs, words"),
        Entry(id: "key.duplicate", severity: .error, help: "the same key as another, ignoring case"),
        Entry(id: "key.published", severity: .error, help: "a key from the docs or a well-known sample key"),
        Entry(id: "key.strength", severity: .warning, help: "effective strength under the policy's recommended bits"),
        Entry(id: "key.truncated", severity: .error, help: "a stored key that APIv4 cut to 29 characters plus \"...\""),
        Entry(id: "key.made-up", severity: .error, help: "advice to make a key up by hand"),
        Entry(id: "key.in-url", severity: .error, help: "a literal key in a URL's query string, which servers and proxies log"),
        // Generators.
        Entry(id: "generator.no-random", severity: .error, help: "a generator that reads no random source"),
        Entry(id: "generator.not-allowed", severity: .error, help: "a command off the allowlist, or one that writes a file, uses the network or hides what it runs"),
        Entry(id: "generator.syntax", severity: .error, help: "a generator the shell parser cannot read"),
        Entry(id: "generator.empty", severity: .error, help: "a generator block with no command"),
        Entry(id: "generator.limit", severity: .error, help: "a generator over its time, output or memory limit, or leaving processes running"),
        Entry(id: "generator.exit", severity: .error, help: "a generator that exits with an error"),
        Entry(id: "generator.repeats", severity: .error, help: "a generator that prints the same key twice"),
        Entry(id: "generator.entropy", severity: .error, help: "a generator that reads fewer random bytes than a strong key needs"),
        Entry(id: "generator.weak-random", severity: .error, help: "a key made with RAND(), UUID() or another non-cryptographic function"),
        Entry(id: "generator.null", severity: .error, help: "an SQL generator that returns NULL"),
        // Outputs, JSON and consistency.
        Entry(id: "output.impossible", severity: .error, help: "a key shown that the generator before it could not have printed"),
        Entry(id: "output.unreadable", severity: .error, help: "an output block that shows no key"),
        Entry(id: "json.invalid", severity: .error, help: "JSON that PHP's json_decode refuses"),
        Entry(id: "yaml.invalid", severity: .error, help: "a YAML block (a CI job, a config) that does not parse"),
        Entry(id: "sample.consistency", severity: .error, help: "a key assigned that differs from the one shown before"),
        Entry(id: "sample.unchecked", severity: .warning, help: "under full coverage, a block no checker claims"),
        // cv.
        Entry(id: "cv.syntax", severity: .error, help: "a cv command that does not follow cv's grammar"),
        Entry(id: "cv.command", severity: .error, help: "a cv subcommand that cv does not have"),
        Entry(id: "cv.entity", severity: .error, help: "a near miss of the Contact entity"),
        Entry(id: "cv.action", severity: .error, help: "an action that Contact does not have"),
        Entry(id: "cv.field", severity: .error, help: "a field that Contact does not have"),
        Entry(id: "cv.type", severity: .error, help: "a value of the wrong type for its field"),
        Entry(id: "cv.too-long", severity: .error, help: "a value longer than its field holds"),
        Entry(id: "cv.json", severity: .error, help: "a JSON argument that PHP's json_decode refuses"),
        Entry(id: "cv.parameter", severity: .error, help: "an APIv4 parameter that does not exist"),
        Entry(id: "cv.required", severity: .error, help: "an update without where or id, or a create meant as an update"),
        // SQL.
        Entry(id: "sql.error", severity: .error, help: "MariaDB's error for a statement"),
        Entry(id: "sql.warning", severity: .warning, help: "MariaDB's warning for a statement"),
        Entry(id: "sql.empty", severity: .error, help: "an SQL block with no statement"),
        Entry(id: "sql.update-rows", severity: .error, help: "an UPDATE of api_key that does not change exactly one contact"),
        Entry(id: "sql.null-key", severity: .error, help: "an UPDATE that leaves a contact with no key"),
        Entry(id: "sql.timeout", severity: .error, help: "a statement stopped at its time limit"),
        Entry(id: "sql.engine", severity: .error, help: "the MariaDB server could not be used or went away"),
        Entry(id: "sql.not-allowed", severity: .note, help: "a statement keydocs does not run: files, the server's administration, another database"),
        // The docs, the config and annotations.
        Entry(id: "link.broken", severity: .warning, help: "a link to a page, file or anchor that does not exist"),
        Entry(id: "link.outside", severity: .warning, help: "a link that leaves the docs folder"),
        Entry(id: "docs.reserved", severity: .warning, help: "a page or file at a path keydocs writes itself (site-map.html, 404.html, assets/keydocs.css…)"),
        Entry(id: "docs.symlink", severity: .warning, help: "a symbolic link that leads outside the docs folder, skipped"),
        Entry(id: "config.ignored", severity: .note, help: "a key of mkdocs.yml that keydocs does not use"),
        Entry(id: "config.extension", severity: .note, help: "a Markdown extension that keydocs does not render"),
        Entry(id: "annotation.invalid", severity: .error, help: "an annotation keydocs cannot read"),
        Entry(id: "annotation.unmet", severity: .error, help: "a rule that an annotation expects and the block does not produce"),
        Entry(id: "engine.missing", severity: .warning, help: "a sample not run because its engine is missing"),
    ]

    /// The entry for `id`.
    public static func entry(_ id: String) -> Entry? { index[id].map { entries[$0] } }

    private static let index = Dictionary(uniqueKeysWithValues: entries.enumerated().map { ($1.id, $0) })
}

/// What a guide changes of the rules: `off`, or another severity, by rule id.
public struct RuleOverrides: Sendable, Equatable {
    /// The severity for each changed rule; nil turns the rule off.
    public var severities: [String: Diagnostic.Severity?] = [:]

    /// No change.
    public init() {}

    /// The diagnostics with the changes made: off rules dropped, others given their severity.
    public func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard !severities.isEmpty else { return diagnostics }
        return diagnostics.compactMap { diagnostic in
            guard let change = severities[diagnostic.rule] else { return diagnostic }
            guard let severity = change else { return nil }
            var copy = diagnostic
            copy.severity = severity
            return copy
        }
    }
}
