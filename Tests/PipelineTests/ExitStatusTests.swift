import DocModel
import Foundation
import Pipeline
import Testing

/// The exit status is the outcome's, decided once for check and build: 0 when nothing stops
/// the run, 1 with errors among the findings (warnings too under `strict`), and a build that
/// stops writes nothing.
@Suite struct ExitStatusTests {
    /// A guide in a new folder with `pages`; its config's path.
    func guide(_ pages: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try "site_name: Exit\n".write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        for (name, text) in pages { try text.write(to: root.appendingPathComponent("docs/" + name), atomically: true, encoding: .utf8) }
        return root
    }

    func settings(_ root: URL, strict: Bool, checks: Bool) -> Build.Settings {
        var settings = Build.Settings()
        settings.location = DocsLocation(config: root.appendingPathComponent("mkdocs.yml").path)
        settings.strict = strict
        settings.checksSamples = checks
        return settings
    }

    @Test(arguments: [(false, 0), (true, 1)])
    func aBrokenLinkIsAWarningThatStrictMakesAnError(_ strict: Bool, _ status: Int32) throws {
        let root = try guide(["index.md": "# Home\n\nSee [the missing page](missing.md).\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("out").path
        let outcome = try Build(settings(root, strict: strict, checks: false)).build(site: site)
        #expect(outcome.exitCode == status, "\(outcome.diagnostics)")
        #expect(outcome.diagnostics.contains { $0.rule == .linkBroken })
        // A build that stops leaves no site behind; one that does not writes it.
        #expect(FileManager.default.fileExists(atPath: site + "/index.html") == (status == 0))
        #expect((outcome.stop == nil) == (status == 0))
    }

    @Test func aBrokenSampleFailsTheCheckAndTheBuild() throws {
        let root = try guide(["index.md": "# Home\n\n```bash\ncv api4 Contact.creat +v first_name=Ann\n```\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try Build(settings(root, strict: false, checks: true)).checkOnly()
        #expect(check.exitCode == 1, "\(check.diagnostics)")
        #expect(check.diagnostics.contains { $0.rule == .cvAction })
        let build = try Build(settings(root, strict: false, checks: true)).build(site: root.appendingPathComponent("out").path)
        #expect(build.exitCode == 1)
        #expect(build.stop == .findings(errors: build.errors))
    }

    @Test func aCleanGuidePasses() throws {
        let root = try guide(["index.md": "# Home\n\n```bash\ncv api4 Contact.get +s id,display_name\n```\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let check = try Build(settings(root, strict: true, checks: true)).checkOnly()
        #expect(check.exitCode == 0, "\(check.diagnostics)")
        #expect(check.stop == nil)
    }
}
