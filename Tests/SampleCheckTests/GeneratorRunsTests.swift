import DocModel
import Foundation
import SampleCheck
import Testing

/// How many times a generator runs: runs that already show a bad key settle the verdict and the
/// rest are not made; a generator whose first runs pass runs every time asked, so a failure that
/// only later runs show is still found; the watchdog that bounds each run stops the batch's own
/// runs and nothing else.
@Suite(.serialized) struct GeneratorRunsTests {
    func check(_ text: String, annotation: String? = nil, runs: Int) throws -> CheckReport {
        var options = CheckOptions()
        options.runs = runs
        options.sandbox = try Sandbox.detect().get()
        options.allowlist.formUnion(["bash", "grep", "printf"])
        return try checkPage("Runs", [TestBlock(text: text, annotation: asGenerator(annotation))], options: options).0
    }

    /// Every run prints a bad key, each in its own way: the first runs show it and no more are made.
    @Test(arguments: [
        ("head -c32 /dev/urandom | base64 | tr -d '+/='", RuleID.keyTooLong),
        ("head -c64 /dev/urandom | base64", RuleID.keyCharset),
        ("head -c24 /dev/urandom | base64 | head -c16", RuleID.keyTooShort),
        ("openssl rand -base64 24", RuleID.keyCharset),
        // The same bad key every time: both are said.
        ("head -c24 /dev/urandom | base64 <<'EOF'\nthe same words every time, far too many for a key\nEOF", RuleID.keyTooLong),
        ("head -c24 /dev/urandom | base64 <<'EOF'\nthe same words every time, far too many for a key\nEOF", RuleID.generatorRepeats),
    ])
    func aBadKeySettlesTheVerdict(_ text: String, _ rule: RuleID) throws {
        let report = try check(text, runs: 200)
        #expect(report.diagnostics.contains { $0.rule == rule }, "\(report.diagnostics.map(\.message))")
        #expect(report.generatorRuns > 0 && report.generatorRuns < 200, "\(report.generatorRuns) runs")
    }

    /// A key printed twice settles the verdict as a bad key does: the runs stop there.
    @Test(arguments: [
        "head -c 0 /dev/urandom; echo Xk3pQ9zLm2Rt7VbN4cWy8HdJ",
        "head -c 64 /dev/urandom | tr -dc 'a' | sha256sum | head -c 32",
    ])
    func aRepeatedKeySettlesTheVerdict(_ text: String) throws {
        let report = try check(text, annotation: "<!-- check: allow=sha256sum -->", runs: 1000)
        #expect(report.diagnostics.contains { $0.rule == .generatorRepeats }, "\(report.diagnostics.map(\.message))")
        #expect(report.generatorRuns < 200, "\(report.generatorRuns) runs")
    }

    /// A wrapped key is wrapped, not longer: its length is its characters.
    @Test func aWrappedKeyIsNotTooLong() throws {
        let report = try check("tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32 | fold -w 16", runs: 20)
        let rules = Set(report.diagnostics.map(\.rule))
        #expect(rules == [.keyCharset], "\(report.diagnostics.map(\.message))")
    }

    /// Keys that pass in the first runs and fail later: the runs go on while they pass, and the
    /// later failure is found. The runs count themselves in the sandbox's private /tmp, which
    /// lasts as long as one sandbox does.
    @Test(arguments: [12, 30])
    func aLaterFailureIsStillFound(_ passing: Int) throws {
        let count = String(repeating: "x", count: passing + 1)
        let text = "head -c24 /dev/urandom | base64 | tr -d '+/'; "
            + "bash -c 'printf x >> /tmp/count; grep -q \(count) /tmp/count && head -c30 /dev/urandom | base64; true'"
        let report = try check(text, runs: 200)
        #expect(report.generatorRuns > passing, "\(report.generatorRuns) runs")
        #expect(report.diagnostics.contains { $0.rule == .keyTooLong || $0.rule == .keyCharset }, "\(report.diagnostics.map(\.message))")
    }

    /// Good generators run every time asked.
    @Test(arguments: ["tr -dc 'A-Za-z0-9' </dev/urandom | head -c32; echo", "openssl rand -hex 16"])
    func aGoodGeneratorRunsEveryTime(_ text: String) throws {
        let report = try check(text, runs: 120)
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        #expect(report.generatorRuns == 120, "\(report.generatorRuns) runs")
    }

    /// A run over its time is killed; runs that each stay within it are not, however long the
    /// batch takes; and without a sandbox, the watchdog never touches a process outside the
    /// batch, though it runs as the same user and is older than the limit.
    @Test func theWatchdogStopsTheBatchsOwnRunsOnly() throws {
        let outsider = Process()
        outsider.executableURL = URL(fileURLWithPath: "/usr/bin/sleep")
        outsider.arguments = ["30"]
        try outsider.run()
        defer { outsider.terminate() }
        let sandbox = Sandbox(mode: .none)
        let steady = sandbox.runBatch(script: "sleep 2; echo ok", runs: 3, totalSeconds: 30)
        #expect(steady.runs.map(\.status) == [0, 0, 0])
        #expect(steady.runs.allSatisfy { !$0.timedOut })
        let start = Date()
        let hanging = sandbox.runBatch(script: "echo started; sleep 20", runs: 1, totalSeconds: 30)
        #expect(hanging.runs.first?.timedOut == true)
        #expect(Date().timeIntervalSince(start) < 10)
        #expect(outsider.isRunning)
    }

    /// A sample reaches no descriptor of keydocs' own: whatever keydocs was started with (a CI
    /// runner's pipes, a file the caller redirected to it) is closed for the sandbox, in it and
    /// without it.
    @Test(arguments: ["bwrap", "none"])
    func noDescriptorReachesTheSample(_ mode: String) throws {
        let sandbox = mode == "none" ? Sandbox(mode: .none) : try Sandbox.detect().get()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-fd-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("secret-on-the-host\n".utf8)))
        defer { try? FileManager.default.removeItem(at: file) }
        // Open without close-on-exec, as a descriptor keydocs inherited would be.
        let fd = open(file.path, O_RDWR | O_APPEND)
        #expect(fd >= 0)
        defer { close(fd) }
        let batch = sandbox.runBatch(script: "ls /proc/self/fd; printf written >&\(fd); head -c 40 <&\(fd)", runs: 1, totalSeconds: 20)
        let output = String(decoding: batch.runs.first?.output ?? [], as: UTF8.self)
        let open = output.split(separator: "\n").filter { $0.allSatisfy(\.isNumber) }
        #expect(Set(open).isSubset(of: ["0", "1", "2", "3"]), "\(open)")
        #expect(!output.contains("secret-on-the-host"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "secret-on-the-host\n")
    }

    /// The runs cannot look into the driver that frames their output (pid 1 in the sandbox):
    /// not its descriptors, environment or memory, and not by tracing it.
    @Test func theRunsCannotReadTheDriver() throws {
        let sandbox = try Sandbox.detect().get()
        let script = "ls /proc/1/fd 2>&1 | head -1; head -c 8 /proc/1/environ 2>&1 | head -1; "
            + "head -c 8 /proc/1/mem 2>&1 | head -1; ls /proc/1/map_files 2>&1 | head -1; echo end"
        let batch = sandbox.runBatch(script: script, runs: 2, totalSeconds: 20)
        #expect(batch.runs.count == 2)
        for run in batch.runs {
            let lines = String(decoding: run.output, as: UTF8.self).split(separator: "\n")
            #expect(lines.count == 5, "\(lines)")
            #expect(lines.dropLast().allSatisfy { $0.contains("Permission denied") }, "\(lines)")
        }
    }
}

