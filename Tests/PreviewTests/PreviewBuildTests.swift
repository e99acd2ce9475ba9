import DocModel
import Foundation
import Pipeline
import Preview
import Testing

/// What `serve` does after each change: a whole render at first and when the set of pages
/// changes, only the edited page otherwise, the error in place of the site when the build
/// fails; and what it removes when it stops.
@Suite struct PreviewBuildTests {
    /// A guide in a new folder with `pages`.
    func guide(_ pages: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-preview-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try "site_name: Preview\n".write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        for (name, text) in pages { try write(text, to: name, in: root) }
        return root
    }

    func write(_ text: String, to name: String, in root: URL) throws {
        try text.write(to: root.appendingPathComponent("docs/" + name), atomically: true, encoding: .utf8)
    }

    /// A preview build of the guide at `root` into its `site` folder, without the sample checks.
    func preview(_ root: URL) -> PreviewBuild {
        var settings = Build.Settings()
        settings.location = DocsLocation(config: root.appendingPathComponent("mkdocs.yml").path)
        settings.checksSamples = false
        return PreviewBuild(build: Build(settings), state: PreviewState(root: root.appendingPathComponent("site")))
    }

    @Test func aRebuildRendersWhatTheChangeReaches() async throws {
        let root = try guide(["index.md": "# Home\n\nSee [the other page](other.md).\n", "other.md": "# Other\n\nText.\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = preview(root)

        let first = try #require(await preview.run().last?.description)
        #expect(first.hasPrefix("keydocs: rebuilt 2 pages in "), "\(first)")
        #expect(first.hasSuffix(", 0 problems"))
        #expect(preview.state.version == 1)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/other/index.html").path))

        // An edit to one page's text, its title kept, renders that page alone.
        try write("# Other\n\nText, and more of it.\n", to: "other.md", in: root)
        let edited = try #require(await preview.run().last?.description)
        #expect(edited.hasPrefix("keydocs: rendered 1 changed page of 2 in "), "\(edited)")
        #expect(preview.state.version == 2)
        let page = try String(contentsOf: root.appendingPathComponent("site/other/index.html"), encoding: .utf8)
        #expect(page.contains("and more of it"))

        // A new page changes the navigation of every page: the whole site is rendered.
        try write("# Third\n", to: "third.md", in: root)
        let added = try #require(await preview.run().last?.description)
        #expect(added.hasPrefix("keydocs: rebuilt 3 pages in "), "\(added)")
    }

    @Test func aFindingIsPrintedAndListedInTheBanner() async throws {
        let root = try guide(["index.md": "# Home\n\nSee [the missing page](missing.md).\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = preview(root)
        let lines = await preview.run().map(\.description)
        #expect(lines.first?.contains("missing.md") == true, "\(lines)")
        #expect(lines.last?.hasSuffix(", 1 problem") == true, "\(lines)")
        #expect(preview.state.reading { $0.problems.count } == 1)
    }

    @Test func aFailedBuildIsShownInPlaceOfTheSite() async throws {
        let root = try guide(["index.md": "# Home\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = preview(root)
        _ = await preview.run()
        #expect(preview.state.reading { $0.error } == nil)

        try "site_name: [Preview\n".write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let lines = await preview.run().map(\.description)
        #expect(lines.count == 1 && lines[0].hasPrefix("keydocs: build failed: "), "\(lines)")
        let error = try #require(preview.state.reading { $0.error })
        #expect(lines[0] == "keydocs: build failed: " + error)
        #expect(preview.state.version == 2)
        // The last good site stays on disk for when the build succeeds again.
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/index.html").path))
    }

    @Test func cleanupRemovesTheFolderOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-cleanup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        let cleanup = Cleanup(folder: folder, build: Build(Build.Settings()))
        cleanup.run()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        // A folder made again at the same place afterwards is not the preview's: a second call leaves it.
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        cleanup.run()
        #expect(FileManager.default.fileExists(atPath: folder.path))
    }
}
