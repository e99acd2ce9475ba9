import Foundation
import Testing

/// Every page of real guides at a phone's width: none wider than the screen. The guides are not
/// part of this repository: KEYDOCS_REAL_GUIDES names their folders (each with its mkdocs.yml),
/// separated by colons, e.g. CiviCRM's System Administrator, Developer and User Guides.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KEYDOCS_REAL_GUIDES"] != nil))
struct RealGuideLayoutTests {
    static let guides = (ProcessInfo.processInfo.environment["KEYDOCS_REAL_GUIDES"] ?? "")
        .split(separator: ":").map { URL(fileURLWithPath: String($0)) }

    @Test(arguments: guides)
    func noPageIsWiderThanAPhone(_ guide: URL) throws {
        // Built from a copy: a guide's own folder stays as it is.
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-real-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let copy = work.appendingPathComponent("guide")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: guide, to: copy)
        let site = work.appendingPathComponent("site")
        let run = try keydocs(["build", "--no-check", "--site", site.path], directory: copy)
        try #require(run.status == 0, "\(run.stderr)")
        // Pages a reader reads: not the 404 page, nor a redirect's page, which leaves at once.
        let pages = try (FileManager.default.enumerator(atPath: site.path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".html") && $0 != "404.html" }.sorted()
            .filter { !(try String(contentsOf: site.appendingPathComponent($0), encoding: .utf8)).contains("http-equiv=\"refresh\"") }
        try #require(!pages.isEmpty)
        var wider: [String: Double] = [:]
        // A few dozen pages a browser run, so that each stays within its time budget.
        for start in stride(from: 0, to: pages.count, by: 40) {
            let chunk = Array(pages[start..<min(start + 40, pages.count)])
            let m = try SiteLayoutTests.measure(site: site, width: 390, height: 844, steps: """
                var pages = \(chunk), widths = {};
                function next(k) {
                  if (k >= pages.length) { report('widths', widths); return done(); }
                  load(pages[k], function (d, w) { widths[pages[k]] = d.documentElement.scrollWidth - w.innerWidth; next(k + 1); });
                }
                next(0);
                """, budget: 60000)
            let widths = try #require(m["widths"] as? [String: Double], "\(m)")
            #expect(widths.count == chunk.count)
            for (page, extra) in widths where extra > 0 { wider[page] = extra }
        }
        #expect(wider.isEmpty, "pages wider than 390 px: \(wider)")
    }
}
