import Foundation
import Testing

/// A guide written in French (Fixtures/french), built by the binary: its pages speak French,
/// and its search, run in headless Chromium, folds accents and splits elisions.
@Suite(.serialized) struct TranslatedSiteTests {
    static let fixture = packageRoot.appendingPathComponent("Tests/keydocsTests/Fixtures/french")

    /// The fixture built with its config's `language: fr` replaced by `language`; the site and
    /// the build's stderr.
    static func build(language: String = "fr") throws -> (site: URL, stderr: String) {
        let folder = try temporaryFolder()
        try FileManager.default.copyItem(at: fixture.appendingPathComponent("docs"), to: folder.appendingPathComponent("docs"))
        let config = try String(contentsOf: fixture.appendingPathComponent("mkdocs.yml"), encoding: .utf8)
        try config.replacingOccurrences(of: "language: fr", with: "language: \(language)")
            .write(to: folder.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let run = try keydocs(["build", "--no-check"], directory: folder)
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return (folder.appendingPathComponent("site"), run.stderr)
    }

    static let french = Result { try build() }

    // MARK: - Search

    /// What a search for each query in `queries` shows: the pages' titles, the count line and
    /// the words marked.
    func search(_ queries: [String: String]) throws -> [String: [String: Any]] {
        let site = try Self.french.get().site
        let asks = queries.map { name, query in "report(\(name.debugDescription), ask(\(query.debugDescription)));" }.joined(separator: "\n")
        let m = try SiteLayoutTests.measure(site: site, width: 1280, height: 900, steps: """
            load('index.html', function (d, w) {
              var input = d.getElementById('search-input');
              function ask(q) {
                input.value = q;
                input.dispatchEvent(new w.Event('input'));
                return {
                  pages: Array.prototype.map.call(d.querySelectorAll('#search-results .result-page-title .result-title'), function (e) { return e.textContent; }),
                  count: (d.querySelector('#search-results .result-count') || d.querySelector('#search-results .empty') || { textContent: '' }).textContent,
                  marked: Array.prototype.map.call(d.querySelectorAll('#search-results mark'), function (e) { return e.textContent; })
                };
              }
              \(asks)
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        var results: [String: [String: Any]] = [:]
        for name in queries.keys { results[name] = try #require(m[name] as? [String: Any], "\(name): \(m)") }
        return results
    }

    /// Accents are folded in the index and in the query: typed without them, or with them,
    /// the words are found, and marked as the page writes them.
    @Test func searchFoldsAccents() throws {
        let r = try search([
            "plain": "reglage", "accented": "réglage", "capital": "REGLAGE", "umlaut": "Ubersicht", "sharp": "strasse",
            "ligature": "oeuvre", "ae": "encyclopaedia", "stroke": "lodz", "accentedQuery": "Lódź", "none": "zèbre",
        ])
        for name in ["plain", "accented", "capital"] {
            #expect(r[name]?["pages"] as? [String] == ["Réglages"], "\(name): \(r[name] ?? [:])")
            #expect((r[name]?["marked"] as? [String])?.contains("réglage") == true, "\(name): \(r[name] ?? [:])")
        }
        #expect(r["umlaut"]?["pages"] as? [String] == ["Réglages"])
        #expect((r["umlaut"]?["marked"] as? [String])?.contains("Übersicht") == true, "\(r["umlaut"] ?? [:])")
        #expect(r["sharp"]?["pages"] as? [String] == ["Réglages"], "\(r["sharp"] ?? [:])")
        #expect((r["sharp"]?["marked"] as? [String])?.contains("Straße") == true, "\(r["sharp"] ?? [:])")
        for name in ["ligature", "ae", "stroke", "accentedQuery"] {
            #expect(r[name]?["pages"] as? [String] == ["Autres lettres"], "\(name): \(r[name] ?? [:])")
        }
        #expect((r["ligature"]?["marked"] as? [String]) == ["œuvre"], "\(r["ligature"] ?? [:])")
        #expect((r["stroke"]?["marked"] as? [String]) == ["Łódź"], "\(r["stroke"] ?? [:])")
        // The count and the empty result in the site's language.
        #expect(r["plain"]?["count"] as? String == "1 page, 1 section", "\(r["plain"] ?? [:])")
        #expect(r["none"]?["count"] as? String == "Aucun résultat")
    }

    /// An elided article or preposition is not a word: "installation" finds "l'installation"
    /// and "l’installation" (either apostrophe), "acces" finds "d'accès", and the query
    /// "l'installation" finds what "installation" finds.
    @Test func searchSplitsElisions() throws {
        let r = try search(["word": "installation", "elided": "l'installation", "curly": "l’installation", "access": "acces",
                            "particle": "d'acces", "prefix": "instal"])
        for name in ["word", "elided", "curly", "prefix"] {
            #expect(r[name]?["pages"] as? [String] == ["Réglages"], "\(name): \(r[name] ?? [:])")
            // In the heading (straight apostrophe) and in the text (curly one): two sections.
            #expect(r[name]?["count"] as? String == "1 page, 2 sections", "\(name): \(r[name] ?? [:])")
            #expect((r[name]?["marked"] as? [String])?.allSatisfy { $0 == "installation" } == true, "\(name): \(r[name] ?? [:])")
        }
        for name in ["access", "particle"] {
            #expect(r[name]?["pages"] as? [String] == ["Réglages"], "\(name): \(r[name] ?? [:])")
            #expect((r[name]?["marked"] as? [String]) == ["accès"], "\(name): \(r[name] ?? [:])")
        }
    }

    // MARK: - The pages

    /// Every page the build writes carries the language, and the build says nothing about it.
    @Test func everyPageSaysItIsFrench() throws {
        let (site, stderr) = try Self.french.get()
        #expect(!stderr.contains("language"), "\(stderr)")
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".html") }
        #expect(Set(pages).isSuperset(of: ["index.html", "404.html", "site-map.html", "ancien/index.html", "reglages/index.html"]), "\(pages)")
        for page in pages {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            #expect(html.contains("<html lang=\"fr\""), "\(page)")
        }
        let home = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("placeholder=\"Rechercher\""))
        #expect(home.contains(">Aller au contenu<"))
    }

    /// A language keydocs has no words in is one note, and the site's words are English; a
    /// regional variant speaks its language, and is the pages' tag.
    @Test(arguments: [("ja", "ja", "Search", true), ("fr_CA", "fr-CA", "Rechercher", false), ("pt-BR", "pt-BR", "Pesquisar", false),
                      ("es", "es", "Buscar", false), ("klingon", "en", "Search", true)])
    func otherLanguages(_ configured: String, _ tag: String, _ search: String, _ noted: Bool) throws {
        let (site, stderr) = try Self.build(language: configured)
        defer { try? FileManager.default.removeItem(at: site.deletingLastPathComponent()) }
        let notes = stderr.split(separator: "\n").filter { $0.contains("[config.ignored]") }
        if noted {
            #expect(notes.count == 1, "\(stderr)")
            #expect(notes.first?.hasPrefix("mkdocs.yml:4:13: note: ") == true, "\(notes)")
            #expect(notes.first?.contains("English") == true, "\(notes)")
        } else {
            #expect(notes.isEmpty, "\(stderr)")
        }
        let home = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("<html lang=\"\(tag)\""))
        #expect(home.contains("placeholder=\"\(search)\""), "\(configured)")
    }
}
