import Dispatch
import Foundation

/// Clean-up to run when the process is interrupted (SIGINT, SIGTERM, SIGHUP): temporary
/// folders removed, private servers stopped. Whatever registers a resource unregisters it when
/// it has cleaned up itself.
public final class Interrupts: @unchecked Sendable {
    /// The process's registry.
    public static let shared = Interrupts()

    private let lock = NSLock()
    private var actions: [Int: @Sendable () -> Void] = [:]
    private var next = 0
    private var sources: [DispatchSourceSignal] = []

    /// A registry of its own; the process's is `shared`, which alone is tied to the signals.
    public init() {}

    /// Adds `action`; returns its token for `remove`.
    @discardableResult
    public func add(_ action: @escaping @Sendable () -> Void) -> Int {
        lock.withLock {
            next += 1
            actions[next] = action
            return next
        }
    }

    /// Removes the action added under `token`.
    public func remove(_ token: Int) {
        _ = lock.withLock { actions.removeValue(forKey: token) }
    }

    /// Runs every action, newest first, once.
    public func runAll() {
        let pending = lock.withLock { () -> [@Sendable () -> Void] in
            let sorted = actions.sorted { $0.key > $1.key }.map(\.value)
            actions = [:]
            return sorted
        }
        for action in pending { action() }
    }

    /// Catches SIGINT, SIGTERM and SIGHUP: runs the actions, then exits with 128 + the signal.
    public func install() {
        lock.withLock {
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM, SIGHUP] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [self] in
                    runAll()
                    exit(128 + number)
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
