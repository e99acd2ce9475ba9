import Database
import Foundation
import Support
import Testing

/// A private server as the module's users see it: started, queried through a connection, held
/// to its limits, and gone without a trace once stopped.
@Suite struct PrivateServerTests {
    /// One server for the tests that only query it; stopped, and its folder removed, when the
    /// test process exits.
    static let server = Result { () throws(EngineError) -> MariaDBServer in
        atexit { Interrupts.shared.runAll() }
        return try MariaDBServer.start()
    }

    /// A connection as the server's administrator to a database of the test's own.
    func connection(_ database: String) throws -> MariaDBConnection {
        let admin = try MariaDBConnection(try Self.server.get().admin)
        try admin.run("CREATE DATABASE IF NOT EXISTS `\(database)`")
        var address = try Self.server.get().admin
        address.database = database
        return try MariaDBConnection(address)
    }

    @Test func mariadbdIsInstalled() {
        #expect(MariaDBServer.locate() != nil, "mariadbd is required (Debian package mariadb-server-core)")
    }

    @Test func aStatementRunsAndReturnsItsRows() throws {
        let connection = try connection("select_test")
        let result = connection.execute("SELECT 1 + 1 AS two, NULL AS nothing, 'é' AS letter")
        #expect(result.errorCode == 0, "\(result.errorLine)")
        #expect(result.columns == ["two", "nothing", "letter"])
        #expect(result.rows.count == 1)
        #expect(result.rows.first == ["2", nil, "é"])
        #expect(!result.truncated)
    }

    @Test func aChangeSaysHowManyRowsItMatched() throws {
        let connection = try connection("update_test")
        try connection.run("CREATE TABLE t (id int PRIMARY KEY, v varchar(8))")
        try connection.run("INSERT INTO t VALUES (1, 'a'), (2, 'a'), (3, 'b')")
        let result = connection.execute("UPDATE t SET v = 'a' WHERE v = 'a' OR id = 3")
        #expect(result.errorCode == 0, "\(result.errorLine)")
        #expect(result.rowsMatched == 3)
        #expect(result.affectedRows == 1)
    }

    @Test func strictModeRefusesAnOverLongValue() throws {
        let connection = try connection("strict_test")
        try connection.run("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'")
        try connection.run("CREATE TABLE contact (api_key varchar(32))")
        let result = connection.execute("INSERT INTO contact VALUES ('\(String(repeating: "k", count: 40))')")
        #expect(result.errorCode == 1406)
        #expect(result.errorLine.hasPrefix("ERROR 1406 (22001): Data too long for column 'api_key'"), "\(result.errorLine)")
        #expect(connection.execute("SELECT COUNT(*) FROM contact").rows.first == ["0"])
        #expect(throws: EngineError.self) { try connection.run("INSERT INTO contact VALUES ('\(String(repeating: "k", count: 33))')") }
    }

    @Test func withoutStrictModeTheValueIsCutWithAWarning() throws {
        let connection = try connection("lax_test")
        try connection.run("SET SESSION sql_mode = ''")
        try connection.run("CREATE TABLE contact (api_key varchar(4))")
        let result = connection.execute("INSERT INTO contact VALUES ('abcdef')")
        #expect(result.errorCode == 0)
        #expect(result.warnings.map(\.code) == [1265])
        #expect(result.warnings.first?.level == "Warning")
        #expect(connection.execute("SELECT api_key FROM contact").rows == [["abcd"]])
    }

    @Test func aLongValueIsKeptOnlyInPart() throws {
        let connection = try connection("limit_test")
        let result = connection.execute("SELECT REPEAT('x', 10000)")
        #expect(result.truncated)
        #expect(result.rows.first?.first??.count == MariaDBConnection.cellLimit)
    }

    @Test func streamingHandsOverEveryRowAndReportsAnError() throws {
        let connection = try connection("stream_test")
        var seen: [[String?]] = []
        let failure = connection.stream("SELECT seq, IF(seq % 2, NULL, 'even') FROM seq_1_to_5") { seen.append($0) }
        #expect(failure == nil)
        #expect(seen.map { $0[0] } == ["1", "2", "3", "4", "5"])
        #expect(seen.map { $0[1] } == [nil, "even", nil, "even", nil])
        let missing = connection.stream("SELECT * FROM no_such_table") { _ in Issue.record("a row of no table") }
        #expect(missing?.hasPrefix("ERROR 1146 (42S02): ") == true, "\(missing ?? "no error")")
    }

    @Test func noOneElseCanEnterTheServersFolder() throws {
        let server = try Self.server.get()
        let mode = try FileManager.default.attributesOfItem(atPath: server.folder.path)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o077 } == 0)
        #expect(server.socket.hasPrefix(server.folder.path + "/"))
    }

    @Test func aStoppedServerLeavesNoFolderAndTakesNoConnection() throws {
        let server = try MariaDBServer.start()
        let folder = server.folder
        #expect(FileManager.default.fileExists(atPath: folder.path))
        #expect(try MariaDBConnection(server.admin).execute("SELECT 1").rows == [["1"]])
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        #expect(throws: EngineError.self) { try MariaDBConnection(server.admin) }
        server.stop()
    }
}
