import Dispatch
import Foundation
import KeyPolicy

/// Writes many keys using every core: each worker fills its own 64 KiB chunks from the kernel's
/// CSPRNG and hands whole chunks to `sink` under a lock, so lines never interleave.
public enum ParallelGeneration {
    static let keysPerWorkerMinimum = 50_000

    /// Writes `count` keys of `length` characters, a line each, through `sink` (stdout, for `keydocs key generate`).
    public static func write(generator: KeyGenerator, count: Int, length: Int,
                             to sink: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void) throws {
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / keysPerWorkerMinimum))
        if workers <= 1 {
            var source = SystemRandomBytes()
            try generator.write(count: count, length: length, using: &source) { try sink($0) }
            return
        }
        let lock = NSLock()
        let failure = FailureBox()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let share = count / workers + (worker < count % workers ? 1 : 0)
            var source = SystemRandomBytes()
            do {
                try generator.write(count: share, length: length, using: &source) { chunk in
                    if failure.error != nil { throw CancellationError() }
                    lock.lock()
                    defer { lock.unlock() }
                    try sink(chunk)
                }
            } catch {
                failure.record(error)
            }
        }
        if let error = failure.error { throw error }
    }
}

/// The first error any worker hit.
private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Error?

    var error: Error? { lock.lock(); defer { lock.unlock() }; return stored }

    func record(_ error: Error) {
        lock.lock()
        defer { lock.unlock() }
        if stored == nil || stored is CancellationError { stored = error }
    }
}
