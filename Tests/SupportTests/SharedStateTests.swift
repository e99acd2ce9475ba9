import Dispatch
import Foundation
import Support
import Testing

/// Interrupt actions, results filled from many threads, private folders, file stamps, byte search.
@Suite struct SharedStateTests {
    @Test func interruptActionsRunNewestFirstAndOnce() {
        let registry = Interrupts()
        let order = ConcurrentResults<Int>(count: 3)
        let counter = Counter()
        registry.add { order.set(counter.next(), 1) }
        let removed = registry.add { order.set(counter.next(), 99) }
        registry.add { order.set(counter.next(), 3) }
        registry.remove(removed)
        registry.runAll()
        registry.runAll()
        #expect(order.values == [3, 1])
    }

    @Test func resultsKeepTheirSlots() {
        let results = ConcurrentResults<Int>(count: 100)
        DispatchQueue.concurrentPerform(iterations: 100) { results.set($0, $0 * 2) }
        #expect(results.values == (0..<100).map { $0 * 2 })
    }

    @Test func aPrivateFolderIsItsOwnersAndIsRemovedWhole() throws {
        let folder = try #require(makePrivateFolder(prefix: "keydocs-support-test-"))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        #expect(folder.lastPathComponent.hasPrefix("keydocs-support-test-"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a/b"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("a/b/file"))
        removeFolder(folder.path)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func aStampChangesWithTheFile() throws {
        let folder = try #require(makePrivateFolder(prefix: "keydocs-support-test-"))
        defer { removeFolder(folder.path) }
        let file = folder.appendingPathComponent("page.md").path
        #expect(FileStamp(path: file) == nil)
        try Data("one".utf8).write(to: URL(fileURLWithPath: file))
        let first = try #require(FileStamp(path: file))
        #expect(FileStamp(path: file) == first)
        try Data("three".utf8).write(to: URL(fileURLWithPath: file))
        #expect(FileStamp(path: file) != first)
    }

    @Test func bytesAreFoundFromAnOffset() {
        let haystack = Array("abcabc".utf8)
        haystack.withUnsafeBufferPointer { buffer in
            #expect(ByteSearch.find(Array("bc".utf8), in: buffer) == 1)
            #expect(ByteSearch.find(Array("bc".utf8), in: buffer, from: 2) == 4)
            #expect(ByteSearch.find(Array("cab".utf8), in: buffer, from: 3) == nil)
            #expect(ByteSearch.find([], in: buffer) == nil)
            #expect(ByteSearch.find(Array("a".utf8), in: buffer, from: 7) == nil)
        }
        #expect(ByteSearch.contains("naïve café", "café"))
        #expect(!ByteSearch.contains("naïve", "cafe"))
    }
}

/// A counter for the interrupt test's actions.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { defer { value += 1 }; return value } }
}
