import Database
import Foundation
import Support

/// The account SQL samples run as: one whose grants reach the page's scratch database and
/// nothing else. Privilege, not the text of a statement, keeps a sample in its database
/// (`EXECUTE IMMEDIATE CONCAT('SELECT … FROM civ', 'icrm.civicrm_contact')` reads no text a
/// guard could see).
struct SampleAccount: Sendable {
    var user: String
    var host: String
    var password: String

    /// The rights a sample has on its database: tables, views, routines and triggers in it;
    /// nothing of the server's (no FILE, SUPER, SHUTDOWN, PROCESS, global SET or account rights),
    /// and no EVENT, so that nothing runs later.
    static let privileges = "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, INDEX, ALTER, CREATE TEMPORARY TABLES, "
        + "LOCK TABLES, CREATE VIEW, SHOW VIEW, TRIGGER, EXECUTE, CREATE ROUTINE, ALTER ROUTINE"

    /// Creates an account with `privileges` on `database` only, as `control`'s account; the
    /// server's refusal when that account may not create accounts or grant those rights.
    static func create(on control: MariaDBConnection, database: String, host: String, name: String) -> Result<SampleAccount, EngineError> {
        let password = AccountPassword.random()
        let account = SampleAccount(user: name, host: host, password: password)
        let created = control.execute("CREATE USER \(account.quoted) IDENTIFIED BY '\(password)'")
        guard created.errorCode == 0 else { return .failure(.mariaDB(created.errorLine)) }
        let granted = control.execute("GRANT \(privileges) ON `\(database)`.* TO \(account.quoted)")
        guard granted.errorCode == 0 else {
            _ = control.execute("DROP USER IF EXISTS \(account.quoted)")
            return .failure(.mariaDB(granted.errorLine))
        }
        return .success(account)
    }

    /// `'user'@'host'`.
    var quoted: String { "'\(user)'@'\(host)'" }

    /// Why the account `control` uses reaches more than keydocs' scratch databases (a grant
    /// line of `SHOW GRANTS`), or nil when every grant it holds is on a `keydocs…` database.
    /// Every grant is judged: a role, a proxy right, a right on all databases, on a table or
    /// routine elsewhere each make the account unfit to run samples as.
    static func overreach(of control: MariaDBConnection) -> String? {
        let result = control.execute("SHOW GRANTS FOR CURRENT_USER()")
        guard result.errorCode == 0 else { return "its grants cannot be read (\(result.errorLine))" }
        for row in result.rows {
            guard let line = row.first ?? nil else { continue }
            guard let grant = line.range(of: "GRANT "), let on = line.range(of: " ON "), let to = line.range(of: " TO "),
                  grant.lowerBound == line.startIndex, on.upperBound <= to.lowerBound else {
                return String(line.prefix { $0 != "'" && $0 != "@" }.prefix(120))
            }
            let privileges = line[grant.upperBound..<on.lowerBound].trimmingCharacters(in: .whitespaces)
            let target = line[on.upperBound..<to.lowerBound].trimmingCharacters(in: .whitespaces)
            if privileges == "USAGE" && target == "*.*" { continue }
            if scratchOnly(target) { continue }
            return String(line[..<to.lowerBound])
        }
        return nil
    }

    /// Whether a grant's target (`` `keydocs\_%`.* ``) names only databases whose names start
    /// with `keydocs`: a database part in backquotes that begins with `keydocs` and holds no
    /// wildcard before that prefix, and is followed by `.*`.
    static func scratchOnly(_ target: String) -> Bool {
        guard target.hasPrefix("`keydocs"), target.hasSuffix("`.*") else { return false }
        let name = target.dropFirst().dropLast(3)
        return !name.contains("`")
    }
}
