import DocModel
import Foundation
import SampleCheck
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A TCP listener on 127.0.0.1 that counts the connections it accepts.
final class Listener: @unchecked Sendable {
    let fd: Int32
    let port: UInt16
    private let lock = NSLock()
    private var accepted = 0

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) == 0 && getsockname(fd, $0, &size) == 0 }
        }
        guard bound, listen(fd, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [weak self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                self?.count()
                close(client)
            }
        }
    }

    private func count() { lock.withLock { accepted += 1 } }

    var connections: Int { lock.withLock { accepted } }

    deinit { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
}

/// Samples that try to escape: each is refused or contained, with a finding at its line, and
/// nothing outside the sandbox changes.
@Suite(.serialized) struct HostileTests {
    @Test func hostileSamplesAreRefusedOrContained() throws {
        let listener = try Listener()
        let home = FileManager.default.homeDirectoryForCurrentUser
        let canary = home.appendingPathComponent("keydocs-canary-\(UUID().uuidString)")
        try "keep me\n".write(to: canary, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: canary) }
        let secret = "keydocs-secret-\(UUID().uuidString)"
        setenv("KEYDOCS_TEST_SECRET", secret, 1)
        defer { unsetenv("KEYDOCS_TEST_SECRET") }

        let port = listener.port
        let blocks: [(line: Int, text: String, annotation: String?, rules: Set<RuleID>)] = [
            (0, "rm -rf \(canary.path)", nil, [.generatorNotAllowed]),
            (0, "echo gone > \(canary.path)", nil, [.generatorNotAllowed]),
            (0, "curl -s http://127.0.0.1:\(port)/", nil, [.generatorNotAllowed]),
            (0, "wget -q -O- http://127.0.0.1:\(port)/", nil, [.generatorNotAllowed]),
            (0, "head -c 32 < /dev/tcp/127.0.0.1/\(port)", nil, [.generatorNotAllowed]),
            (0, "head -c 32 /etc/passwd", nil, [.generatorNotAllowed]),
            (0, "echo \"$KEYDOCS_TEST_SECRET\" $HOME", nil, [.generatorNotAllowed]),
            (0, "tail -f /dev/urandom > /dev/null", nil, [.generatorNotAllowed]),
            (0, "head -c 500000000 /dev/zero", nil, [.generatorNotAllowed]),
            (0, "head -c 500000000 /dev/urandom", nil, [.generatorLimit]),
            (0, "tr -dc 'A-Za-z0-9' </dev/urandom", nil, [.generatorLimit]),
            (0, "bash -c ':(){ :|:& };:'", "<!-- check: allow=bash runs=3 -->", [.generatorNoRandom]),
            (0, "echo x > /usr/keydocs-evil", nil, [.generatorNotAllowed]),
        ]
        let start = Date()
        var options = CheckOptions()
        options.runs = 20
        let (report, ranges) = try checkPage("Hostile samples", blocks.map { TestBlock(text: $0.text, annotation: asGenerator($0.annotation)) },
                                             options: options)
        let lines = ranges.map(\.lowerBound)
        let elapsed = Date().timeIntervalSince(start)

        #expect(elapsed < 45, "the page took \(elapsed) s: \(report.diagnostics.map { "\($0.location.line) \($0.rule) \($0.message.prefix(80))" })")
        for (index, block) in blocks.enumerated() {
            let found = Set(report.diagnostics.filter { $0.location.line == lines[index] }.map(\.rule))
            #expect(!found.isEmpty, "no finding at line \(lines[index]) for \(block.text)")
            #expect(block.rules.isSubset(of: found), "\(block.text): \(found)")
            #expect(report.outcomes[SampleKey(page: "index.md", index: index)]?.status == .failed, "\(block.text)")
        }
        let everything = report.diagnostics.map { DiagnosticRenderer.text($0).description }.joined(separator: "\n")
        #expect(!everything.contains(secret))
        #expect(!everything.contains("root:x:0:0"))
        #expect(try String(contentsOf: canary, encoding: .utf8) == "keep me\n")
        #expect(!FileManager.default.fileExists(atPath: "/usr/keydocs-evil"))
        #expect(listener.connections == 0)
    }
}
