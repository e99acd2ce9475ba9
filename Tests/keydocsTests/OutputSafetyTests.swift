import Foundation
import Testing

/// What a typo, a config line or a symbolic link in the docs can reach through `build`: nothing
/// but keydocs' own output. Each case was a loss of data or a read of a host file before.
@Suite struct OutputSafetyTests {
    /// A project with `.git`, a README, docs and a folder of the user's work.
    func project(config: String? = nil) throws -> URL {
        let root = try temporaryFolder()
        let fm = FileManager.default
        for folder in ["docs", ".git", "mywork", "emptywork"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "# Home\n\nHello.\n".write(to: root.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        try "ref: refs/heads/main\n".write(to: root.appendingPathComponent(".git/HEAD"), atomically: true, encoding: .utf8)
        try "read me\n".write(to: root.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try "my work\n".write(to: root.appendingPathComponent("mywork/notes.txt"), atomically: true, encoding: .utf8)
        if let config { try config.write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8) }
        return root
    }

    /// Every file of the project but the site, with its bytes.
    func everythingBut(_ site: String, in root: URL) throws -> [String: Data] {
        try folderContents(root).filter { !$0.key.hasPrefix(site + "/") && !$0.key.hasPrefix(".\(site).keydocs-") }
    }

    @Test(arguments: [
        (["--site", "."], "it is the current folder"),
        (["--site", "docs"], "it is the docs folder"),
        (["--site", "docs/site"], "it is inside the docs folder"),
        (["--site", "mywork"], "it holds files that keydocs did not write ('notes.txt')"),
        (["--site", "README.md"], "it is a file, not a folder"),
        (["--site", ".."], "it contains the docs folder"),
        (["--site", "/"], "it is the root of the file system"),
        (["--site", "mkdocs.yml"], "it is the config file"),
    ])
    func aTypoInSiteChangesNothing(_ arguments: [String], _ reason: String) throws {
        let root = try project(config: "site_name: Test\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try folderContents(root)
        let run = try keydocs(["build", "--no-check"] + arguments, directory: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(arguments[1]): error: refusing to build the site here: \(reason)"), "\(run.stderr)")
        #expect(try folderContents(root) == before)
        // No staging folder is left beside the project either.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: root.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.hasPrefix(".\(root.lastPathComponent).keydocs-") || $0.hasPrefix("..keydocs-") })
    }

    @Test(arguments: [("site_dir: ..\n", "error: site_dir '..' leads to"), ("site_dir: .\n", "error: refusing to build the site here"),
                       ("site_dir: docs\n", "error: refusing to build the site here"), ("site_dir: mywork\n", "error: refusing to build the site here")])
    func aConfigLineChangesNothing(_ line: String, _ message: String) throws {
        let root = try project(config: line)
        defer { try? FileManager.default.removeItem(at: root) }
        let before = try folderContents(root)
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(try folderContents(root) == before)
        // The parent folder (every sibling project in it) is still there: the project is in it.
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path))
    }

    @Test func docsDirOutsideTheProjectIsRefused() throws {
        let root = try project(config: "site_name: Test\ndocs_dir: /etc\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("mkdocs.yml:2: error: docs_dir '/etc' must be a folder inside the config file's folder"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
    }

    @Test func aSiteSymlinkIsRefused() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("site").path,
                                                   withDestinationPath: root.appendingPathComponent("mywork").path)
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("site: error: refusing to build the site here: it is a symbolic link"), "\(run.stderr)")
        #expect(try String(contentsOf: root.appendingPathComponent("mywork/notes.txt"), encoding: .utf8) == "my work\n")
    }

    /// A site folder keydocs made is rebuilt; the hidden files a user keeps there (a gh-pages
    /// worktree's `.git`, `.nojekyll`) and `CNAME` survive, and so does everything else of the project.
    @Test func aRebuildKeepsHiddenFilesAndTheProject() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try keydocs(["build", "--no-check"], directory: root).status == 0)
        let site = root.appendingPathComponent("site")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(".keydocs-site").path))
        try FileManager.default.createDirectory(at: site.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try "gitdir: elsewhere\n".write(to: site.appendingPathComponent(".git/HEAD"), atomically: true, encoding: .utf8)
        try Data().write(to: site.appendingPathComponent(".nojekyll"))
        try "docs.example.org\n".write(to: site.appendingPathComponent("CNAME"), atomically: true, encoding: .utf8)
        try "stale\n".write(to: site.appendingPathComponent("stale.html"), atomically: true, encoding: .utf8)
        let project = try everythingBut("site", in: root)
        try "# Home\n\nChanged.\n".write(to: root.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOf: site.appendingPathComponent(".git/HEAD"), encoding: .utf8) == "gitdir: elsewhere\n")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(".nojekyll").path))
        #expect(try String(contentsOf: site.appendingPathComponent("CNAME"), encoding: .utf8) == "docs.example.org\n")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("stale.html").path))
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8).contains("Changed."))
        var changed = project
        changed["docs/index.md"] = Data("# Home\n\nChanged.\n".utf8)
        #expect(try everythingBut("site", in: root) == changed)
    }

    @Test func anEmptyFolderOrOneWithOnlyHiddenFilesBecomesTheSite() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        try Data().write(to: root.appendingPathComponent("emptywork/.nojekyll"))
        let run = try keydocs(["build", "--no-check", "--site", "emptywork"], directory: root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("emptywork/index.html").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("emptywork/.nojekyll").path))
    }

    /// Links in the docs: one that stays inside is followed, one that leaves is skipped with a
    /// warning naming it, and the site holds no link and no file from outside.
    @Test func symlinksOutOfTheDocsAreNotFollowed() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outside) }
        let secret = "secret-\(UUID().uuidString)"
        try "# Secret\n\n\(secret)\n".write(to: outside.appendingPathComponent("secret.md"), atomically: true, encoding: .utf8)
        try secret.write(to: outside.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        let docs = root.appendingPathComponent("docs")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: docs.appendingPathComponent("passwd.md").path, withDestinationPath: "/etc/passwd")
        try fm.createSymbolicLink(atPath: docs.appendingPathComponent("secret.md").path, withDestinationPath: outside.appendingPathComponent("secret.md").path)
        try fm.createSymbolicLink(atPath: docs.appendingPathComponent("notes.txt").path, withDestinationPath: outside.appendingPathComponent("secret.txt").path)
        try fm.createSymbolicLink(atPath: docs.appendingPathComponent("elsewhere").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: docs.appendingPathComponent("home.md").path, withDestinationPath: "index.md")
        try fm.createSymbolicLink(atPath: docs.appendingPathComponent("broken.md").path, withDestinationPath: "/nonexistent-\(UUID())")
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["passwd.md", "secret.md", "notes.txt", "elsewhere"] {
            #expect(run.stderr.contains("docs/\(name):1:1: warning: a symbolic link to"), "\(name): \(run.stderr)")
        }
        #expect(run.stderr.contains("docs/broken.md:1:1: warning: a broken symbolic link"))
        let site = root.appendingPathComponent("site")
        let files = try folderContents(site)
        #expect(files["home.html"] != nil || files["home/index.html"] != nil, "a link inside the docs is followed")
        for (path, data) in files {
            #expect(!String(decoding: data, as: UTF8.self).contains(secret), "\(path) holds the secret")
            #expect(!String(decoding: data, as: UTF8.self).contains("root:x:0:0"), "\(path) holds /etc/passwd")
        }
        for path in try fm.subpathsOfDirectory(atPath: site.path) {
            #expect((try? fm.destinationOfSymbolicLink(atPath: site.appendingPathComponent(path).path)) == nil, "\(path) is a link")
        }
        // Under --strict the warnings fail the build.
        #expect(try keydocs(["build", "--no-check", "--strict"], directory: root).status == 1)
    }

    /// An HTML file in the docs is copied with a policy that runs no script.
    @Test func copiedHTMLRunsNoScript() throws {
        let root = try project()
        defer { try? FileManager.default.removeItem(at: root) }
        try "<!DOCTYPE html><html><head><script>alert(1)</script></head><body>x</body></html>\n"
            .write(to: root.appendingPathComponent("docs/page.html"), atomically: true, encoding: .utf8)
        #expect(try keydocs(["build", "--no-check"], directory: root).status == 0)
        let copied = try String(contentsOf: root.appendingPathComponent("site/page.html"), encoding: .utf8)
        #expect(copied.hasPrefix("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(!copied.prefix(200).contains("script-src"))
    }

    /// A project whose docs hold a page that sends the reader to a file of the docs, and files
    /// that a browser opens as documents, each able to run script in the site's origin.
    func hostileProject() throws -> URL {
        let root = try project()
        let docs = root.appendingPathComponent("docs")
        let mark = "document.documentElement.setAttribute('data-ran', 'yes')"
        let files: [String: String] = [
            "index.md": "# Home\n\n<meta http-equiv=\"refresh\" content=\"0;url=evil.svg\">\n\nSee <base href=\"//evil.example/\"> [the drawing](evil.svg).\n",
            "evil.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><script>\(mark)</script><rect width=\"10\" height=\"10\"/></svg>\n",
            "hook.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"\(mark)\"><rect width=\"10\" height=\"10\"/></svg>\n",
            "page.xhtml": "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>x</title></head><body><script>\(mark)</script></body></html>\n",
            "graph.svg": "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\"><g id=\"a\"><rect width=\"1\" height=\"1\"/></g></svg>\n",
        ]
        for (path, text) in files { try text.write(to: docs.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        try Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]).write(to: docs.appendingPathComponent("packed.svgz"))
        return root
    }

    /// Each file that could run script is reported with its place, and so is each tag that
    /// would send the reader away; the site holds none of them; `--strict` stops the build.
    @Test func activeContentIsReportedAndNotPublished() throws {
        let root = try hostileProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        for file in ["evil.svg", "hook.svg", "page.xhtml", "packed.svgz"] {
            #expect(lines.contains { $0.hasPrefix("docs/\(file):1:") && $0.contains(": warning: ") && $0.hasSuffix("[asset.active]") },
                    "\(file): \(run.stderr)")
        }
        #expect(!run.stderr.contains("docs/graph.svg"), "a static drawing is not a finding: \(run.stderr)")
        #expect(lines.contains { $0.hasPrefix("docs/index.md:3:1: warning: ") && $0.hasSuffix("[html.head-tag]") }, "\(run.stderr)")
        #expect(lines.contains { $0.hasPrefix("docs/index.md:5:") && $0.hasSuffix("[html.head-tag]") }, "\(run.stderr)")
        let site = root.appendingPathComponent("site")
        for (path, data) in try folderContents(site) where !path.hasPrefix("assets/") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("data-ran"), "\(path) runs the author's script")
            #expect(!text.contains("<meta http-equiv=\"refresh\"") && !text.contains("<base"), "\(path) sends the reader away")
        }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("page.xhtml").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("packed.svgz").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("graph.svg").path))

        let before = try folderContents(site)
        let strict = try keydocs(["build", "--no-check", "--strict"], directory: root)
        #expect(strict.status == 1)
        #expect(try folderContents(site) == before)
    }

    /// In Chromium, from disk, as a reader of a host without headers would see it: the page
    /// stays, and the files it pointed to run nothing.
    @Test func noScriptOfTheAuthorsRunsInABrowser() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Browser.path), "Chromium is required (Debian package chromium)")
        let root = try hostileProject()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 0, "\(run.stderr)")
        let site = root.appendingPathComponent("site")
        let home = try Browser.load(site.appendingPathComponent("index.html"))
        #expect(home.dom.contains("<h1 id=\"home\">"), "the page redirected: \(home.dom.prefix(300))")
        for path in ["index.html", "evil.svg", "hook.svg", "page.xhtml"] {
            let load = path == "index.html" ? home : try Browser.load(site.appendingPathComponent(path))
            #expect(!load.dom.contains("data-ran"), "\(path) ran the author's script")
        }
    }
}
