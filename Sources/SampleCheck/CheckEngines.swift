import Database
import Dispatch
import Foundation
import Support

/// The engines of one check, found or started once and shared by every page.
final class CheckEngines: @unchecked Sendable {
    let sandbox: Result<Sandbox, EngineError>
    /// Generator runs, shared by the pages that show the same command.
    let runs = SharedRuns()
    private let lock = NSLock()
    private var server: Result<MariaDBServer, EngineError>?
    private let external: MariaDBAddress?
    private let offline: Bool
    private var starting: DispatchWorkItem?
    /// A server the caller owns: used, never stopped here.
    private let borrowed: MariaDBServer?

    init(options: CheckOptions, needsSandbox: Bool) {
        offline = options.offline
        if options.offline {
            self.sandbox = .failure(EngineError(engine: "bubblewrap", reason: "offline check"))
        } else if let sandbox = options.sandbox {
            self.sandbox = .success(sandbox)
        } else if let problem = options.sandboxProblem {
            self.sandbox = .failure(problem)
        } else {
            self.sandbox = needsSandbox ? Sandbox.detect() : .failure(EngineError(engine: "bubblewrap", reason: "not needed"))
        }
        external = options.mysql
        borrowed = options.privateServer
    }

    /// Starts the private server in the background, so that it is ready when the first SQL sample needs it.
    func prepareDatabase() {
        guard external == nil, borrowed == nil, !offline else { return }
        let item = DispatchWorkItem { [self] in _ = database() }
        starting = item
        DispatchQueue.global().async(execute: item)
    }

    /// Where SQL samples run, starting the private server on first use.
    func database() -> Result<DatabaseTarget, EngineError> {
        if offline { return .failure(.mariaDB("offline check")) }
        if let external { return .success(DatabaseTarget(address: external, isPrivate: false)) }
        if let borrowed { return .success(DatabaseTarget(address: borrowed.admin, isPrivate: true)) }
        lock.lock()
        defer { lock.unlock() }
        let result: Result<MariaDBServer, EngineError>
        if let server {
            result = server
        } else {
            do { result = .success(try MariaDBServer.start()) } catch { result = .failure(error) }
            server = result
        }
        return result.map { DatabaseTarget(address: $0.admin, isPrivate: true) }
    }

    /// Stops the private server, if one was started.
    func shutdown() {
        starting?.wait()
        lock.lock()
        defer { lock.unlock() }
        if case .success(let running) = server { running.stop() }
    }
}
