import Foundation

/// The version keydocs reports: `--version`, the JSON document, SARIF's tool driver.
public let keydocsVersion = "0.4.0"

/// The formats that code-scanning and merge-request views read: SARIF 2.1.0 (GitHub code
/// scanning and other SARIF viewers) and GitLab Code Quality.
extension DiagnosticRenderer {
    /// A SARIF 2.1.0 log with one run: keydocs as the tool, with the rules that the findings
    /// name, and one result for each finding.
    public static func sarif(_ diagnostics: [Diagnostic]) -> String {
        let fingerprints = self.fingerprints(diagnostics)
        var ruleIDs: [RuleID] = []
        for d in diagnostics where !ruleIDs.contains(d.rule) { ruleIDs.append(d.rule) }
        let rules = ruleIDs.map { id in
            Sarif.Rule(id: id.rawValue, shortDescription: .init(text: id.entry.help),
                       defaultConfiguration: .init(level: sarifLevel(id.entry.severity)))
        }
        let results = diagnostics.enumerated().map { k, d in
            Sarif.Result(
                ruleId: d.rule.rawValue, ruleIndex: ruleIDs.firstIndex(of: d.rule) ?? 0, level: sarifLevel(d.severity),
                message: .init(text: ([d.message] + d.context).joined(separator: "\n")),
                locations: [.init(physicalLocation: .init(
                    artifactLocation: .init(uri: uri(d.location.file)),
                    region: .init(startLine: max(1, d.location.line), startColumn: d.location.column > 0 ? d.location.column : nil,
                                  endLine: max(1, d.location.line, d.endLine))))],
                partialFingerprints: ["keydocs/v1": fingerprints[k]])
        }
        let log = Sarif.Log(
            schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0",
            runs: [.init(tool: .init(driver: .init(name: "keydocs", version: keydocsVersion, rules: rules)),
                         results: results)])
        return encodeJSON(log)
    }

    /// GitLab Code Quality: a JSON array of issues with a description, the rule as check name,
    /// a fingerprint that stays the same while the finding does, a severity and a place.
    public static func gitlab(_ diagnostics: [Diagnostic]) -> String {
        let fingerprints = self.fingerprints(diagnostics)
        let issues = diagnostics.enumerated().map { k, d in
            CodeQuality.Issue(
                description: d.message, check_name: d.rule.rawValue, fingerprint: fingerprints[k],
                severity: d.severity == .error ? "major" : d.severity == .warning ? "minor" : "info",
                location: .init(path: d.location.file, lines: .init(begin: max(1, d.location.line))))
        }
        return encodeJSON(issues)
    }

    /// A fingerprint for each diagnostic from its rule, file and message, and how many identical
    /// ones come before it: it does not change when lines above the finding move.
    static func fingerprints(_ diagnostics: [Diagnostic]) -> [String] {
        var seen: [String: Int] = [:]
        return diagnostics.map { d in
            let identity = [d.rule.rawValue, d.location.file, d.message].joined(separator: "\u{0}")
            let occurrence = seen[identity, default: 0]
            seen[identity] = occurrence + 1
            // FNV-1a, 64 bits, twice with different offsets: 32 hex digits.
            func fnv(_ basis: UInt64) -> UInt64 {
                var hash = basis
                for byte in (identity + "\u{0}\(occurrence)").utf8 {
                    hash ^= UInt64(byte)
                    hash &*= 0x100000001b3
                }
                return hash
            }
            let high = String(fnv(0xcbf29ce484222325), radix: 16), low = String(fnv(0x84222325cbf29ce4), radix: 16)
            return String(repeating: "0", count: 16 - high.count) + high + String(repeating: "0", count: 16 - low.count) + low
        }
    }

    private static func sarifLevel(_ severity: Diagnostic.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    /// A relative path as a URI reference: each segment percent-encoded.
    private static func uri(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/;"))) ?? String($0)
        }.joined(separator: "/")
    }
}

/// The part of SARIF 2.1.0 that keydocs writes.
private enum Sarif {
    struct Log: Encodable {
        let schema: String
        let version: String
        let runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable { let tool: Tool; let results: [Result] }
    struct Tool: Encodable { let driver: Driver }
    struct Driver: Encodable { let name: String; let version: String; let rules: [Rule] }
    struct Rule: Encodable { let id: String; let shortDescription: Text; let defaultConfiguration: Configuration }
    struct Configuration: Encodable { let level: String }
    struct Text: Encodable { let text: String }
    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int
        let level: String
        let message: Text
        let locations: [Location]
        let partialFingerprints: [String: String]
    }
    struct Location: Encodable { let physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable { let artifactLocation: ArtifactLocation; let region: Region }
    struct ArtifactLocation: Encodable { let uri: String }
    struct Region: Encodable { let startLine: Int; let startColumn: Int?; let endLine: Int }
}

/// GitLab's Code Quality report, as its merge-request widget reads it.
private enum CodeQuality {
    struct Issue: Encodable {
        let description: String
        let check_name: String
        let fingerprint: String
        let severity: String
        let location: Location
    }
    struct Location: Encodable { let path: String; let lines: Lines }
    struct Lines: Encodable { let begin: Int }
}
