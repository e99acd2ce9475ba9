import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A newcomer's first commands: the version, a mistyped command, a config or docs folder that
/// is not there, a port that is taken. Each gets a clear answer at once.
@Suite struct NewcomerTests {
    @Test(arguments: [["--version"], ["-V"]])
    func versionIsPrinted(_ arguments: [String]) throws {
        let run = try keydocs(arguments)
        #expect(run.status == 0)
        #expect(run.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(run.stdout)")
    }

    @Test func aMistypedCommandGetsASuggestion() throws {
        let run = try keydocs(["biuld", "--strict"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("'biuld' is not a command. Did you mean 'build'?"))
        let far = try keydocs(["deploy"])
        #expect(far.status == 64)
        #expect(!far.stderr.contains("Did you mean"))
        #expect(far.stderr.contains("Commands: build, check, serve"))
    }

    @Test func aMissingConfigOrEmptyDocsIsSaidPlainly() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let config = try keydocs(["check", "--config", "nowhere.yml"], directory: root)
        #expect(config.status == 2)
        #expect(config.stderr.contains("nowhere.yml: error: the config file does not exist"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        let empty = try keydocs(["build", "--no-check"], directory: root)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("docs: error: the docs folder holds no Markdown page"))
        try "# One\n".write(to: root.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        let one = try keydocs(["build", "--no-check"], directory: root)
        #expect(one.stderr.contains("built 1 page and 0 files into site"), "\(one.stderr)")
    }

    @Test func aPortInUseIsSaidAtOnce() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) == 0 && getsockname(fd, $0, &size) == 0 }
        }
        try #require(listening && listen(fd, 1) == 0)
        let port = UInt16(bigEndian: address.sin_port)
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let start = Date()
        let run = try keydocs(["serve", "--port", String(port), "--no-check"], directory: root)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(run.status == 2)
        #expect(run.stderr.contains("127.0.0.1:\(port) is in use; choose another port with --port, or --port 0 for a free one"))
    }
}

/// A folder whose index is README.md, as on GitHub: mkdocs makes it the folder's index page.
@Test(arguments: [true, false])
func aReadmeIsTheIndexWhereThereIsNoIndexPage(_ directoryURLs: Bool) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let docs = root.appendingPathComponent("docs")
    try FileManager.default.createDirectory(at: docs.appendingPathComponent("guide"), withIntermediateDirectories: true)
    try "site_name: Readme\nuse_directory_urls: \(directoryURLs)\n".write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
    try "# Start here\n\nSee [the guide](guide/README.md) and [setup](guide/setup.md).\n"
        .write(to: docs.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
    try "# The guide\n\nBack [home](../README.md).\n".write(to: docs.appendingPathComponent("guide/README.md"), atomically: true, encoding: .utf8)
    try "# Setup\n".write(to: docs.appendingPathComponent("guide/setup.md"), atomically: true, encoding: .utf8)
    // A folder with an index.md keeps its README.md as a page of its own.
    try FileManager.default.createDirectory(at: docs.appendingPathComponent("both"), withIntermediateDirectories: true)
    try "# Both index\n".write(to: docs.appendingPathComponent("both/index.md"), atomically: true, encoding: .utf8)
    try "# Both readme\n".write(to: docs.appendingPathComponent("both/README.md"), atomically: true, encoding: .utf8)
    let run = try keydocs(["build", "--no-check", "--strict"], directory: root)
    #expect(run.status == 0, "\(run.stderr)")
    let site = root.appendingPathComponent("site")
    let home = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(home.contains("<h1 id=\"start-here\">") && home.contains("Start here</h1>"))
    #expect(home.contains("<title>Readme</title>"))
    #expect(home.contains(directoryURLs ? "href=\"guide/\"" : "href=\"guide/index.html\""))
    let guide = try String(contentsOf: site.appendingPathComponent("guide/index.html"), encoding: .utf8)
    #expect(guide.contains(directoryURLs ? "href=\"../\"" : "href=\"../index.html\""))
    #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("both/index.html").path))
    #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(directoryURLs ? "both/README/index.html" : "both/README.html").path))
}

/// The 404 page is served at any depth: every link and asset it names starts at the site's
/// root, taken from site_url's path when there is one.
@Test(arguments: [(nil, "/"), ("https://example.org/guide/", "/guide/"), ("https://example.org/docs", "/docs/")])
func theNotFoundPageLinksFromTheRoot(siteURL: String?, base: String) throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("docs/deep/er"), withIntermediateDirectories: true)
    try ("site_name: Lost\n" + (siteURL.map { "site_url: \($0)\n" } ?? "")).write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
    try "# Home\n".write(to: root.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
    try "# Deep\n".write(to: root.appendingPathComponent("docs/deep/er/page.md"), atomically: true, encoding: .utf8)
    let run = try keydocs(["build", "--no-check", "--strict"], directory: root)
    #expect(run.status == 0, "\(run.stderr)")
    let html = try String(contentsOf: root.appendingPathComponent("site/404.html"), encoding: .utf8)
    let pattern = try NSRegularExpression(pattern: #"(?:href|src|data-root)="([^"]*)""#)
    let references = pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
        Range($0.range(at: 1), in: html).map { String(html[$0]) }
    }
    #expect(references.count >= 8)
    for reference in references where !reference.hasPrefix("#") && !(siteURL.map { reference.hasPrefix($0) } ?? false) {
        #expect(reference.hasPrefix(base), "\(reference)")
    }
    #expect(references.contains(base + "assets/keydocs.css"))
    #expect(references.contains(base + "site-map.html"))
}

/// A page or file where keydocs writes its own (the site map, the 404 page, its stylesheet)
/// would vanish from the site without a word: it is a warning, an error under --strict.
@Test func aPageAtAPathKeydocsWritesIsReported() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("docs/assets"), withIntermediateDirectories: true)
    try "use_directory_urls: false\n".write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
    try "# Home\n".write(to: root.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
    try "# Site map\n".write(to: root.appendingPathComponent("docs/site-map.md"), atomically: true, encoding: .utf8)
    try "body {}\n".write(to: root.appendingPathComponent("docs/assets/keydocs.css"), atomically: true, encoding: .utf8)
    // The key generator's files are keydocs' own as much as its stylesheet is.
    for own in ["generator.js", "policy.js", "keydocs.js", "search-index.js"] {
        try "alert(1)\n".write(to: root.appendingPathComponent("docs/assets/\(own)"), atomically: true, encoding: .utf8)
    }
    let relaxed = try keydocs(["build", "--no-check"], directory: root)
    #expect(relaxed.status == 0)
    for own in ["generator.js", "policy.js", "keydocs.js", "search-index.js"] {
        #expect(relaxed.stderr.contains("docs/assets/\(own):1:1: warning: this would be written to assets/\(own), where keydocs writes a file of its own"),
                "\(own): \(relaxed.stderr)")
    }
    #expect(relaxed.stderr.contains("docs/site-map.md:1:1: warning: this would be written to site-map.html, where keydocs writes a file of its own, which wins; rename it [docs.reserved]"), "\(relaxed.stderr)")
    #expect(relaxed.stderr.contains("docs/assets/keydocs.css:1:1: warning: this would be written to assets/keydocs.css"))
    let strict = try keydocs(["build", "--no-check", "--strict", "--site", "strict-site"], directory: root)
    #expect(strict.status == 1)
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("strict-site").path))
}
