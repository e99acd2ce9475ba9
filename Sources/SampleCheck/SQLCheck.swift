import Database
import DocModel
import Foundation
import KeyPolicy
import Support

/// SQL samples: a page's statements run in order in one session of MariaDB; a generator query
/// is first run on its own as many times as a shell generator.
extension PageChecker {
    static let randomFunctions = ["RANDOM_BYTES(", "RAND(", "UUID(", "UUID_SHORT("]

    mutating func checkSQL(_ sample: Sample, directives: Directives) -> BlockResult {
        let statements = SQLText.split(sample.text)
        guard !statements.isEmpty else {
            report(.sqlEmpty, at: sample.location, "the block holds no SQL statement")
            return .failed
        }
        if let unavailable = openSession(for: sample) { return unavailable }
        guard let session = sql else { return .failed }
        var tally = SQLTally()
        for original in statements {
            // `<civicrm_database>`.table and `USE <your_db>` name the database the guide's reader
            // has: here, the page's own.
            var statement = original
            statement.text = SQLTemplate.bindDatabase(statement.text, to: session.database)
            let at = sample.location(ofLine: statement.line)
            let context = statement.text.split(separator: "\n").prefix(3).map { "> " + $0 }
            if session.lost {
                report(.sqlEngine, at: at, "not run: the MariaDB server went away earlier on this page", context: context)
                break
            }
            checkStatement(statement, in: session, sample: sample, runs: directives.runs ?? options.runs,
                           at: at, context: context, tally: &tally)
        }
        return tally.result
    }

    /// What the statements of one SQL block came to, for its badge.
    private struct SQLTally {
        /// Statements run.
        var ran = 0
        /// Statements with placeholders, not run.
        var templates = 0
        /// Statements not run because they reach outside the sample's database.
        var refused = 0
        /// Tables (`name`) and columns (`column name`) keydocs does not model that statements named.
        var unknown: [String] = []
        /// What the block's last generator expression printed.
        var generated: GeneratorRecord?

        /// The block's result: checked, with what was not run, or not about keys when nothing ran.
        var result: BlockResult {
            var notRun: [String] = []
            if templates > 0 { notRun.append("\(counted(templates, "template")) with placeholders") }
            if !unknown.isEmpty { notRun.append("unknown " + unknown.map { $0.hasPrefix("column ") ? $0 : "table " + $0 }.joined(separator: ", ")) }
            if refused > 0 { notRun.append("\(counted(refused, "statement")) outside the sample's database") }
            if ran == 0 && !notRun.isEmpty {
                return .notAboutKeys("SQL not run: " + notRun.joined(separator: "; "))
            }
            // What a generator expression of the block printed, as a shell generator reports it.
            let measured = generated.flatMap { record in record.lengthsText.map { "\($0)-character keys in \(counted(record.runs, "run"))" } }
            if !notRun.isEmpty {
                return .checked("ran \(counted(ran, "statement")) on MariaDB in strict mode; not run: " + notRun.joined(separator: "; "),
                                measured: measured)
            }
            return .checked("ran \(counted(ran, "statement")) on MariaDB in strict mode", measured: measured)
        }
    }

    /// Opens the page's SQL session, unless an earlier block did; what the block comes to when
    /// SQL cannot run, or nil.
    private mutating func openSession(for sample: Sample) -> BlockResult? {
        let target: DatabaseTarget
        switch engines.database() {
        case .success(let found): target = found
        case .failure(let error):
            return .notRun("SQL not executed: \(error.reason)")
        }
        guard sql == nil else { return nil }
        let pageSQL = page.samples.map(\.text).joined(separator: "\n")
        do { sql = try SQLSession(target: target, statementSeconds: options.statementSeconds, mentioning: pageSQL) } catch {
            // The server was there for the check: that it cannot be used now is a failure of the
            // run, whatever the mode, not a missing engine.
            report(.sqlEngine, at: sample.location, "SQL not executed: \(error.reason)")
            return .failed
        }
        return nil
    }

    /// Checks one statement of a block: refused, a template, or run, with the key it makes and
    /// the keys it stores or returns judged.
    private mutating func checkStatement(_ statement: SQLStatement, in session: SQLSession, sample: Sample, runs: Int,
                                         at: SourceLocation, context: [String], tally: inout SQLTally) {
        if refuse(statement, in: session, at: at, context: context) {
            tally.refused += 1
            return
        }
        let literal = SQLText.assignedLiteral(statement.text)
        if let literal, Placeholder.inSQL(literal), SQLTemplate.asksToMakeUp(literal) {
            reportMadeUp(literal, at: at, context: context)
        }
        if SQLTemplate.hasPlaceholders(statement.text) {
            // A template: what can be checked without running it is its key.
            tally.templates += 1
            if let literal, !Placeholder.standsForKey(literal) {
                reportKey(literal, at: at, "the key this template assigns: ", context: context)
            }
            return
        }
        let upper = statement.text.uppercased()
        let verb = SQLText.verb(statement.text)
        let isGenerator = verb == "SELECT" && Self.randomFunctions.contains { upper.contains($0) } && !upper.contains(" FROM ")
        if isGenerator {
            tally.generated = runGenerator(query: statement.text, session: session, sample: sample, at: at, runs: runs,
                                           reportsWeak: true, context: context) ?? tally.generated
        } else if let expression = Self.keyExpression(statement.text, page: page), SQLText.isComputed(expression) {
            // An expression that becomes a key is a generator, whatever statement it sits in.
            tally.generated = runGenerator(query: "SELECT " + expression, session: session, sample: sample, at: at, runs: runs,
                                           reportsWeak: Self.weakKeySource(statement.text) == nil, context: context) ?? tally.generated
        }
        if !isGenerator, let function = Self.weakKeySource(statement.text) {
            report(.generatorWeakRandom, at: at, "the key is made from \(function), which is not a cryptographic generator: "
                   + "it can be predicted; build keys from RANDOM_BYTES(n)", context: context)
        }
        let before = verb == "UPDATE" && upper.contains("API_KEY") ? session.keys() : nil
        let result = session.run(statement.text)
        guard judgeOutcome(result, of: statement, in: session, at: at, context: context, tally: &tally) else { return }
        if let before {
            checkUpdate(statement, result: result, before: before, after: session.keys(), session: session, at: at, context: context)
        } else if verb == "SELECT" && !isGenerator {
            checkSelectedKeys(result, at: at)
        }
    }

    /// Statements keydocs will not run are not the guide's mistake (a debugging page may well
    /// turn on the general log): a note says they were not run. Whether `statement` is one.
    private mutating func refuse(_ statement: SQLStatement, in session: SQLSession, at: SourceLocation, context: [String]) -> Bool {
        if let reason = SQLGuard.refusal(statement.text) {
            report(.sqlNotAllowed, at: at, "not run: the statement \(reason); samples may use their own database only", context: context)
            return true
        }
        if let named = SQLGuard.qualifiers(statement.text).first(where: session.otherDatabases.contains) {
            report(.sqlNotAllowed, at: at, "not run: the statement names the database '\(named)'; on a server named "
                   + "with --mysql, samples run only in keydocs' scratch database", context: context)
            return true
        }
        return false
    }

    /// Reports how a statement that ran ended: a table or column keydocs does not model, a
    /// right the sample account lacks, an error, or warnings. Whether it succeeded, so that what
    /// it stored or returned can be judged.
    private mutating func judgeOutcome(_ result: StatementResult, of statement: SQLStatement, in session: SQLSession,
                                       at: SourceLocation, context: [String], tally: inout SQLTally) -> Bool {
        if result.errorCode == 1146, let table = SQLTemplate.missingTable(result.errorMessage) {
            // A table keydocs does not model is not the sample's mistake; a misspelt one is.
            if let meant = CiviCRMSchema.tables.first(where: { NearMiss.of(table, $0) }) {
                report(.sqlError, at: at, result.errorLine + " (did you mean \(meant)?)", context: context)
                tally.ran += 1
            } else if !tally.unknown.contains(table) {
                tally.unknown.append(table)
            }
            return false
        }
        // A column keydocs does not model (multilingual label_en_US, a newer field) is not the
        // sample's mistake either; a misspelt key column is, and so is any column that
        // civicrm_contact, which keydocs models whole from CiviCRM's schema, does not have.
        if result.errorCode == 1054, let column = SQLTemplate.unknownColumn(result.errorMessage),
           !column.lowercased().hasPrefix("api"), !Self.onlyContact(statement.text) {
            if Placeholder.inSQL(column) { tally.templates += 1 } else if !tally.unknown.contains("column " + column) {
                tally.unknown.append("column " + column)
            }
            return false
        }
        // What the sample account may not do (the server's own tables, its settings).
        if [1044, 1045, 1142, 1143, 1227].contains(result.errorCode) {
            report(.sqlNotAllowed, at: at, "not run: \(result.errorLine)", context: context)
            tally.refused += 1
            return false
        }
        tally.ran += 1
        if result.errorCode != 0 {
            reportFailure(result, session: session, at: at, context: context)
            return false
        }
        for warning in result.warnings {
            report(.sqlWarning, at: at, "\(warning.level) \(warning.code): \(warning.message)", context: context)
        }
        return true
    }

    /// The non-cryptographic function a statement makes a key from, when it assigns `api_key`
    /// or a key-like variable (`SET @key = MD5(RAND())`, `UPDATE … SET api_key = SHA2(UUID(), 256)`).
    static func weakKeySource(_ statement: String) -> String? {
        let code = SQLGuard.blankLiterals(statement).uppercased()
        guard let function = ["RAND(", "UUID_SHORT(", "UUID(", "NOW(", "UNIX_TIMESTAMP(", "CONNECTION_ID("].first(where: code.contains)
            , !code.contains("RANDOM_BYTES(") else { return nil }
        let assignsKey = ["UPDATE", "INSERT", "REPLACE"].contains(SQLText.verb(statement)) && code.contains("API_KEY")
        let keyVariable = code.range(of: #"@[A-Z0-9_]*(KEY|TOKEN|SECRET)[A-Z0-9_]*\s*:?="#, options: .regularExpression) != nil
        guard assignsKey || keyVariable else { return nil }
        return String(function.dropLast()) + "()"
    }

    /// A statement that failed: stopped for its time, the server gone, or MariaDB's own error.
    private mutating func reportFailure(_ result: StatementResult, session: SQLSession, at: SourceLocation, context: [String]) {
        switch result.errorCode {
        case 1317, 1969:
            report(.sqlTimeout, at: at, "the statement did not finish within \(session.statementSeconds) s and was stopped", context: context)
        case _ where MariaDBConnection.lostConnection.contains(result.errorCode):
            report(.sqlEngine, at: at, "the MariaDB server went away while running the statement: \(result.errorLine)", context: context)
        default:
            report(.sqlError, at: at, result.errorLine, context: context)
        }
    }

    /// Whether the only table `statement` names is `civicrm_contact`, whose columns keydocs
    /// models whole: an unknown column there is the sample's mistake.
    static func onlyContact(_ statement: String) -> Bool {
        let code = SQLGuard.blankLiterals(statement).lowercased()
        let tables = code.matches(of: /\b(?:from|join|update|into)\s+`?([a-z0-9_]+)`?(?:\.`?([a-z0-9_]+)`?)?/)
            .map { String($0.output.2 ?? $0.output.1) }
        return !tables.isEmpty && tables.allSatisfy { $0 == "civicrm_contact" }
    }

    /// The expression that becomes a key in `statement`: what an UPDATE assigns to `api_key`,
    /// or what `SET @v = …` assigns to a variable that the page then assigns to `api_key`.
    static func keyExpression(_ statement: String, page: Page) -> String? {
        let verb = SQLText.verb(statement)
        if ["UPDATE", "INSERT", "REPLACE"].contains(verb) { return SQLText.assignedExpression(statement, to: "api_key") }
        guard verb == "SET" else { return nil }
        let pageSQL = page.samples.map(\.text).joined(separator: "\n")
        for name in SQLText.variables(statement) {
            let flows = pageSQL.range(of: #"api_key\s*=\s*@"# + NSRegularExpression.escapedPattern(for: name) + #"\b"#,
                                      options: [.regularExpression, .caseInsensitive]) != nil
            if flows, let expression = SQLText.assignedExpression(statement, to: "@" + name) { return expression }
        }
        return nil
    }

    /// Runs `query`, which yields a key, `runs` times on a connection of its own and judges
    /// what it gave as a shell generator's output is judged: randomness present at all, bits
    /// read against the policy's, lengths, alphabet, all different.
    /// Returns what the runs printed, or nil when they did not all run.
    private mutating func runGenerator(query: String, session: SQLSession, sample: Sample, at: SourceLocation,
                                       runs: Int, reportsWeak: Bool, context: [String]) -> GeneratorRecord? {
        let upper = SQLGuard.blankLiterals(query).uppercased()
        if !Self.randomFunctions.contains(where: upper.contains) {
            report(.generatorNoRandom, at: at, "the key is computed without a random function: every run gives the key "
                   + "the same inputs give; build keys from RANDOM_BYTES(n)", context: context)
        } else if !upper.contains("RANDOM_BYTES(") && reportsWeak {
            report(.generatorWeakRandom, at: at,
                   "RAND() and UUID() are not cryptographic generators; build keys from RANDOM_BYTES(n)", context: context)
        }
        let sizes = query.uppercased().matches(of: /RANDOM_BYTES\(\s*(\d+)\s*\)/).compactMap { Int($0.output.1) }
        if let bytes = sizes.max(), sizes.count == 1 {
            let policy = validator.policy
            if Double(bytes * 8) < policy.weakThresholdBits {
                report(.generatorEntropy, at: at, "the key is made from \(bytes) random bytes (\(bytes * 8) bits): it can be no "
                       + "stronger than that, under \(Int(policy.weakThresholdBits)) bits, however long it looks", context: context)
            }
        }
        let side: MariaDBConnection
        do { side = try session.sideConnection() } catch {
            report(.sqlError, at: at, error.reason, context: context)
            return nil
        }
        var query = query
        var outputs: [String] = []
        let runs = min(runs, CheckOptions.maxRuns)
        let deadline = Date().addingTimeInterval(CheckOptions.sampleSeconds)
        for _ in 0..<runs {
            guard Date() < deadline else {
                report(.generatorLimit, at: at, "\(counted(runs, "run")) did not finish within \(Int(CheckOptions.sampleSeconds)) s "
                       + "(\(outputs.count) finished)", context: context)
                return nil
            }
            var result = session.run(query, on: side)
            // An expression over the contact's columns is evaluated on a contact.
            if result.errorCode == 1054 && outputs.isEmpty && !query.uppercased().contains(" FROM ") {
                query += " FROM civicrm_contact WHERE id = 100"
                result = session.run(query, on: side)
            }
            if result.errorCode != 0 { return nil } // the page run reports the error once
            guard let value = result.rows.first?.first, let key = value else {
                report(.generatorNull, at: at, "the query returns NULL instead of a key", context: context)
                return nil
            }
            outputs.append(key)
        }
        let (found, record) = GeneratorRecord.evaluate(outputs, at: at, validator: validator, context: context)
        current += found
        lastGenerator = record
        shownKey = nil
        return record
    }

    private mutating func checkUpdate(_ statement: SQLStatement, result: StatementResult, before: [String: String?],
                                      after: [String: String?], session: SQLSession, at: SourceLocation, context: [String]) {
        let changed = after.keys.filter { after[$0] != before[$0] }.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
        let code = SQLGuard.blankLiterals(statement.text).uppercased()
        let literal = SQLText.assignedLiteral(statement.text)
        if code.range(of: #"\bWHERE\b"#, options: .regularExpression) == nil {
            report(.sqlUpdateRows, at: at, "the UPDATE has no WHERE: run on a live site, it changes the key of every contact "
                   + "(\(changed.count) here)", context: context)
        } else if changed.isEmpty && (result.rowsMatched ?? 0) == 0 {
            let ids = CiviCRMSchema.contacts.map { String($0.0) }.joined(separator: ", ")
            report(.sqlUpdateRows, at: at, "the UPDATE matched no contact (the fixture contacts are \(ids))", context: context)
        } else if changed.count > 1 && literal != nil {
            report(.sqlUpdateRows, at: at, "the UPDATE gives \(changed.count) contacts the same key; a key belongs to one contact",
                   context: context)
        }
        let revokes = statement.text.range(of: #"api_key\s*=\s*NULL\b"#, options: [.regularExpression, .caseInsensitive]) != nil
        var seen: [String: String] = [:]
        for id in changed {
            guard let stored = after[id] ?? nil else {
                if revokes { continue }
                let unset = SQLText.variables(statement.text).filter { name in
                    session.connection.execute("SELECT @\(name) IS NULL").rows.first?.first == "1"
                }
                let why = unset.isEmpty ? "" : ": " + unset.map { "@\($0)" }.joined(separator: ", ") + " is not set in this session"
                report(.sqlNullKey, at: at, "the UPDATE left contact \(id) with no key (api_key is NULL)\(why)", context: context)
                continue
            }
            if literal == nil, let other = seen[stored.lowercased()] {
                report(.keyDuplicate, at: at, "the UPDATE gave contacts \(other) and \(id) the same key", context: context)
            }
            seen[stored.lowercased()] = id
            reportKey(stored, at: at, "the key stored for contact \(id): ", context: context)
            if changed.count > 1 && literal != nil { break }
        }
        if let literal {
            assigned(literal, at: at)
        }
    }

    private mutating func checkSelectedKeys(_ result: StatementResult, at: SourceLocation) {
        guard let column = result.columns.firstIndex(where: { $0.lowercased().contains("api_key") }) else { return }
        for row in result.rows {
            guard column < row.count, let key = row[column] else { continue }
            reportKey(key, at: at, "a key this SELECT returns: ")
        }
    }
}
