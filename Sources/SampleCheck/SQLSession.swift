import Dispatch
import Database
import Foundation
import KeyPolicy
import Support

/// Where SQL samples run.
public struct DatabaseTarget: Sendable {
    /// The account keydocs connects with: the private server's administrator, or the user's.
    public var address: MariaDBAddress
    /// keydocs' own private server (samples get an account of their own), or the user's.
    public var isPrivate: Bool

    /// A target.
    public init(address: MariaDBAddress, isPrivate: Bool) {
        self.address = address
        self.isPrivate = isPrivate
    }
}

/// A page's SQL session: a scratch database with `civicrm_contact` as CiviCRM defines it
/// (the columns a sample may touch, `api_key varchar(32)` with its ordinary index,
/// utf8mb4_unicode_ci) and fixture contacts, under MariaDB's strict mode.
public final class SQLSession: @unchecked Sendable {
    /// The session's connection, as the sample account.
    public let connection: MariaDBConnection
    /// The page's scratch database.
    public let database: String

    /// The fixture contacts: id, type, display name, email.
    static let fixtures: [(Int, String, String, String)] = [
        (1, "Organization", "Default Organization", "info@example.org"),
        (2, "Individual", "Admin User", "admin@example.org"),
        (3, "Individual", "Ana Example", "ana@example.org"),
        (4, "Individual", "Ben Example", "ben@example.org"),
        (5, "Household", "Example Household", "home@example.org"),
        (100, "Individual", "API User", "api@example.org"),
        (101, "Individual", "Reporting Service", "reports@example.org"),
        (102, "Organization", "Payment Gateway", "gateway@example.org"),
    ]

    /// Keys the fixture contacts start with: one in use, two shared (differing only in case),
    /// and one cut short by APIv4.
    static let fixtureKeys: [(Int, String)] = [
        (100, "Ut6eIzB8di6FqpeLHbQoThnbalJF3gli"),
        (3, "q8ZtR3wLx5NvB2mK7pJc4HdF9gYs6TaE"),
        (4, "Q8ZTR3WLX5NVB2MK7PJC4HDF9GYS6TAE"),
        (5, "h2Kd9QwE4rTy7UiP3aSf6GjL1zXc8..."),
    ]

    static let schema = [
        """
        CREATE TABLE civicrm_contact (
          id int unsigned NOT NULL AUTO_INCREMENT,
          contact_type varchar(64) DEFAULT NULL,
          contact_sub_type varchar(255) DEFAULT NULL,
          do_not_email tinyint NOT NULL DEFAULT 0,
          do_not_phone tinyint NOT NULL DEFAULT 0,
          do_not_mail tinyint NOT NULL DEFAULT 0,
          do_not_sms tinyint NOT NULL DEFAULT 0,
          do_not_trade tinyint NOT NULL DEFAULT 0,
          is_opt_out tinyint NOT NULL DEFAULT 0,
          legal_identifier varchar(32) DEFAULT NULL,
          external_identifier varchar(64) DEFAULT NULL,
          sort_name varchar(128) DEFAULT NULL,
          display_name varchar(128) DEFAULT NULL,
          nick_name varchar(128) DEFAULT NULL,
          legal_name varchar(128) DEFAULT NULL,
          image_URL text DEFAULT NULL,
          preferred_communication_method varchar(255) DEFAULT NULL,
          preferred_language varchar(5) DEFAULT NULL,
          hash varchar(32) DEFAULT NULL,
          api_key varchar(32) DEFAULT NULL COMMENT 'API Key for validating requests related to this contact.',
          source varchar(255) DEFAULT NULL,
          first_name varchar(64) DEFAULT NULL,
          middle_name varchar(64) DEFAULT NULL,
          last_name varchar(64) DEFAULT NULL,
          prefix_id int unsigned DEFAULT NULL,
          suffix_id int unsigned DEFAULT NULL,
          formal_title varchar(64) DEFAULT NULL,
          communication_style_id int unsigned DEFAULT NULL,
          email_greeting_id int unsigned DEFAULT NULL,
          email_greeting_custom varchar(128) DEFAULT NULL,
          email_greeting_display varchar(255) DEFAULT NULL,
          postal_greeting_id int unsigned DEFAULT NULL,
          postal_greeting_custom varchar(128) DEFAULT NULL,
          postal_greeting_display varchar(255) DEFAULT NULL,
          addressee_id int unsigned DEFAULT NULL,
          addressee_custom varchar(128) DEFAULT NULL,
          addressee_display varchar(255) DEFAULT NULL,
          job_title varchar(255) DEFAULT NULL,
          gender_id int unsigned DEFAULT NULL,
          birth_date date DEFAULT NULL,
          is_deceased tinyint NOT NULL DEFAULT 0,
          deceased_date date DEFAULT NULL,
          household_name varchar(128) DEFAULT NULL,
          primary_contact_id int unsigned DEFAULT NULL,
          organization_name varchar(128) DEFAULT NULL,
          sic_code varchar(8) DEFAULT NULL,
          user_unique_id varchar(255) DEFAULT NULL,
          employer_id int unsigned DEFAULT NULL,
          is_deleted tinyint NOT NULL DEFAULT 0,
          created_date timestamp NULL DEFAULT NULL,
          modified_date timestamp NULL DEFAULT NULL,
          preferred_mail_format varchar(8) DEFAULT 'Both',
          PRIMARY KEY (id),
          UNIQUE KEY UI_external_identifier (external_identifier),
          KEY index_contact_type (contact_type),
          KEY index_sort_name (sort_name),
          KEY index_hash (hash),
          KEY index_api_key (api_key),
          KEY index_is_deleted_sort_name (is_deleted, sort_name, id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        """
        CREATE TABLE civicrm_email (
          id int unsigned NOT NULL AUTO_INCREMENT,
          contact_id int unsigned DEFAULT NULL,
          location_type_id int unsigned DEFAULT NULL,
          email varchar(254) DEFAULT NULL,
          is_primary tinyint NOT NULL DEFAULT 0,
          is_billing tinyint NOT NULL DEFAULT 0,
          on_hold tinyint NOT NULL DEFAULT 0,
          is_bulkmail tinyint NOT NULL DEFAULT 0,
          hold_date datetime DEFAULT NULL,
          reset_date datetime DEFAULT NULL,
          signature_text text DEFAULT NULL,
          signature_html text DEFAULT NULL,
          PRIMARY KEY (id),
          KEY index_email (email),
          CONSTRAINT FK_civicrm_email_contact_id FOREIGN KEY (contact_id) REFERENCES civicrm_contact (id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        """
        CREATE TABLE civicrm_uf_match (
          id int unsigned NOT NULL AUTO_INCREMENT,
          domain_id int unsigned NOT NULL DEFAULT 1,
          uf_id int unsigned NOT NULL,
          uf_name varchar(128) DEFAULT NULL,
          contact_id int unsigned DEFAULT NULL,
          PRIMARY KEY (id),
          UNIQUE KEY UI_uf_domain_id (uf_id, domain_id),
          CONSTRAINT FK_civicrm_uf_match_contact_id FOREIGN KEY (contact_id) REFERENCES civicrm_contact (id) ON DELETE SET NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        // Other tables the guides' SQL touches, with the columns CiviCRM's schema gives them
        // (config_backend is an older version's, which upgrade guides still name).
        """
        CREATE TABLE civicrm_domain (
          id int unsigned NOT NULL AUTO_INCREMENT, name varchar(64) NOT NULL, description varchar(255) DEFAULT NULL,
          version varchar(32) DEFAULT NULL, contact_id int unsigned DEFAULT NULL, locales text DEFAULT NULL,
          locale_custom_strings text DEFAULT NULL, config_backend text DEFAULT NULL,
          PRIMARY KEY (id), UNIQUE KEY UI_name (name)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        """
        CREATE TABLE civicrm_option_group (
          id int unsigned NOT NULL AUTO_INCREMENT, name varchar(64) NOT NULL, title varchar(255) DEFAULT NULL,
          description text DEFAULT NULL, data_type varchar(128) DEFAULT NULL, is_reserved tinyint NOT NULL DEFAULT 1,
          is_active tinyint NOT NULL DEFAULT 1, is_locked tinyint NOT NULL DEFAULT 0,
          PRIMARY KEY (id), UNIQUE KEY UI_name (name)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        """
        CREATE TABLE civicrm_option_value (
          id int unsigned NOT NULL AUTO_INCREMENT, option_group_id int unsigned NOT NULL, label varchar(512) NOT NULL,
          value varchar(512) NOT NULL, name varchar(255) DEFAULT NULL, `grouping` varchar(255) DEFAULT NULL,
          filter int unsigned DEFAULT 0, is_default tinyint DEFAULT 0, weight int unsigned NOT NULL DEFAULT 1,
          description text DEFAULT NULL, is_optgroup tinyint DEFAULT 0, is_reserved tinyint DEFAULT 0,
          is_active tinyint DEFAULT 1, component_id int unsigned DEFAULT NULL, domain_id int unsigned DEFAULT NULL,
          visibility_id int unsigned DEFAULT NULL, icon varchar(255) DEFAULT NULL, color varchar(255) DEFAULT NULL,
          PRIMARY KEY (id), KEY index_option_group_id_value (value(128), option_group_id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        """
        CREATE TABLE civicrm_group (
          id int unsigned NOT NULL AUTO_INCREMENT, name varchar(64) DEFAULT NULL, title varchar(255) DEFAULT NULL,
          description text DEFAULT NULL, source varchar(64) DEFAULT NULL, saved_search_id int unsigned DEFAULT NULL,
          is_active tinyint DEFAULT NULL, visibility varchar(24) DEFAULT 'User and User Admin Only',
          where_clause text DEFAULT NULL, select_tables text DEFAULT NULL, where_tables text DEFAULT NULL,
          group_type varchar(128) DEFAULT NULL, cache_date timestamp NULL DEFAULT NULL, refresh_date timestamp NULL DEFAULT NULL,
          parents text DEFAULT NULL, children text DEFAULT NULL, is_hidden tinyint DEFAULT 0, is_reserved tinyint DEFAULT 0,
          created_id int unsigned DEFAULT NULL, modified_id int unsigned DEFAULT NULL,
          frontend_title varchar(255) DEFAULT NULL, frontend_description text DEFAULT NULL,
          PRIMARY KEY (id), UNIQUE KEY UI_name (name)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        """
        CREATE TABLE civicrm_group_contact (
          id int unsigned NOT NULL AUTO_INCREMENT, group_id int unsigned NOT NULL, contact_id int unsigned NOT NULL,
          status varchar(8) DEFAULT NULL, location_id int unsigned DEFAULT NULL, email_id int unsigned DEFAULT NULL,
          PRIMARY KEY (id), UNIQUE KEY UI_contact_group (contact_id, group_id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        """
        CREATE TABLE civicrm_setting (
          id int unsigned NOT NULL AUTO_INCREMENT, name varchar(255) DEFAULT NULL, value text DEFAULT NULL,
          domain_id int unsigned DEFAULT NULL, contact_id int unsigned DEFAULT NULL, is_domain tinyint NOT NULL DEFAULT 0,
          component_id int unsigned DEFAULT NULL, created_date datetime DEFAULT NULL, created_id int unsigned DEFAULT NULL,
          PRIMARY KEY (id), UNIQUE KEY index_domain_contact_name (domain_id, contact_id, name)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        """
        CREATE TABLE civicrm_job (
          id int unsigned NOT NULL AUTO_INCREMENT, domain_id int unsigned NOT NULL, run_frequency varchar(8) DEFAULT 'Daily',
          last_run timestamp NULL DEFAULT NULL, scheduled_run_date timestamp NULL DEFAULT NULL, name varchar(255) DEFAULT NULL,
          description varchar(255) DEFAULT NULL, api_entity varchar(255) DEFAULT NULL, api_action varchar(255) DEFAULT NULL,
          parameters text DEFAULT NULL, is_active tinyint DEFAULT NULL,
          PRIMARY KEY (id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
        """
        CREATE TABLE civicrm_menu (
          id int unsigned NOT NULL AUTO_INCREMENT, domain_id int unsigned NOT NULL, path varchar(255) DEFAULT NULL,
          path_arguments text DEFAULT NULL, title varchar(255) DEFAULT NULL, access_callback varchar(255) DEFAULT NULL,
          access_arguments text DEFAULT NULL, page_callback varchar(255) DEFAULT NULL, page_arguments text DEFAULT NULL,
          breadcrumb text DEFAULT NULL, return_url varchar(255) DEFAULT NULL, return_url_args varchar(255) DEFAULT NULL,
          component_id int unsigned DEFAULT NULL, is_active tinyint DEFAULT NULL, is_public tinyint DEFAULT NULL,
          is_exposed tinyint DEFAULT NULL, is_ssl tinyint DEFAULT NULL, weight int NOT NULL DEFAULT 1,
          type int NOT NULL DEFAULT 1, page_type int NOT NULL DEFAULT 1, skipBreadcrumb tinyint DEFAULT NULL,
          module_data text DEFAULT NULL,
          PRIMARY KEY (id), UNIQUE KEY UI_path_domain_id (path, domain_id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
        """,
    ]

    /// The tables modelled, by name.
    static let tables = schema.map { statement in
        String(statement.drop { $0 == " " || $0 == "\n" }.dropFirst("CREATE TABLE ".count).prefix { $0 != " " })
    }

    /// Rows for those tables: one domain, an option group with values, a group with members.
    static let otherFixtures = [
        "INSERT INTO civicrm_domain (id, name, description, version, contact_id) VALUES (1, 'Default Domain Name', NULL, '5.69.0', 1)",
        "INSERT INTO civicrm_option_group (id, name, title) VALUES (1, 'activity_type', 'Activity Type')",
        "INSERT INTO civicrm_option_value (option_group_id, label, value, name, weight) VALUES (1, 'Meeting', '1', 'Meeting', 1), (1, 'Phone Call', '2', 'Phone Call', 2)",
        "INSERT INTO civicrm_group (id, name, title, is_active) VALUES (1, 'Administrators', 'Administrators', 1)",
        "INSERT INTO civicrm_group_contact (group_id, contact_id, status) VALUES (1, 2, 'Added'), (1, 3, 'Added')",
        "INSERT INTO civicrm_setting (name, value, domain_id, is_domain) VALUES ('lcMessages', 's:5:\"en_US\";', 1, 1)",
        "INSERT INTO civicrm_job (domain_id, name, api_entity, api_action, is_active) VALUES (1, 'Send Scheduled Mailings', 'job', 'process_mailing', 1)",
        "INSERT INTO civicrm_menu (domain_id, path, title, is_active) VALUES (1, 'civicrm/dashboard', 'CiviCRM Home', 1)",
    ]

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
        // Samples run as an account whose grants reach this database only, which keydocs makes.
        let host = target.address.socket != nil || target.isPrivate ? "localhost" : "%"
        switch SampleAccount.create(on: control, database: database, host: host, name: "sample_\(getpid())_\(n)") {
        case .success(let made):
            account = made
        case .failure(let refusal) where target.isPrivate:
            _ = control.execute("DROP DATABASE IF EXISTS `\(database)`")
            throw EngineError(engine: "MariaDB", reason: "set-up failed: cannot create the sample account: \(refusal.reason)")
        case .failure(let refusal):
            // Samples never run as the user's own account, however little it may reach: any
            // account may change its own password, and one with rights on every keydocs
            // database reaches other runs' scratch databases and can keep new ones.
            _ = control.execute("DROP DATABASE IF EXISTS `\(database)`")
            let user = target.address.user ?? "root"
            throw EngineError(engine: "MariaDB", reason: "SQL samples do not run: '\(user)' may not create an account for "
                              + "them (\(refusal.reason)). Name an account that may create accounts and grant rights, "
                              + "such as an administrator's: keydocs uses it only to make, for each page, an account with "
                              + "rights on that page's scratch database alone, which the samples run as and which is dropped after")
        }
        connection = try Self.connect(target, account: account, database: database)
        if !target.isPrivate {
            let names = control.execute("SHOW DATABASES").rows.compactMap { $0.first ?? nil }.map { $0.lowercased() }
            otherDatabases = Set(names + ["mysql", "information_schema", "performance_schema", "sys"]).subtracting([database.lowercased()])
        }
        let text = sql?.lowercased()
        func wanted(_ table: String) -> Bool {
            ["civicrm_contact", "civicrm_email", "civicrm_uf_match"].contains(table) || text.map { $0.contains(table) } ?? true
        }
        for (table, statement) in zip(Self.tables, Self.schema) where wanted(table) { try connection.run(statement) }
        for (id, type, name, email) in Self.fixtures {
            let sortName = name.replacingOccurrences(of: "'", with: "''")
            try connection.run("INSERT INTO civicrm_contact (id, contact_type, display_name, sort_name) VALUES (\(id), '\(type)', '\(sortName)', '\(sortName)')")
            try connection.run("INSERT INTO civicrm_email (contact_id, email, is_primary) VALUES (\(id), '\(email)', 1)")
        }
        // The contacts the page's statements name by id are there too, as they would be on the
        // reader's site: `WHERE id = 42` finds contact 42.
        let known = Set(Self.fixtures.map(\.0))
        for id in Self.contactIDs(in: sql ?? "") where !known.contains(id) {
            try connection.run("INSERT INTO civicrm_contact (id, contact_type, display_name, sort_name) "
                               + "VALUES (\(id), 'Individual', 'Contact \(id)', 'Contact \(id)')")
        }
        try connection.run("INSERT INTO civicrm_uf_match (uf_id, uf_name, contact_id) VALUES (1, 'admin', 2)")
        for statement in Self.otherFixtures {
            let table = statement.dropFirst("INSERT INTO ".count).prefix { $0 != " " }
            if wanted(String(table)) { try connection.run(statement) }
        }
        for (id, key) in Self.fixtureKeys {
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
