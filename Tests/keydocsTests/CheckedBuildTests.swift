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
        for sample in samples {
            let measured = try #require(sample["measured"] as? String)
            #expect(measured.range(of: #"^\d+(–\d+)?-character keys in 60 runs$"#, options: .regularExpression) != nil, "\(measured)")
        }
    }
}
