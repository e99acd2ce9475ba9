import Dispatch
import Database
import DocModel
import Foundation
import KeyPolicy
import Support

/// Reads every contact's key from a CiviCRM database in one read-only pass and reports the keys
/// that fail the policy, that APIv4 cut short, that are published, or that several contacts share.
public struct KeyAudit: Sendable {
    /// One contact with findings. Only the key's first four characters and its length are kept.
    public struct Flagged: Sendable, Encodable {
        public var id: Int
        public var keyPrefix: String?
        public var keyLength: Int
        public var findings: [Entry]
    }

    /// A finding as the audit reports it.
    public struct Entry: Sendable, Encodable {
        public var rule: RuleID
        public var severity: Severity
        public var message: String
    }

    /// What an audit found.
    public struct Report: Sendable {
        /// Contacts read.
        public var contacts = 0
        /// Contacts with a key.
        public var keys = 0
        /// Contacts whose key has findings, by id.
        public var flagged: [Flagged] = []
        /// Groups of contacts that share a key (ignoring case), each sorted, by first id.
        public var shared: [[Int]] = []
        /// Findings per rule.
        public var byRule: [String: Int] = [:]

        /// Contacts with an error, or a shared key.
        public var failed: Bool {
            !shared.isEmpty || flagged.contains { $0.findings.contains { $0.severity == .error } }
        }
    }

    /// The validator; add the docs' keys to it as published before the audit.
    public var validator: KeyValidator

    /// An audit with `validator`.
    public init(validator: KeyValidator) { self.validator = validator }

    /// Reads `civicrm_contact` (id, api_key) at `address`, in a read-only transaction.
    /// `progress` is called with the rows read so far, every 100,000 rows.
    public func run(_ address: MariaDBAddress, progress: (Int) -> Void = { _ in }) throws(EngineError) -> Report {
        let connection = try MariaDBConnection(address)
        try connection.run("SET SESSION TRANSACTION READ ONLY")
        try connection.run("START TRANSACTION READ ONLY")
        var report = Report()
        var ids: [Int] = []
        var keys: [String] = []
        let failure = connection.stream("SELECT id, api_key FROM civicrm_contact ORDER BY id") { row in
            report.contacts += 1
            if report.contacts % 100_000 == 0 { progress(report.contacts) }
            guard let idText = row.first ?? nil, let id = Int(idText), row.count > 1, let key = row[1], !key.isEmpty else { return }
            ids.append(id)
            keys.append(key)
        }
        _ = connection.execute("COMMIT")
        if let failure { throw .mariaDB(failure) }
        report.keys = keys.count

        // The policy's rules on every core, then shared keys in id order.
        let workers = keys.count >= 20_000 ? ProcessInfo.processInfo.activeProcessorCount : 1
        let chunk = (keys.count + workers - 1) / max(workers, 1)
        let results = ConcurrentResults<[Flagged]>(count: workers)
        let validator = self.validator
        let (allIDs, allKeys) = (ids, keys)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var flagged: [Flagged] = []
            for i in min(allKeys.count, w * chunk)..<min(allKeys.count, (w + 1) * chunk) {
                if let entry = Self.judge(allKeys[i], id: allIDs[i], validator: validator) { flagged.append(entry) }
            }
            results.set(w, flagged)
        }
        report.flagged = results.values.flatMap { $0 }
        for contact in report.flagged {
            for entry in contact.findings { report.byRule[entry.rule.rawValue, default: 0] += 1 }
        }
        var index = DuplicateIndex(policy: validator.policy)
        index.reserveCapacity(keys.count)
        var groups: [Int: [Int]] = [:]
        for (i, key) in keys.enumerated() {
            if let first = index.insert(key, token: i) { groups[first, default: [ids[first]]].append(ids[i]) }
        }
        report.shared = groups.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
        if !report.shared.isEmpty { report.byRule[Rule.duplicate.rawValue] = report.shared.reduce(0) { $0 + $1.count } }
        return report
    }

    /// The findings for one contact's key, or nil when it passes every rule.
    static func judge(_ key: String, id: Int, validator: KeyValidator) -> Flagged? {
        let policy = validator.policy
        let length = key.unicodeScalars.count
        var entries = validator.findings(for: key).map {
            Entry(rule: RuleID($0.rule), severity: $0.severity, message: $0.message)
        }
        if length == policy.storage.capacity && key.hasSuffix("...") {
            entries.removeAll { $0.rule == .keyCharset }
            entries.insert(Entry(rule: .keyTruncated, severity: RuleID.keyTruncated.entry.severity,
                                 message: "cut to its first \(policy.storage.capacity - 3) characters plus \"...\" by APIv4: "
                                    + "no program holds this key, so it cannot be used; assign a new one"), at: 0)
        }
        guard !entries.isEmpty else { return nil }
        let preview = KeyPreview(key)
        return Flagged(id: id, keyPrefix: preview.prefix, keyLength: preview.length, findings: entries)
    }

    /// `publishedKeys(in:)` of the docs folder at `docsFolder`, read as `keydocs build` reads it.
    public static func publishedKeys(inDocsAt docsFolder: String) throws(DocError) -> [(key: String, source: String)] {
        publishedKeys(in: try LoadStage(docsFolder: docsFolder, config: SiteConfig(), variables: PolicyVariables.make()).run())
    }

    /// Key-shaped strings (20 or more letters and digits) in the code blocks of `docs`, with where
    /// each is: every one of them is published.
    public static func publishedKeys(in docs: DocSet) -> [(key: String, source: String)] {
        var found: [(String, String)] = []
        for page in docs.pages {
            for sample in page.samples {
                for (k, line) in sample.lines.enumerated() {
                    var token = ""
                    for scalar in line.unicodeScalars {
                        if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                            token.unicodeScalars.append(scalar)
                        } else {
                            if token.count >= 20 && token.contains(where: \.isNumber) { found.append((token, "\(page.filePath):\(sample.contentLine + k)")) }
                            token = ""
                        }
                    }
                    if token.count >= 20 && token.contains(where: \.isNumber) { found.append((token, "\(page.filePath):\(sample.contentLine + k)")) }
                }
            }
        }
        return found
    }
}
