import DocModel
import Foundation
import KeyPolicy
import SampleCheck
import SiteRender

/// The inputs keydocs parses from untrusted text, each run on arbitrary bytes. A harness lists
/// the properties an input broke: the fuzz target traps on any, so that libFuzzer reports the
/// input, and the regression tests replay every input kept under Tests/ and expect none.
public enum Harness: String, CaseIterable, Sendable {
    case keys, shell, sql, table, cv, markdown

    static let validator = KeyValidator(policy: .civicrm)

    /// Runs the harness on `data`, trapping when a property does not hold.
    public func run(_ data: Data) {
        let broken = violations(data)
        precondition(broken.isEmpty, broken.joined(separator: "; "))
    }

    /// Runs the harness on `data` and returns the properties it broke, in words.
    public func violations(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var broken: [String] = []
        func require(_ holds: Bool, _ property: String) { if !holds { broken.append(property) } }
        switch self {
        case .keys:
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
                let findings = Self.validator.findings(for: line)
                require(findings.allSatisfy { !$0.message.isEmpty }, "every finding has a message")
                if line.utf8.count >= 20 && !findings.contains(where: { $0.severity == .error }) {
                    require(line.utf8.allSatisfy { Policy.civicrm.allows($0) }, "a key with a character outside the alphabet fails")
                }
            }
        case .shell:
            if let commands = try? ShellSyntax.parse(text) {
                require(commands.allSatisfy { $0.line >= 0 }, "every command has a line")
            }
        case .sql:
            let statements = SQLText.split(text)
            require(statements.allSatisfy { !$0.text.isEmpty && $0.line >= 0 }, "every statement has text and a line")
            _ = statements.map { (SQLText.assignedLiteral($0.text), SQLText.variables($0.text)) }
        case .table:
            if let output = KeyOutput.parse(text) { require(!output.key.isEmpty, "a key output has a key") }
        case .cv:
            require(Self.check("```bash\n" + text + "\n```\n"), "every sample has an outcome")
        case .markdown:
            require(Self.check(text), "every sample has an outcome")
            require(Self.render(text), "the page renders to a whole document")
            if !text.contains("keydocs-mark") {
                let html = Self.page(text).body.compactMap { if case .html(let html) = $0 { html } else { nil } }.joined()
                require(!html.contains("keydocs-mark"), "no marker of the converter's is left in the page")
            }
        }
        return broken
    }

    /// Checks `markdown` as a page, without engines: whether every sample got an outcome.
    static func check(_ markdown: String) -> Bool {
        var options = CheckOptions()
        options.offline = true
        options.runs = 1
        let page = page(markdown)
        let docs = DocSet(config: SiteConfig(), docsFolder: "docs", docsAbsolutePath: "/nonexistent", pages: [page], assets: [], nav: [], diagnostics: [])
        let report = CheckStage(docs: docs, options: options).run()
        return report.outcomes.count == page.samples.count
    }

    /// Renders `markdown` as a page of a site: whether the page is a whole document.
    static func render(_ markdown: String) -> Bool {
        let page = page(markdown)
        let docs = DocSet(config: SiteConfig(), docsFolder: "docs", docsAbsolutePath: "/nonexistent", pages: [page], assets: [],
                          nav: [.page(title: page.title, path: page.docsPath)], diagnostics: [])
        let html = RenderStage(docs: docs, outcomes: [:]).renderPage(page)
        _ = LinkCheck(docs: docs).run() + RenderStage(docs: docs, outcomes: nil).reservedPaths()
        return html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n")
    }

    /// The Python-Markdown and pymdown extensions CiviCRM's guides turn on, every one.
    static let extensions: MarkdownOptions = {
        var options = MarkdownOptions()
        for name in ["admonition", "pymdownx.details", "attr_list", "def_list", "pymdownx.mark", "pymdownx.tilde",
                     "pymdownx.inlinehilite", "pymdownx.tabbed", "abbr", "md_in_html", "pymdownx.superfences"] {
            _ = options.enable(name)
        }
        _ = options.enable("toc", options: ["permalink": "true"])
        return options
    }()

    /// `markdown` as the home page, converted with every extension.
    static func page(_ markdown: String) -> Page {
        MarkdownConverter.convert(markdown, file: "docs/index.md", docsPath: "index.md", options: extensions) {
            SitePaths(useDirectoryURLs: true).rewrite($0, onPage: "index.md")
        }
    }
}
