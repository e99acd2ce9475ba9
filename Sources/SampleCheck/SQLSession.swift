import Dispatch
import Database
import Foundation
import Support

/// A page's SQL session: a scratch database with the tables of `CiviCRMSchema` and its fixture
/// contacts, under MariaDB's strict mode.
public final class SQLSession: @unchecked Sendable {
    /// The session's connection, as the sample account.
    public let connection: MariaDBConnection
    /// The page's scratch database.
    public let database: String

    private static let counter = Counter()

    /// The statement that every connection of a sample session starts with.
    static let sqlMode = "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION'"

    /// Where samples run: keydocs' private server (with its administrator account), or a
    /// server the user named.
    let target: DatabaseTarget
    /// keydocs' own connection: creates the database and the sample account, stops a statement
    /// that runs too long, removes both at the end. Samples never use it.
    private let control: MariaDBConnection
    private let controlLock = NSLock()
    /// The account samples run as, which keydocs made for this database.
    private let account: SampleAccount?
    /// Seconds one statement may run.
    let statementSeconds: Int
    /// Statements started, so that a stop sent for one cannot reach the next.
    private var generation = 0
    /// On the user's server: every database but the scratch one, which samples may not name.
    private(set) var otherDatabases: Set<String> = []
    /// The server went away during this session: no further statement runs.
    private(set) var lost = false

    /// Creates the page's database, its account (on the private server) and the fixtures.
    /// `mentioning` is the page's SQL: of the tables beyond `civicrm_contact` and the two that
    /// refer to it, only those it names are made (each costs a CREATE TABLE on every page).
    public init(target: DatabaseTarget, statementSeconds: Int, mentioning sql: String? = nil) throws(EngineError) {
        self.target = target
        self.statementSeconds = statementSeconds
        let n = Self.counter.next()
        database = "keydocs_\(getpid())_\(n)"
        control = try MariaDBConnection(target.address)
        try control.run("CREATE DATABASE `\(database)` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        account = try Self.makeAccount(on: control, target: target, database: database, name: "sample_\(getpid())_\(n)")
        connection = try Self.connect(target, account: account, database: database)
        if !target.isPrivate {
            let names = control.execute("SHOW DATABASES").rows.compactMap { $0.first ?? nil }.map { $0.lowercased() }
            otherDatabases = Set(names + ["mysql", "information_schema", "performance_schema", "sys"]).subtracting([database.lowercased()])
        }
        try Self.loadFixtures(on: connection, mentioning: sql)
    }

    // MARK: - Set-up

    /// The account samples run as, whose grants reach `database` only; made by keydocs, which
    /// removes the database when it cannot make one.
    private static func makeAccount(on control: MariaDBConnection, target: DatabaseTarget, database: String,
                                    name: String) throws(EngineError) -> SampleAccount {
        let host = target.address.socket != nil || target.isPrivate ? "localhost" : "%"
        switch SampleAccount.create(on: control, database: database, host: host, name: name) {
        case .success(let made):
            return made
        case .failure(let refusal) where target.isPrivate:
            _ = control.execute("DROP DATABASE IF EXISTS `\(database)`")
            throw .mariaDB("set-up failed: cannot create the sample account: \(refusal.reason)")
        case .failure(let refusal):
            // Samples never run as the user's own account, however little it may reach: any
            // account may change its own password, and one with rights on every keydocs
            // database reaches other runs' scratch databases and can keep new ones.
            _ = control.execute("DROP DATABASE IF EXISTS `\(database)`")
            let user = target.address.user ?? "root"
            throw .mariaDB("SQL samples do not run: '\(user)' may not create an account for "
                           + "them (\(refusal.reason)). Name an account that may create accounts and grant rights, "
                           + "such as an administrator's: keydocs uses it only to make, for each page, an account with "
                           + "rights on that page's scratch database alone, which the samples run as and which is dropped after")
        }
    }

    /// Makes the tables of `CiviCRMSchema` that the page's SQL names (all of them without
    /// `sql`) and fills them with the fixture rows and keys.
    private static func loadFixtures(on connection: MariaDBConnection, mentioning sql: String?) throws(EngineError) {
        let text = sql?.lowercased()
        func wanted(_ table: String) -> Bool {
            CiviCRMSchema.alwaysMade.contains(table) || text.map { $0.contains(table) } ?? true
        }
        for (table, statement) in zip(CiviCRMSchema.tables, CiviCRMSchema.definitions) where wanted(table) {
            try connection.run(statement)
        }
        for (id, type, name, email) in CiviCRMSchema.contacts {
            let sortName = name.replacingOccurrences(of: "'", with: "''")
            try connection.run("INSERT INTO civicrm_contact (id, contact_type, display_name, sort_name) VALUES (\(id), '\(type)', '\(sortName)', '\(sortName)')")
            try connection.run("INSERT INTO civicrm_email (contact_id, email, is_primary) VALUES (\(id), '\(email)', 1)")
        }
        // The contacts the page's statements name by id are there too, as they would be on the
        // reader's site: `WHERE id = 42` finds contact 42.
        let known = Set(CiviCRMSchema.contacts.map(\.0))
        for id in contactIDs(in: sql ?? "") where !known.contains(id) {
            try connection.run("INSERT INTO civicrm_contact (id, contact_type, display_name, sort_name) "
                               + "VALUES (\(id), 'Individual', 'Contact \(id)', 'Contact \(id)')")
        }
        try connection.run(CiviCRMSchema.userMatch)
        for statement in CiviCRMSchema.otherRows {
            let table = statement.dropFirst("INSERT INTO ".count).prefix { $0 != " " }
            if wanted(String(table)) { try connection.run(statement) }
        }
        for (id, key) in CiviCRMSchema.contactKeys {
            try connection.run("UPDATE civicrm_contact SET api_key = '\(key)' WHERE id = \(id)")
        }
    }

    /// The contact ids that SQL names in a condition (`id = 42`, `contact_id = 42`, `id IN (42, 43)`),
    /// at most 100 of them, each a positive 32-bit number.
    static func contactIDs(in sql: String) -> [Int] {
        var ids: [Int] = []
        for match in sql.matches(of: /(?i)\b(?:contact_)?id\s*(?:=\s*'?(\d{1,9})\b|in\s*\(([\d\s,']{1,400})\))/) {
            if let single = match.output.1.flatMap({ Int($0) }) { ids.append(single) }
            if let list = match.output.2 {
                ids += list.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            }
            if ids.count >= 100 { break }
        }
        var seen: Set<Int> = []
        return ids.filter { $0 > 0 && $0 < 1 << 31 && seen.insert($0).inserted }.prefix(100).map { $0 }
    }

    /// A connection as the sample account (or the user's account) to the page's database.
    private static func connect(_ target: DatabaseTarget, account: SampleAccount?,
                                database: String) throws(EngineError) -> MariaDBConnection {
        var address = target.address
        if let account {
            address.user = account.user
            address.password = account.password
        }
        address.database = database
        let connection = try MariaDBConnection(address)
        try connection.run(sqlMode)
        return connection
    }

    /// A second connection to the same database, for running a generator query on its own.
    public func sideConnection() throws(EngineError) -> MariaDBConnection {
        try Self.connect(target, account: account, database: database)
    }

    /// Runs one statement of a sample on `connection` (the session's, or a side connection),
    /// stopping it after `statementSeconds` (MariaDB then answers with error 1317).
    public func run(_ sql: String, on connection: MariaDBConnection? = nil) -> StatementResult {
        let connection = connection ?? self.connection
        controlLock.lock()
        generation += 1
        let current = generation
        controlLock.unlock()
        let thread = connection.threadID
        let stopped = Flag()
        let stop = DispatchWorkItem { [self] in
            controlLock.lock()
            defer { controlLock.unlock() }
            if generation == current {
                stopped.set()
                _ = control.execute("KILL QUERY \(thread)")
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(statementSeconds), execute: stop)
        var result = connection.execute(sql)
        controlLock.lock()
        generation += 1
        controlLock.unlock()
        stop.cancel()
        // SLEEP() returns 1 when it is stopped, not an error: the stop itself says it ran out of time.
        if stopped.isSet && result.errorCode == 0 {
            result.errorCode = 1317
            result.sqlState = "70100"
            result.errorMessage = "Query execution was interrupted"
        }
        if MariaDBConnection.lostConnection.contains(result.errorCode) { lost = true }
        // The account keydocs made for the page is named after this process: a message names
        // it as `sample`, so that the same sample gives the same finding in every run.
        if let account, !result.errorMessage.isEmpty {
            result.errorMessage = result.errorMessage.replacingOccurrences(of: "'\(account.user)'@", with: "'sample'@")
        }
        return result
    }

    /// Every contact's id and key.
    func keys() -> [String: String?] {
        var keys: [String: String?] = [:]
        for row in connection.execute("SELECT id, api_key FROM civicrm_contact").rows {
            if let id = row[0] { keys[id] = row[1] }
        }
        return keys
    }

    /// Removes the page's database and its account.
    public func close() {
        controlLock.lock()
        defer { controlLock.unlock() }
        _ = control.execute("DROP DATABASE IF EXISTS `\(database)`")
        if let account { _ = control.execute("DROP USER IF EXISTS \(account.quoted)") }
    }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.lock(); value = true; lock.unlock() }
        var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
