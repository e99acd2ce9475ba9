import Database
import Foundation
import SampleCheck
import Testing

@Suite(.serialized) struct AuditTests {
    /// A private MariaDB with a `civicrm` database of fixture contacts.
    final class Database: @unchecked Sendable {
        let server: MariaDBServer
        let connection: MariaDBConnection
        /// The administrator's password, for `--password-file`.
        let passwordFile: String

        /// `--socket … --user … --password-file …` for the audit command.
        var login: [String] { ["--socket", server.socket, "--user", server.admin.user ?? "", "--password-file", passwordFile] }

        init() throws {
            ExitCleanup.install()
            server = try MariaDBServer.start()
            connection = try MariaDBConnection(server.admin)
            passwordFile = server.folder.appendingPathComponent("admin-password").path
            try Data((server.admin.password ?? "").utf8).write(to: URL(fileURLWithPath: passwordFile))
            try connection.run("CREATE DATABASE civicrm CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            try connection.run("USE civicrm")
            try connection.run("""
                CREATE TABLE civicrm_contact (
                  id int unsigned NOT NULL AUTO_INCREMENT, contact_type varchar(64) DEFAULT NULL,
                  api_key varchar(32) DEFAULT NULL, PRIMARY KEY (id), KEY index_api_key (api_key)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
                """)
            let rows: [(Int, String?)] = [
                (1, nil), (2, "Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0Yu"), (3, "q8ZtR3wLx5NvB2mK7pJc4HdF9gYs6TaE"),
                (4, "Q8ZTR3WLX5NVB2MK7PJC4HDF9GYS6TAE"), (5, "h2Kd9QwE4rTy7UiP3aSf6GjL1zXc8..."), (6, "passwordpassword12345678"),
                (7, "short1"), (8, "ubnSstRNFUAH1qiJYLPZKjdcOmabn5sd"), (9, "Kd8Lm2Rt9Kp4Wz8Nv3Hb"), (10, ""),
            ]
            for (id, key) in rows {
                try connection.run("INSERT INTO civicrm_contact (id, contact_type, api_key) VALUES (\(id), 'Individual', \(key.map { "'\($0)'" } ?? "NULL"))")
            }
        }

        func checksum() -> String? { connection.execute("CHECKSUM TABLE civicrm.civicrm_contact").rows.first?[1] ?? nil }

        deinit { server.stop() }
    }

    static let database = Result { try Database() }

    @Test func findsEveryKindOfBadKeyByContactAndChangesNothing() throws {
        let db = try Self.database.get()
        let before = try #require(db.checksum())
        let run = try keydocs(["key", "audit"] + db.login + ["--database", "civicrm"], directory: packageRoot)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let err = run.stderr
        #expect(err.contains("contact 5: error: cut to its first 29 characters plus \"...\" by APIv4"))
        #expect(err.contains("[key.truncated]"))
        #expect(err.contains("contact 6: error: guessable structure"))
        #expect(err.contains("contact 7: error: the key is 6 characters"))
        #expect(err.contains("contact 8: error: this key is published (in the docs at docs/"))
        #expect(err.contains("contact 9: warning: effective strength is 103.4 bits"))
        #expect(err.contains("contacts 3, 4: error: share one key"))
        #expect(!err.contains("contact 2:"))
        #expect(err.contains("audited 10 contacts, 8 with a key: 5 with findings, 1 shared key"))
        for key in ["Xq7Lm2Rt9Kp4Wz8Nv3Hb5Jc1Df6Gs0Yu", "q8ZtR3wLx5NvB2mK7pJc4HdF9gYs6TaE", "passwordpassword12345678", "ubnSstRNFUAH1qiJYLPZKjdcOmabn5sd"] {
            #expect(!err.contains(key), "the whole key \(key) was printed")
        }
        #expect(db.checksum() == before)
    }

    @Test func jsonGroupsByContact() throws {
        let db = try Self.database.get()
        let run = try keydocs(["key", "audit"] + db.login + ["--database", "civicrm", "--format", "json", "--docs", "/nonexistent-docs-\(UUID())"],
                              directory: packageRoot)
        #expect(run.status == 2, "an unreadable --docs folder is an error")
        let json = try keydocs(["key", "audit"] + db.login + ["--database", "civicrm", "--format", "json"], directory: packageRoot)
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let contacts = try #require(object["contacts"] as? [[String: Any]])
        #expect(contacts.compactMap { $0["id"] as? Int } == [5, 6, 7, 8, 9])
        #expect(contacts.first?["keyPrefix"] as? String == "h2Kd")
        #expect(object["shared"] as? [[Int]] == [[3, 4]])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary["contacts"] == 10)
        #expect(summary["keys"] == 8)
        #expect(summary["key.duplicate"] == 2)
    }

    @Test(arguments: [[String](), ["--socket", "/tmp/x", "--mysql", "mysql://root@localhost/civicrm"], ["--mysql", "http://x"]])
    func addressMistakesAreUsageErrors(_ arguments: [String]) throws {
        #expect(try keydocs(["key", "audit"] + arguments).status == 64)
    }

    @Test func anUnreachableServerExits2() throws {
        let run = try keydocs(["key", "audit", "--socket", "/nonexistent/socket", "--database", "civicrm"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot connect"))
    }
}
