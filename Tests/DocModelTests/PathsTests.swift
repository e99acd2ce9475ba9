import DocModel
import Testing

@Suite struct PathsTests {
    let directory = SitePaths(useDirectoryURLs: true)
    let files = SitePaths(useDirectoryURLs: false)

    @Test func outputPaths() {
        #expect(directory.outputPath(ofPage: "index.md") == "index.html")
        #expect(directory.outputPath(ofPage: "a.md") == "a/index.html")
        #expect(directory.outputPath(ofPage: "dir/index.md") == "dir/index.html")
        #expect(directory.outputPath(ofPage: "dir/b.md") == "dir/b/index.html")
        #expect(files.outputPath(ofPage: "dir/b.md") == "dir/b.html")
    }

    @Test func rewrittenLinks() {
        #expect(directory.rewrite("b.md#x", onPage: "dir/a.md") == "../b/#x")
        #expect(directory.rewrite("../index.md", onPage: "dir/a.md") == "../../")
        #expect(files.rewrite("b.md#x", onPage: "dir/a.md") == "b.html#x")
        #expect(files.rewrite("../img/p.png", onPage: "dir/a.md") == "../img/p.png")
        #expect(directory.rewrite("img/p.png", onPage: "a.md") == "../img/p.png")
        #expect(directory.rewrite("https://example.org/a.md", onPage: "a.md") == nil)
        #expect(directory.rewrite("#anchor", onPage: "a.md") == nil)
    }

    @Test func targets() {
        #expect(SitePaths.target(of: "../../etc/passwd", onPage: "a.md") == .outside)
        #expect(SitePaths.target(of: "mailto:a@b.c", onPage: "a.md") == .external)
        #expect(SitePaths.target(of: "/abs", onPage: "a.md") == .absolute)
        #expect(SitePaths.target(of: "x%20y.md", onPage: "d/a.md") == .file(path: "d/x y.md", fragment: nil))
    }
}

@Suite struct VariablesTests {
    let variables = Variables(values: ["policy.maxLength": "32"], namespaces: ["policy"])

    @Test func knownNamesAreReplaced() throws {
        #expect(try variables.apply(to: "at most {{ policy.maxLength }} and {{policy.maxLength}}", file: "f") == "at most 32 and 32")
    }

    @Test func otherBracesStay() throws {
        #expect(try variables.apply(to: "{{ site.name }} {{ x", file: "f") == "{{ site.name }} {{ x")
    }

    @Test func unknownNamesInTheNamespaceAreErrors() {
        #expect(throws: DocError.self) { try variables.apply(to: "a\n{{ policy.maxLenght }}", file: "f") }
        do {
            _ = try variables.apply(to: "a\n{{ policy.maxLenght }}", file: "f")
        } catch {
            #expect(error.line == 2)
            #expect(error.reason.contains("policy.maxLength"))
        }
    }
}
