import CMariaDB
import Foundation
import Support

/// One client session over a Unix socket, with MariaDB's own client library.
public final class MariaDBConnection: @unchecked Sendable {
    private let handle: UnsafeMutablePointer<MYSQL>

    /// Connects to the server at `address`.
    public init(_ address: MariaDBAddress) throws(EngineError) {
        guard let handle = mysql_init(nil) else { throw .mariaDB("out of memory") }
        var timeout: UInt32 = 5
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        // The client library never sends a file of this machine (LOAD DATA LOCAL INFILE).
        var localInfile: UInt32 = 0
        mysql_options(handle, MYSQL_OPT_LOCAL_INFILE, &localInfile)
        guard mysql_real_connect(handle, address.host, address.user, address.password, address.database,
                                 UInt32(address.port ?? 0), address.socket, 0) != nil else {
            let message = String(cString: mysql_error(handle))
            mysql_close(handle)
            throw .mariaDB("cannot connect: \(message)")
        }
        self.handle = handle
        mysql_set_character_set(handle, "utf8mb4")
    }

    deinit { mysql_close(handle) }

    /// The server's id of this connection's thread (what `KILL QUERY` takes).
    public var threadID: UInt { UInt(mysql_thread_id(handle)) }

    /// Bytes of a result's rows that `execute` keeps; the rest is read and dropped.
    public static let resultLimit = 1 << 20
    /// Bytes of one value that `execute` keeps.
    public static let cellLimit = 4096

    /// Client errors that mean the server went away (CR_SERVER_GONE_ERROR, CR_SERVER_LOST).
    public static let lostConnection: Set<UInt32> = [2006, 2013]

    // MARK: - Statements

    /// Runs one statement and collects its result, its error, and its warnings.
    public func execute(_ sql: String) -> StatementResult {
        var result = StatementResult()
        guard mysql_real_query(handle, sql, UInt(sql.utf8.count)) == 0 else {
            recordError(in: &result)
            return result
        }
        if let set = mysql_use_result(handle) {
            readRows(of: set, into: &result)
        } else {
            result.affectedRows = mysql_affected_rows(handle)
            if let info = mysql_info(handle) { result.info = String(cString: info) }
        }
        if mysql_warning_count(handle) > 0 { result.warnings = warnings() }
        return result
    }

    /// Runs a query and hands each row to `row` as it arrives, without holding the result:
    /// for tables of millions of rows. Returns MariaDB's error line, or nil when it succeeded.
    public func stream(_ sql: String, row: ([String?]) -> Void) -> String? {
        guard mysql_real_query(handle, sql, UInt(sql.utf8.count)) == 0 else { return errorLine }
        guard let set = mysql_use_result(handle) else { return mysql_errno(handle) == 0 ? nil : errorLine }
        defer { mysql_free_result(set) }
        let count = Int(mysql_num_fields(set))
        while let fetched = mysql_fetch_row(set) {
            row(Self.decode(fetched, lengths: mysql_fetch_lengths(set), count: count).values)
        }
        return mysql_errno(handle) == 0 ? nil : errorLine
    }

    /// Runs a statement that must succeed (the fixture set-up); throws with MariaDB's message.
    public func run(_ sql: String) throws(EngineError) {
        let result = execute(sql)
        if result.errorCode != 0 {
            throw .mariaDB("set-up failed: \(result.errorLine)")
        }
    }

    // MARK: - Results

    /// Reads the rows of `set` as they arrive and keeps at most `resultLimit` bytes of them: the
    /// rest is read and dropped (mysql_free_result), so that no result holds keydocs' memory.
    private func readRows(of set: UnsafeMutablePointer<MYSQL_RES>, into result: inout StatementResult) {
        defer { mysql_free_result(set) }
        let count = Int(mysql_num_fields(set))
        if let fields = mysql_fetch_fields(set) {
            result.columns = (0..<count).map { String(cString: fields[$0].name) }
        }
        var kept = 0
        while let row = mysql_fetch_row(set) {
            guard kept < Self.resultLimit else {
                result.truncated = true
                continue
            }
            let decoded = Self.decode(row, lengths: mysql_fetch_lengths(set), count: count, cellLimit: Self.cellLimit)
            kept += decoded.kept
            if decoded.cut { result.truncated = true }
            result.rows.append(decoded.values)
        }
        if mysql_errno(handle) != 0 { recordError(in: &result) }
    }

    /// The warnings of the statement just run (`SHOW WARNINGS`): level, code, message.
    private func warnings() -> [(level: String, code: Int, message: String)] {
        guard mysql_query(handle, "SHOW WARNINGS") == 0, let set = mysql_store_result(handle) else { return [] }
        defer { mysql_free_result(set) }
        let count = Int(mysql_num_fields(set))
        var warnings: [(level: String, code: Int, message: String)] = []
        while let row = mysql_fetch_row(set) {
            let values = Self.decode(row, lengths: mysql_fetch_lengths(set), count: count).values
            warnings.append((level: values[0] ?? "", code: Int(values[1] ?? "") ?? 0, message: values[2] ?? ""))
        }
        return warnings
    }

    /// A row's values as text, each at most `cellLimit` bytes; NULL is nil. `kept` counts the
    /// bytes kept, and 8 for each value; `cut`, whether a value was longer than `cellLimit`.
    private static func decode(_ row: MYSQL_ROW, lengths: UnsafeMutablePointer<UInt>?, count: Int,
                               cellLimit: Int = .max) -> (values: [String?], kept: Int, cut: Bool) {
        var values: [String?] = []
        values.reserveCapacity(count)
        var kept = 0, cut = false
        for i in 0..<count {
            guard let cell = row[i], let lengths else {
                values.append(nil)
                continue
            }
            let length = min(Int(lengths[i]), cellLimit)
            if Int(lengths[i]) > length { cut = true }
            kept += length + 8
            values.append(String(decoding: UnsafeRawBufferPointer(start: cell, count: length), as: UTF8.self))
        }
        return (values, kept, cut)
    }

    // MARK: - Errors

    /// Puts the error of the connection's last call in `result`.
    private func recordError(in result: inout StatementResult) {
        result.errorCode = mysql_errno(handle)
        result.sqlState = String(cString: mysql_sqlstate(handle))
        result.errorMessage = String(cString: mysql_error(handle))
    }

    /// The error of the connection's last call, as the mysql client prints it.
    private var errorLine: String {
        var failed = StatementResult()
        recordError(in: &failed)
        return failed.errorLine
    }
}
