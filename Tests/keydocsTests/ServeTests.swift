import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A request over a plain TCP socket, so that the path goes to the server exactly as written.
func rawGet(port: UInt16, path: String, host: String? = "127.0.0.1") throws -> (status: Int, body: String) {
    let reply = try rawRequest(port: port, path: path, host: host)
    return (reply.status, reply.body)
}

/// A request with `headers` (whole lines, without line ends); the reply's status, header lines and body.
func rawRequest(port: UInt16, path: String, host: String? = "127.0.0.1", headers: [String] = []) throws
    -> (status: Int, headers: [String], body: String) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw CocoaError(.fileReadUnknown) }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { throw CocoaError(.fileReadUnknown) }
    let request = "GET \(path) HTTP/1.1\r\n" + (host.map { "Host: \($0)\r\n" } ?? "")
        + headers.map { $0 + "\r\n" }.joined() + "Connection: close\r\n\r\n"
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var data = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        data += buffer[0..<n]
    }
    let text = String(decoding: data, as: UTF8.self)
    let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
    let end = text.range(of: "\r\n\r\n")
    let body = end.map { String(text[$0.upperBound...]) } ?? ""
    let head: [String] = end.map { Array(String(text[..<$0.lowerBound]).components(separatedBy: "\r\n").dropFirst()) } ?? []
    return (status, head, body)
}

@Suite(.serialized) struct ServeTests {
    final class Preview: @unchecked Sendable {
        let process = Process()
        let folder: URL
        var port: UInt16 = 0
        /// The first page as served before any test edits it.
        var firstReply: (status: Int, body: String) = (0, "")
        private let err = Pipe()

        convenience init(pages: [String: String] = ["index.md": "# Home\n\nFirst version.\n"], config: String? = nil) throws {
            let folder = try temporaryFolder()
            if let config { try config.write(to: folder.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8) }
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
            for (path, text) in pages {
                try text.write(to: folder.appendingPathComponent("docs/" + path), atomically: true, encoding: .utf8)
            }
            try self.init(folder: folder)
        }

        /// `keydocs serve` with `arguments` in `folder`, which the preview removes when it goes.
        init(folder: URL, arguments: [String] = ["serve", "--port", "0", "--no-check"]) throws {
            self.folder = folder
            process.executableURL = keydocsBinary
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            ExitCleanup.terminate(process.processIdentifier)
            // The first line names the address.
            var collected = Data()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let chunk = err.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                collected += chunk
                let text = String(decoding: collected, as: UTF8.self)
                if let range = text.range(of: "http://127.0.0.1:"),
                   let port = UInt16(text[range.upperBound...].prefix { $0.isNumber }) {
                    self.port = port
                    break
                }
            }
            // What serve prints after that is kept for the tests to read.
            let rest = err.fileHandleForReading
            terminalLock.withLock { terminal = collected }
            DispatchQueue.global().async { [self] in
                while true {
                    let chunk = rest.availableData
                    if chunk.isEmpty { break }
                    terminalLock.withLock { terminal += chunk }
                }
            }
            if port > 0 { firstReply = try rawGet(port: port, path: "/") }
        }

        private let terminalLock = NSLock()
        private var terminal = Data()

        /// Everything serve printed on stderr so far.
        var printed: String { terminalLock.withLock { String(decoding: terminal, as: UTF8.self) } }

        func version() -> Int {
            guard let reply = try? rawGet(port: port, path: "/__keydocs/version.js") else { return -1 }
            return Int(reply.body.filter(\.isNumber)) ?? -1
        }

        /// Waits until the site has been rebuilt after `version`.
        func waitForRebuild(after version: Int) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if self.version() > version { return true }
                usleep(100_000)
            }
            return false
        }

        /// Asks for `path` until the reply satisfies `done` (a rebuild that saw the last edit
        /// may come after one that an earlier edit started), or 20 seconds pass; the last reply.
        func reply(_ path: String, once done: ((status: Int, body: String)) -> Bool) throws -> (status: Int, body: String) {
            let deadline = Date().addingTimeInterval(20)
            var last = try rawGet(port: port, path: path)
            while !done(last), Date() < deadline {
                usleep(100_000)
                last = try rawGet(port: port, path: path)
            }
            return last
        }

        deinit {
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static let preview = Result { try Preview() }

    @Test func servesTheFirstPageOnLoopbackOnly() throws {
        let preview = try Self.preview.get()
        try #require(preview.port > 0)
        let reply = preview.firstReply
        #expect(reply.status == 200)
        #expect(reply.body.contains("First version."))
        #expect(reply.body.contains("<script src=\"/__keydocs/reload.js\"></script>"))
        let script = try rawGet(port: preview.port, path: "/__keydocs/reload.js")
        #expect(script.body.contains("location.reload()"))
    }

    @Test func anEditShowsUpAndABrokenEditShowsAnError() throws {
        let preview = try Self.preview.get()
        let page = preview.folder.appendingPathComponent("docs/index.md")
        var version = preview.version()
        try "# Home\n\nSecond version.\n".write(to: page, atomically: true, encoding: .utf8)
        #expect(preview.waitForRebuild(after: version))
        #expect(try preview.reply("/") { $0.body.contains("Second version.") }.body.contains("Second version."))

        version = preview.version()
        try Data([0x23, 0x20, 0xC3, 0x28, 0x0A]).write(to: page)
        #expect(preview.waitForRebuild(after: version))
        let broken = try preview.reply("/") { $0.status == 500 }
        #expect(broken.status == 500)
        #expect(broken.body.contains("The build failed"))
        #expect(broken.body.contains("docs/index.md:1: error: not valid UTF-8"))
        #expect(preview.process.isRunning)

        version = preview.version()
        try "# Home\n\nThird version.\n".write(to: page, atomically: true, encoding: .utf8)
        #expect(preview.waitForRebuild(after: version))
        let fixed = try preview.reply("/") { $0.body.contains("Third version.") }
        #expect(fixed.status == 200)
        #expect(fixed.body.contains("Third version."))
    }

    @Test func findingsShowInABanner() throws {
        let preview = try Self.preview.get()
        let page = preview.folder.appendingPathComponent("docs/index.md")
        let version = preview.version()
        try "# Home\n\nA [broken link](missing.md).\n".write(to: page, atomically: true, encoding: .utf8)
        #expect(preview.waitForRebuild(after: version))
        let reply = try preview.reply("/") { $0.body.contains("broken link") && $0.body.contains("serve-banner") }
        #expect(reply.status == 200)
        #expect(reply.body.contains("<div class=\"serve-banner\" role=\"alert\"><strong>1 problem in the last build</strong>"))
        #expect(reply.body.contains("docs/index.md:3:3: warning: link to &#39;missing.md&#39;") || reply.body.contains("docs/index.md:3:3: warning: link to 'missing.md'"))
        // The terminal shows the finding too, as check prints it, above the summary.
        let deadline = Date().addingTimeInterval(10)
        while !preview.printed.contains("1 problem"), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        let printed = preview.printed
        let finding = try #require(printed.range(of: "docs/index.md:3:3: warning: link to 'missing.md': no page missing.md in docs [link.broken]\n"), "\(printed)")
        let summary = try #require(printed.range(of: #"rendered 1 changed page of 1 in [0-9.]+ s, 1 problem"#, options: .regularExpression,
                                                  range: finding.upperBound..<printed.endIndex), "\(printed)")
        #expect(finding.upperBound <= summary.lowerBound)
    }

    static let guide = Result {
        try Preview(pages: ["index.md": "# Home\n\nSee [the bee](bee.md).\n", "bee.md": "# Bee\n\nBuzz one.\n", "ant.md": "# Ant\n\nMarch.\n",
                        "notes.txt": "first notes\n"])
    }

    /// How many times serve has printed `line` (a regular expression).
    func count(_ line: String, in printed: String) -> Int {
        printed.split(separator: "\n").count { $0.range(of: line, options: .regularExpression) != nil }
    }

    /// An edit to a page's text renders that page and the search index only; a new title, a new
    /// page or a new folder renders everything; a page in a folder made while serve runs is watched too.
    @Test func anEditRendersOnlyWhatItChanges() throws {
        let preview = try Self.guide.get()
        let docs = preview.folder.appendingPathComponent("docs")
        func wait(for pattern: String, count expected: Int) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while count(pattern, in: preview.printed) < expected, Date() < deadline { usleep(50_000) }
            return count(pattern, in: preview.printed) >= expected
        }
        #expect(wait(for: "rebuilt 3 pages", count: 1), "\(preview.printed)")

        try "# Bee\n\nBuzz two, quietly.\n".write(to: docs.appendingPathComponent("bee.md"), atomically: true, encoding: .utf8)
        #expect(wait(for: "rendered 1 changed page of 3 ", count: 1), "\(preview.printed)")
        #expect(try preview.reply("/bee/") { $0.body.contains("Buzz two") }.body.contains("Buzz two"))
        #expect(try rawGet(port: preview.port, path: "/assets/search-index.js").body.contains("quietly"))
        #expect(count("rebuilt 3 pages", in: preview.printed) == 1, "a text edit rebuilt everything: \(preview.printed)")

        // The nav of every page shows the title: all pages render.
        try "# Wasp\n\nBuzz two, quietly.\n".write(to: docs.appendingPathComponent("bee.md"), atomically: true, encoding: .utf8)
        #expect(wait(for: "rebuilt 3 pages", count: 2), "\(preview.printed)")
        #expect(try preview.reply("/ant/") { $0.body.contains("Wasp") }.body.contains("Wasp"))

        try FileManager.default.createDirectory(at: docs.appendingPathComponent("hive"), withIntermediateDirectories: false)
        try "# Queen\n\nOne.\n".write(to: docs.appendingPathComponent("hive/queen.md"), atomically: true, encoding: .utf8)
        #expect(wait(for: "rebuilt 4 pages", count: 1), "\(preview.printed)")
        #expect(try preview.reply("/hive/queen/") { $0.body.contains("One.") }.status == 200)
        try "# Queen\n\nTwo.\n".write(to: docs.appendingPathComponent("hive/queen.md"), atomically: true, encoding: .utf8)
        #expect(wait(for: "rendered 1 changed page of 4 ", count: 1), "\(preview.printed)")
        #expect(try preview.reply("/hive/queen/") { $0.body.contains("Two.") }.body.contains("Two."))

        // A file that is not a page is copied again.
        try "second notes\n".write(to: docs.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        #expect(wait(for: "rebuilt 4 pages", count: 2), "\(preview.printed)")
        #expect(try preview.reply("/notes.txt") { $0.body.contains("second") }.body == "second notes\n")
    }

    /// A folder asked for without its slash is sent to it, as static servers do, so that the
    /// page's relative addresses resolve from the folder; the address stays on this server.
    static let folders = Result { () throws -> Preview in
        let folder = try temporaryFolder()
        for (path, text) in ["docs/index.md": "# Home\n", "docs/bee.md": "# Bee\n", "docs/a,b c/index.md": "# Comma\n"] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return try Preview(folder: folder)
    }

    @Test(arguments: [("/bee", "/bee/"), ("/bee?x=1", "/bee/"), ("/a%2Cb%20c", "/a%2Cb%20c/")])
    func aFolderWithoutItsSlashIsSentToIt(path: String, location: String) throws {
        let preview = try Self.folders.get()
        let raw = try rawRequest(port: preview.port, path: path)
        #expect(raw.status == 301, "\(path)")
        #expect(raw.headers.contains("Location: \(location)"), "\(path): \(raw.headers)")
        #expect(try rawGet(port: preview.port, path: location).status == 200)
        for untouched in ["/", "/bee/", "/assets/keydocs.css", "//evil.example"] {
            #expect(try rawGet(port: preview.port, path: untouched).status != 301, "\(untouched)")
        }
    }

    @Test(arguments: ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
                      "/%252e%252e/%252e%252e/etc/passwd", "/assets/..%5c..%5cetc/passwd", "/.%2e/.%2e/etc/passwd"])
    func pathsOutsideTheSiteAreRefused(path: String) throws {
        let preview = try Self.preview.get()
        let reply = try rawGet(port: preview.port, path: path)
        #expect(reply.status == 403 || reply.status == 404 || reply.status == 400, "\(path): \(reply.status)")
        #expect(!reply.body.contains("root:x:0:0"))
    }

    /// A page elsewhere can point a name of its own at 127.0.0.1 (DNS rebinding): the preview
    /// answers only Host names of the loopback.
    @Test(arguments: [("localhost", 200), ("LOCALHOST:8000", 200), ("127.0.0.1", 200), ("127.1.2.3:80", 200), ("[::1]:8000", 200),
                      ("docs.localhost", 200), ("evil.example", 421), ("evil.example:8000", 421), ("127.0.0.1.evil.example", 421),
                      ("localhost.evil.example", 421), ("10.0.0.1", 421), ("[::2]", 421), ("", 421)])
    func onlyLoopbackHostNamesAreAnswered(_ host: String, _ status: Int) throws {
        let preview = try Self.preview.get()
        let reply = try rawGet(port: preview.port, path: "/", host: host)
        #expect(reply.status == status, "Host: \(host)")
        if status != 200 { #expect(!reply.body.contains("<html")) }
        #expect(try rawGet(port: preview.port, path: "/", host: nil).status == 421)
    }

    /// Any web page the reader has open can ask the preview for a file (`<script src=…>` reads
    /// the search index, which holds every page's text): every reply says that only the
    /// preview's own pages may use it, whatever it is.
    @Test(arguments: [("/", "127.0.0.1"), ("/assets/search-index.js", "127.0.0.1"), ("/assets/keydocs.css", "localhost"),
                      ("/__keydocs/version.js", "127.0.0.1"), ("/__keydocs/reload.js", "127.0.0.1"), ("/no/such/page/", "127.0.0.1"),
                      ("/%2e%2e/%2e%2e/etc/passwd", "127.0.0.1"), ("/", "evil.example")])
    func everyReplyIsForThePreviewsOwnPagesOnly(_ path: String, _ host: String) throws {
        let preview = try Self.preview.get()
        let reply = try rawRequest(port: preview.port, path: path, host: host)
        #expect(reply.headers.contains { $0.lowercased() == "cross-origin-resource-policy: same-origin" }, "\(path): \(reply.headers)")
    }

    /// A request that the browser says comes from another origin is refused, whatever it asks
    /// for; the preview's own pages (same origin) and the reader's own address bar (none) are
    /// answered, and so is a client that sends no such header (curl, an older browser).
    @Test(arguments: [("cross-site", 403), ("same-site", 403), ("", 403), ("same-origin, cross-site", 403),
                      ("same-origin", 200), ("none", 200), (nil, 200)] as [(String?, Int)])
    func requestsFromOtherOriginsAreRefused(_ site: String?, _ status: Int) throws {
        let preview = try Self.preview.get()
        for path in ["/assets/search-index.js", "/", "/__keydocs/version.js"] {
            let reply = try rawRequest(port: preview.port, path: path, headers: site.map { ["Sec-Fetch-Site: \($0)"] } ?? [])
            #expect(reply.status == status, "Sec-Fetch-Site: \(site ?? "(none)") for \(path)")
            if status == 403 {
                #expect(!reply.body.contains("KEYDOCS_SEARCH") && !reply.body.contains("__keydocsVersion"), "\(reply.body)")
                #expect(reply.headers.contains { $0.lowercased() == "cross-origin-resource-policy: same-origin" })
            }
        }
    }

    /// The preview never follows a link, even one placed in the folder it serves.
    @Test func servesNoSymbolicLink() throws {
        let preview = try Self.preview.get()
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory())
        let folders = try FileManager.default.contentsOfDirectory(atPath: temporary.path).filter { $0.hasPrefix("keydocs-serve-") }
        var planted: [URL] = []
        defer { for link in planted { try? FileManager.default.removeItem(at: link) } }
        for folder in folders {
            let link = temporary.appendingPathComponent(folder).appendingPathComponent("site/leak.txt")
            if (try? FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/etc/passwd")) != nil {
                planted.append(link)
            }
        }
        try #require(!planted.isEmpty)
        let reply = try rawGet(port: preview.port, path: "/leak.txt")
        #expect(reply.status == 404)
        #expect(!reply.body.contains("root:x:0:0"))
    }

    /// A missing page deep in the site gets the 404 page, whose styles and scripts load from
    /// the root: in Chromium its script runs (it marks the page and builds the navigation).
    @Test func theNotFoundPageWorksAtAnyDepth() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Browser.path), "Chromium is required (Debian package chromium)")
        let preview = try Self.preview.get()
        let raw = try rawGet(port: preview.port, path: "/no/such/deep/page/")
        #expect(raw.status == 404)
        #expect(raw.body.contains("href=\"/assets/keydocs.css\""))
        let load = try Browser.load(URL(string: "http://127.0.0.1:\(preview.port)/no/such/deep/page/")!)
        #expect(load.dom.contains("Page not found"))
        #expect(load.dom.contains("class=\"js\""), "\(load.dom.prefix(300))")
        // The script built the navigation: the drawer's head, then the list.
        let nav = load.dom.components(separatedBy: "<nav class=\"sidebar\" id=\"site-nav\" aria-label=\"Site\">").dropFirst().first ?? ""
        #expect(nav.hasPrefix("<div class=\"drawer-head\">") && nav.contains("</div><ul>"), "\(load.dom)")
        #expect(load.consoleErrors.isEmpty, "\(load.consoleErrors)")
    }

    /// Under serve, which serves the site at its own root, the 404 page of a guide whose
    /// site_url has a path finds its stylesheet.
    @Test func theNotFoundPageIsStyledWhateverSiteURLsPath() throws {
        let preview = try Preview(config: "site_name: Guide\nsite_url: https://docs.example.org/guide/en/latest/\n")
        let missing = try rawGet(port: preview.port, path: "/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.body.contains("href=\"/assets/keydocs.css\""), "\(missing.body.prefix(600))")
        #expect(try rawGet(port: preview.port, path: "/assets/keydocs.css").status == 200)
    }

    @Test func stopsCleanlyOnSIGTERM() throws {
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("keydocs-serve-") })
        let preview = try Preview()
        try #require(preview.port > 0)
        let during = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("keydocs-serve-") })
        #expect(during.subtracting(before).count == 1)
        preview.process.terminate()
        preview.process.waitUntilExit()
        #expect(preview.process.terminationStatus == 128 + SIGTERM)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("keydocs-serve-") })
        #expect(after.subtracting(before).isEmpty)
        #expect((try? rawGet(port: preview.port, path: "/")) == nil)
    }
}
