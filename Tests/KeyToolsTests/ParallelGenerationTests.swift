import Foundation
import KeyPolicy
import KeyTools
import Testing

/// `keydocs key generate` through its library: every core writes, and what comes out is the
/// count asked for, of distinct keys the policy accepts, a whole line each.
@Suite struct ParallelGenerationTests {
    /// The lines `ParallelGeneration.write` gives for `count` keys of `length` characters.
    static func generated(count: Int, length: Int) throws -> [Substring] {
        let collected = Collected()
        try ParallelGeneration.write(generator: KeyGenerator(), count: count, length: length) { chunk in
            collected.append(chunk)
        }
        let text = String(decoding: collected.bytes, as: UTF8.self)
        #expect(text.last == "\n")
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    // Below and above the count at which a second worker starts.
    @Test(arguments: [(1, 32), (999, 20), (120_000, 32)])
    func theCountAskedForOfDistinctValidKeys(_ count: Int, _ length: Int) throws {
        let keys = try Self.generated(count: count, length: length)
        #expect(keys.count == count)
        #expect(Set(keys).count == count)
        let alphabet = Set(Policy.civicrm.alphabetString)
        #expect(keys.allSatisfy { $0.count == length && $0.allSatisfy(alphabet.contains) })
        let validator = KeyValidator()
        for key in keys.prefix(500) {
            let errors = validator.findings(for: key, checkPublished: false).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(key): \(errors.map(\.message))")
        }
    }

    @Test func aLengthOutsideThePolicyIsRefusedBeforeAnythingIsWritten() {
        let collected = Collected()
        #expect(throws: KeyGenerator.LengthError.self) {
            try ParallelGeneration.write(generator: KeyGenerator(), count: 200_000, length: 12) { collected.append($0) }
        }
        #expect(collected.bytes.isEmpty)
    }

    @Test func aFailingSinkStopsTheWorkersAndItsErrorIsThrown() {
        struct Full: Error {}
        #expect(throws: Full.self) {
            try ParallelGeneration.write(generator: KeyGenerator(), count: 400_000, length: 32) { _ in throw Full() }
        }
    }
}

/// What the sink was given, from whichever worker.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [UInt8] = []

    func append(_ chunk: UnsafeRawBufferPointer) {
        lock.lock()
        defer { lock.unlock() }
        stored.append(contentsOf: chunk)
    }

    var bytes: [UInt8] { lock.withLock { stored } }
}
