import Foundation
import Support
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Programs run with bounds, and as a user of their own.
@Suite struct ProcessTests {
    func shell(_ script: String, timeout: TimeInterval = 10, outputLimit: Int = 1 << 16, input: [UInt8]? = nil) throws -> BoundedProcess.Result {
        try BoundedProcess(executable: "/bin/sh", arguments: ["-c", script], environment: ["PATH": "/usr/bin:/bin"],
                           timeout: timeout, outputLimit: outputLimit, descriptor3: input).run()
    }

    @Test func outputAndStatusAreKept() throws {
        let result = try shell("printf out; printf err >&2; exit 3")
        #expect(String(decoding: result.stdout, as: UTF8.self) == "out")
        #expect(String(decoding: result.stderr, as: UTF8.self) == "err")
        #expect(result.status == 3)
        #expect(!result.timedOut && !result.overLimit && !result.overMemory)
    }

    @Test func theEnvironmentIsOnlyWhatIsGiven() throws {
        let result = try shell("env | sort")
        #expect(String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("PWD=") && !$0.hasPrefix("SHLVL=") && !$0.hasPrefix("_=") }
                == ["PATH=/usr/bin:/bin"])
    }

    @Test func descriptorThreeCarriesTheInput() throws {
        let result = try shell("cat <&3", input: Array("from memory".utf8))
        #expect(String(decoding: result.stdout, as: UTF8.self) == "from memory")
    }

    @Test func aProgramPastItsTimeIsKilled() throws {
        let started = Date()
        let result = try shell("sleep 30", timeout: 0.5)
        #expect(result.timedOut)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(result.status == 128 + SIGKILL)
    }

    @Test func aProgramPastItsOutputIsKilledWithWhatItStarted() throws {
        let result = try shell("(sleep 30 &) ; yes", outputLimit: 1000)
        #expect(result.overLimit)
        #expect(result.stdout.count == 1000)
    }

    @Test func aMissingProgramIsAnEngineError() {
        #expect(throws: EngineError.self) {
            try BoundedProcess(executable: "/nonexistent/program", arguments: [], environment: [:], timeout: 1, outputLimit: 10).run()
        }
    }

    @Test func theTreeOfAProcessIsFound() throws {
        let (bytes, members) = ProcessTree.memory(of: getpid())
        #expect(members.first == getpid())
        #expect(bytes > 0)
    }

    @Test func anotherUserIsSetprivWithTheUserAndNoGroupsOrCapabilities() throws {
        let id = RunAs.newUserID()
        #expect(id >= 200_000)
        guard let setpriv = RunAs.setpriv else {
            #expect(RunAs.command(["/bin/true"], user: id) == nil)
            #expect(!RunAs.isAvailable)
            return
        }
        #expect(RunAs.command(["/bin/true", "-x"], user: id)
                == [setpriv, "--reuid=\(id)", "--regid=\(id)", "--clear-groups", "--inh-caps=-all", "/bin/true", "-x"])
        #expect(RunAs.isAvailable == (geteuid() == 0))
    }

    @Test func anEngineErrorNamesItsEngine() {
        #expect(EngineError(engine: "MariaDB", reason: "not installed").description == "MariaDB: not installed")
    }
}
