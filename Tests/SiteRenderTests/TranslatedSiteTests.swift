import DocModel
import Foundation
import SiteRender
import Testing

/// A site whose config names a language: every word keydocs writes into its pages, scripts,
/// 404 page, site map and redirect pages is in that language, and every page says so.
@Suite struct TranslatedSiteTests {
    /// The French fixture rendered with its config's `language` replaced by `language`, with an
    /// outcome of each kind on its samples and the key generator's page.
    static func build(language: String) throws -> URL {
        let folder = fixturePath("french")
        let text = try String(contentsOfFile: folder + "/mkdocs.yml", encoding: .utf8)
            .replacingOccurrences(of: "language: fr", with: "language: \(language)")
        let config = try SiteConfig.parse(text, path: folder + "/mkdocs.yml")
        let docs = try LoadStage(docsFolder: folder, config: config).run()
        func key(_ index: Int) -> SampleKey { SampleKey(page: "guide/reglages.md", index: index) }
        var output = SampleOutcome(.verified, "a key the generator above can print")
        output.showsOutput = true
        let outcomes: [SampleKey: SampleOutcome] = [
            key(0): SampleOutcome(.verified, "ran 200 times: all different, all valid"),
            key(1): .skipped("exemple d’installation"),
            key(2): .failingAsExpected([.keyTooLong]),
            key(3): SampleOutcome(.notAboutKeys, SampleOutcome.notAboutKeysNote),
            // key(4): none, as a block that no checker claims.
            key(5): output,
            key(6): SampleOutcome(.failed, "ERROR 1146: Table 'absente' doesn't exist"),
            key(7): SampleOutcome(.notRun, "SQL not executed: no MariaDB"),
            key(8): SampleOutcome.unclaimed,
        ]
        let out = temporaryFolder()
        let writer = try SiteWriter(output: out.path)
        _ = try RenderStage(docs: docs, outcomes: outcomes, policyJSON: "{}").run(into: writer)
        try writer.commit()
        return out
    }

    /// The site's HTML files and scripts, by path.
    static func files(_ site: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: site.path) where path.hasSuffix(".html") || path.hasSuffix(".js") {
            files[path] = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
        }
        return files
    }

    /// What a reader meets in a page: its text, and the attributes that are read out or shown.
    static func readerText(ofHTML html: String) -> [String] {
        let text = html.matches(of: /(?s)>([^<]+)</).map { String($0.output.1) }
        let attributes = html.matches(of: /(?:aria-label|title|placeholder|alt)="([^"]*)"/).map { String($0.output.1) }
        return (text + attributes).map { $0.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"") }
    }

    /// What a script can write into a page: its string literals, and the values of the words
    /// it is given (`var T = {...}`, whose keys are the messages' names).
    static func literals(ofScript js: String) throws -> [String] {
        var literals: [String] = []
        for line in js.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") { continue }
            if trimmed.hasPrefix("var T = "), let object = trimmed.dropFirst("var T = ".count).split(separator: ";").first {
                let words = try #require(try JSONSerialization.jsonObject(with: Data(object.utf8)) as? [String: Any])
                for value in words.values { literals += (value as? [String]) ?? [(value as? String) ?? ""] }
                continue
            }
            literals += line.matches(of: /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/).map { String($0.output.1 ?? $0.output.2 ?? "") }
        }
        return literals
    }

    /// The words French shares with English, which a French page shows as they are.
    static let sharedWithFrench: Set<String> = ["Menu", "Site", "Source", "Documentation", "page", "pages", "section", "sections"]

    /// The parts of each English message that a French page would show if any were left in
    /// English: the text around each `{}`.
    static func englishFragments() -> [String] {
        let english = Translations(.en)
        let texts = Translations.Message.allCases.map { english($0) } + Translations.Counted.allCases.flatMap { english.forms($0) }
        var fragments: Set<String> = []
        for text in texts {
            for part in text.components(separatedBy: "{}") {
                let fragment = part.trimmingCharacters(in: CharacterSet(charactersIn: " ,.:()"))
                if fragment.count >= 4, !sharedWithFrench.contains(fragment) { fragments.insert(fragment) }
            }
        }
        return fragments.sorted()
    }

    @Test func aFrenchSiteHasNoEnglishWordOfKeydocs() throws {
        let french = try Self.build(language: "fr"), english = try Self.build(language: "en")
        defer { try? FileManager.default.removeItem(at: french); try? FileManager.default.removeItem(at: english) }
        let fragments = Self.englishFragments()
        #expect(fragments.count > 45, "\(fragments)")
        // The generator's validator words its findings as `keydocs key check` does, in English
        // (its severities, "…bits to guess, under 60"): those words are left to the other checks.
        let scriptFragments = fragments.filter { !["error", "warning", "under"].contains($0) }
        func shown(_ files: [String: String]) throws -> (pages: [String: [String]], scripts: [String: [String]]) {
            var pages: [String: [String]] = [:], scripts: [String: [String]] = [:]
            for (path, text) in files {
                if path.hasSuffix(".html") { pages[path] = Self.readerText(ofHTML: text) } else { scripts[path] = try Self.literals(ofScript: text) }
            }
            return (pages, scripts)
        }
        let frenchSite = try shown(try Self.files(french))
        for (path, texts) in frenchSite.pages {
            for fragment in fragments {
                // A check's own finding is shown as it is reported, in English and marked so.
                let left = texts.filter { $0.contains(fragment) && !$0.contains("ERROR 1146") && !$0.contains("SQL not executed") && !$0.contains("ran 200 times")
                    && !$0.contains("a key the generator") }
                #expect(left.isEmpty, "\(path) shows '\(fragment)': \(left)")
            }
        }
        for (path, literals) in frenchSite.scripts {
            for fragment in scriptFragments {
                let left = literals.filter { $0.contains(fragment) }
                #expect(left.isEmpty, "\(path) writes '\(fragment)': \(left)")
            }
        }
        // The same scan finds each of them in the English site: it can fail.
        let englishSite = try shown(try Self.files(english))
        let everything = (Array(englishSite.pages.values.joined()) + Array(englishSite.scripts.values.joined())).joined(separator: "\n")
        for fragment in fragments { #expect(everything.contains(fragment), "the English site does not show '\(fragment)'") }
        // And the French words are where the English ones were.
        let page = try String(contentsOf: french.appendingPathComponent("guide/reglages/index.html"), encoding: .utf8)
        for words in ["Aller au contenu", "Sur cette page", "Modifier cette page", "✓ vérifié", "✓ sortie vérifiée", "ignoré", "✗ en échec",
                      "⚠ échoue comme prévu\u{A0}: key.too-long", "ignoré\u{A0}: exemple d’installation", "aucun vérificateur ne prend en charge ce bloc",
                      "Précédente", "Suivante", "Fil d’Ariane", "généré avec keydocs", "non exécuté"] {
            #expect(page.contains(words), "\(words)")
        }
        // A finding as the checker reports it is marked as English.
        #expect(page.contains("<p class=\"code-note\" lang=\"en\">ERROR 1146"), "\(page)")
        #expect(!page.contains("<p class=\"code-note\" lang=\"en\">ignoré"))
    }

    /// `<html lang>` on every page keydocs writes: the pages, the 404 page, the site map and
    /// the redirect pages; the tag as configured, in BCP 47's case.
    @Test(arguments: [("fr", "fr"), ("fr_CA", "fr-CA"), ("pt-br", "pt-BR"), ("pl", "pl"), ("ja", "ja")])
    func everyPageCarriesTheLanguage(_ configured: String, _ tag: String) throws {
        let site = try Self.build(language: configured)
        defer { try? FileManager.default.removeItem(at: site) }
        let pages = try Self.files(site).filter { $0.key.hasSuffix(".html") }
        #expect(Set(pages.keys).isSuperset(of: ["index.html", "404.html", "site-map.html", "ancien/index.html", "guide/reglages/index.html"]),
                "\(pages.keys.sorted())")
        for (path, html) in pages {
            let tags = html.matches(of: /<html lang="([^"]*)"/).map { String($0.output.1) }
            #expect(tags == [tag], "\(path): \(tags)")
        }
        // A language keydocs has no words in is still the pages' language; keydocs' words are English.
        let notFound = try #require(pages["404.html"])
        #expect(notFound.contains(configured == "ja" ? "Page not found" : Translations(SiteLanguage(tag: configured)?.words ?? .en)(.notFoundTitle)))
    }

    /// The 404 page, the site map and a redirect page in French, each link where its sentence puts it.
    @Test func ownPagesSpeakTheLanguage() throws {
        let site = try Self.build(language: "fr")
        defer { try? FileManager.default.removeItem(at: site) }
        let notFound = try String(contentsOf: site.appendingPathComponent("404.html"), encoding: .utf8)
        #expect(notFound.contains("<h1>Page introuvable</h1>"))
        #expect(notFound.contains("<p>Il n’y a aucune page à cette adresse. <a href=\"/\">Revenir à l’accueil de Guide d’essai</a>, ou utilisez la recherche ci-dessus.</p>"),
                "\(notFound)")
        let siteMap = try String(contentsOf: site.appendingPathComponent("site-map.html"), encoding: .utf8)
        #expect(siteMap.contains("<h1>Toutes les pages</h1>"))
        let moved = try String(contentsOf: site.appendingPathComponent("ancien/index.html"), encoding: .utf8)
        #expect(moved.contains("<h1>Cette page a été déplacée</h1>\n<p>Elle se trouve désormais ici\u{A0}: <a href=\"../guide/reglages/index.html\">Réglages</a>.</p>"),
                "\(moved)")
        let script = try String(contentsOf: site.appendingPathComponent("assets/keydocs.js"), encoding: .utf8)
        #expect(script.contains("\"noResults\":\"Aucun résultat\""))
        #expect(script.contains("elision: \"l|d|j|m|n|s|t|c|qu|lorsqu|puisqu|jusqu|quoiqu\""))
        #expect(script.contains("stem: false"))
    }
}
