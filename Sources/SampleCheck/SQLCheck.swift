import DocModel
import KeyPolicy

/// SQL samples: a page's statements run in order in one session of MariaDB; a generator query
/// is first run on its own as many times as a shell generator.
extension PageChecker {
    static let randomFunctions = ["RANDOM_BYTES(", "RAND(", "UUID(", "UUID_SHORT("]

    mutating func checkSQL(_ sample: Sample, directives: Directives) -> String {
        let statements = SQLText.split(sample.text)
        guard !statements.isEmpty else {
            report("sql.empty", at: sample.location, "the block holds no SQL statement")
            return ""
        }
        let socket: String
        switch engines.database() {
        case .success(let found): socket = found
        case .failure(let error):
            notRunReason = "SQL not executed: \(error.reason)"
            return ""
        }
        if sql == nil {
            do { sql = try SQLSession(socket: socket) } catch {
                notRunReason = "SQL not executed: \(error.reason)"
                return ""
            }
        }
        guard let session = sql else { return "" }
        var ran = 0
        for statement in statements {
            let at = sample.location(ofLine: statement.line)
            let context = statement.text.split(separator: "\n").prefix(3).map { "> " + $0 }
            let upper = statement.text.uppercased()
            let verb = SQLText.verb(statement.text)
            let isGenerator = verb == "SELECT" && Self.randomFunctions.contains { upper.contains($0) } && !upper.contains(" FROM ")
            if isGenerator {
                runGenerator(statement, session: session, sample: sample, at: at, runs: directives.runs ?? options.runs, context: context)
            }
            let before = verb == "UPDATE" && upper.contains("API_KEY") ? session.keys() : nil
            let result = session.connection.execute(statement.text)
            ran += 1
            if result.errorCode != 0 {
                report("sql.error", at: at, result.errorLine, context: context)
                continue
            }
            for warning in result.warnings {
                report("sql.warning", at: at, "\(warning.level) \(warning.code): \(warning.message)", severity: .warning, context: context)
            }
            if let before {
                checkUpdate(statement, before: before, after: session.keys(), session: session, at: at, context: context)
            } else if verb == "SELECT" && !isGenerator {
                checkSelectedKeys(result, at: at)
            }
        }
        return "ran \(ran) statement\(ran == 1 ? "" : "s") on MariaDB in strict mode"
    }

    private mutating func runGenerator(_ statement: SQLStatement, session: SQLSession, sample: Sample, at: SourceLocation,
                                       runs: Int, context: [String]) {
        let upper = statement.text.uppercased()
        if !upper.contains("RANDOM_BYTES(") {
            report("generator.weak-random", at: at,
                   "RAND() and UUID() are not cryptographic generators; build keys from RANDOM_BYTES(n)", context: context)
        }
        let side: MariaDBConnection
        do { side = try session.sideConnection() } catch {
            report("sql.error", at: at, error.reason, context: context)
            return
        }
        var outputs: [String] = []
        for _ in 0..<runs {
            let result = side.execute(statement.text)
            if result.errorCode != 0 { return } // the page run reports the error once
            guard let value = result.rows.first?.first, let key = value else {
                report("generator.null", at: at, "the query returns NULL instead of a key", context: context)
                return
            }
            outputs.append(key)
        }
        let (found, record) = GeneratorRecord.evaluate(outputs, sample: sample.index, at: at, validator: validator, context: context)
        current += found
        lastGenerator = record
        shownKey = nil
    }

    private mutating func checkUpdate(_ statement: SQLStatement, before: [String: String?], after: [String: String?],
                                      session: SQLSession, at: SourceLocation, context: [String]) {
        let changed = after.keys.filter { after[$0] != before[$0] }.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        if changed.isEmpty {
            let ids = SQLSession.fixtures.map { String($0.0) }.joined(separator: ", ")
            report("sql.update-rows", at: at, "the UPDATE changed no contact's key (the fixture contacts are \(ids))", context: context)
        } else if changed.count > 1 {
            report("sql.update-rows", at: at, "the UPDATE changed \(changed.count) contacts' keys; it must change exactly one "
                   + "(is the WHERE clause missing?)", context: context)
        }
        let revokes = statement.text.range(of: #"api_key\s*=\s*NULL\b"#, options: [.regularExpression, .caseInsensitive]) != nil
        for id in changed.prefix(1) {
            guard let stored = after[id] ?? nil else {
                if revokes { continue }
                let unset = SQLText.variables(statement.text).filter { name in
                    session.connection.execute("SELECT @\(name) IS NULL").rows.first?.first == "1"
                }
                let why = unset.isEmpty ? "" : ": " + unset.map { "@\($0)" }.joined(separator: ", ") + " is not set in this session"
                report("sql.null-key", at: at, "the UPDATE left contact \(id) with no key (api_key is NULL)\(why)", context: context)
                continue
            }
            for finding in validator.findings(for: stored, checkPublished: false) where finding.severity == .error {
                report(finding.rule.rawValue, at: at, "the key stored for contact \(id): " + finding.message, context: context)
            }
        }
        if let literal = SQLText.assignedLiteral(statement.text) {
            assigned(literal, at: at)
        }
    }

    private mutating func checkSelectedKeys(_ result: StatementResult, at: SourceLocation) {
        guard let column = result.columns.firstIndex(where: { $0.lowercased().contains("api_key") }) else { return }
        for row in result.rows {
            guard column < row.count, let key = row[column] else { continue }
            for finding in validator.findings(for: key, checkPublished: false) where finding.severity == .error {
                report(finding.rule.rawValue, at: at, "a key this SELECT returns: " + finding.message)
            }
        }
    }
}
