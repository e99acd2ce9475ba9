import Foundation

/// The server's command line: where it keeps its data, and the limits that bound what samples
/// can make it hold or reach.
extension MariaDBServer {
    /// Bytes the private server may use with all its sessions.
    public static let serverMemory = 512 << 20

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

    /// The running server's own: its socket and logs in `paths`, files only in its `files`
    /// folder and never on a client's behalf, InnoDB only, a bounded disk for temporary tables.
    static func serverArguments(_ paths: Paths) -> [String] {
        storageArguments(data: paths.data) + [
            "--socket=\(paths.socket)", "--pid-file=\(paths.folder.appendingPathComponent("pid").path)",
            "--log-error=\(paths.errorLog.path)",
            "--secure-file-priv=\(paths.files.path)", "--local-infile=0", "--enforce-storage-engine=InnoDB",
            "--skip-symbolic-links", "--tmp-disk-table-size=64M", "--max-connections=200",
        ] + memoryArguments
    }

    /// The places in a server's folder.
    struct Paths {
        /// The temporary folder that holds the rest.
        let folder: URL
        /// The data folder.
        var data: URL { folder.appendingPathComponent("data") }
        /// The one folder the server may read and write files in (`secure_file_priv`).
        var files: URL { folder.appendingPathComponent("files") }
        /// The Unix socket.
        var socket: String { folder.appendingPathComponent("sock").path }
        /// The running server's log.
        var errorLog: URL { folder.appendingPathComponent("error.log") }
        /// The bootstrap's log.
        var bootstrapLog: URL { folder.appendingPathComponent("bootstrap.log") }
        /// The SQL the bootstrap reads.
        var bootstrapScript: URL { folder.appendingPathComponent("bootstrap.sql") }
    }
}
