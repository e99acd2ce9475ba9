import Foundation
import Testing

/// Paths that a guide names lead inside the project wherever their links go; only the command
/// line may name a folder elsewhere, and then keydocs makes no folder there and changes no mode.
@Suite struct ConfinementTests {
    /// A project (docs with one page, a config) and, beside it, a folder that stands for the
    /// rest of the machine: a home folder with hidden files only.
    func layout(config: String) throws -> (root: URL, project: URL, outside: URL) {
        let root = try temporaryFolder()
        let fm = FileManager.default
        let project = root.appendingPathComponent("project"), outside = root.appendingPathComponent("home")
        try fm.createDirectory(at: project.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try fm.createDirectory(at: outside.appendingPathComponent(".ssh"), withIntermediateDirectories: true)
        try "# Home\n\nHello.\n".write(to: project.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        try "[core]\n\tfsmonitor = evil\n".write(to: project.appendingPathComponent("docs/config"), atomically: true, encoding: .utf8)
        try "alias ls=rm\n".write(to: outside.appendingPathComponent(".bashrc"), atomically: true, encoding: .utf8)
        try "# secret page\n".write(to: outside.appendingPathComponent("secret.md"), atomically: true, encoding: .utf8)
        chmod(outside.path, 0o700)
        try config.write(to: project.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        return (root, project, outside)
    }

    func mode(_ url: URL) -> mode_t {
        var info = stat()
        return lstat(url.path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    /// Each `site_dir` leads out of the project: absolute, by `..`, through a committed link,
    /// through `..` after a link, into a folder that does not exist yet.
    @Test(arguments: [
        "site_dir: {OUT}/.config/git\n",
        "site_dir: ../home/.config/git\n",
        "site_dir: sub/../../home/new\n",
        "site_dir: up/site\n",
        "site_dir: inner/../../home/made\n",
        "site_dir: up\n",
        "site_dir: ../home\n",
    ])
    func aSiteDirOutsideTheProjectIsRefused(_ line: String) throws {
        let (root, project, outside) = try layout(config: "")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("up").path, withDestinationPath: "../home")
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("inner").path, withDestinationPath: "docs")
        try ("site_name: T\n" + line.replacingOccurrences(of: "{OUT}", with: outside.path))
            .write(to: project.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let before = try folderContents(outside)
        let run = try keydocs(["build", "--no-check"], directory: project)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("error: site_dir '") && run.stderr.contains("outside the config file's folder"), "\(run.stderr)")
        #expect(try folderContents(outside) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).sorted() == [".bashrc", ".ssh", "secret.md"])
        #expect(mode(outside) == 0o700)
    }

    /// `docs_dir` is judged by where it leads: a committed link to a folder outside, one hidden
    /// in a dot folder, `..` after a link. Nothing of the outside folder is read or published.
    @Test(arguments: [
        ("docs_dir: vroot\n", "vroot", "../home"),
        ("docs_dir: .l/up/home\n", ".l/up", "../.."),
        ("docs_dir: ../home\n", "unused", "docs"),
        ("docs_dir: in/../../home\n", "in", "docs"),
    ])
    func aDocsDirLinkOutsideTheProjectIsRefused(_ line: String, _ link: String, _ target: String) throws {
        let (root, project, _) = try layout(config: "site_name: T\n" + line)
        defer { try? FileManager.default.removeItem(at: root) }
        let linkURL = project.appendingPathComponent(link)
        try FileManager.default.createDirectory(at: linkURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linkURL.path, withDestinationPath: target)
        for command in [["build", "--no-check"], ["check"]] {
            let run = try keydocs(command, directory: project)
            #expect(run.status == 2, "\(command): \(run.stderr)")
            #expect(run.stderr.contains("error: docs_dir '"), "\(run.stderr)")
            #expect(!run.stderr.contains("secret"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    /// A link that stays inside the project is followed as before.
    @Test func aDocsDirLinkInsideTheProjectIsFollowed() throws {
        let (root, project, _) = try layout(config: "site_name: T\ndocs_dir: pages\n")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("pages").path, withDestinationPath: "docs")
        let run = try keydocs(["build", "--no-check"], directory: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/index.html").path))
    }

    /// A folder with hidden files of its own is not empty: a home folder is never taken over,
    /// even when the command line names it.
    @Test(arguments: [[".bashrc"], [".ssh"], [".profile", ".cache"], [".well-known"], [".keydocs-site-not"]])
    func aFolderWithHiddenFilesIsNotEmpty(_ names: [String]) throws {
        let (root, project, _) = try layout(config: "site_name: T\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in names {
            if name.contains("ssh") || name.contains("cache") {
                try FileManager.default.createDirectory(at: target.appendingPathComponent(name), withIntermediateDirectories: true)
            } else {
                try Data("x\n".utf8).write(to: target.appendingPathComponent(name))
            }
        }
        chmod(target.path, 0o700)
        let before = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        let run = try keydocs(["build", "--no-check", "--site", target.path], directory: project)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("it holds files that keydocs did not write"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).sorted() == before)
        #expect(mode(target) == 0o700)
    }

    /// An empty folder named on the command line becomes the site and keeps its mode; the
    /// files a published site keeps stay.
    @Test(arguments: [[], [".git"], [".nojekyll", "CNAME"]])
    func anEmptyFolderKeepsItsMode(_ names: [String]) throws {
        let (root, project, _) = try layout(config: "site_name: T\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let target = root.appendingPathComponent("published")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in names { try Data("x\n".utf8).write(to: target.appendingPathComponent(name)) }
        chmod(target.path, 0o750)
        let run = try keydocs(["build", "--no-check", "--site", target.path], directory: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("index.html").path))
        #expect(mode(target) == 0o750)
        for name in names { #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent(name).path)) }
    }

    /// The command line may name a folder outside the project, but keydocs creates no folder
    /// there: its parent must exist. Inside the project, missing folders are made.
    @Test func noFolderIsCreatedOutsideTheProject() throws {
        let (root, project, outside) = try layout(config: "site_name: T\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try keydocs(["build", "--no-check", "--site", outside.path + "/.config/git/site"], directory: project)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("does not exist; keydocs creates missing folders only inside the project"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: outside.appendingPathComponent(".config").path))
        let inside = try keydocs(["build", "--no-check", "--site", "out/deep/site"], directory: project)
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("out/deep/site/index.html").path))
        let config = try keydocs(["build", "--no-check"], directory: project,
                                 environment: ProcessInfo.processInfo.environment)
        #expect(config.status == 0, "\(config.stderr)")
        try "site_name: T\nsite_dir: build/html\n".write(to: project.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let nested = try keydocs(["build", "--no-check"], directory: project)
        #expect(nested.status == 0, "\(nested.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("build/html/index.html").path))
    }

    /// Links inside the docs cannot multiply the site: each folder is read once, so nine
    /// levels of three links to the next level copy the file at the bottom once, not 3^8 times.
    @Test func linksCannotMultiplyTheSite() throws {
        let (root, project, _) = try layout(config: "site_name: T\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let docs = project.appendingPathComponent("docs")
        for level in 0...8 {
            let folder = docs.appendingPathComponent("l\(level)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            if level < 8 {
                for k in 0..<3 {
                    try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("x\(k)").path, withDestinationPath: "../l\(level + 1)")
                }
            }
        }
        try "# Bottom\n".write(to: docs.appendingPathComponent("l8/page.md"), atomically: true, encoding: .utf8)
        let run = try keydocs(["build", "--no-check"], directory: project)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("a symbolic link to a folder that the docs already hold"))
        let pages = try FileManager.default.subpathsOfDirectory(atPath: project.appendingPathComponent("site").path)
            .filter { $0.hasSuffix("index.html") }
        #expect(pages.count < 10, "\(pages.count) pages")
    }
}
