import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Running a program as a user of its own. When keydocs runs as root, each engine (the private
/// MariaDB server, a batch of shell samples) runs as a user id that owns nothing on the host:
/// root is exempt from process limits and may read every file, a user of its own neither.
public enum RunAs {
    /// setpriv (util-linux), which switches the user; nil where it is not installed.
    public static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether programs can run as a user of their own here: keydocs runs as root, with setpriv.
    public static var isAvailable: Bool { geteuid() == 0 && setpriv != nil }

    /// A user and group id that no account of the host has (above 200,000), drawn anew each call.
    public static func newUserID() -> UInt32 { UInt32.random(in: 200_000..<1_200_000) }

    /// The command that runs `argv` as user and group `id`, with no supplementary groups and no
    /// inheritable capabilities; nil without setpriv.
    public static func command(_ argv: [String], user id: UInt32) -> [String]? {
        guard let setpriv else { return nil }
        return [setpriv, "--reuid=\(id)", "--regid=\(id)", "--clear-groups", "--inh-caps=-all"] + argv
    }
}
