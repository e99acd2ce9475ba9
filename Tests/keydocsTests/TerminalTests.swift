import Foundation
import Testing

/// On a terminal keydocs shows a progress line and colours its findings; in a pipe, in CI, with
/// `NO_COLOR` or `-q` it does not. The terminal is a real pseudo-terminal from util-linux's `script`.
@Suite(.serialized) struct TerminalTests {
    let folder = testFixture("cv-snapshot")

    /// Runs keydocs with `arguments` on a pseudo-terminal; what the terminal received.
    func onTerminal(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> String {
        let quoted = ([keydocsBinary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", quoted, "/dev/null"]
        process.currentDirectoryURL = directory ?? folder
        var env = ProcessInfo.processInfo.environment
        env["CI"] = nil
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm"
        for (name, value) in environment { env[name] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    let red = "\u{1B}[1;31merror:"
    let progress = "\r\u{1B}[Kkeydocs: checking samples: 5 of 5 done, in 1 of 1 page"

    @Test func aTerminalGetsColourAndProgress() throws {
        let shown = try onTerminal(["check", "--runs", "20"])
        #expect(shown.contains(red), "\(shown)")
        #expect(shown.contains("\u{1B}[1;35mwarning:"))
        #expect(shown.contains(progress), "\(shown)")
        // The progress line is cleared before the findings are printed.
        let cleared = try #require(shown.range(of: progress))
        #expect(shown[cleared.upperBound...].hasPrefix("\r\u{1B}[K\u{1B}[1mdocs/index.md:8:1:"))
        #expect(shown.contains("checked 5 samples in 1 page"))
    }

    @Test func noColorCIAndQuietAreHonoured() throws {
        let plain = try onTerminal(["check", "--runs", "20"], environment: ["NO_COLOR": "1"])
        #expect(!plain.contains("\u{1B}[1;31m"))
        #expect(plain.contains("docs/index.md:8:1: error: 'Contcat' is not an API entity"))
        #expect(plain.contains(progress))
        let ci = try onTerminal(["check", "--runs", "20"], environment: ["CI": "true"])
        #expect(!ci.contains("checking samples:"))
        #expect(ci.contains(red))
        let quiet = try onTerminal(["check", "--runs", "20", "-q"])
        #expect(!quiet.contains("checking samples:"))
        #expect(quiet.contains("checked 5 samples"))
        let dumb = try onTerminal(["check", "--runs", "20"], environment: ["TERM": "dumb"])
        #expect(!dumb.contains("\u{1B}"))
    }

    @Test func aPipeGetsPlainLines() throws {
        let run = try keydocs(["check", "--runs", "20"], directory: folder, environment: ["TERM": "xterm", "PATH": "/usr/bin:/bin"])
        #expect(run.status == 1)
        #expect(!run.stderr.contains("\u{1B}"))
        #expect(!run.stderr.contains("checking samples:"))
    }

    /// A page cannot drive the reader's terminal: control characters it puts in a link, a file
    /// name or a command come out as `\x1b`, never as themselves.
    @Test func aPageCannotDriveTheTerminal() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try "# Home\n\nA [link](gone\u{1B}]2;owned\u{07}\u{1B}[2J.md).\n\n```bash\ncv api contact.create id=x\u{1B}[31m\n```\n"
            .write(to: root.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        let run = try keydocs(["check", "--runs", "20"], directory: root)
        #expect(run.status == 1)
        #expect(!run.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(run.stderr)")
        #expect(run.stderr.contains("gone\\x1b]2;owned\\x07\\x1b[2J.md"), "\(run.stderr)")
        let shown = try onTerminal(["check", "--runs", "20"], in: root)
        #expect(!shown.contains("\u{1B}]2;owned"))
        #expect(!shown.contains("\u{1B}[2J"))
    }
}
