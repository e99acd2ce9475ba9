import Foundation
import Testing
import Yams

/// What a guide's CI runs: the jobs `keydocs new` writes keep the check's results between runs
/// and publish the findings where the forge shows them; the pre-commit hook runs a real check.
@Suite(.serialized) struct CIJobTests {
    static let cache = ".keydocs-cache"

    /// A new guide in a temporary folder, and the folder to remove.
    func newGuide() throws -> (root: URL, guide: URL) {
        let root = try temporaryFolder()
        #expect(try keydocs(["new", "g"], directory: root).status == 0)
        return (root, root.appendingPathComponent("g"))
    }

    func yaml(_ file: URL) throws -> [String: Any] {
        try #require(try Yams.load(yaml: String(contentsOf: file, encoding: .utf8)) as? [String: Any])
    }

    @Test func theGitHubJobCachesTheCheckAndUploadsSARIF() throws {
        let (root, guide) = try newGuide()
        defer { try? FileManager.default.removeItem(at: root) }
        let workflow = try yaml(guide.appendingPathComponent(".github/workflows/keydocs.yml"))
        let job = try #require((workflow["jobs"] as? [String: Any])?["docs"] as? [String: Any])
        let steps = try #require(job["steps"] as? [[String: Any]])
        let restore = try #require(steps.firstIndex { ($0["uses"] as? String)?.hasPrefix("actions/cache@") == true })
        let with = try #require(steps[restore]["with"] as? [String: Any])
        #expect(with["path"] as? String == Self.cache)
        #expect((with["key"] as? String)?.contains("${{ github.sha }}") == true)
        #expect(with["restore-keys"] as? String == "keydocs-")
        let check = try #require(steps.firstIndex { ($0["run"] as? String)?.hasPrefix("keydocs check") == true })
        #expect(restore < check)
        let run = try #require(steps[check]["run"] as? String)
        #expect(run.contains("--cache \(Self.cache)") && run.contains("--format sarif > keydocs.sarif"), "\(run)")
        let upload = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("github/codeql-action/upload-sarif@") == true })
        #expect(upload["if"] as? String == "always()")
        #expect((upload["with"] as? [String: Any])?["sarif_file"] as? String == "keydocs.sarif")
        #expect((workflow["permissions"] as? [String: Any])?["security-events"] as? String == "write")
    }

    @Test func theGitLabJobCachesTheCheckAndReportsCodeQuality() throws {
        let (root, guide) = try newGuide()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = try yaml(guide.appendingPathComponent(".gitlab-ci.yml"))
        let job = try #require(file["docs"] as? [String: Any])
        let cache = try #require(job["cache"] as? [String: Any])
        #expect(cache["paths"] as? [String] == [Self.cache + "/"])
        let script = try #require(job["script"] as? [String])
        #expect(script.first == "keydocs check --strict --cache \(Self.cache) --format gitlab > gl-code-quality-report.json")
        let artifacts = try #require(job["artifacts"] as? [String: Any])
        #expect(artifacts["when"] as? String == "always")
        #expect((artifacts["reports"] as? [String: Any])?["codequality"] as? String == "gl-code-quality-report.json")
        // The cache and the site stay out of the repository.
        let ignored = try String(contentsOf: guide.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(ignored.split(separator: "\n").contains(Substring(Self.cache + "/")))
    }

    /// The hook's command, run as pre-commit runs it (from the guide's root, no file names):
    /// a real check, and the second time every unchanged page comes from the cache.
    @Test func thePreCommitHookRunsACheckWithItsCache() throws {
        let hooks = try #require(try Yams.load(yaml: String(contentsOf: packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"),
                                                                encoding: .utf8)) as? [[String: Any]])
        let hook = try #require(hooks.first { $0["id"] as? String == "keydocs-check" })
        #expect(hook["language"] as? String == "system")
        #expect(hook["pass_filenames"] as? Bool == false)
        let pattern = try Regex(try #require(hook["files"] as? String))
        for changed in ["docs/index.md", "mkdocs.yml", "redirects/en.txt"] { #expect(changed.contains(pattern), "\(changed)") }
        #expect(!"src/app.php".contains(pattern))
        let entry = try #require(hook["entry"] as? String).split(separator: " ").map(String.init)
        #expect(entry.first == "keydocs")
        let (root, guide) = try newGuide()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try keydocs(Array(entry.dropFirst()) + ["--runs", "40"], directory: guide)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(FileManager.default.fileExists(atPath: guide.appendingPathComponent(Self.cache).path))
        let second = try keydocs(Array(entry.dropFirst()) + ["--runs", "40"], directory: guide)
        #expect(second.status == 0)
        #expect((second.stdout + second.stderr).contains("(2 unchanged pages not run again)"), "\(second.stderr)")
        // A broken page fails the hook.
        let page = guide.appendingPathComponent("docs/index.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try text.replacingOccurrences(of: "head -c{{ policy.defaultLength }}", with: "head -c40")
            .write(to: page, atomically: true, encoding: .utf8)
        let broken = try keydocs(Array(entry.dropFirst()) + ["--runs", "40"], directory: guide)
        #expect(broken.status == 1, "\(broken.stderr)")
        #expect((broken.stdout + broken.stderr).contains("[key.too-long]"), "\(broken.stderr)")
        #expect((broken.stdout + broken.stderr).contains("(1 unchanged page not run again)"), "\(broken.stderr)")
    }
}
