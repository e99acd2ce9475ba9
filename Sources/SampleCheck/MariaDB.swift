import CMariaDB
import DocModel
import Foundation

/// A required engine (bubblewrap, MariaDB) that is missing or would not start.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// The engine's name.
    public var engine: String
    /// What went wrong, and the Debian package that provides it.
    public var reason: String

    public var description: String { "\(engine): \(reason)" }
}

/// A private MariaDB server for one run: its own data folder and socket in a temporary folder
/// that only this user can enter, no TCP port, stopped and removed by `stop()`.
public final class MariaDBServer: @unchecked Sendable {
    /// The temporary folder that holds the data and the socket.
    public let folder: URL
    /// The Unix socket clients connect to.
    public let socket: String
    private let process: Process
    private let lock = NSLock()
    private var stopped = false
    private var interruptToken: Int?

    /// Where `mariadbd` is, or nil.
    public static func locate() -> String? {
        let candidates = ["/usr/sbin/mariadbd", "/usr/local/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/sbin/mysqld"]
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(dir)/mariadbd"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Starts a server and waits until it accepts connections (at most `timeout` seconds).
    public static func start(timeout: TimeInterval = 20) throws(EngineError) -> MariaDBServer {
        guard let binary = locate() else {
            throw EngineError(engine: "MariaDB", reason: "mariadbd is not installed (Debian package mariadb-server-core)")
        }
        guard let folder = makePrivateFolder(prefix: "keydocs-mariadb-") else {
            throw EngineError(engine: "MariaDB", reason: "cannot create a temporary folder")
        }
        let data = folder.appendingPathComponent("data")
        do { try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false) } catch {
            try? FileManager.default.removeItem(at: folder)
            throw EngineError(engine: "MariaDB", reason: "cannot create the data folder: \(error)")
        }
        let socket = folder.appendingPathComponent("sock").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        var arguments = [
            "--no-defaults", "--datadir=\(data.path)", "--socket=\(socket)", "--skip-networking",
            "--skip-grant-tables", "--pid-file=\(folder.appendingPathComponent("pid").path)",
            "--log-error=\(folder.appendingPathComponent("error.log").path)",
            "--innodb-buffer-pool-size=16M", "--innodb-log-file-size=8M", "--skip-log-bin",
            "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
        ]
        if geteuid() == 0 { arguments.append("--user=root") }
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            try? FileManager.default.removeItem(at: folder)
            throw EngineError(engine: "MariaDB", reason: "cannot start \(binary): \(error)")
        }
        let server = MariaDBServer(folder: folder, socket: socket, process: process)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !process.isRunning {
                let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
                server.stop()
                let lastError = log.split(separator: "\n").last { $0.contains("ERROR") }.map(String.init) ?? "it exited"
                throw EngineError(engine: "MariaDB", reason: "mariadbd stopped while starting: \(lastError)")
            }
            if FileManager.default.fileExists(atPath: socket), (try? MariaDBConnection(socket: socket)) != nil {
                return server
            }
            usleep(20_000)
        }
        server.stop()
        throw EngineError(engine: "MariaDB", reason: "mariadbd did not accept connections within \(Int(timeout)) s")
    }

    private init(folder: URL, socket: String, process: Process) {
        self.folder = folder
        self.socket = socket
        self.process = process
        let pid = process.processIdentifier
        let path = folder.path
        // On an interrupt: stop the server and remove its folder, even mid-check.
        interruptToken = Interrupts.shared.add {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Stops the server and removes its folder. Safe to call more than once.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        if let interruptToken { Interrupts.shared.remove(interruptToken) }
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }
}

/// Where a MariaDB server is and whom to connect as.
public struct MariaDBAddress: Sendable, Equatable {
    /// A Unix socket, or nil for TCP.
    public var socket: String?
    /// A host name for TCP.
    public var host: String?
    /// A TCP port.
    public var port: Int?
    /// The user (root when nil).
    public var user: String? = "root"
    /// The password, when there is one.
    public var password: String?
    /// The database.
    public var database: String?

    /// An address.
    public init(socket: String? = nil, host: String? = nil, port: Int? = nil, user: String? = "root",
                password: String? = nil, database: String? = nil) {
        self.socket = socket
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    /// Reads `mysql://user[:password]@host[:port]/database`; nil when the address is not of that form.
    public init?(url text: String) {
        guard let components = URLComponents(string: text), components.scheme == "mysql" || components.scheme == "mariadb",
              let host = components.host, !host.isEmpty else { return nil }
        self.init(host: host, port: components.port, user: components.user ?? "root", password: components.password,
                  database: components.path.isEmpty || components.path == "/" ? nil : String(components.path.dropFirst()))
    }
}

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
    /// Warnings: level, code, message.
    public var warnings: [(level: String, code: Int, message: String)] = []

    /// `ERROR 1406 (22001): Data too long…`, as the mysql client prints it.
    public var errorLine: String { "ERROR \(errorCode) (\(sqlState)): \(errorMessage)" }
}

/// One client session over a Unix socket, with MariaDB's own client library.
public final class MariaDBConnection: @unchecked Sendable {
    private let handle: UnsafeMutablePointer<MYSQL>

    /// Connects as root to the server at `socket`.
    public convenience init(socket: String, database: String? = nil) throws(EngineError) {
        try self.init(MariaDBAddress(socket: socket, database: database))
    }

    /// Connects to the server at `address`.
    public init(_ address: MariaDBAddress) throws(EngineError) {
        guard let handle = mysql_init(nil) else { throw EngineError(engine: "MariaDB", reason: "out of memory") }
        var timeout: UInt32 = 5
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        guard mysql_real_connect(handle, address.host, address.user, address.password, address.database,
                                 UInt32(address.port ?? 0), address.socket, 0) != nil else {
            let message = String(cString: mysql_error(handle))
            mysql_close(handle)
            throw EngineError(engine: "MariaDB", reason: "cannot connect: \(message)")
        }
        self.handle = handle
        mysql_set_character_set(handle, "utf8mb4")
    }

    deinit { mysql_close(handle) }

    /// Runs one statement and collects its result, its error, and its warnings.
    public func execute(_ sql: String) -> StatementResult {
        var result = StatementResult()
        let status = mysql_real_query(handle, sql, UInt(sql.utf8.count))
        if status != 0 {
            result.errorCode = mysql_errno(handle)
            result.sqlState = String(cString: mysql_sqlstate(handle))
            result.errorMessage = String(cString: mysql_error(handle))
            return result
        }
        if let set = mysql_store_result(handle) {
            defer { mysql_free_result(set) }
            let count = Int(mysql_num_fields(set))
            if let fields = mysql_fetch_fields(set) {
                result.columns = (0..<count).map { String(cString: fields[$0].name) }
            }
            while let row = mysql_fetch_row(set) {
                let lengths = mysql_fetch_lengths(set)
                var values: [String?] = []
                for i in 0..<count {
                    if let cell = row[i], let lengths {
                        let bytes = UnsafeRawBufferPointer(start: cell, count: Int(lengths[i]))
                        values.append(String(decoding: bytes, as: UTF8.self))
                    } else {
                        values.append(nil)
                    }
                }
                result.rows.append(values)
            }
        } else {
            result.affectedRows = mysql_affected_rows(handle)
        }
        if mysql_warning_count(handle) > 0 {
            let shown = executeRaw("SHOW WARNINGS")
            for row in shown {
                result.warnings.append((level: row[0] ?? "", code: Int(row[1] ?? "") ?? 0, message: row[2] ?? ""))
            }
        }
        return result
    }

    /// Runs a query and hands each row to `row` as it arrives, without holding the result:
    /// for tables of millions of rows. Returns MariaDB's error line, or nil when it succeeded.
    public func stream(_ sql: String, row: ([String?]) -> Void) -> String? {
        guard mysql_real_query(handle, sql, UInt(sql.utf8.count)) == 0 else { return errorLine() }
        guard let set = mysql_use_result(handle) else { return mysql_errno(handle) == 0 ? nil : errorLine() }
        defer { mysql_free_result(set) }
        let count = Int(mysql_num_fields(set))
        while let fetched = mysql_fetch_row(set) {
            let lengths = mysql_fetch_lengths(set)
            var values: [String?] = []
            values.reserveCapacity(count)
            for i in 0..<count {
                if let cell = fetched[i], let lengths {
                    values.append(String(decoding: UnsafeRawBufferPointer(start: cell, count: Int(lengths[i])), as: UTF8.self))
                } else {
                    values.append(nil)
                }
            }
            row(values)
        }
        return mysql_errno(handle) == 0 ? nil : errorLine()
    }

    private func errorLine() -> String {
        "ERROR \(mysql_errno(handle)) (\(String(cString: mysql_sqlstate(handle)))): \(String(cString: mysql_error(handle)))"
    }

    /// Runs a statement that must succeed (the fixture set-up); throws with MariaDB's message.
    public func run(_ sql: String) throws(EngineError) {
        let result = execute(sql)
        if result.errorCode != 0 {
            throw EngineError(engine: "MariaDB", reason: "set-up failed: \(result.errorLine)")
        }
    }

    private func executeRaw(_ sql: String) -> [[String?]] {
        guard mysql_query(handle, sql) == 0, let set = mysql_store_result(handle) else { return [] }
        defer { mysql_free_result(set) }
        let count = Int(mysql_num_fields(set))
        var rows: [[String?]] = []
        while let row = mysql_fetch_row(set) {
            rows.append((0..<count).map { row[$0].map { String(cString: $0) } })
        }
        return rows
    }
}
