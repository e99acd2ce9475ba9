import Foundation
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
    public static func locate() -> String? { MariaDBTools.server() }

    /// Starts a server and waits until it accepts connections (at most `timeout` seconds).
    public static func start(timeout: TimeInterval = 20) throws(EngineError) -> MariaDBServer {
        let tools = try MariaDBTools.find()
        let command = try command(running: tools.server)
        guard let folder = makePrivateFolder(prefix: "keydocs-mariadb-") else {
            throw .mariaDB("cannot create a temporary folder")
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
        let paths = Paths(folder: folder)
        let admin = MariaDBAddress(socket: paths.socket, user: "keydocs", password: AccountPassword.random())
        let launched: (process: Process, cgroup: MemoryCgroup?)
        do throws(EngineError) {
            try makeFolders(paths, owner: command.uid)
            try bootstrap(command.argv, paths: paths, tables: tools.systemTables, password: admin.password ?? "", starting: starting)
            launched = try launch(command.argv, binary: tools.server, paths: paths, starting: starting)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let server = MariaDBServer(paths: paths, admin: admin, process: launched.process, cgroup: launched.cgroup)
        try server.waitUntilReady(timeout: timeout)
        return server
    }

    // MARK: - Steps of a start

    /// The command that runs `binary`: as root, as a user id of its own (as the shell sandbox
    /// does), named by `uid`; otherwise as this user.
    private static func command(running binary: String) throws(EngineError) -> (argv: [String], uid: UInt32?) {
        guard geteuid() == 0 else { return ([binary], nil) }
        let id = RunAs.newUserID()
        guard let command = RunAs.command([binary], user: id) else {
            throw .mariaDB("setpriv (Debian package util-linux) is needed to run it as a user of its own")
        }
        return (command, id)
    }

    /// Makes the data and files folders; hands them and the server's folder to `owner`, if any.
    private static func makeFolders(_ paths: Paths, owner uid: UInt32?) throws(EngineError) {
        do {
            for made in [paths.data, paths.files] {
                try FileManager.default.createDirectory(at: made, withIntermediateDirectories: false)
            }
            if let uid {
                for path in [paths.folder, paths.data, paths.files] where chown(path.path, uid, uid) != 0 {
                    throw EngineError.mariaDB("cannot hand \(path.path) to the server's user: \(String(cString: strerror(errno)))")
                }
            }
        } catch {
            throw .mariaDB("cannot create the data folder: \(error)")
        }
    }

    /// Creates the system tables and the administrator account in the empty data folder.
    private static func bootstrap(_ command: [String], paths: Paths, tables: String, password: String,
                                  starting: StartingProcess) throws(EngineError) {
        guard let system = try? String(contentsOfFile: tables, encoding: .utf8) else {
            throw .mariaDB("cannot read \(tables)")
        }
        let sql = "CREATE DATABASE IF NOT EXISTS mysql;\nUSE mysql;\n" + system + """

            FLUSH PRIVILEGES;
            CREATE USER 'keydocs'@'localhost' IDENTIFIED BY '\(password)';
            GRANT ALL PRIVILEGES ON *.* TO 'keydocs'@'localhost' WITH GRANT OPTION;

            """
        // The SQL goes in as a file, not through a pipe: a bootstrap killed by an interrupt
        // while keydocs still wrote to it would end keydocs with SIGPIPE before it cleans up.
        let script = paths.bootstrapScript
        guard FileManager.default.createFile(atPath: script.path, contents: Data(sql.utf8), attributes: [.posixPermissions: 0o600]),
              let input = FileHandle(forReadingAtPath: script.path) else {
            throw .mariaDB("cannot write the bootstrap script")
        }
        defer {
            try? input.close()
            try? FileManager.default.removeItem(at: script)
        }
        let process: Process
        do {
            process = try starting.launch(command + storageArguments(data: paths.data)
                                          + ["--bootstrap", "--log-error=\(paths.bootstrapLog.path)"], input: input)
        } catch {
            throw .mariaDB("cannot start \(command.last ?? "mariadbd") --bootstrap: \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let lastError = StartingProcess.lastError(in: paths.bootstrapLog) ?? "exit status \(process.terminationStatus)"
            throw .mariaDB("mariadbd --bootstrap failed: \(lastError)")
        }
    }

    /// Starts the server itself, in a memory cgroup of `serverMemory` where one can be made.
    private static func launch(_ command: [String], binary: String, paths: Paths,
                               starting: StartingProcess) throws(EngineError) -> (process: Process, cgroup: MemoryCgroup?) {
        var command = command + serverArguments(paths)
        let cgroup = MemoryCgroup.make(limit: serverMemory)
        if let cgroup { command = cgroup.wrapping(command) }
        do {
            return (try starting.launch(command), cgroup)
        } catch {
            cgroup?.remove()
            throw .mariaDB("cannot start \(binary): \(error)")
        }
    }

    /// Waits until the server accepts its administrator; stops it when it exits first or does
    /// not within `timeout` seconds.
    private func waitUntilReady(timeout: TimeInterval) throws(EngineError) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !process.isRunning {
                let lastError = StartingProcess.lastError(in: Paths(folder: folder).errorLog) ?? "it exited"
                stop()
                throw .mariaDB("mariadbd stopped while starting: \(lastError)")
            }
            if FileManager.default.fileExists(atPath: socket), (try? MariaDBConnection(admin)) != nil { return }
            usleep(20_000)
        }
        stop()
        throw .mariaDB("mariadbd did not accept connections within \(Int(timeout)) s")
    }

    // MARK: - Running and stopping

    private init(paths: Paths, admin: MariaDBAddress, process: Process, cgroup: MemoryCgroup?) {
        self.cgroup = cgroup
        self.folder = paths.folder
        self.socket = paths.socket
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
