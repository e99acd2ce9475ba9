import Foundation

/// A page's SQL session: a scratch database with `civicrm_contact` as CiviCRM defines it
/// (the columns a sample may touch, `api_key varchar(32)` with its ordinary index,
/// utf8mb4_unicode_ci) and fixture contacts, under MariaDB's strict mode.
final class SQLSession {
    let connection: MariaDBConnection
    let database: String
    let socket: String

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
          is_opt_out tinyint NOT NULL DEFAULT 0,
          external_identifier varchar(64) DEFAULT NULL,
          sort_name varchar(128) DEFAULT NULL,
          display_name varchar(128) DEFAULT NULL,
          nick_name varchar(128) DEFAULT NULL,
          legal_name varchar(128) DEFAULT NULL,
          hash varchar(32) DEFAULT NULL,
          api_key varchar(32) DEFAULT NULL COMMENT 'API Key for validating requests related to this contact.',
          source varchar(255) DEFAULT NULL,
          first_name varchar(64) DEFAULT NULL,
          middle_name varchar(64) DEFAULT NULL,
          last_name varchar(64) DEFAULT NULL,
          job_title varchar(255) DEFAULT NULL,
          household_name varchar(128) DEFAULT NULL,
          organization_name varchar(128) DEFAULT NULL,
          is_deleted tinyint NOT NULL DEFAULT 0,
          created_date timestamp NULL DEFAULT NULL,
          modified_date timestamp NULL DEFAULT NULL,
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
          email varchar(254) DEFAULT NULL,
          is_primary tinyint NOT NULL DEFAULT 0,
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
    ]

    private static let counter = Counter()

    init(socket: String) throws(EngineError) {
        self.socket = socket
        database = "keydocs_\(getpid())_\(Self.counter.next())"
        connection = try MariaDBConnection(socket: socket)
        try connection.run("CREATE DATABASE `\(database)` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
        try connection.run("USE `\(database)`")
        try connection.run("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION'")
        for statement in Self.schema { try connection.run(statement) }
        for (id, type, name, email) in Self.fixtures {
            let sortName = name.replacingOccurrences(of: "'", with: "''")
            try connection.run("INSERT INTO civicrm_contact (id, contact_type, display_name, sort_name) VALUES (\(id), '\(type)', '\(sortName)', '\(sortName)')")
            try connection.run("INSERT INTO civicrm_email (contact_id, email, is_primary) VALUES (\(id), '\(email)', 1)")
        }
        try connection.run("INSERT INTO civicrm_uf_match (uf_id, uf_name, contact_id) VALUES (1, 'admin', 2)")
        for (id, key) in Self.fixtureKeys {
            try connection.run("UPDATE civicrm_contact SET api_key = '\(key)' WHERE id = \(id)")
        }
    }

    /// A second connection to the same database, for running a generator query on its own.
    func sideConnection() throws(EngineError) -> MariaDBConnection {
        let side = try MariaDBConnection(socket: socket, database: database)
        try side.run("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION'")
        return side
    }

    /// Every contact's id and key.
    func keys() -> [String: String?] {
        var keys: [String: String?] = [:]
        for row in connection.execute("SELECT id, api_key FROM civicrm_contact").rows {
            if let id = row[0] { keys[id] = row[1] }
        }
        return keys
    }

    func close() {
        _ = connection.execute("DROP DATABASE IF EXISTS `\(database)`")
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
