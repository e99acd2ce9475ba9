import Database
import Foundation
import KeyPolicy
import SampleCheck
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Output that is never half-written and secrets that are never written.
@Suite(.serialized) struct HygieneTests {
    func corpus(pages: Int) throws -> URL {
        let root = try temporaryFolder()
        let docs = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        for n in 0..<pages {
            let text = "# Page \(n)\n\n## Part\n\nText with *emphasis* and a [link](page-\((n + 1) % pages).md#part).\n\n"
                + String(repeating: "More text about keys, contacts and permissions. ", count: 40) + "\n"
            try text.write(to: docs.appendingPathComponent(n == 0 ? "index.md" : "page-\(n).md"), atomically: false, encoding: .utf8)
        }
        try "# Page 0\n".write(to: docs.appendingPathComponent("page-0.md"), atomically: false, encoding: .utf8)
        return root
    }

    /// A build killed with SIGKILL at any moment leaves the previous site as it was.
    @Test func aKilledBuildLeavesTheSite() throws {
        let root = try corpus(pages: 1500)
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try keydocs(["build", "--no-check"], directory: root)
        #expect(first.status == 0, "\(first.stderr)")
        let site = root.appendingPathComponent("site")
        let before = try folderContents(site)
        // Change every page, so that a half-swapped site would show.
        for n in 1..<1500 {
            let page = root.appendingPathComponent("docs/page-\(n).md")
            try (try String(contentsOf: page, encoding: .utf8) + "\nChanged.\n").write(to: page, atomically: false, encoding: .utf8)
        }
        for delay in [20_000, 80_000, 150_000, 250_000, 400_000] as [useconds_t] {
            let process = Process()
            process.executableURL = keydocsBinary
            process.arguments = ["build", "--no-check"]
            process.currentDirectoryURL = root
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try folderContents(site)
            // Either the old site, untouched, or (if the build had finished) the whole new one.
            let finished = now["page-1/index.html"].map { String(decoding: $0, as: UTF8.self).contains("Changed.") } ?? false
            if !finished { #expect(now == before, "site changed after a kill at \(delay) µs") }
            #expect(now.count == before.count)
        }
        // The next build removes what killed builds left beside the site.
        let last = try keydocs(["build", "--no-check"], directory: root)
        #expect(last.status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".site.keydocs-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// An interrupted check stops its private MariaDB and removes its folder.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedCheckCleansUp(signalNumber: Int32) throws {
        // A temporary folder of its own, so that servers other tests start meanwhile are not seen.
        let temporary = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: temporary) }
        func servers() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("keydocs-mariadb-") })
        }
        let before = try servers()
        let process = Process()
        process.executableURL = keydocsBinary
        process.arguments = ["check", "--runs", "1000"]
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { $1 }
        process.currentDirectoryURL = packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the private server's folder exists, then interrupt.
        let deadline = Date().addingTimeInterval(20)
        var started = false
        while Date() < deadline && !started {
            usleep(100_000)
            started = !(try servers()).subtracting(before).isEmpty
        }
        #expect(started)
        usleep(500_000)
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + signalNumber)
        let after = try servers()
        #expect(after.subtracting(before).isEmpty)
    }

    /// The private MariaDB listens on no TCP port.
    @Test func thePrivateServerListensOnNoPort() throws {
        let server = try MariaDBServer.start()
        defer { server.stop() }
        let pid = try #require(Int32(String(contentsOfFile: server.folder.appendingPathComponent("pid").path, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        var sockets = Set<String>()
        for fd in try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)"), target.hasPrefix("socket:[") {
                sockets.insert(String(target.dropFirst(8).dropLast()))
            }
        }
        #expect(!sockets.isEmpty)
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let lines = (try? String(contentsOfFile: table, encoding: .utf8))?.split(separator: "\n").dropFirst() ?? []
            for line in lines {
                let fields = line.split(separator: " ")
                guard fields.count > 9 else { continue }
                #expect(!sockets.contains(String(fields[9])), "mariadbd has a TCP socket: \(line)")
            }
        }
    }

    /// The built guide holds no key but those written in the docs (and the well-known sample
    /// keys the policy lists as published).
    @Test func theSiteHoldsNoKeyButTheDocs() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-scan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: site) }
        let run = try keydocs(["build", "--no-check", "--site", site.path], directory: packageRoot)
        #expect(run.status == 0)
        var docsText = ""
        for path in try FileManager.default.subpathsOfDirectory(atPath: packageRoot.appendingPathComponent("docs").path) where path.hasSuffix(".md") {
            docsText += try String(contentsOf: packageRoot.appendingPathComponent("docs").appendingPathComponent(path), encoding: .utf8)
        }
        let allowed = Set(wellKnownSampleKeys)
        let pattern = try NSRegularExpression(pattern: "(?<![A-Za-z0-9])[A-Za-z0-9]{20,32}(?![A-Za-z0-9])")
        var found = 0
        for path in try FileManager.default.subpathsOfDirectory(atPath: site.path) where path.hasSuffix(".html") || path.hasSuffix(".js") {
            let text = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range, in: text) else { continue }
                let token = String(text[range])
                let letters = token.contains { $0.isLetter }, digits = token.contains { $0.isNumber }
                let mixedCase = token.contains { $0.isUppercase } && token.contains { $0.isLowercase }
                guard letters && digits && mixedCase else { continue }   // words and numbers are not keys
                found += 1
                #expect(docsText.contains(token) || allowed.contains(token), "\(path) holds \(token)")
            }
        }
        #expect(found >= 5)
    }

    /// Generated keys go to stdout and nowhere else.
    @Test func generatedKeysAreWrittenNowhereElse() throws {
        let work = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: work) }
        let home = work.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let run = try keydocs(["key", "generate", "--count", "1000"], directory: work,
                              environment: ["HOME": home.path, "TMPDIR": work.path, "PATH": "/usr/bin:/bin"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.split(separator: "\n").count == 1000)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: work.path) == ["home"])
    }
}
