import Foundation

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
