import Foundation

/// The keys a generator's runs printed so far, from every part of its batch at once.
final class SeenKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var keys = Set<String>()

    /// Adds `key`; whether it is new.
    func insert(_ key: String) -> Bool { lock.withLock { keys.insert(key).inserted } }
}
