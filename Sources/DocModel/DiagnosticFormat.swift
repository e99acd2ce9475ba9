import Foundation

/// How diagnostics are printed: GCC-style text on stderr, GitHub workflow commands, or one
/// document on stdout (keydocs' JSON, SARIF 2.1.0, GitLab Code Quality).
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, github, json, sarif, gitlab
}

/// Turns diagnostics into the text of each format. Printing happens in one place: the CLI.
public enum DiagnosticRenderer {
    /// `file:line:col: severity: message [rule]`, then each context line indented by four spaces.
    /// With `colour`, the place is bold, the severity coloured as compilers colour it (error red,
    /// warning magenta, note cyan) and the rule dim; without `context`, the first line only.
    /// What a page wrote (a link, a file name, a command's output) is shown, never sent: it is
    /// interpolated into `ConsoleText`, which escapes it.
    public static func text(_ d: Diagnostic, colour: Bool = false, context withContext: Bool = true) -> ConsoleText {
        var out: ConsoleText
        if colour {
            let paint: ConsoleText = d.severity == .error ? "\u{1B}[1;31m" : d.severity == .warning ? "\u{1B}[1;35m" : "\u{1B}[1;36m"
            out = "\u{1B}[1m\(d.location):\u{1B}[0m \(paint)\(d.severity.rawValue):\u{1B}[0m \(d.message) \u{1B}[2m[\(d.rule)]\u{1B}[0m"
        } else {
            out = "\(d.location): \(d.severity.rawValue): \(d.message) [\(d.rule)]"
        }
        if withContext {
            for line in d.context { out += "\n    \(line)" }
        }
        return out
    }

    /// `::error file=F,line=L,col=C,endLine=E,title=RULE::message`, GitHub's workflow command.
    /// The message and its context lines are escaped for the console first, then joined with
    /// line breaks that GitHub's own escaping (`%0A`) keeps inside the one command.
    public static func github(_ d: Diagnostic) -> ConsoleText {
        let level = d.severity == .note ? "notice" : d.severity.rawValue
        let file = escapeProperty(ConsoleText.visible(d.location.file))
        let body = escapeData(([d.message] + d.context).map(ConsoleText.visible).joined(separator: "\n"))
        return "::\(level) file=\(file),line=\(d.location.line),endLine=\(d.endLine),"
            + "col=\(d.location.column),title=\(escapeProperty(d.rule.rawValue))::\(body)"
    }

    /// The version of the JSON document's shape: raised when a field changes meaning or goes
    /// away (fields are only ever added), described by `schema/diagnostics.schema.json`.
    public static let jsonVersion = 1

    /// One code block's outcome, for the `samples` of the JSON document.
    public struct SampleEntry: Encodable, Sendable {
        let file: String, line: Int, status: String, note: String
        let measured: String?

        /// The entry for the block at `location` with `outcome`.
        public init(at location: SourceLocation, _ outcome: SampleOutcome) {
            file = location.file
            line = location.line
            status = outcome.status.rawValue
            note = outcome.note
            measured = outcome.measured
        }
    }

    /// A block's outcome as one line of text: `docs/x.md:12: verified: valid YAML`, or the note
    /// alone when it says the verdict itself (`skipped: needs a live site`).
    public static func text(_ entry: SampleEntry) -> String {
        let label = SampleOutcome.Status(rawValue: entry.status)?.label ?? entry.status
        let said = entry.note.isEmpty ? label : entry.note.localizedCaseInsensitiveContains(label) ? entry.note : label + ": " + entry.note
        return ConsoleText.visible("\(entry.file):\(entry.line): \(said)")
    }

    /// The JSON document, keys sorted: the diagnostics, the summary, after a check every block's
    /// outcome, and the versions of the document and of keydocs.
    public static func json(_ diagnostics: [Diagnostic], summary: Tally, samples: [SampleEntry]? = nil) -> String {
        struct Entry: Encodable {
            let file: String, line: Int, column: Int, endLine: Int
            let severity: String, rule: String, message: String
            let context: [String]?
        }
        struct Document: Encodable {
            let version = DiagnosticRenderer.jsonVersion
            let keydocs = keydocsVersion
            let diagnostics: [Entry]
            let summary: Tally
            let samples: [SampleEntry]?
        }
        let entries = diagnostics.map {
            Entry(file: $0.location.file, line: $0.location.line, column: $0.location.column,
                  endLine: $0.endLine, severity: $0.severity.rawValue, rule: $0.rule.rawValue,
                  message: $0.message, context: $0.context.isEmpty ? nil : $0.context)
        }
        return encodeJSON(Document(diagnostics: entries, summary: summary, samples: samples))
    }

    private static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// Encodes `value` as JSON with sorted keys and no escaped slashes, for stable output.
public func encodeJSON<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
}

/// The numbers that end a run, the JSON document's `summary`: each command fills in what it
/// counted, and only those are written.
public struct Tally: Sendable, Equatable, Encodable {
    /// Findings that are errors, and warnings (for `keydocs key check`: keys with warnings).
    public var errors: Int?, warnings: Int?
    /// Pages read, and files copied from the docs folder.
    public var pages: Int?, assets: Int?
    /// Code blocks checked, and how many ended with each status.
    public var samples: Int?
    public var outcomes: [SampleOutcome.Status: Int] = [:]
    /// Keys checked, and how many passed and failed (`keydocs key check`).
    public var keys: Int?, valid: Int?, invalid: Int?

    /// Nothing counted yet.
    public init() {}

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        let counts: [(String, Int?)] = [
            ("errors", errors), ("warnings", warnings), ("pages", pages), ("assets", assets), ("samples", samples),
            ("keys", keys), ("valid", valid), ("invalid", invalid),
        ] + SampleOutcome.Status.allCases.map { ($0.rawValue, samples == nil ? nil : outcomes[$0, default: 0]) }
        for case let (name, value?) in counts { try container.encode(value, forKey: Name(name)) }
    }
}
