import DocModel
import Foundation
import SampleCheck
import Testing

/// A generator's key comes from its random source and nothing else: options are judged as the
/// program parses them, a generator reads no file but the random source, runs the same commands
/// wherever it runs, and reads nothing of its surroundings. These hold before anything runs, so
/// they hold without the sandbox too.
@Suite(.serialized) struct GeneratorConfinementTests {
    func check(_ texts: [String], annotation: String? = nil, sandbox: Sandbox? = nil, allow: Set<String> = [],
               runs: Int = 20) throws -> (CheckReport, [ClosedRange<Int>]) {
        var options = CheckOptions()
        options.runs = runs
        options.sandbox = sandbox
        options.allowlist.formUnion(allow)
        return try checkPage("Generators", texts.map { TestBlock(text: $0, annotation: asGenerator(annotation)) }, options: options)
    }

    func rules(_ report: CheckReport, _ range: ClosedRange<Int>) -> Set<RuleID> {
        Set(report.diagnostics.filter { range.contains($0.location.line) }.map(\.rule))
    }

    /// Options that write, read or set something, in every spelling the program accepts.
    static let optionSpellings = [
        "openssl rand --out /tmp/k 32", "openssl rand -out=/tmp/k 32", "openssl rand --out=/tmp/k 32",
        "openssl rand -writerand /tmp/seed 24", "openssl rand -rand /etc/passwd 24", "openssl rand -hex -engine x 16",
        "openssl base64 -d -in /etc/passwd", "openssl enc -base64 --in /etc/hostname", "openssl base64 -out x",
        "head -c 24 /dev/urandom | openssl dgst -sha256 --out x", "openssl rand -provider-path /tmp 24",
        "date -us 2020-01-01", "date --se=2020-01-01", "date --set 2020-01-01", "date -s@0", "date 010100002020",
        "date -f /etc/passwd", "date --ref=/etc/passwd +%s", "date --file /etc/hostname",
        "tail --pid=1 -f /dev/urandom", "tail -fc 10 /dev/urandom", "sha256sum -c /etc/checksums",
        "head -c 24 /dev/urandom | sha256sum --check", "xxd -p /dev/urandom out.bin", "head -c 24 /dev/urandom | base64 --wra=0 --frobnicate",
    ]

    @Test(arguments: optionSpellings)
    func optionsAreJudgedAsTheProgramParsesThem(_ text: String) throws {
        for sandbox in [Sandbox(mode: .none), nil] {
            let (report, ranges) = try check([text], sandbox: sandbox)
            #expect(rules(report, ranges[0]).contains(.generatorNotAllowed), "\(text): \(report.diagnostics.map(\.message))")
            #expect(report.count(.failed) == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/k"))
    }

    /// Recipes whose output could differ on a reader's machine: they read a file, an input
    /// redirection or a variable of their surroundings, or branch on whether a command succeeded.
    static let surroundings = [
        "head -c 24 /etc/passwd /dev/urandom 2>/dev/null | head -c 24 | base64",
        "head -c 24 < /etc/hostname | base64",
        "base64 < /proc/1/cmdline | head -c 32",
        "cut -c1-32 /etc/machine-id",
        "head -c 24 /dev/urandom | base64 || echo Ab3dEf6hIj9kLm2nOp5qRs8t",
        "head -c 1 /proc/1/cmdline >/dev/null && echo Ab3dEf6hIj9kLm2nOp5qRs8t",
        "echo $HOSTNAME | sha256sum | cut -c1-32",
        "printf '%s' \"${HOME}\" | base64",
        "echo $$ | md5sum | head -c 32",
        "echo $RANDOM$RANDOM$RANDOM | sha256sum | head -c 32",
        "k=$(head -c 24 /dev/urandom | base64); echo \"$k$USER\"",
        "head -c 24 /dev/urandom | base64; echo $?",
        "d=$(printf %b '\\044'); k=$d'(id)'; r=$(head -c 24 /dev/urandom | base64); echo \"$r${k@P}\"",
        "k=Xq7Vb2Lm9Pz4Rt8Kw3Nc6Hy5; r=$(head -c 24 /dev/urandom | base64); echo ${LANG:+$k}$r",
        "r=$(head -c 24 /dev/urandom | base64); n=r; echo ${!n}",
        "r=$(head -c 24 /dev/urandom | base64); echo ${r:-Xq7Vb2Lm9Pz4Rt8Kw3Nc6Hy5}",
        "r=$(head -c 24 /dev/urandom | base64); echo ${r@E}",
    ]

    @Test(arguments: surroundings)
    func aGeneratorDependsOnNothingButItsRandomSource(_ text: String) throws {
        let (report, ranges) = try check([text], sandbox: try Sandbox.detect().get())
        #expect(rules(report, ranges[0]).contains(.generatorNotAllowed), "\(text): \(report.diagnostics.map(\.message))")
        #expect(report.outcomes.values.first?.status == .failed)
    }

    /// Nesting is bounded: a block of thousands of nested substitutions is a syntax finding,
    /// found at once, not a crash or minutes of parsing.
    @Test(arguments: [10_000, 100_000])
    func deepNestingIsASyntaxFinding(_ depth: Int) throws {
        let nested = "head -c 32 /dev/urandom | base64 " + String(repeating: "\"$(echo ", count: depth) + "x"
            + String(repeating: ")\"", count: depth)
        let (report, ranges) = try check([nested, String(repeating: "$(", count: depth)], sandbox: Sandbox(mode: .none))
        for range in ranges { #expect(rules(report, range) == [.generatorSyntax], "\(rules(report, range))") }
        #expect(report.diagnostics.allSatisfy { $0.message.count < 200 })
    }

    /// Correct recipes in several styles still pass.
    static let correct = [
        "head -c 24 /dev/urandom | base64 | tr -d '+/='",
        "tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32; echo",
        "openssl rand -base64 24 | tr -d '+/='",
        "openssl rand -hex 16",
        "head -c32 /dev/urandom | sha256sum | cut -c1-32",
        "od -An -N24 -tx1 /dev/urandom | tr -d ' \\n' | cut -c1-32",
        "key=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32); echo \"$key\"",
        "xxd -p -l 16 /dev/urandom",
        "key=$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32); echo \"${key}\"",
        "head --bytes=24 /dev/urandom | base64 --wrap=0 | tr -d '+/='; echo",
        "head -c 24 /dev/urandom | openssl base64 -A | tr -d '+/='",
    ]

    @Test(arguments: correct)
    func correctRecipesStillPass(_ text: String) throws {
        let (report, _) = try check([text], sandbox: try Sandbox.detect().get())
        #expect(report.diagnostics.filter { $0.severity == .error }.isEmpty, "\(text): \(report.diagnostics.map(\.message))")
        #expect(report.count(.verified) == 1, "\(text)")
    }

    /// Without the sandbox a page cannot widen the allowlist; the command line can.
    @Test func withoutTheSandboxOnlyTheCommandLineAllows() throws {
        let text = "cat /dev/urandom | head -c 24 | base64 | tr -d '+/='"
        let (page, pageRanges) = try check([text], annotation: "<!-- check: allow=cat -->", sandbox: Sandbox(mode: .none))
        #expect(page.diagnostics.contains { $0.rule == .generatorNotAllowed && $0.message.contains("not honoured with --sandbox none") },
                "\(page.diagnostics.map(\.message))")
        #expect(rules(page, pageRanges[0]).contains(.generatorNotAllowed))
        let (cli, _) = try check([text], sandbox: Sandbox(mode: .none), allow: ["cat"])
        #expect(cli.count(.verified) == 1, "\(cli.diagnostics.map(\.message))")
        let (sandboxed, _) = try check([text], annotation: "<!-- check: allow=cat -->", sandbox: try Sandbox.detect().get())
        #expect(sandboxed.count(.verified) == 1, "\(sandboxed.diagnostics.map(\.message))")
    }

    /// `runs=` has a ceiling; a number above it is an annotation error, and nothing runs.
    @Test(arguments: [("runs=100000", true), ("runs=1001", true), ("runs=0", true), ("runs=1000", false)])
    func runsHaveACeiling(_ directive: String, _ refused: Bool) throws {
        let (report, _) = try check(["head -c 24 /dev/urandom | base64 | tr -d '+/='"], annotation: "<!-- check: \(directive) -->",
                                    sandbox: try Sandbox.detect().get())
        #expect(report.diagnostics.contains { $0.rule == .annotationInvalid } == refused, "\(report.diagnostics.map(\.message))")
    }

    /// Nothing a process of the sandbox can read names keydocs, bubblewrap or the batch: not
    /// the command lines or environments in /proc, not an open descriptor of the driver.
    @Test func theSandboxShowsNoMarker() throws {
        let sandbox = try Sandbox.detect().get()
        let script = "for p in /proc/[0-9]*; do cat $p/cmdline $p/environ; ls -l $p/fd; cat $p/fd/3; done 2>/dev/null | tr '\\0' ' '"
        let batch = sandbox.runBatch(script: script, runs: 2, totalSeconds: 30)
        #expect(batch.runs.count == 2)
        for run in batch.runs {
            let seen = String(decoding: run.output, as: UTF8.self)
            #expect(!seen.isEmpty)
            for tell in ["keydocs", "bwrap", "--ro-bind", "\u{1e}", "memfd", "driver", "watch"] {
                #expect(!seen.contains(tell), "\(tell) in: \(seen.prefix(600))")
            }
        }
    }

    /// The sandbox's writable file systems have a size, and the rest is read-only: a sample
    /// cannot hold the host's memory in /dev/shm, /dev or the root.
    @Test func writableFileSystemsAreBounded() throws {
        let sandbox = try Sandbox.detect().get()
        let script = """
            for d in /dev/shm /dev / /tmp /home/sample; do
              if head -c 100000000 /dev/zero > "$d/fill" 2>/dev/null; then echo "$d:full"; else echo "$d:$(wc -c < "$d/fill" 2>/dev/null || echo none)"; fi
            done
            """
        let batch = sandbox.runBatch(script: script, runs: 1, totalSeconds: 30)
        let lines = String(decoding: batch.runs.first?.output ?? [], as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(lines)")
        for line in lines {
            let parts = line.split(separator: ":")
            #expect(parts.count == 2 && parts[1] != "full", "\(line)")
            if let bytes = Int(parts.last ?? "") { #expect(bytes <= 64 << 20, "\(line)") }
        }
    }
}
