import Support

extension EngineError {
    /// A failure of MariaDB, keydocs' private server or a server a connection reaches: `reason`.
    public static func mariaDB(_ reason: String) -> EngineError {
        EngineError(engine: "MariaDB", reason: reason)
    }
}
