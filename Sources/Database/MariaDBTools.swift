import Foundation
import Support

/// The MariaDB programs and files a private server is made from, as the Debian package
/// mariadb-server-core installs them.
enum MariaDBTools {
    /// Where `mariadbd` is, or nil.
    static func server() -> String? {
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

    /// The server and its system tables' SQL; why not, naming the package that provides them.
    static func find() throws(EngineError) -> (server: String, systemTables: String) {
        guard let binary = server() else {
            throw .mariaDB("mariadbd is not installed (Debian package mariadb-server-core)")
        }
        guard let tables = systemTables(near: binary) else {
            throw .mariaDB("mysql_system_tables.sql is missing (Debian package mariadb-server-core)")
        }
        return (binary, tables)
    }
}
