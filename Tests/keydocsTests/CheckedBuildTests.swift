import Foundation
import Testing

/// Builds that run the checks, on generators whose outputs vary in length from run to run.
@Suite struct CheckedBuildTests {
    static let page = """
        # Keys

        ```bash
        head -c24 /dev/urandom | base64 | tr -d '+/'
        ```

        <!-- check: expect=key.too-long -->
        ```bash
        head -c32 /dev/urandom | base64 | tr -d '+/='
        ```

        """

    /// The badges say what the same docs always give, so checked builds are byte-identical;
    /// the lengths the runs printed are in the JSON output instead.
    @Test func checkedBuildsAreByteIdenticalAndTheLengthsAreReported() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try Self.page.write(to: folder.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)

        var pages: [Data] = []
        var reports: [[String: Any]] = []
        for n in 0..<3 {
            let run = try keydocs(["build", "--strict", "--runs", "60", "--format", "json", "--site", "site\(n)"], directory: folder)
            #expect(run.status == 0, "\(run.stderr)")
            pages.append(try Data(contentsOf: folder.appendingPathComponent("site\(n)/index.html")))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            reports.append(object)
        }
        #expect(pages[1] == pages[0])
        #expect(pages[2] == pages[0])

        let html = String(decoding: pages[0], as: UTF8.self)
        #expect(html.contains("title=\"ran 60 times: all different, all valid\""))
        #expect(html.contains("title=\"fails as expected: key.too-long\""))

        let samples = try #require(reports[0]["samples"] as? [[String: Any]])
        #expect(samples.count == 2)
        #expect(samples.map { $0["line"] as? Int } == [3, 8])
        // The good generator ran every time asked; the bad one stopped once its runs settled it.
        let measured = try samples.map { try #require($0["measured"] as? String) }
        #expect(measured[0].range(of: #"^\d+(–\d+)?-character keys in 60 runs$"#, options: .regularExpression) != nil, "\(measured[0])")
        let stopped = try #require(measured[1].firstMatch(of: /^\d+(–\d+)?-character keys in (\d+) runs$/))
        #expect((Int(stopped.output.2) ?? 60) < 60, "\(measured[1])")
    }

    /// With `--cache DIR`, a second check runs no sample of an unchanged page and says so; its
    /// findings and outcomes are the first run's. A page that changed, other options, or a
    /// folder of another project's results run again.
    @Test func aCacheFolderSkipsUnchangedPages() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try Self.page.write(to: folder.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        try "# Other\n\n```bash\ncv api contact.get id=1\n```\n".write(to: folder.appendingPathComponent("docs/other.md"), atomically: true, encoding: .utf8)
        let cache = folder.appendingPathComponent("cache").path
        func check(_ extra: [String] = []) throws -> (Run, [String: Any]) {
            let json = extra.contains("text") ? [] : ["--format", "json"]
            let run = try keydocs(["check", "--strict", "--runs", "40", "--cache", cache] + json + extra.filter { $0 != "text" }, directory: folder)
            let object = json.isEmpty ? [:] : try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            return (run, object)
        }
        let (first, firstReport) = try check()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("not run again"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).filter { $0.hasSuffix(".json") }.count == 2)
        let (second, secondReport) = try check()
        #expect(second.status == 0)
        let text = try keydocs(["check", "--strict", "--runs", "40", "--cache", cache], directory: folder)
        #expect(text.stderr.contains("(2 unchanged pages not run again)"), "\(text.stderr)")
        #expect((secondReport["diagnostics"] as? [Any])?.count == (firstReport["diagnostics"] as? [Any])?.count)
        #expect((secondReport["samples"] as? [[String: Any]])?.map { $0["status"] as? String } ==
                (firstReport["samples"] as? [[String: Any]])?.map { $0["status"] as? String })
        // One page changed: only the other comes from the cache.
        try "# Other\n\n```bash\ncv api Contakt.get id=1\n```\n".write(to: folder.appendingPathComponent("docs/other.md"), atomically: true, encoding: .utf8)
        let (third, _) = try check(["text"])
        #expect(third.status == 1)
        #expect(third.stderr.contains("(1 unchanged page not run again)"), "\(third.stderr)")
        #expect(third.stderr.contains("cv.entity"))
        // Other options give other results: nothing is reused.
        let (fourth, _) = try check(["text", "--runs", "41"])
        #expect(!fourth.stderr.contains("not run again"), "\(fourth.stderr)")
        // A damaged file is not trusted: the page runs again.
        for name in try FileManager.default.contentsOfDirectory(atPath: cache) where name.hasSuffix(".json") {
            try Data("{".utf8).write(to: URL(fileURLWithPath: cache + "/" + name))
        }
        let (fifth, _) = try check(["text"])
        #expect(fifth.stderr.contains("checked 3 samples") && !fifth.stderr.contains("not run again"), "\(fifth.stderr)")
    }
}
