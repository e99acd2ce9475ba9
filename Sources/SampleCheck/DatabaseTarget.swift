import Database

/// Where SQL samples run.
public struct DatabaseTarget: Sendable {
    /// The account keydocs connects with: the private server's administrator, or the user's.
    public var address: MariaDBAddress
    /// keydocs' own private server (samples get an account of their own), or the user's.
    public var isPrivate: Bool

    /// A target.
    public init(address: MariaDBAddress, isPrivate: Bool) {
        self.address = address
        self.isPrivate = isPrivate
    }
}
