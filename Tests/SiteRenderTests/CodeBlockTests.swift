import Foundation
import SiteRender
import Testing

/// What a code block tells a reader: only what helps them. A block the check counted but did
/// not check ("not about keys") carries nothing; a language keydocs does not colour is named
/// as it is, without a remark about colouring.
@Suite struct CodeBlockTests {
    /// The French fixture's settings page in `language`, cut into its code blocks, in order.
    static func blocks(language: String) throws -> [String] {
        let site = try TranslatedSiteTests.build(language: language)
        defer { try? FileManager.default.removeItem(at: site) }
        let page = try String(contentsOf: site.appendingPathComponent("guide/reglages/index.html"), encoding: .utf8)
        // Each block up to the next one (headings between them hold no badge nor note).
        let article = page.components(separatedBy: "</article>").first ?? page
        let parts: [String] = article.components(separatedBy: "<div class=\"code\"")
        return Array(parts.dropFirst())
    }

    @Test(arguments: ["en", "fr", "de", "pl"])
    func aBlockNotAboutKeysCarriesNothing(_ language: String) throws {
        let blocks = try Self.blocks(language: language)
        #expect(blocks.count == 9)
        let notAboutKeys = try #require(blocks.dropFirst(3).first)
        #expect(!notAboutKeys.contains("class=\"badge"), "\(notAboutKeys)")
        #expect(!notAboutKeys.contains("code-note"), "\(notAboutKeys)")
        // The blocks that were checked, skipped or failed still say so.
        for k in [0, 1, 2, 6, 7] { #expect(blocks[k].contains("class=\"badge\""), "block \(k): \(blocks[k])") }
        #expect(blocks[6].contains("code-note"))
    }

    @Test(arguments: ["en", "fr", "de", "pl"])
    func aLanguageIsNamedAlone(_ language: String) throws {
        let blocks = try Self.blocks(language: language)
        let labels = blocks.map { $0.firstMatch(of: /<span class="code-lang">([^<]*)<\/span>/).map { String($0.output.1) } }
        #expect(labels == ["bash", "bash", "bash", "bash", "text", "text", "sql", "sql", "cobol"], "\(labels)")
    }
}
