import Foundation
import Testing

/// `keydocs new DIR`: a starter guide that checks and builds with `--strict` at once, written
/// only into a new or empty folder.
@Suite(.serialized) struct NewGuideTests {
    @Test func aNewGuideBuildsWithStrictChecks() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let made = try keydocs(["new", "my guide"], directory: root)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("created my guide: mkdocs.yml, docs/index.md"))
        let guide = root.appendingPathComponent("my guide")
        for file in ["mkdocs.yml", "docs/index.md", "docs/ci.md", ".github/workflows/keydocs.yml", ".gitlab-ci.yml"] {
            #expect(FileManager.default.fileExists(atPath: guide.appendingPathComponent(file).path), "\(file)")
        }
        // Nothing is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["my guide"])
        let build = try keydocs(["build", "--strict", "--runs", "50", "--format", "json"], directory: guide)
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(build.stdout.utf8)) as? [String: Any])
        let samples = try #require(document["samples"] as? [[String: Any]])
        // The recipe ran, the key shown is one it can print, the cv command and both CI jobs passed.
        #expect(samples.count == 5)
        #expect(samples.allSatisfy { $0["status"] as? String == "verified" }, "\(samples)")
        #expect(FileManager.default.fileExists(atPath: guide.appendingPathComponent("site/index.html").path))
    }

    @Test func theCIFilesAreTheJobsThePageShows() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try keydocs(["new", "g"], directory: root).status == 0)
        let guide = root.appendingPathComponent("g")
        let page = try String(contentsOf: guide.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        for file in [".github/workflows/keydocs.yml", ".gitlab-ci.yml"] {
            let job = try String(contentsOf: guide.appendingPathComponent(file), encoding: .utf8)
            #expect(page.contains("```yaml\n" + job.trimmingCharacters(in: .newlines) + "\n```"), "\(file)")
        }
    }

    @Test func eachGuideShowsAKeyOfItsOwn() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        var keys: Set<String> = []
        for name in ["a", "b"] {
            #expect(try keydocs(["new", name], directory: root).status == 0)
            let page = try String(contentsOf: root.appendingPathComponent("\(name)/docs/index.md"), encoding: .utf8)
            let block = try #require(page.components(separatedBy: "```text\n").dropFirst().first?.components(separatedBy: "\n").first)
            #expect(block.count == 32)
            keys.insert(block)
        }
        #expect(keys.count == 2)
    }

    @Test func aFolderInTheWayIsLeftAsItWas() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let busy = root.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
        try "mine\n".write(to: busy.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "file\n".write(to: root.appendingPathComponent("plain"), atomically: true, encoding: .utf8)
        let before = try folderContents(root)
        let intoBusy = try keydocs(["new", "busy"], directory: root)
        #expect(intoBusy.status == 2)
        #expect(intoBusy.stderr.contains("busy: error: cannot start a guide here: it is not empty (notes.txt)"))
        let intoFile = try keydocs(["new", "plain"], directory: root)
        #expect(intoFile.status == 2)
        #expect(intoFile.stderr.contains("plain: error: cannot start a guide here: it is a file"))
        #expect(try folderContents(root) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["busy", "plain"])
        // An empty folder is fine.
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try keydocs(["new", "empty"], directory: root).status == 0)
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("mkdocs.yml").path))
    }
}

/// The project's own guide shows the same CI jobs that `keydocs new` writes.
@Test func theGuidesCIPageShowsTheJobsThatNewWrites() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(try keydocs(["new", "g"], directory: root).status == 0)
    let page = try String(contentsOf: packageRoot.appendingPathComponent("docs/ci.md"), encoding: .utf8)
    for file in [".github/workflows/keydocs.yml", ".gitlab-ci.yml"] {
        let job = try String(contentsOf: root.appendingPathComponent("g/\(file)"), encoding: .utf8)
        #expect(page.contains("```yaml\n" + job.trimmingCharacters(in: .newlines) + "\n```"), "\(file)")
    }
}
