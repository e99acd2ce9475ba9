import Database
import DocModel
import Foundation
import SampleCheck
import Support
import Testing

/// What an SQL sample can reach on the private MariaDB: its page's database, nothing of the
/// host. The statements here are sent as they are, past the checker's own refusals, so that
/// the server's grants and settings are shown to hold on their own.
@Suite(.serialized) struct DatabaseSafetyTests {
    static let server = Result { () throws(EngineError) -> MariaDBServer in
        // The shared server is stopped, and its folder removed, when the test process exits.
        atexit { Interrupts.shared.runAll() }
        return try MariaDBServer.start()
    }

    func session(seconds: Int = 10) throws -> SQLSession {
        let server = try Self.server.get()
        return try SQLSession(target: DatabaseTarget(address: server.admin, isPrivate: true), statementSeconds: seconds)
    }

    @Test func theServerRunsAsAUserOfItsOwnWithNoFileAccess() throws {
        let server = try Self.server.get()
        let pid = try #require(Int32(String(contentsOfFile: server.folder.appendingPathComponent("pid").path, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let uid = try #require(status.split(separator: "\n").first { $0.hasPrefix("Uid:") }?.split(separator: "\t").dropFirst().first)
        if geteuid() == 0 { #expect(uid != "0", "mariadbd runs as root") } else { #expect(uid == "\(geteuid())") }
        let sql = try session()
        defer { sql.close() }
        let settings = sql.run("SELECT @@secure_file_priv, @@local_infile, @@enforce_storage_engine")
        #expect(settings.rows.first?[0] == server.folder.appendingPathComponent("files").path + "/")
        #expect(settings.rows.first?[1] == "0")
        #expect(settings.rows.first?[2] == "InnoDB")
        // The server process has no environment of keydocs'.
        let environ = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))) ?? Data()
        #expect(!String(decoding: environ, as: UTF8.self).contains("HOME="))
    }

    /// Each of these reached the host, or the server's administration, when samples ran as root
    /// on a server without grant tables.
    @Test(arguments: [
        ("SELECT LOAD_FILE('/etc/passwd')", UInt32(0)),
        ("SELECT 'x' INTO OUTFILE '/tmp/keydocs-outfile-test'", 1227),
        ("SELECT 'x' INTO DUMPFILE '/tmp/keydocs-dumpfile-test'", 1227),
        ("LOAD DATA LOCAL INFILE '/proc/self/environ' INTO TABLE civicrm_contact", 4166),
        ("LOAD DATA INFILE '/etc/passwd' INTO TABLE civicrm_contact", 1045),
        ("SET GLOBAL general_log_file = '/tmp/keydocs-general-log-test'", 1227),
        ("SET GLOBAL general_log = 1", 1227),
        ("SHUTDOWN", 1227),
        ("CREATE DATABASE keydocs_other", 1044),
        ("CREATE USER 'x'@'localhost'", 1227),
        ("SELECT * FROM mysql.global_priv", 1142),
        ("CREATE TABLE big (x int) ENGINE=MEMORY", 1290),
        ("CREATE EVENT e ON SCHEDULE EVERY 1 SECOND DO SELECT 1", 1044),
    ])
    func aSampleCannotReachTheHost(_ statement: String, _ code: UInt32) throws {
        let sql = try session()
        defer { sql.close() }
        let result = sql.run(statement)
        if code == 0 {
            #expect(result.errorCode == 0)
            #expect(result.rows.first?.first == .some(nil), "LOAD_FILE read a host file")
        } else {
            #expect(result.errorCode != 0, "\(statement) succeeded")
            // 4166 (local infile disabled) and 1148 (not allowed) both mean the file was not sent.
            let accepted: Set<UInt32> = code == 4166 ? [4166, 1148, 2068] : [code]
            #expect(accepted.contains(result.errorCode), "\(statement): \(result.errorLine)")
        }
        for file in ["/tmp/keydocs-outfile-test", "/tmp/keydocs-dumpfile-test", "/tmp/keydocs-general-log-test"] {
            #expect(!FileManager.default.fileExists(atPath: file))
        }
    }

    @Test func aSampleCannotSeeAnotherPagesDatabase() throws {
        let first = try session()
        let second = try session()
        defer { first.close(); second.close() }
        let result = second.run("SELECT COUNT(*) FROM `\(first.database)`.civicrm_contact")
        #expect(result.errorCode == 1142 || result.errorCode == 1044, "\(result.errorLine)")
    }

    @Test func aStatementIsStoppedAtItsTimeLimitEvenIfTheSampleLiftsItsOwn() throws {
        let sql = try session(seconds: 1)
        defer { sql.close() }
        #expect(sql.run("SET SESSION max_statement_time = 0").errorCode == 0)
        let start = Date()
        let result = sql.run("SELECT SLEEP(30)")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(result.errorCode == 1317)
        // The stop reaches only the statement that ran too long.
        #expect(sql.run("SELECT 1").rows.first?.first == "1")
    }

    @Test func whatAPageStoresIsBounded() throws {
        let sql = try session(seconds: 60)
        defer { sql.close() }
        #expect(sql.run("CREATE TABLE fill (x longblob) ENGINE=InnoDB").errorCode == 0)
        #expect(sql.run("INSERT INTO fill VALUES (REPEAT('x', 4000000))").errorCode == 0)
        var failure: StatementResult?
        for _ in 0..<12 {
            let result = sql.run("INSERT INTO fill SELECT x FROM fill")
            if result.errorCode != 0 { failure = result; break }
        }
        // 4 MB doubled 12 times would be 16 GB; the tablespace stops at 256 MB ("table is full").
        #expect(failure?.errorCode == 1114, "\(failure?.errorLine ?? "no error")")
    }

    /// A hostile page, checked as `keydocs check` checks it: every statement gets a finding at
    /// its line, and nothing is written on the host.
    @Test func hostileSQLSamplesGetFindingsAtTheirLines() throws {
        let blocks: [(text: String, rule: RuleID)] = [
            ("SELECT LOAD_FILE('/etc/passwd');", .sqlNotAllowed),
            ("SELECT 'x' INTO OUTFILE '/tmp/keydocs-hostile-outfile';", .sqlNotAllowed),
            ("LOAD DATA LOCAL INFILE '/proc/self/environ' INTO TABLE civicrm_contact;", .sqlNotAllowed),
            ("SET GLOBAL general_log_file = '/tmp/keydocs-hostile-log';", .sqlNotAllowed),
            ("SET @@global.local_infile = 1;", .sqlNotAllowed),
            ("SHUTDOWN;", .sqlNotAllowed),
            ("SELECT SLEEP(600);", .sqlTimeout),
            ("SELECT id FROM mysql.user;", .sqlNotAllowed),
        ]
        var options = CheckOptions()
        options.statementSeconds = 2
        let (report, lines) = try checkPage("Hostile SQL", blocks.map { TestBlock(text: $0.text, language: "sql") }, options: options)
        for (index, block) in blocks.enumerated() {
            let found = Set(report.diagnostics.filter { $0.location.line == lines[index].lowerBound }.map(\.rule))
            #expect(found.contains(block.rule), "\(block.text): \(found)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/keydocs-hostile-outfile"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/keydocs-hostile-log"))
        #expect(!report.diagnostics.contains { $0.message.contains("root:x:0:0") })
        // The server names the page's account as `sample`, not by this process: the same
        // sample gives the same finding in every run.
        let denied = report.diagnostics.filter { $0.message.contains("denied to user") }
        #expect(!denied.isEmpty)
        #expect(denied.allSatisfy { $0.message.contains("user 'sample'@") && !$0.message.contains("sample_") }, "\(denied.map(\.message))")
    }

    /// A server that is gone when a page needs it is an error at the block, in any mode.
    @Test func aServerThatDiedIsAnError() throws {
        let server = try MariaDBServer.start()
        server.stop()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-dead-sql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# Dead\n\n```sql\nSELECT 1;\n```\n".write(to: folder.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        let docs = try LoadStage(docsFolder: folder.path, config: SiteConfig()).run()
        var options = CheckOptions()
        options.privateServer = server
        let report = CheckStage(docs: docs, options: options).run()
        let finding = try #require(report.diagnostics.first)
        #expect(finding.rule == .sqlEngine)
        #expect(finding.severity == .error)
        #expect(finding.location.line == 3)
        #expect(report.outcomes.values.first?.status == .failed)
    }

    /// On a server the user names (`--mysql`), samples run in a scratch database that keydocs
    /// creates and drops; a statement that names another database is refused, and the user's
    /// databases are left as they were.
    @Test func onTheUsersServerSamplesStayInTheScratchDatabase() throws {
        let server = try Self.server.get()
        let admin = try MariaDBConnection(server.admin)
        try admin.run("CREATE DATABASE IF NOT EXISTS civicrm_live")
        try admin.run("CREATE TABLE IF NOT EXISTS civicrm_live.civicrm_contact (id int PRIMARY KEY, api_key varchar(32))")
        try admin.run("REPLACE INTO civicrm_live.civicrm_contact VALUES (100, 'LiveKeyLiveKeyLiveKey123')")
        let checksum = { admin.execute("CHECKSUM TABLE civicrm_live.civicrm_contact").rows.first?[1] ?? nil }
        let before = checksum()
        let blocks: [(text: String, rule: RuleID?)] = [
            ("SELECT COUNT(*) FROM civicrm_live.civicrm_contact;", .sqlNotAllowed),
            ("UPDATE `civicrm_live`.civicrm_contact SET api_key = NULL;", .sqlNotAllowed),
            ("USE civicrm_live;", .sqlNotAllowed),
            ("SELECT User FROM mysql.user;", .sqlNotAllowed),
            ("DROP DATABASE civicrm_live;", .sqlNotAllowed),
            ("SELECT c.id FROM civicrm_contact c WHERE c.id = 100;", nil),
            ("UPDATE civicrm_contact SET api_key = 'pT7vQ2mZ9xK4rW8cL3nB6yH1dF5gJ0sA' WHERE id = 100;", nil),
        ]
        var options = CheckOptions()
        options.mysql = server.admin
        let (report, lines) = try checkPage("On your server", blocks.map { TestBlock(text: $0.text, language: "sql") }, options: options)
        for (index, block) in blocks.enumerated() {
            let found = Set(report.diagnostics.filter { $0.location.line == lines[index].lowerBound }.map(\.rule))
            if let rule = block.rule { #expect(found == [rule], "\(block.text): \(found)") } else { #expect(found.isEmpty, "\(block.text): \(found)") }
        }
        #expect(checksum() == before)
        let left = admin.execute("SHOW DATABASES LIKE 'keydocs\\_%'").rows
        #expect(left.isEmpty, "scratch databases left: \(left)")
    }

    /// On the user's server, privilege is the barrier, not the text of a statement: statements
    /// built at run time reach no other database, whatever account the user names. An account
    /// that may create accounts gets samples run as one made for them; one that may not, and
    /// reaches more than keydocs' scratch databases, runs no sample; one limited to them runs them.
    @Test(arguments: ["admin", "broad", "confined"])
    func onTheUsersServerPrivilegeIsTheBarrier(_ who: String) throws {
        let server = try Self.server.get()
        let admin = try MariaDBConnection(server.admin)
        try admin.run("CREATE DATABASE IF NOT EXISTS civicrm_prod")
        try admin.run("CREATE TABLE IF NOT EXISTS civicrm_prod.civicrm_contact (id int PRIMARY KEY, api_key varchar(32))")
        try admin.run("REPLACE INTO civicrm_prod.civicrm_contact VALUES (100, 'ProdKeyProdKeyProdKey1234')")
        let password = "pw-\(UUID().uuidString)"
        var address = server.admin
        if who != "admin" {
            try admin.run("DROP USER IF EXISTS '\(who)'@'localhost'")
            try admin.run("CREATE USER '\(who)'@'localhost' IDENTIFIED BY '\(password)'")
            try admin.run(who == "broad" ? "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP ON *.* TO 'broad'@'localhost'"
                                         : "GRANT ALL ON `keydocs\\_%`.* TO 'confined'@'localhost'")
            address = MariaDBAddress(socket: server.socket, user: who, password: password)
        }
        let users = { admin.execute("SELECT COUNT(*) FROM mysql.user").rows.first?.first ?? nil }
        let checksum = { admin.execute("CHECKSUM TABLE civicrm_prod.civicrm_contact").rows.first?[1] ?? nil }
        let (usersBefore, before) = (users(), checksum())
        let blocks = [
            "EXECUTE IMMEDIATE CONCAT('SELECT api_key FROM civ', 'icrm_prod.civicrm_contact');",
            "PREPARE s FROM CONCAT('UPDATE civicrm_', 'prod.civicrm_contact SET api_key = NULL'); EXECUTE s;",
            "EXECUTE IMMEDIATE CONCAT('CREATE USER evil', '@localhost');",
            "EXECUTE IMMEDIATE CONCAT('GRANT ALL ON *.* TO ', CURRENT_USER());",
            "SET @p = CONCAT('CREATE DATABASE keydo', 'cs_persist'); PREPARE st FROM @p; EXECUTE st;",
            "SELECT id FROM civicrm_contact WHERE id = 100;",
        ]
        var options = CheckOptions()
        options.mysql = address
        let (report, _) = try checkPage("Prepared", blocks.map { TestBlock(text: $0, language: "sql") }, options: options)
        let everything = report.diagnostics.map { DiagnosticRenderer.text($0).description }.joined(separator: "\n")
        #expect(!everything.contains("ProdKeyProdKey"), "\(everything)")
        #expect(checksum() == before)
        #expect(users() == usersBefore, "accounts were left or made")
        #expect(admin.execute("SELECT User FROM mysql.user WHERE User = 'evil'").rows.isEmpty)
        // Samples never run as the user's own account, which could change its own password.
        if who == "broad" || who == "confined" {
            #expect(everything.contains("SQL samples do not run: '\(who)' may not create an account"), "\(everything)")
            #expect(report.count(.verified) == 0)
        } else {
            #expect(!everything.contains("do not run as"), "\(everything)")
            #expect(report.outcomes[SampleKey(page: "index.md", index: 5)]?.status != .failed, "\(who): \(everything)")
        }
        #expect(admin.execute("SHOW DATABASES LIKE 'keydocs\\_%'").rows.isEmpty)
    }

    /// What a session may hold is bounded: values by the packet size, the server as a whole by
    /// the kernel (its memory cgroup, which a root user always has here), and what keydocs keeps
    /// of a result by keydocs. A session that piles up values ends with the server gone, not
    /// with the machine out of memory.
    @Test func memoryIsBounded() throws {
        if geteuid() == 0 {
            let probe = MemoryCgroup.make(limit: 1 << 20)
            #expect(probe != nil, "no memory cgroup can be made here")
            probe?.remove()
        }
        let server = try MariaDBServer.start()
        defer { server.stop() }
        let session = try SQLSession(target: DatabaseTarget(address: server.admin, isPrivate: true), statementSeconds: 10)
        defer { session.close() }
        let big = session.run("SELECT REPEAT('y', 5000000)")
        #expect(big.errorCode != 0 || (big.rows.first?.first ?? nil) == nil, "a 5 MB value was returned")
        let many = session.run("SELECT seq, REPEAT('z', 1000) FROM seq_1_to_100000")
        #expect(many.errorCode != 0 || many.truncated, "\(many.errorLine)")
        #expect(many.rows.count * 1000 <= 2 << 20)
        guard MemoryCgroup.make(limit: 1 << 20).map({ $0.remove(); return true }) == true else { return }
        var lost = false
        for k in 0..<400 where !lost {
            let result = session.run("SET @v\(k) = REPEAT('x', 4000000)")
            lost = MariaDBConnection.lostConnection.contains(result.errorCode) || result.errorCode == 1290
        }
        #expect(lost, "400 values of 4 MB each were held by the private server")
    }
}
