import Foundation
import KeyPolicy

/// Every rule keydocs reports, by its stable id: what diagnostics carry, what `expect=` and `off=`
/// annotations and `extra: keydocs: rules:` in `mkdocs.yml` may name, and what `keydocs rules` and
/// the README's table list. An id that is not a case here is not a rule.
public enum RuleID: String, Sendable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    case keyCharset = "key.charset"
    case keyTooShort = "key.too-short"
    case keyTooLong = "key.too-long"
    case keyWeak = "key.weak"
    case keyDuplicate = "key.duplicate"
    case keyPublished = "key.published"
    case keyStrength = "key.strength"
    case keyTruncated = "key.truncated"
    case keyMadeUp = "key.made-up"
    case keyInUrl = "key.in-url"
    case keyAuthScheme = "key.auth-scheme"
    case keyAuthHeader = "key.auth-header"
    case generatorNoRandom = "generator.no-random"
    case generatorNotAllowed = "generator.not-allowed"
    case generatorSyntax = "generator.syntax"
    case generatorEmpty = "generator.empty"
    case generatorLimit = "generator.limit"
    case generatorExit = "generator.exit"
    case generatorRepeats = "generator.repeats"
    case generatorEntropy = "generator.entropy"
    case generatorWeakRandom = "generator.weak-random"
    case generatorNull = "generator.null"
    case outputImpossible = "output.impossible"
    case outputUnreadable = "output.unreadable"
    case jsonInvalid = "json.invalid"
    case yamlInvalid = "yaml.invalid"
    case sampleConsistency = "sample.consistency"
    case sampleUnchecked = "sample.unchecked"
    case cvSyntax = "cv.syntax"
    case cvCommand = "cv.command"
    case cvEntity = "cv.entity"
    case cvAction = "cv.action"
    case cvField = "cv.field"
    case cvType = "cv.type"
    case cvTooLong = "cv.too-long"
    case cvJson = "cv.json"
    case cvParameter = "cv.parameter"
    case cvRequired = "cv.required"
    case sqlError = "sql.error"
    case sqlWarning = "sql.warning"
    case sqlEmpty = "sql.empty"
    case sqlUpdateRows = "sql.update-rows"
    case sqlNullKey = "sql.null-key"
    case sqlTimeout = "sql.timeout"
    case sqlEngine = "sql.engine"
    case sqlNotAllowed = "sql.not-allowed"
    case linkBroken = "link.broken"
    case linkOutside = "link.outside"
    case docsReserved = "docs.reserved"
    case assetActive = "asset.active"
    case docsSymlink = "docs.symlink"
    case htmlHeadTag = "html.head-tag"
    case redirectInvalid = "redirect.invalid"
    case redirectShadowed = "redirect.shadowed"
    case htmlRemoteOrigin = "html.remote-origin"
    case htmlFrameSource = "html.frame-source"
    case configIgnored = "config.ignored"
    case configExtension = "config.extension"
    case annotationInvalid = "annotation.invalid"
    case annotationUnmet = "annotation.unmet"
    case engineMissing = "engine.missing"
    case configFailed = "config.failed"
    case loadFailed = "load.failed"
    case writeFailed = "write.failed"

    /// The rule's severity (unless a guide changes it), the module that reports it and its help.
    public var entry: RuleEntry {
        switch self {
        case .keyCharset: RuleEntry(Rule.charset.severity, .keyPolicy, "a character outside A-Z a-z 0-9, or a line break from a wrapping tool")
        case .keyTooShort: RuleEntry(Rule.tooShort.severity, .keyPolicy, "fewer characters than the policy's minimum")
        case .keyTooLong: RuleEntry(Rule.tooLong.severity, .keyPolicy, "more characters than civicrm_contact.api_key holds, with what CiviCRM then does")
        case .keyWeak: RuleEntry(Rule.weak.severity, .keyPolicy, "guessable structure: repeats, sequences, keyboard runs, words")
        case .keyDuplicate: RuleEntry(Rule.duplicate.severity, .keyPolicy, "the same key as another, ignoring case")
        case .keyPublished: RuleEntry(Rule.published.severity, .keyPolicy, "a key from the docs or a well-known sample key")
        case .keyStrength: RuleEntry(Rule.strength.severity, .keyPolicy, "effective strength under the policy's recommended bits")
        case .keyTruncated: RuleEntry(.error, .sampleCheck, "a stored key that APIv4 cut to 29 characters plus \"...\"")
        case .keyMadeUp: RuleEntry(.error, .sampleCheck, "advice to make a key up by hand")
        case .keyInUrl: RuleEntry(.error, .sampleCheck, "a key in a URL's query string, written there or filled in from a variable, which servers and proxies log")
        case .keyAuthScheme: RuleEntry(.error, .sampleCheck, "a key sent in a form authx never signs in with: without the Bearer scheme, or as Basic")
        case .keyAuthHeader: RuleEntry(.note, .sampleCheck, "a key in the Authorization header, which authx reads only where a site enables it")
        case .generatorNoRandom: RuleEntry(.error, .sampleCheck, "a generator that reads no random source")
        case .generatorNotAllowed: RuleEntry(.error, .sampleCheck, "a command off the allowlist, or one that writes a file, uses the network or hides what it runs")
        case .generatorSyntax: RuleEntry(.error, .sampleCheck, "a generator the shell parser cannot read")
        case .generatorEmpty: RuleEntry(.error, .sampleCheck, "a generator block with no command")
        case .generatorLimit: RuleEntry(.error, .sampleCheck, "a generator over its time, output or memory limit, or leaving processes running")
        case .generatorExit: RuleEntry(.error, .sampleCheck, "a generator that exits with an error")
        case .generatorRepeats: RuleEntry(.error, .sampleCheck, "a generator that prints the same key twice")
        case .generatorEntropy: RuleEntry(.error, .sampleCheck, "a generator that reads fewer random bytes than a strong key needs")
        case .generatorWeakRandom: RuleEntry(.error, .sampleCheck, "a key made with RAND(), UUID() or another non-cryptographic function")
        case .generatorNull: RuleEntry(.error, .sampleCheck, "an SQL generator that returns NULL")
        case .outputImpossible: RuleEntry(.error, .sampleCheck, "a key shown that the generator before it could not have printed")
        case .outputUnreadable: RuleEntry(.error, .sampleCheck, "an output block that shows no key")
        case .jsonInvalid: RuleEntry(.error, .sampleCheck, "JSON that PHP's json_decode refuses")
        case .yamlInvalid: RuleEntry(.error, .sampleCheck, "a YAML block (a CI job, a config) that does not parse")
        case .sampleConsistency: RuleEntry(.error, .sampleCheck, "a key assigned that differs from the one shown before")
        case .sampleUnchecked: RuleEntry(.warning, .sampleCheck, "under full coverage, a block no checker claims")
        case .cvSyntax: RuleEntry(.error, .sampleCheck, "a cv command that does not follow cv's grammar")
        case .cvCommand: RuleEntry(.error, .sampleCheck, "a cv subcommand that cv does not have")
        case .cvEntity: RuleEntry(.error, .sampleCheck, "a near miss of the Contact entity")
        case .cvAction: RuleEntry(.error, .sampleCheck, "an action that Contact does not have")
        case .cvField: RuleEntry(.error, .sampleCheck, "a field that Contact does not have")
        case .cvType: RuleEntry(.error, .sampleCheck, "a value of the wrong type for its field")
        case .cvTooLong: RuleEntry(.error, .sampleCheck, "a value longer than its field holds")
        case .cvJson: RuleEntry(.error, .sampleCheck, "a JSON argument that PHP's json_decode refuses")
        case .cvParameter: RuleEntry(.error, .sampleCheck, "an APIv4 parameter that does not exist")
        case .cvRequired: RuleEntry(.error, .sampleCheck, "an update without where or id, or a create meant as an update")
        case .sqlError: RuleEntry(.error, .sampleCheck, "MariaDB's error for a statement")
        case .sqlWarning: RuleEntry(.warning, .sampleCheck, "MariaDB's warning for a statement")
        case .sqlEmpty: RuleEntry(.error, .sampleCheck, "an SQL block with no statement")
        case .sqlUpdateRows: RuleEntry(.error, .sampleCheck, "an UPDATE of api_key that does not change exactly one contact")
        case .sqlNullKey: RuleEntry(.error, .sampleCheck, "an UPDATE that leaves a contact with no key")
        case .sqlTimeout: RuleEntry(.error, .sampleCheck, "a statement stopped at its time limit")
        case .sqlEngine: RuleEntry(.error, .sampleCheck, "the MariaDB server could not be used or went away")
        case .sqlNotAllowed: RuleEntry(.note, .sampleCheck, "a statement keydocs does not run: files, the server's administration, another database")
        case .linkBroken: RuleEntry(.warning, .docModel, "a link to a page, file or anchor that does not exist")
        case .linkOutside: RuleEntry(.warning, .docModel, "a link that leaves the docs folder")
        case .docsReserved: RuleEntry(.warning, .siteRender, "a page or file at a path keydocs writes itself (site-map.html, 404.html, assets/keydocs.css…)")
        case .assetActive: RuleEntry(.warning, .siteRender, "an SVG, XML or web-archive file that could run script: published as static SVG only, or not at all")
        case .docsSymlink: RuleEntry(.warning, .docModel, "a symbolic link that leads outside the docs folder, skipped")
        case .htmlHeadTag: RuleEntry(.warning, .docModel, "a `<meta>` or `<base>` tag in a page's HTML, shown as text: it could send the reader elsewhere or move every link")
        case .redirectInvalid: RuleEntry(.warning, .docModel, "a redirect that is not written: not a 'from to' pair, a '..', a target that is neither a page of the guide nor an http(s) address, an old address that is hidden or is the home page")
        case .redirectShadowed: RuleEntry(.warning, .docModel, "a redirect from an address that a page, a file or an earlier redirect already has: that one stays")
        case .htmlRemoteOrigin: RuleEntry(.note, .docModel, "a site that the pages load images or frames from, listed in their Content-Security-Policy (once a site)")
        case .htmlFrameSource: RuleEntry(.warning, .docModel, "an `<iframe>` whose source is not an http(s) address, shown empty")
        case .configIgnored: RuleEntry(.note, .docModel, "the keys and plugins of mkdocs.yml that keydocs does not use, named in one note")
        case .configExtension: RuleEntry(.note, .docModel, "a Markdown extension that keydocs does not render")
        case .annotationInvalid: RuleEntry(.error, .sampleCheck, "an annotation keydocs cannot read")
        case .annotationUnmet: RuleEntry(.error, .sampleCheck, "a rule that an annotation expects and the block does not produce")
        case .engineMissing: RuleEntry(.warning, .sampleCheck, "a sample not run because its engine is missing")
        case .configFailed: RuleEntry(.error, .docModel, "the config could not be read: the run stops, before any check", adjustable: false)
        case .loadFailed: RuleEntry(.error, .docModel, "a page or the docs folder could not be read: the run stops, before any check", adjustable: false)
        case .writeFailed: RuleEntry(.error, .siteRender, "the site could not be written: the run stops and the previous site stays", adjustable: false)
        }
    }

    /// The rule with this id, or nil when there is none.
    public init?(_ id: some StringProtocol) { self.init(rawValue: String(id)) }

    /// The rule of the key policy's finding.
    public init(_ rule: KeyPolicy.Rule) {
        switch rule {
        case .charset: self = .keyCharset
        case .tooShort: self = .keyTooShort
        case .tooLong: self = .keyTooLong
        case .weak: self = .keyWeak
        case .duplicate: self = .keyDuplicate
        case .published: self = .keyPublished
        case .strength: self = .keyStrength
        }
    }

    /// The rule that a stage's stopping error is reported under.
    public init(failed stage: DocError.Stage) {
        switch stage {
        case .config: self = .configFailed
        case .load: self = .loadFailed
        case .write: self = .writeFailed
        }
    }

    public var description: String { rawValue }
    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}

/// What the catalog says of one rule.
public struct RuleEntry: Sendable, Equatable {
    /// The module whose checks report a rule.
    public enum Owner: String, Sendable {
        case keyPolicy = "KeyPolicy", docModel = "DocModel", sampleCheck = "SampleCheck", siteRender = "SiteRender"
    }

    /// The severity it has unless the guide changes it.
    public var severity: Severity
    /// The module that reports it.
    public var owner: Owner
    /// One line of help.
    public var help: String
    /// Whether a guide may turn it off or change its severity (a stage's stopping error it may not).
    public var adjustable: Bool

    init(_ severity: Severity, _ owner: Owner, _ help: String, adjustable: Bool = true) {
        self.severity = severity
        self.owner = owner
        self.help = help
        self.adjustable = adjustable
    }
}

/// The catalog as a table: `keydocs rules` and the README's rule table.
public enum RuleCatalog {
    /// Every rule, grouped by what reports it, as `| id | severity | module | help |` rows.
    public static var markdownTable: String {
        var lines = ["| rule | severity | reported by | what it reports |", "| --- | --- | --- | --- |"]
        for rule in RuleID.allCases {
            let entry = rule.entry
            lines.append("| `\(rule)` | \(entry.severity.rawValue) | \(entry.owner.rawValue) | \(entry.help.replacingOccurrences(of: "|", with: "\\|")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What an annotation or the config names as a rule: the rule, or why it is none.
    public static func adjustable(_ id: some StringProtocol) -> Result<RuleID, RuleNameError> {
        guard let rule = RuleID(id) else { return .failure(.unknown(String(id))) }
        guard rule.entry.adjustable else { return .failure(.fixed(rule)) }
        return .success(rule)
    }
}

/// A rule name that an annotation or the config may not use.
public enum RuleNameError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String)
    case fixed(RuleID)

    public var description: String {
        switch self {
        case .unknown(let id): "'\(id)' names no rule; keydocs rules lists them"
        case .fixed(let rule): "\(rule) stops the run and cannot be turned off or changed"
        }
    }
}

/// What a guide changes of the rules: `off`, or another severity, by rule id.
public struct RuleOverrides: Sendable, Equatable {
    /// The severity for each changed rule; nil turns the rule off.
    public var severities: [RuleID: Severity?] = [:]

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
