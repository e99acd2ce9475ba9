import Foundation
import Testing

/// A copy of the fixture guide written for mkdocs (`Fixtures/mkdocs-guide`) in a temporary
/// folder, since a build writes its site beside the config; the caller removes it.
func mkdocsGuide() throws -> URL {
    let root = try temporaryFolder()
    let copy = root.appendingPathComponent("guide")
    try FileManager.default.copyItem(at: testFixture("mkdocs-guide"), to: copy)
    return copy
}

/// `keydocs build` and `keydocs serve` take mkdocs' own flags with mkdocs' meaning, so that a
/// build line written for mkdocs (CiviCRM's publisher runs `mkdocs build --clean --strict`)
/// runs with the word `mkdocs` replaced by `keydocs`. keydocs' own flags keep working as they were.
@Suite(.serialized) struct MkdocsCommandLineTests {
    func site(_ root: URL, _ path: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// The publisher's line, as it is, on a guide written for mkdocs-material.
    @Test func thePublishersLineBuildsTheGuide() throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let run = try keydocs(["build", "--clean", "--strict"], directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site(guide, "site/index.html")?.contains("Moving Guide") == true)
        #expect(site(guide, "site/tools/debugging/index.html")?.contains("Breakpoints") == true)
        #expect(run.stderr.split(separator: "\n").last?.hasPrefix("checked 1 sample in 1 page: ") == true, "\(run.stderr)")
    }

    /// What keydocs does not honour of mkdocs.yml is one note, not one a key.
    @Test func oneNoteSaysWhatIsIgnored() throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let run = try keydocs(["build", "--no-check"], directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        let notes = run.stderr.split(separator: "\n").filter { $0.contains("[config.ignored]") }
        #expect(notes == ["mkdocs.yml:4:1: note: not used by keydocs and ignored: site_author, plugins minify [config.ignored]"],
                "\(run.stderr)")
    }

    // MARK: - Each flag, short and long

    @Test(arguments: ["-f", "--config-file"])
    func configFileNamesTheConfig(flag: String) throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        try "site_name: Another Name\nsite_dir: other-site\n".write(to: guide.appendingPathComponent("other.yml"), atomically: true, encoding: .utf8)
        let run = try keydocs(["build", flag, "other.yml", "--no-check"], directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site(guide, "other-site/index.html")?.contains("<title>Another Name</title>") == true)
        #expect(site(guide, "site/index.html") == nil)
    }

    /// As in mkdocs, the docs and site folders are beside the config file, wherever keydocs runs.
    @Test(arguments: ["-f", "--config-file"])
    func aConfigInAnotherFolderBringsItsFolders(flag: String) throws {
        let guide = try mkdocsGuide()
        let elsewhere = guide.deletingLastPathComponent().appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let run = try keydocs(["build", flag, guide.appendingPathComponent("mkdocs.yml").path, "--no-check"], directory: elsewhere)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site(guide, "site/tools/git/index.html")?.contains("Review") == true)
        // The redirects beside that config come along too.
        #expect(site(guide, "site/dev-tools/debugging/index.html") != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test(arguments: ["-d", "--site-dir"])
    func siteDirNamesTheOutput(flag: String) throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let output = guide.deletingLastPathComponent().appendingPathComponent("published")
        let run = try keydocs(["build", flag, output.path, "--no-check"], directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("tools/index.html").path))
        #expect(site(guide, "site/index.html") == nil)
    }

    @Test(arguments: ["-s", "--strict"])
    func strictMakesWarningsErrors(flag: String) throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        try "# Git\n\nSee [the missing page](missing.md).\n".write(to: guide.appendingPathComponent("docs/tools/git.md"), atomically: true, encoding: .utf8)
        let relaxed = try keydocs(["build", "--no-check"], directory: guide)
        #expect(relaxed.status == 0, "\(relaxed.stderr)")
        #expect(relaxed.stderr.contains("docs/tools/git.md:3:5: warning: link to 'missing.md'"))
        let strict = try keydocs(["build", flag, "--no-check"], directory: guide)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("docs/tools/git.md:3:5: error: link to 'missing.md'"), "\(strict.stderr)")
    }

    /// `-q` keeps keydocs' meaning: no progress line (which only a terminal gets); findings and
    /// the summary are printed as without it.
    @Test(arguments: ["-q", "--quiet"])
    func quietIsAccepted(flag: String) throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let run = try keydocs(["build", flag, "--no-check"], directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("[config.ignored]"))
        #expect(run.stderr.contains("built 4 pages"))
    }

    /// `-v` adds what a run decided beside its findings: each code block's outcome and each
    /// redirect written.
    @Test(arguments: ["-v", "--verbose"])
    func verboseTellsMore(flag: String) throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let plain = try keydocs(["build"], directory: guide)
        let verbose = try keydocs(["build", flag], directory: guide)
        #expect(plain.status == 0 && verbose.status == 0, "\(verbose.stderr)")
        let sample = "docs/index.md:10: shell commands, not about keys\n"
        let redirect = "redirect: site/dev-tools/debugging/index.html → tools/debugging/index.html"
        #expect(!plain.stderr.contains(sample) && !plain.stderr.contains(redirect))
        #expect(verbose.stderr.contains(sample), "\(verbose.stderr)")
        #expect(verbose.stderr.contains(redirect), "\(verbose.stderr)")
    }

    /// `-c` and `--dirty` are accepted and change nothing: keydocs always writes the whole site
    /// into a new folder and swaps it in, so no old file survives and none is stale.
    @Test(arguments: [["-c"], ["--clean"], ["--dirty"], ["-c", "--dirty"]])
    func cleanAndDirtyChangeNothing(flags: [String]) throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let plain = try keydocs(["build", "--no-check"], directory: guide)
        #expect(plain.status == 0)
        let before = try folderContents(guide.appendingPathComponent("site"))
        let run = try keydocs(["build", "--no-check"] + flags, directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try folderContents(guide.appendingPathComponent("site")) == before)
    }

    @Test(arguments: ["-t", "--theme"])
    func themeIsAcceptedAndSaidToBeIgnored(flag: String) throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let run = try keydocs(["build", flag, "readthedocs", "--no-check"], directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("keydocs: note: --theme readthedocs is ignored: keydocs renders its own theme"), "\(run.stderr)")
    }

    @Test func noDirectoryURLsOverridesTheConfig() throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let run = try keydocs(["build", "--no-directory-urls", "--no-check"], directory: guide)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(site(guide, "site/tools/debugging.html") != nil)
        #expect(site(guide, "site/tools/debugging/index.html") == nil)
        #expect(site(guide, "site/dev-tools/debugging.html")?.contains("url=../tools/debugging.html") == true)

        // And the other way: a config that turns them off, turned on again from the command line.
        try "site_name: Flat\nuse_directory_urls: false\n".write(to: guide.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let back = try keydocs(["build", "--use-directory-urls", "--no-check"], directory: guide)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(site(guide, "site/tools/debugging/index.html") != nil)
    }

    /// serve listens where `-a` says, when that is a loopback address.
    @Test(arguments: [["-a", "127.0.0.1:0"], ["--dev-addr", "localhost:0"], ["--dev-addr=127.0.0.1:0"]])
    func devAddrOnLoopbackServes(address: [String]) throws {
        let guide = try mkdocsGuide()
        let preview = try ServeTests.Preview(folder: guide, arguments: ["serve", "--no-check"] + address)
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        try #require(preview.port > 0, "\(preview.printed)")
        #expect(preview.firstReply.status == 200)
        #expect(preview.firstReply.body.contains("Moving Guide"))
    }

    /// Another loopback address is listened on as given, not on 127.0.0.1.
    @Test func devAddrListensOnTheLoopbackAddressItNames() throws {
        let guide = try mkdocsGuide()
        defer { try? FileManager.default.removeItem(at: guide.deletingLastPathComponent()) }
        let process = Process()
        process.executableURL = keydocsBinary
        process.arguments = ["serve", "--no-check", "-a", "127.0.0.2:0"]
        process.currentDirectoryURL = guide
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        ExitCleanup.terminate(process.processIdentifier)
        defer { process.terminate(); process.waitUntilExit() }
        // The banner comes before the first build's lines; read up to it only, a chunk at a time.
        var printed = ""
        while !printed.contains("(Ctrl-C to stop)") {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(printed.range(of: "keydocs: serving http://127.0.0.2:").map { printed[$0.upperBound...].prefix { $0.isNumber } },
                                "\(printed)")
        let port16 = try #require(UInt16(port))
        #expect((try? rawGet(port: port16, path: "/")) == nil, "nothing listens on 127.0.0.1:\(port)")
    }

    // MARK: - Usage errors

    /// Only a loopback address may be served: anything else would put the preview, which shows
    /// unpublished pages, on the network. Exit 64, as for any usage error, before anything runs.
    @Test(arguments: ["0.0.0.0:8000", "192.168.1.10:8000", "[::]:8000", "example.org:8000", "10.0.0.1:80", "127.0.0.1", "127.0.0.1:99999", ":8000"])
    func aDevAddrOffTheLoopbackIsRefused(address: String) throws {
        let run = try keydocs(["serve", "-a", address, "--no-check"])
        #expect(run.status == 64, "\(address): \(run.stderr)")
        #expect(run.stderr.contains("--dev-addr"), "\(run.stderr)")
        if address.hasPrefix("0.0.0.0") {
            #expect(run.stderr.contains("only a loopback address"), "\(run.stderr)")
        }
    }

    @Test(arguments: [
        ["build", "--config", "mkdocs.yml", "-f", "other.yml"],
        ["build", "--config-file", "a.yml", "--config", "b.yml"],
        ["serve", "--config", "mkdocs.yml", "--config-file", "mkdocs.yml"],
        ["build", "--site", "out", "-d", "elsewhere"],
        ["serve", "--port", "8001", "-a", "127.0.0.1:8002"],
        ["build", "-a", "127.0.0.1:8000"],
        ["serve", "-d", "out"],
        ["build", "--use-directory-urls", "--no-directory-urls"],
    ])
    func conflictingOrMisplacedFlagsAreUsageErrors(arguments: [String]) throws {
        let run = try keydocs(arguments)
        #expect(run.status == 64, "\(arguments): \(run.stderr)")
    }

    /// The man page and the completions come from the help texts: every mkdocs flag has one.
    @Test func helpNamesEveryMkdocsFlag() throws {
        let build = try keydocs(["build", "--help"])
        for flag in ["-f, --config-file", "-d, --site-dir", "-s, --strict", "-q, --quiet", "-v, --verbose", "-c, --clean", "--dirty",
                     "-t, --theme", "--no-directory-urls", "--use-directory-urls", "--config <file>", "--site <dir>"] {
            #expect(build.stdout.contains(flag), "build --help lacks \(flag)")
        }
        let serve = try keydocs(["serve", "--help"])
        for flag in ["-a, --dev-addr", "-f, --config-file", "-s, --strict", "--port"] {
            #expect(serve.stdout.contains(flag), "serve --help lacks \(flag)")
        }
    }
}
