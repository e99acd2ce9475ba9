import Foundation

/// What one statement did.
public struct StatementResult: Sendable {
    /// MariaDB's error number, 0 when the statement succeeded.
    public var errorCode: UInt32 = 0
    /// The SQLSTATE of the error.
    public var sqlState = ""
    /// The error message.
    public var errorMessage = ""
    /// Rows changed by an UPDATE, INSERT or DELETE.
    public var affectedRows: UInt64 = 0
    /// Column names of a result set.
    public var columns: [String] = []
    /// Rows of a result set; NULL is nil.
    public var rows: [[String?]] = []
    /// The server's summary of a change (`Rows matched: 1  Changed: 0  Warnings: 0`).
    public var info = ""
    /// Rows an UPDATE matched, changed or not; nil when the server did not say.
    public var rowsMatched: Int? {
        guard let range = info.range(of: "Rows matched: ") else { return nil }
        return Int(info[range.upperBound...].prefix { $0.isNumber })
    }
    /// Rows or values beyond what keydocs keeps of a result were dropped.
    public var truncated = false
    /// Warnings: level, code, message.
    public var warnings: [(level: String, code: Int, message: String)] = []

    /// `ERROR 1406 (22001): Data too long…`, as the mysql client prints it.
    public var errorLine: String { "ERROR \(errorCode) (\(sqlState)): \(errorMessage)" }
}
