import DocModel
import Foundation
import KeyPolicy
import SampleCheck
import SiteRender

/// The inputs keydocs parses from untrusted text, each run on arbitrary bytes. A harness
/// returns normally or traps: libFuzzer reports the trap with the input that caused it, and the
/// regression tests replay every input kept under Tests/.
public enum Harness: String, CaseIterable, Sendable {
    case keys, shell, sql, table, cv, markdown

    static let validator = KeyValidator(policy: .civicrm)

    /// Runs the harness on `data`.
    public func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .keys:
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(64) {
                let findings = Self.validator.findings(for: line)
                precondition(findings.allSatisfy { !$0.message.isEmpty })
                if line.utf8.count >= 20 && !findings.contains(where: { $0.severity == .error }) {
                    precondition(line.utf8.allSatisfy { Policy.civicrm.allows($0) }, "an invalid key passed")
                }
            }
        case .shell:
            if let commands = try? ShellSyntax.parse(text) {
                precondition(commands.allSatisfy { $0.line >= 0 })
            }
        case .sql:
            let statements = SQLText.split(text)
            precondition(statements.allSatisfy { !$0.text.isEmpty && $0.line >= 0 })
            _ = statements.map { (SQLText.assignedLiteral($0.text), SQLText.variables($0.text)) }
        case .table:
            if let output = KeyOutput.parse(text) { precondition(!output.key.isEmpty) }
        case .cv:
            Self.check("```bash\n" + text + "\n```\n")
        case .markdown:
            Self.check(text)
            Self.render(text)
        }
    }

    /// Checks `markdown` as a page, without engines.
    static func check(_ markdown: String) {
        var options = CheckOptions()
        options.offline = true
        options.runs = 1
        let page = page(markdown)
        let docs = DocSet(config: SiteConfig(), docsDir: "docs", docsRoot: "/nonexistent", pages: [page], assets: [], nav: [], diagnostics: [])
        let report = CheckStage(docs: docs, options: options).run()
        precondition(report.outcomes.count == page.samples.count)
    }

    /// Renders `markdown` as a page of a site.
    static func render(_ markdown: String) {
        let page = page(markdown)
        let docs = DocSet(config: SiteConfig(), docsDir: "docs", docsRoot: "/nonexistent", pages: [page], assets: [],
                          nav: [.page(title: page.title, path: page.path)], diagnostics: [])
        let html = RenderStage(docs: docs, outcomes: [:]).renderPage(page)
        precondition(html.hasSuffix("</html>\n"))
        _ = LinkCheck(docs: docs).run() + RenderStage(docs: docs, outcomes: nil).reservedPaths()
    }

    static func page(_ markdown: String) -> Page {
        let converted = MarkdownConverter.convert(markdown, file: "docs/index.md") { SitePaths(useDirectoryURLs: true).rewrite($0, onPage: "index.md") }
        return Page(path: "index.md", file: "docs/index.md", title: converted.title ?? "Fuzz", headings: converted.headings,
                    links: converted.links, samples: converted.samples, body: converted.body, sections: converted.sections)
    }
}
