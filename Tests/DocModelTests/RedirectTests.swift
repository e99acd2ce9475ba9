import DocModel
import Foundation
import Testing

/// CiviCRM's `redirects/*.txt` lines, read as its publisher reads them: one `from to` pair a line.
@Suite struct RedirectFileTests {
    @Test func pairsCommentsAndBlankLines() {
        let text = "# moved pages\n\ndev-tools/debugging tools/debugging\r\n  old\t\tnew/#part  \n#a comment\n"
        let (rules, findings) = RedirectFile.parse(text, file: "redirects/internal.txt")
        #expect(findings.isEmpty)
        #expect(rules.map(\.source) == ["dev-tools/debugging", "old"])
        #expect(rules.map(\.target) == ["tools/debugging", "new/#part"])
        #expect(rules.map(\.sourceLocation) == [SourceLocation(file: "redirects/internal.txt", line: 3, column: 1),
                                                SourceLocation(file: "redirects/internal.txt", line: 4, column: 3)])
        #expect(rules.map(\.targetLocation) == [SourceLocation(file: "redirects/internal.txt", line: 3, column: 21),
                                                SourceLocation(file: "redirects/internal.txt", line: 4, column: 8)])
    }

    @Test(arguments: [("lonely", 1), ("one two three", 3), ("a b # a comment after a pair", 8)])
    func aLineThatIsNotAPairIsAFinding(line: String, fields: Int) {
        let (rules, findings) = RedirectFile.parse("ok fine\n" + line + "\n", file: "r.txt")
        #expect(rules.count == 1)
        #expect(findings.map(\.rule) == [.redirectInvalid])
        #expect(findings.first?.location == SourceLocation(file: "r.txt", line: 2, column: 1))
        #expect(findings.first?.message.hasSuffix("this one has \(fields)") == true, "\(findings)")
    }
}

/// What each rule becomes, against a small guide's pages and files.
@Suite struct RedirectResolverTests {
    static func docs(useDirectoryURLs: Bool = true) throws -> DocSet {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-redirects-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in ["index.md": "# Home\n", "tools/index.md": "# Tools\n", "tools/git.md": "# Git\n\n## Review\n",
                             "guide/README.md": "# Guide\n", "img/logo.png": "png", "album.html/photo.png": "png"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        var config = SiteConfig()
        config.useDirectoryURLs = useDirectoryURLs
        return try LoadStage(docsFolder: root.path, config: config).run()
    }

    static func rule(_ source: String, _ target: String) -> RedirectRule {
        RedirectRule(source: source, target: target, sourceLocation: SourceLocation(file: "r.txt", line: 1, column: 1),
                     targetLocation: SourceLocation(file: "r.txt", line: 1, column: 9))
    }

    /// Sources are addresses or docs paths; targets are pages, written any of the ways mkdocs and
    /// the publisher accept, or http(s) addresses.
    @Test(arguments: [
        ("old", "tools/git", "old/index.html", Redirect.Target.page("tools/git.md", fragment: nil)),
        ("/old/", "/tools/git/", "old/index.html", .page("tools/git.md", fragment: nil)),
        ("old.md", "tools/git.md#review", "old/index.html", .page("tools/git.md", fragment: "review")),
        ("a/b/old", "tools", "a/b/old/index.html", .page("tools/index.md", fragment: nil)),
        ("old", "tools/", "old/index.html", .page("tools/index.md", fragment: nil)),
        ("old", "/", "old/index.html", .page("index.md", fragment: nil)),
        ("old", "guide", "old/index.html", .page("guide/README.md", fragment: nil)),
        ("old/README.md", "index.md", "old/index.html", .page("index.md", fragment: nil)),
        ("Multi%2C+Sites", "tools", "Multi,+Sites/index.html", .page("tools/index.md", fragment: nil)),
        ("old", "HTTPS://example.org/a?b=1&c=2#d", "old/index.html", .external("HTTPS://example.org/a?b=1&c=2#d")),
        ("old", "http://example.org", "old/index.html", .external("http://example.org")),
    ])
    func rulesResolve(source: String, target: String, output: String, expected: Redirect.Target) throws {
        let (redirects, findings) = RedirectResolver(docs: try Self.docs()).resolve([Self.rule(source, target)])
        #expect(findings.isEmpty, "\(findings)")
        #expect(redirects.map(\.output) == [output])
        #expect(redirects.map(\.target) == [expected])
    }

    @Test func withoutDirectoryURLsARedirectIsAnHTMLFile() throws {
        let (redirects, _) = RedirectResolver(docs: try Self.docs(useDirectoryURLs: false)).resolve([Self.rule("a/old", "index")])
        #expect(redirects.map(\.output) == ["a/old.html"])
    }

    /// Every way out of the site, or into a script, is refused at the place that names it.
    @Test(arguments: [
        ("../old", "index", 1), ("old", "tools/../index", 9), ("old..", "index", 1), ("%2e%2e/old", "index", 1),
        ("old", "%2e%2e/index", 9), ("old", "javascript:alert(1)", 9), ("old", "JavaScript:alert(1)", 9), ("old", "data:text/html,x", 9),
        ("old", "vbscript:x", 9), ("old", "//evil.example/", 9), ("old", "mailto:a@example.org", 9), ("old", "ftp://example.org/", 9),
        ("old", "#review", 9), ("old", "https://example.org/\"onload=\"x", 9), ("old", "https://example.org/<script>", 9),
        ("old", "https:///nohost", 9), ("old", "tools?x=1", 9), (".git/x", "index", 1), ("a/.hidden", "index", 1), ("/", "index", 1),
        ("a%0Ab", "index", 1), ("a\\b", "index", 1), ("old?x=1", "index", 1), ("old#x", "index", 1),
        (String(repeating: "x", count: 300), "index", 1),
    ])
    func refusedRules(source: String, target: String, column: Int) throws {
        let (redirects, findings) = RedirectResolver(docs: try Self.docs()).resolve([Self.rule(source, target)])
        #expect(redirects.isEmpty)
        #expect(findings.map(\.rule) == [.redirectInvalid], "\(source) \(target): \(findings)")
        #expect(findings.first?.location.column == column)
    }

    /// A page, a file or an earlier rule keeps its address (the first rule for an address wins,
    /// whatever its target, as in CiviCRM's publisher); a missing target is a broken link.
    @Test func conflictsAndMissingPages() throws {
        let rules = [Self.rule("tools", "index"), Self.rule("tools/git", "index"), Self.rule("index", "tools"),
                     Self.rule("img/logo.png/x", "index"), Self.rule("img", "index"), Self.rule("moved", "tools"),
                     Self.rule("moved", "index"), Self.rule("gone", "no/such/page"), Self.rule("gone.md", "index"),
                     Self.rule("missing.md", "nowhere.md"), Self.rule("anchor", "tools/git#no-such-heading")]
        let docs = try Self.docs()
        let (redirects, findings) = RedirectResolver(docs: docs).resolve(rules)
        #expect(findings.map(\.rule) == [.redirectShadowed, .redirectShadowed, .redirectShadowed, .redirectShadowed, .redirectShadowed,
                                         .linkBroken, .redirectShadowed, .linkBroken, .linkBroken])
        guard findings.count == 9 else { return }
        #expect(findings[0].message.contains("the page \(docs.docsFolder)/tools/index.md already takes tools/index.html"), "\(findings[0])")
        #expect(findings[3].message.contains("the file \(docs.docsFolder)/img/logo.png"), "\(findings[3])")
        #expect(findings[4].message.contains("the redirect at r.txt:1:1"), "\(findings[4])")
        #expect(findings[5].message.hasSuffix("no page no/such/page.md, no/such/page/index.md or no/such/page/README.md in \(docs.docsFolder)"),
                "\(findings[5])")
        #expect(findings[7].message == "redirect to 'nowhere.md': no page nowhere.md in \(docs.docsFolder)", "\(findings[7])")
        #expect(findings[8].message.hasSuffix("tools/git.md has no heading with the anchor '#no-such-heading'"), "\(findings[8])")
        // Written: one in a folder of files, the first "moved", and the one whose anchor is
        // missing on a page that is not.
        #expect(redirects.map(\.output) == ["img/index.html", "moved/index.html", "anchor/index.html"])
    }

    /// A target that is another rule's old address leads where that rule leads, in one step;
    /// a file of the site names its page.
    @Test func chainsLeadToTheirEnd() throws {
        let rules = [Self.rule("a", "b#review"), Self.rule("b", "c"), Self.rule("c", "tools/git.md"), Self.rule("d", "e"),
                     Self.rule("e", "https://example.org/"), Self.rule("f", "index.html"), Self.rule("g", "tools/index.html"),
                     Self.rule("h", "tools/git.html"), Self.rule("i", "c#nowhere")]
        let (redirects, findings) = RedirectResolver(docs: try Self.docs()).resolve(rules)
        #expect(findings.map(\.rule) == [.linkBroken], "\(findings)")
        #expect(redirects.map(\.target) == [.page("tools/git.md", fragment: "review"), .page("tools/git.md", fragment: nil),
                                            .page("tools/git.md", fragment: nil), .external("https://example.org/"),
                                            .external("https://example.org/"), .page("index.md", fragment: nil),
                                            .page("tools/index.md", fragment: nil), .page("tools/git.md", fragment: nil),
                                            .page("tools/git.md", fragment: "nowhere")])
    }

    /// Rules that lead back to themselves are refused, and so is what leads into them; a rule
    /// that leads to one that is not written is broken.
    @Test func circlesAreRefused() throws {
        let rules = [Self.rule("self", "self"), Self.rule("a", "b"), Self.rule("b", "a"), Self.rule("into", "a"),
                     Self.rule("x", "y"), Self.rule("y", "javascript:alert(1)")]
        let (redirects, findings) = RedirectResolver(docs: try Self.docs()).resolve(rules)
        #expect(redirects.isEmpty)
        #expect(findings.map(\.rule) == [.redirectInvalid, .redirectInvalid, .redirectInvalid, .redirectInvalid, .linkBroken, .redirectInvalid])
        #expect(findings.first?.message.contains("lead in a circle") == true)
        #expect(findings[4].message.contains("which leads to no page"), "\(findings[4])")
    }

    /// However long a chain a guide writes, it is followed without exhausting the stack.
    @Test func aLongChainIsFollowed() throws {
        let count = 50_000
        let rules = (0..<count).map { Self.rule("r\($0)", $0 == count - 1 ? "tools" : "r\($0 + 1)") }
        let (redirects, findings) = RedirectResolver(docs: try Self.docs()).resolve(rules)
        #expect(findings.isEmpty)
        #expect(redirects.count == count)
        #expect(redirects.allSatisfy { $0.target == .page("tools/index.md", fragment: nil) })
    }

    /// Without directory URLs a redirect is `old.html`, which may not be a folder of the site.
    @Test func aRedirectIsNoFolder() throws {
        let (redirects, findings) = RedirectResolver(docs: try Self.docs(useDirectoryURLs: false)).resolve([Self.rule("album", "index")])
        #expect(redirects.isEmpty)
        #expect(findings.map(\.rule) == [.redirectShadowed])
        #expect(findings.first?.message.contains("album.html is a folder of the site") == true, "\(findings)")
    }

    /// mkdocs-redirects' map in mkdocs.yml, with places: the source's for the key, the target's for the value.
    @Test func redirectMapsCarryTheirPlaces() throws {
        let config = try SiteConfig.parse("""
            plugins:
              - redirects:
                  redirect_maps:
                    old.md: index.md
                    'two words.md': "https://example.org/"
                    bad.md: [a, b]
            """, path: "mkdocs.yml")
        #expect(config.redirectMaps.map(\.source) == ["old.md", "two words.md"])
        #expect(config.redirectMaps.first?.sourceLocation == SourceLocation(file: "mkdocs.yml", line: 4, column: 9))
        #expect(config.redirectMaps.first?.targetLocation == SourceLocation(file: "mkdocs.yml", line: 4, column: 17))
        #expect(config.notes.map(\.rule) == [.redirectInvalid])
        #expect(config.notes.first?.location.line == 6)
    }
}
