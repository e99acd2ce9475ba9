import Foundation

/// The runs of each generator command, made once for every page that shows it: the same text
/// in the same sandbox draws from the same distribution. Pages wait for a command another page
/// is running. What is kept is bounded: a batch is kept only while the kept outputs stay
/// under `keptBytes`, beyond which a repeated command runs again.
final class SharedRuns: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [String: Sandbox.Batch] = [:]
    private var running: Set<String> = []
    private var kept = 0
    private var runsMade = 0
    static let keptBytes = 16 << 20

    /// Runs made so far.
    var made: Int {
        condition.lock()
        defer { condition.unlock() }
        return runsMade
    }

    /// `script`'s batch of `runs` runs in `sandbox`, made by `run` unless a page made it already.
    func batch(_ script: String, runs: Int, in sandbox: Sandbox, run: () -> Sandbox.Batch) -> Sandbox.Batch {
        let key = "\(runs) \(sandbox.mode) \(script)"
        condition.lock()
        while running.contains(key) { condition.wait() }
        if let done = batches[key] {
            condition.unlock()
            return done
        }
        running.insert(key)
        condition.unlock()
        let batch = run()
        let size = batch.runs.reduce(batch.stderr.count) { $0 + $1.output.count + 16 }
        condition.lock()
        running.remove(key)
        runsMade += batch.runs.count
        if kept + size <= Self.keptBytes {
            batches[key] = batch
            kept += size
        }
        condition.broadcast()
        condition.unlock()
        return batch
    }
}
