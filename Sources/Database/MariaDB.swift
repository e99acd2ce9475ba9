import CMariaDB
import Foundation
import KeyPolicy
import Support

/// A private MariaDB server for one run: its own data folder and socket in a temporary folder
/// that only this user can enter, no TCP port, stopped and removed by `stop()`.
///
/// Samples must not reach the host through it. When keydocs runs as root the server runs as a
/// user id of its own that owns nothing on the host; it reads and writes files only in an empty
/// folder of its own (`secure_file_priv`), never on a client's behalf (`local_infile` off), keeps
/// tables in InnoDB in a tablespace of bounded size, and has grant tables: samples connect as an
/// account with rights on their page's database only (no FILE, SUPER, SHUTDOWN or global SET),
/// and only keydocs knows the password of the administrator account.
public final class MariaDBServer: @unchecked Sendable {
    /// The temporary folder that holds the data and the socket.
    public let folder: URL
    /// The Unix socket clients connect to.
    public let socket: String
    /// The administrator account (all privileges), for keydocs itself, never for a sample.
    public let admin: MariaDBAddress
    private let process: Process
    /// The memory cgroup the server runs in, where one could be made.
    private let cgroup: MemoryCgroup?
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

    /// The SQL that creates MariaDB's system tables (installed with the server).
    static func systemTables(near binary: String) -> String? {
        let prefix = URL(fileURLWithPath: binary).deletingLastPathComponent().deletingLastPathComponent().path
        return ["/share/mysql", "/share/mariadb"].map { prefix + $0 + "/mysql_system_tables.sql" }
            .first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// Tablespaces of bounded size: what a page's samples may store is at most about 256 MB.
    static func storageArguments(data: URL) -> [String] {
        [
            "--no-defaults", "--datadir=\(data.path)", "--skip-networking", "--skip-log-bin",
            "--innodb-buffer-pool-size=16M", "--innodb-log-file-size=8M", "--innodb-file-per-table=0",
            "--innodb-data-file-path=ibdata1:12M:autoextend:max:256M",
            "--innodb-temp-data-file-path=ibtmp1:12M:autoextend:max:64M",
            "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
        ]
    }

    /// What one session may hold: a value or packet of 4 MiB (REPEAT() and friends return NULL
    /// beyond it), in-memory temporary tables of 16 MiB, 64 MiB in all; the cgroup that the
    /// server runs in, where the machine offers one, bounds the server as a whole.
    static let memoryArguments = [
        "--max-allowed-packet=4M", "--max-session-mem-used=64M", "--tmp-memory-table-size=16M",
        "--max-heap-table-size=16M", "--sort-buffer-size=2M", "--join-buffer-size=1M", "--performance-schema=OFF",
    ]

    /// Bytes the private server may use with all its sessions.
    public static let serverMemory = 512 << 20

    /// Starts a server and waits until it accepts connections (at most `timeout` seconds).
    public static func start(timeout: TimeInterval = 20) throws(EngineError) -> MariaDBServer {
        guard let binary = locate() else {
            throw EngineError(engine: "MariaDB", reason: "mariadbd is not installed (Debian package mariadb-server-core)")
        }
        guard let tables = systemTables(near: binary) else {
            throw EngineError(engine: "MariaDB", reason: "mysql_system_tables.sql is missing (Debian package mariadb-server-core)")
        }
        // As root, the server runs as a user id of its own (as the shell sandbox does).
        var runAs: [String] = []
        var uid: UInt32?
        if geteuid() == 0 {
            let id = RunAs.newUserID()
            guard let command = RunAs.command([binary], user: id) else {
                throw EngineError(engine: "MariaDB", reason: "setpriv (Debian package util-linux) is needed to run it as a user of its own")
            }
            uid = id
            runAs = command
        } else {
            runAs = [binary]
        }
        guard let folder = makePrivateFolder(prefix: "keydocs-mariadb-") else {
            throw EngineError(engine: "MariaDB", reason: "cannot create a temporary folder")
        }
        // An interrupt while the server starts stops what runs and removes the folder; the
        // server registers its own clean-up once it is up.
        let starting = StartingProcess()
        let folderPath = folder.path
        let early = Interrupts.shared.add {
            starting.kill()
            removeFolder(folderPath)
        }
        defer { Interrupts.shared.remove(early) }
        let data = folder.appendingPathComponent("data")
        let files = folder.appendingPathComponent("files")
        do {
            for made in [data, files] {
                try FileManager.default.createDirectory(at: made, withIntermediateDirectories: false)
            }
            if let uid {
                for path in [folder, data, files] where chown(path.path, uid, uid) != 0 {
                    throw EngineError(engine: "MariaDB", reason: "cannot hand \(path.path) to the server's user: \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw EngineError(engine: "MariaDB", reason: "cannot create the data folder: \(error)")
        }
        let password = (try? KeyGenerator().generate()) ?? UUID().uuidString
        let admin = MariaDBAddress(socket: folder.appendingPathComponent("sock").path, user: "keydocs", password: password)
        do {
            try bootstrap(runAs, data: data, folder: folder, tables: tables, password: password, starting: starting)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let socket = folder.appendingPathComponent("sock").path
        let process = Process()
        var command = runAs + storageArguments(data: data) + [
            "--socket=\(socket)", "--pid-file=\(folder.appendingPathComponent("pid").path)",
            "--log-error=\(folder.appendingPathComponent("error.log").path)",
            "--secure-file-priv=\(files.path)", "--local-infile=0", "--enforce-storage-engine=InnoDB",
            "--skip-symbolic-links", "--tmp-disk-table-size=64M", "--max-connections=200",
        ] + memoryArguments
        let cgroup = MemoryCgroup.make(limit: serverMemory)
        if let cgroup { command = cgroup.wrapping(command) }
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try starting.launch(process) } catch {
            cgroup?.remove()
            try? FileManager.default.removeItem(at: folder)
            throw EngineError(engine: "MariaDB", reason: "cannot start \(binary): \(error)")
        }
        let server = MariaDBServer(folder: folder, socket: socket, admin: admin, process: process, cgroup: cgroup)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !process.isRunning {
                let log = (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
                server.stop()
                let lastError = log.split(separator: "\n").last { $0.contains("ERROR") }.map(String.init) ?? "it exited"
                throw EngineError(engine: "MariaDB", reason: "mariadbd stopped while starting: \(lastError)")
            }
            if FileManager.default.fileExists(atPath: socket), (try? MariaDBConnection(admin)) != nil {
                return server
            }
            usleep(20_000)
        }
        server.stop()
        throw EngineError(engine: "MariaDB", reason: "mariadbd did not accept connections within \(Int(timeout)) s")
    }

    /// Creates the system tables and the administrator account in the empty data folder.
    private static func bootstrap(_ runAs: [String], data: URL, folder: URL, tables: String, password: String,
                                  starting: StartingProcess) throws(EngineError) {
        guard let system = try? String(contentsOfFile: tables, encoding: .utf8) else {
            throw EngineError(engine: "MariaDB", reason: "cannot read \(tables)")
        }
        let sql = "CREATE DATABASE IF NOT EXISTS mysql;\nUSE mysql;\n" + system + """

            FLUSH PRIVILEGES;
            CREATE USER 'keydocs'@'localhost' IDENTIFIED BY '\(password)';
            GRANT ALL PRIVILEGES ON *.* TO 'keydocs'@'localhost' WITH GRANT OPTION;

            """
        // The SQL goes in as a file, not through a pipe: a bootstrap killed by an interrupt
        // while keydocs still wrote to it would end keydocs with SIGPIPE before it cleans up.
        let script = folder.appendingPathComponent("bootstrap.sql")
        guard FileManager.default.createFile(atPath: script.path, contents: Data(sql.utf8), attributes: [.posixPermissions: 0o600]),
              let input = FileHandle(forReadingAtPath: script.path) else {
            throw EngineError(engine: "MariaDB", reason: "cannot write the bootstrap script")
        }
        defer {
            try? input.close()
            try? FileManager.default.removeItem(at: script)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runAs[0])
        process.arguments = Array(runAs.dropFirst()) + storageArguments(data: data) + [
            "--bootstrap", "--log-error=\(folder.appendingPathComponent("bootstrap.log").path)",
        ]
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try starting.launch(process) } catch {
            throw EngineError(engine: "MariaDB", reason: "cannot start \(runAs.last ?? "mariadbd") --bootstrap: \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let log = (try? String(contentsOf: folder.appendingPathComponent("bootstrap.log"), encoding: .utf8)) ?? ""
            let lastError = log.split(separator: "\n").last { $0.contains("ERROR") }.map(String.init) ?? "exit status \(process.terminationStatus)"
            throw EngineError(engine: "MariaDB", reason: "mariadbd --bootstrap failed: \(lastError)")
        }
    }

    private init(folder: URL, socket: String, admin: MariaDBAddress, process: Process, cgroup: MemoryCgroup?) {
        self.cgroup = cgroup
        self.folder = folder
        self.socket = socket
        self.admin = admin
        self.process = process
        let pid = process.processIdentifier
        let path = folder.path
        // On an interrupt: stop the server and remove its folder, even mid-check.
        interruptToken = Interrupts.shared.add {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            removeFolder(path)
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
        cgroup?.remove()
        removeFolder(folder.path)
    }

    deinit { stop() }
}

/// The process a starting server runs (its bootstrap, then the server), for an interrupt to
/// stop. Once stopped, nothing more is launched: an interrupt that comes between two launches
/// must not leave a server running, writing into a folder that is being removed.
final class StartingProcess: @unchecked Sendable {
    private let lock = NSLock()
    private var pid: pid_t = 0
    private var stopped = false

    /// Starts `process` unless an interrupt came first.
    func launch(_ process: Process) throws {
        try lock.withLock {
            guard !stopped else { throw CancellationError() }
            try process.run()
            pid = process.processIdentifier
        }
    }

    /// Kills what runs and waits until it is gone; nothing is launched after this.
    func kill() {
        let pid = lock.withLock { () -> pid_t in
            stopped = true
            return self.pid
        }
        guard pid > 0 else { return }
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
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

    /// The password in the file at `path`: its first line (a file keeps it out of the process list).
    public static func password(fromFile path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
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

/// One client session over a Unix socket, with MariaDB's own client library.
public final class MariaDBConnection: @unchecked Sendable {
    private let handle: UnsafeMutablePointer<MYSQL>

    /// Connects to the server at `address`.
    public init(_ address: MariaDBAddress) throws(EngineError) {
        guard let handle = mysql_init(nil) else { throw EngineError(engine: "MariaDB", reason: "out of memory") }
        var timeout: UInt32 = 5
        mysql_options(handle, MYSQL_OPT_CONNECT_TIMEOUT, &timeout)
        // The client library never sends a file of this machine (LOAD DATA LOCAL INFILE).
        var localInfile: UInt32 = 0
        mysql_options(handle, MYSQL_OPT_LOCAL_INFILE, &localInfile)
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

    /// The server's id of this connection's thread (what `KILL QUERY` takes).
    public var threadID: UInt { UInt(mysql_thread_id(handle)) }

    /// Bytes of a result's rows that `execute` keeps; the rest is read and dropped.
    public static let resultLimit = 1 << 20
    /// Bytes of one value that `execute` keeps.
    public static let cellLimit = 4096

    /// Client errors that mean the server went away (CR_SERVER_GONE_ERROR, CR_SERVER_LOST).
    public static let lostConnection: Set<UInt32> = [2006, 2013]

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
        // Rows are read as they arrive and at most `resultLimit` bytes of them kept: the rest
        // is read and dropped (mysql_free_result), so no result holds keydocs' memory.
        if let set = mysql_use_result(handle) {
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
                let lengths = mysql_fetch_lengths(set)
                var values: [String?] = []
                for i in 0..<count {
                    if let cell = row[i], let lengths {
                        let length = min(Int(lengths[i]), Self.cellLimit)
                        if Int(lengths[i]) > length { result.truncated = true }
                        kept += length + 8
                        values.append(String(decoding: UnsafeRawBufferPointer(start: cell, count: length), as: UTF8.self))
                    } else {
                        values.append(nil)
                    }
                }
                result.rows.append(values)
            }
            if mysql_errno(handle) != 0 {
                result.errorCode = mysql_errno(handle)
                result.sqlState = String(cString: mysql_sqlstate(handle))
                result.errorMessage = String(cString: mysql_error(handle))
            }
            mysql_free_result(set)
        } else {
            result.affectedRows = mysql_affected_rows(handle)
            if let info = mysql_info(handle) { result.info = String(cString: info) }
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
