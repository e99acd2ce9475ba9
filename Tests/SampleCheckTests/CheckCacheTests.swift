import DocModel
import Foundation
import SampleCheck
import Testing

@Suite struct CheckCacheTests {
    /// A second check of unchanged pages takes their results from the cache; a page whose
    /// samples moved or changed is checked again, and a page that is gone is forgotten.
    @Test func unchangedPagesAreNotCheckedAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = "# Broken\n\n```bash\ncv api Contakt.get id=1\n```\n"
        try broken.write(to: folder.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
        try "# Fine\n\n```bash\ncv api contact.get id=1\n```\n".write(to: folder.appendingPathComponent("fine.md"), atomically: true, encoding: .utf8)
        let cache = CheckCache()
        func check() throws -> CheckReport {
            let docs = try LoadStage(docsFolder: folder.path, config: SiteConfig()).run()
            return CheckStage(docs: docs, options: CheckOptions()).run(cache: cache)
        }

        let first = try check()
        #expect(cache.reused == 0)
        #expect(first.diagnostics.map(\.rule) == [.cvEntity])
        #expect(first.diagnostics.first?.location.line == 4)
        #expect(first.count(.verified) == 1 && first.count(.failed) == 1)

        let second = try check()
        #expect(cache.reused == 2)
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.outcomes == first.outcomes)

        // Prose added above the sample moves it: the page is checked again and the finding moves.
        try ("# Broken\n\nOne more paragraph.\n\n" + broken.dropFirst("# Broken\n\n".count))
            .write(to: folder.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
        let third = try check()
        #expect(cache.reused == 1)
        #expect(third.diagnostics.map(\.location.line) == [6])

        try FileManager.default.removeItem(at: folder.appendingPathComponent("fine.md"))
        let fourth = try check()
        #expect(cache.reused == 1)
        #expect(fourth.outcomes.count == 1)
    }

    /// The cache is keyed by everything that changes a result: turning on full coverage, or
    /// changing the runs or the allowlist, checks every page again.
    @Test func optionsThatChangeResultsCheckAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "# Notes\n\n```bash\ngit status\n```\n".write(to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        let cache = CheckCache()
        func check(_ change: (inout CheckOptions) -> Void = { _ in }) throws -> CheckReport {
            let docs = try LoadStage(docsFolder: folder.path, config: SiteConfig()).run()
            var options = CheckOptions()
            options.offline = true
            change(&options)
            return CheckStage(docs: docs, options: options).run(cache: cache)
        }
        #expect(try check().count(.notAboutKeys) == 1)
        #expect(try check().count(.notAboutKeys) == 1 && cache.reused == 1)
        let full = try check { $0.fullCoverage = true }
        #expect(cache.reused == 0)
        #expect(full.count(.unchecked) == 1, "\(full.summaryLine)")
        _ = try check { $0.fullCoverage = true; $0.runs = 50 }
        #expect(cache.reused == 0)
        _ = try check { $0.fullCoverage = true; $0.runs = 50; $0.allowlist.insert("cat") }
        #expect(cache.reused == 0)
        _ = try check { $0.fullCoverage = true; $0.runs = 50; $0.allowlist.insert("cat") }
        #expect(cache.reused == 1)
    }
}
