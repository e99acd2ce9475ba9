import DocModel
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func readsTheKeysAndNotesTheRest() throws {
        let config = try SiteConfig.parse("""
            site_name: Guide
            site_url: https://example.org/guide/
            use_directory_urls: false
            plugins: [search, minify]
            nav:
              - index.md
              - Keys: keys.md
              - Section:
                  - Deep: a/b.md
              - Elsewhere: https://example.org
            """, path: "mkdocs.yml")
        #expect(config.siteName == "Guide")
        #expect(config.useDirectoryURLs == false)
        #expect(config.nav == [
            .page(title: nil, path: "index.md", line: 6),
            .page(title: "Keys", path: "keys.md", line: 7),
            .section(title: "Section", children: [.page(title: "Deep", path: "a/b.md", line: 9)], line: 8),
            .link(title: "Elsewhere", url: "https://example.org", line: 10),
        ])
        #expect(config.notes.map(\.location.line) == [4])
        #expect(config.notes.first?.message.contains("plugins") == true)
    }

    /// What keydocs does not honour is one note that lists every key and plugin, at the first
    /// one's place; the plugins keydocs does honour (its own search, mkdocs-redirects) are not in it.
    @Test func oneNoteListsEverythingIgnored() throws {
        let config = try SiteConfig.parse("""
            site_name: Guide
            site_author: Someone
            theme:
              name: material
              palette:
                primary: indigo
            plugins:
              - search:
                  lang: en
              - redirects:
                  redirect_maps:
                    old.md: index.md
              - git-revision-date
              - minify:
                  minify_html: true
            extra_css:
              - extra.css
            """, path: "mkdocs.yml")
        let ignored = config.notes.filter { $0.rule == .configIgnored }
        #expect(ignored.count == 1)
        let note = try #require(ignored.first)
        #expect(note.location == SourceLocation(file: "mkdocs.yml", line: 2, column: 1))
        #expect(note.severity == .note)
        #expect(note.message == "not used by keydocs and ignored: site_author, plugins git-revision-date and minify, extra_css", "\(note.message)")
        #expect(config.redirectMaps.map(\.source) == ["old.md"])
    }

    /// Plugins alone, or a theme alone, are one note too; a config keydocs reads whole has none.
    @Test(arguments: [("plugins:\n  - search\n  - social\n", "not used by keydocs and ignored: plugins social", 3),
                      ("theme: readthedocs\n", "not used by keydocs and ignored: theme readthedocs", 1),
                      ("plugins:\n  - search\n", nil, 0),
                      ("plugins: [search, material/search]\n", nil, 0),
                      ("plugins: [search, redirects]\n", nil, 0)] as [(String, String?, Int)])
    func ignoredPluginsAndThemesAreOneNote(text: String, message: String?, line: Int) throws {
        let config = try SiteConfig.parse(text, path: "mkdocs.yml")
        let ignored = config.notes.filter { $0.rule == .configIgnored }
        #expect(ignored.map(\.message) == (message.map { [$0] } ?? []))
        if message != nil { #expect(ignored.first?.location.line == line) }
    }

    /// `markdown_extensions` as CiviCRM's guides write it: names, and names with options.
    @Test func readsMarkdownExtensionsAndNotesUnknownOnes() throws {
        let config = try SiteConfig.parse("""
            markdown_extensions:
              - attr_list
              - admonition
              - toc:
                  permalink: true
                  toc_depth: 3
              - pymdownx.superfences:
                  css_class: codehilite
              - pymdownx.emoji
              - pymdownx.critic
            """, path: "mkdocs.yml")
        #expect(config.markdown.has(.attrList) && config.markdown.has(.admonition) && config.markdown.permalink)
        #expect(config.markdown.tocDepth == 3)
        #expect(!config.markdown.has(.details) && !config.markdown.has(.defList))
        #expect(config.notes.map(\.rule) == [.configExtension, .configExtension])
        #expect(config.notes.map(\.location.line) == [9, 10])
        #expect(config.notes.first?.message.contains("'pymdownx.emoji'") == true)
    }

    @Test(arguments: [("site_name: [unclosed", 2), ("nav: index.md", 1), ("use_directory_urls: maybe", 1), ("- a\n- b", 1)])
    func badConfigsAreErrorsWithALine(text: String, line: Int) {
        do {
            _ = try SiteConfig.parse(text, path: "mkdocs.yml")
            Issue.record("\(text) must be refused")
        } catch {
            #expect(error.line == line)
            #expect(error.path == "mkdocs.yml")
        }
    }
}

@Suite struct LoadStageTests {
    func folder(_ files: [String: Data]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-load-\(UUID().uuidString)")
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return root
    }

    @Test func loadsPagesAssetsAndADefaultNav() throws {
        let root = try folder([
            "index.md": Data("# Home\n".utf8), "b.md": Data("# Bee\n".utf8), "sub/c.md": Data("no heading\n".utf8),
            "img/x.png": Data([0x89, 0x50]), ".hidden.md": Data("# Hidden\n".utf8),
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let docs = try LoadStage(docsFolder: root.path, config: SiteConfig()).run()
        #expect(docs.pages.map(\.docsPath) == ["b.md", "index.md", "sub/c.md"])
        #expect(docs.assets == ["img/x.png"])
        #expect(docs.pages.map(\.title) == ["Bee", "Home", "C"])
        #expect(docs.nav == [.page(title: "Home", path: "index.md"), .page(title: "Bee", path: "b.md"),
                             .section(title: "Sub", children: [.page(title: "C", path: "sub/c.md")])])
        #expect(docs.readingOrder == ["index.md", "b.md", "sub/c.md"])
    }

    @Test func invalidUTF8NamesTheFileAndLine() throws {
        let root = try folder(["bad.md": Data("# ok\nline two\n".utf8) + Data([0xC3, 0x28])])
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try LoadStage(docsFolder: root.path, config: SiteConfig()).run()
            Issue.record("invalid UTF-8 must be refused")
        } catch {
            #expect(error.path.hasSuffix("bad.md"))
            #expect(error.line == 3)
            #expect(error.reason.contains("UTF-8"))
        }
    }

    @Test func binaryFilesAreRefused() throws {
        let root = try folder(["bin.md": Data([0x7F, 0x45, 0x0A, 0x4C, 0x46, 0x00, 0x01])])
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try LoadStage(docsFolder: root.path, config: SiteConfig()).run()
            Issue.record("a binary file must be refused")
        } catch {
            #expect(error.stage == .load)
            #expect(error.path == root.path + "/bin.md")
            #expect(error.line == 2)
            #expect(error.reason == "a binary file, not Markdown (NUL byte at offset 5)")
        }
    }

    /// A load with a cache reads only the pages whose files changed, and all of them when what
    /// pages are converted with changes.
    @Test func aCachedLoadReadsOnlyChangedPages() throws {
        let root = try folder(["index.md": Data("# Home\n\n[B](b.md)\n".utf8), "b.md": Data("# Bee\n".utf8), "c.md": Data("# Sea\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = PageCache()
        let first = try LoadStage(docsFolder: root.path, config: SiteConfig()).run(reusing: cache)
        #expect(cache.counts == (reused: 0, read: 3))
        let second = try LoadStage(docsFolder: root.path, config: SiteConfig()).run(reusing: cache)
        #expect(cache.counts == (reused: 3, read: 0))
        #expect(second.pages == first.pages)

        try Data("# Bee\n\nMore.\n".utf8).write(to: root.appendingPathComponent("b.md"))
        let third = try LoadStage(docsFolder: root.path, config: SiteConfig()).run(reusing: cache)
        #expect(cache.counts == (reused: 2, read: 1))
        #expect(third.pages.first { $0.docsPath == "b.md" }?.sections.contains { $0.text.contains("More.") } == true)

        // Links are written for the URL style: another style converts every page again.
        var flat = SiteConfig()
        flat.useDirectoryURLs = false
        let fourth = try LoadStage(docsFolder: root.path, config: flat).run(reusing: cache)
        #expect(cache.counts == (reused: 0, read: 3))
        #expect(fourth.pages.first { $0.docsPath == "index.md" } != third.pages.first { $0.docsPath == "index.md" })
    }

    @Test func aNavEntryForAMissingPageIsAnError() throws {
        let root = try folder(["index.md": Data("# Home\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        let config = try SiteConfig.parse("nav:\n  - index.md\n  - Gone: gone.md\n", path: "mkdocs.yml")
        do {
            _ = try LoadStage(docsFolder: root.path, config: config, configPath: "mkdocs.yml").run()
            Issue.record("a missing nav page must be refused")
        } catch {
            #expect(error.path == "mkdocs.yml")
            #expect(error.line == 3)
        }
    }

    @Test func aSymlinkLoopIsAnError() throws {
        let root = try folder(["index.md": Data("# Home\n".utf8)])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("loop").path, withDestinationPath: root.path)
        do {
            _ = try LoadStage(docsFolder: root.path, config: SiteConfig()).run()
            Issue.record("a symlink loop must be refused")
        } catch {
            #expect(error.reason.contains("loop"))
        }
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: DocError.self) { try LoadStage(docsFolder: "/nonexistent/docs", config: SiteConfig()).run() }
    }
}
