import Foundation
import Testing

/// Bad input gives a clear message with its place and a non-zero exit, or a correct build.
@Suite struct BadInputTests {
    func project(_ files: [String: Data], config: String? = nil) throws -> URL {
        let root = try temporaryFolder()
        for (path, data) in files {
            let url = root.appendingPathComponent("docs").appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        if let config { try config.write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8) }
        return root
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let name: String
        let files: [String: Data]
        let config: String?
        let message: String
        var testDescription: String { name }
    }

    static let failures: [Failure] = [
        Failure(name: "invalid UTF-8", files: ["index.md": Data("# Hi\n".utf8) + Data([0xFF, 0xFE, 0x0A])], config: nil,
                message: "docs/index.md:2: error: not valid UTF-8"),
        Failure(name: "a binary file named .md", files: ["index.md": Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x00, 0x00])], config: nil,
                message: "docs/index.md:1: error: a binary file, not Markdown"),
        Failure(name: "a config that is not YAML", files: ["index.md": Data("# Hi\n".utf8)], config: "nav:\n  - [unclosed\n",
                message: "mkdocs.yml:3: error: not valid YAML"),
        Failure(name: "a nav entry for a missing page", files: ["index.md": Data("# Hi\n".utf8)], config: "nav:\n  - index.md\n  - Gone: gone.md\n",
                message: "mkdocs.yml:3: error: nav names 'gone.md', which is not a page in docs"),
        Failure(name: "a nav entry with an absolute path", files: ["index.md": Data("# Hi\n".utf8)], config: "nav:\n  - Root: /etc/passwd\n",
                message: "mkdocs.yml:2: error: nav entry '/etc/passwd' must be a path inside docs"),
        Failure(name: "nested YAML aliases (billion laughs)", files: ["index.md": Data("# Hi\n".utf8)],
                config: "nav:\n  - &a {a: [x.md,x.md,x.md,x.md,x.md,x.md,x.md,x.md,x.md]}\n"
                    + (1..<9).map { k in "  - &\(k) {\(k): [" + Array(repeating: k == 1 ? "*a" : "*\(k - 1)", count: 9).joined(separator: ",") + "]}\n" }.joined(),
                message: "mkdocs.yml:7: error: YAML aliases here would add more than 100,000 values"),
        Failure(name: "an unknown policy variable", files: ["index.md": Data("# Hi\n\nAt most {{ policy.maxLenght }}.\n".utf8)], config: nil,
                message: "docs/index.md:3: error: unknown variable 'policy.maxLenght'"),
    ]

    @Test(arguments: failures)
    func refusedWithItsPlace(_ failure: Failure) throws {
        let root = try project(failure.files, config: failure.config)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix(failure.message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
    }

    @Test func aSymlinkLoopIsRefused() throws {
        let root = try project(["index.md": Data("# Hi\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("docs/loop").path,
                                                   withDestinationPath: root.appendingPathComponent("docs").path)
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("docs/loop: error: a symbolic link loop"))
    }

    /// Inputs that are odd but valid build correctly, and quickly.
    @Test func oddButValidInputBuilds() throws {
        let big = String(repeating: "Some text with *emphasis* and a [link](index.md).\n\n", count: 200_000)
        let root = try project([
            "index.md": Data("# Hi\n\n[out](../../etc/passwd)\n\n<script>alert(1)</script>\n".utf8),
            "empty.md": Data(),
            "quotes.md": Data(("# Deep\n\n" + String(repeating: "> ", count: 20_000) + "deep\n").utf8),
            "brackets.md": Data(("# Brackets\n\n" + String(repeating: "[", count: 20_000) + "x" + String(repeating: "]", count: 20_000) + "\n").utf8),
            "big.md": Data(("# Big\n\n" + big).utf8),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let start = Date()
        let run = try keydocs(["build", "--no-check"], directory: root)
        #expect(Date().timeIntervalSince(start) < 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("docs/index.md:3:1: warning: link 'out' points outside docs") || run.stderr.contains("link '../../etc/passwd' points outside docs"))
        let index = try String(contentsOf: root.appendingPathComponent("site/index.html"), encoding: .utf8)
        #expect(index.contains("&lt;script>alert(1)&lt;/script>"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/empty/index.html").path))
        let strict = try keydocs(["build", "--no-check", "--strict"], directory: root)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("error: link '../../etc/passwd' points outside docs [link.outside]"))
    }
}
