import Foundation
import SampleCheck
import Testing

@Suite struct SandboxTests {
    func sandbox() throws -> Sandbox {
        try #require(try? Sandbox.detect().get(), "bubblewrap is required (Debian package bubblewrap)")
    }

    /// A pipeline whose reader stops early ends by SIGPIPE, as in a shell, even though this
    /// process ignores SIGPIPE: the sandbox restores every signal to its default.
    @Test func pipelinesEndWhenTheirReaderStops() throws {
        let start = Date()
        let batch = try sandbox().runBatch(script: "yes | head -n 1", runs: 5, totalSeconds: 20)
        #expect(batch.runs.count == 5)
        #expect(batch.runs.allSatisfy { String(decoding: $0.output, as: UTF8.self) == "y\n" && $0.status == 0 })
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func theSandboxHidesTheHostAndItsEnvironment() throws {
        setenv("KEYDOCS_TEST_SECRET", "s3cret-value", 1)
        defer { unsetenv("KEYDOCS_TEST_SECRET") }
        let batch = try sandbox().runBatch(
            script: "env; ls /; cat /etc/passwd 2>&1; ls /root /home 2>&1; (exec 3<>/dev/tcp/127.0.0.1/22) 2>&1; echo done",
            runs: 1, totalSeconds: 20)
        let output = String(decoding: batch.runs.first?.output ?? [], as: UTF8.self)
        #expect(output.hasSuffix("done\n"))
        #expect(!output.contains("s3cret-value"))
        #expect(!output.contains("root:x:0:0"))
        #expect(output.contains("No such file or directory"))
    }

    @Test func aHangingCommandIsStoppedByItsTimeLimit() throws {
        let start = Date()
        let batch = try sandbox().runBatch(script: "while :; do :; done", runs: 3, totalSeconds: 30)
        #expect(batch.runs.first?.timedOut == true)
        #expect(Date().timeIntervalSince(start) < 25)
    }

    @Test func outputIsCappedWhileItIsRead() throws {
        var box = try sandbox()
        box.perRunOutput = 1024
        let batch = box.runBatch(script: "head -c 100000000 /dev/zero", runs: 2, totalSeconds: 30)
        #expect(batch.runs.first?.truncated == true || batch.overLimit)
        #expect((batch.runs.first?.output.count ?? 0) <= 1024)
    }
}
