import DocModel
import Foundation
import KeyPolicy
import Testing

/// One catalog of rules: every rule the sources report is in it, and a guide can turn rules off
/// or change their severity, for all its pages or for one block.
@Suite struct RuleTests {
    /// Rules are named by their case, never spelled as text outside the catalog: a typo is a
    /// compile error. Every case is reported somewhere, and the README's table is the catalog's.
    @Test func rulesAreTypedAndEveryOneIsReported() throws {
        let sources = packageRoot.appendingPathComponent("Sources")
        let literal = try NSRegularExpression(pattern: #""(?:key|generator|output|json|yaml|sample|cv|sql|link|docs|html|asset|config|annotation|engine|load|write|redirect)\.[a-z-]+""#)
        var spelled: [String] = []
        var text = ""
        for path in try FileManager.default.subpathsOfDirectory(atPath: sources.path) where path.hasSuffix(".swift") {
            let file = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            // The catalog defines the ids; the key policy's own enum and the page script carry the key rules' ids.
            if path.hasSuffix("RuleCatalog.swift") { continue }
            text += file
            if path.hasPrefix("KeyPolicy/") || path.hasSuffix("GeneratorScript.swift") { continue }
            for match in literal.matches(in: file, range: NSRange(file.startIndex..., in: file)) {
                spelled.append("\(path): \((file as NSString).substring(with: match.range))")
            }
        }
        #expect(spelled.isEmpty, "rule ids spelled as strings: \(spelled)")
        let catalog = try String(contentsOf: sources.appendingPathComponent("DocModel/RuleCatalog.swift"), encoding: .utf8)
        let caseLine = try NSRegularExpression(pattern: #"case (\w+) = "([a-z.-]+)""#)
        var names: [String: String] = [:]
        for match in caseLine.matches(in: catalog, range: NSRange(catalog.startIndex..., in: catalog)) {
            names[(catalog as NSString).substring(with: match.range(at: 2))] = (catalog as NSString).substring(with: match.range(at: 1))
        }
        #expect(names.count == RuleID.allCases.count)
        // The key policy's rules come from its findings, the stopping errors from DocError's stages.
        for rule in RuleID.allCases where rule.entry.owner != .keyPolicy && rule.entry.adjustable {
            let name = try #require(names[rule.rawValue])
            #expect(Self.names(name, in: text), "\(rule) is reported nowhere")
        }
        #expect(RuleID.allCases.count > 50)
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(RuleCatalog.markdownTable), "README's rule table differs from `keydocs rules --markdown`")
    }

    /// Whether `text` holds `.name` as a whole identifier (`.cvSyntax`, not `.cvSyntaxError`).
    static func names(_ name: String, in text: String) -> Bool {
        matches("\\.\(name)(?![A-Za-z0-9_])", in: text)
    }

    /// Whether `pattern` matches anywhere in `text`.
    static func matches(_ pattern: String, in text: String) -> Bool {
        let expression = try! NSRegularExpression(pattern: pattern)
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// Whether `text` holds the rule id whole (`cv.syntax`, not `cv.syntax-error` or `x.cv.syntax`).
    static func namesID(_ id: String, in text: String) -> Bool {
        let escaped = id.replacingOccurrences(of: ".", with: "\\.")
        return matches("(?<![A-Za-z0-9_.-])\(escaped)(?![A-Za-z0-9_-])", in: text)
    }

    @Test func identifiersAreMatchedWhole() {
        #expect(Self.names("cvSyntax", in: "report(.cvSyntax, at: at)"))
        #expect(!Self.names("cvSyntax", in: "report(.cvSyntaxError, at: at)"))
        #expect(Self.namesID("cv.syntax", in: "rule: cv.syntax at line 4"))
        #expect(!Self.namesID("cv.syntax", in: "rule: cv.syntax-error at line 4"))
        #expect(!Self.namesID("cv.syntax", in: "rule: kcv.syntax"))
    }

    /// Every rule of the catalog is produced by a test or a fixture that names it (by its case,
    /// `.cvSyntax`, or its id, `cv.syntax`), the key policy's rules by their `Rule` case too.
    @Test func everyRuleIsProducedByATestThatNamesIt() throws {
        let tests = packageRoot.appendingPathComponent("Tests")
        var text = ""
        // This file names rules to test the catalog, not to produce them.
        for path in try FileManager.default.subpathsOfDirectory(atPath: tests.path)
        where (path.hasSuffix(".swift") || path.hasSuffix(".md")) && path != "keydocsTests/RuleTests.swift" {
            text += try String(contentsOf: tests.appendingPathComponent(path), encoding: .utf8) + "\n"
        }
        let catalog = try String(contentsOf: packageRoot.appendingPathComponent("Sources/DocModel/RuleCatalog.swift"), encoding: .utf8)
        var names: [String: String] = [:]
        for match in catalog.matches(of: /case (\w+) = "([a-z.-]+)"/) { names[String(match.output.2)] = String(match.output.1) }
        var unnamed: [String] = []
        for rule in RuleID.allCases {
            let name = try #require(names[rule.rawValue])
            let policyName = rule.entry.owner == .keyPolicy ? Rule(rawValue: rule.rawValue).map { "\($0)" } : nil
            if !Self.namesID(rule.rawValue, in: text) && !Self.names(name, in: text) && !(policyName.map { Self.names($0, in: text) } ?? false) {
                unnamed.append(rule.rawValue)
            }
        }
        #expect(unnamed.isEmpty, "rules no test or fixture names: \(unnamed)")
    }

    @Test func rulesListsTheCatalog() throws {
        let run = try keydocs(["rules"])
        #expect(run.status == 0)
        for rule in RuleID.allCases { #expect(run.stdout.contains(rule.rawValue)) }
        let line = run.stdout.split(separator: "\n").first { $0.hasPrefix("sql.not-allowed ") }
        #expect(line?.contains(" note ") == true)
        #expect(line?.contains(" SampleCheck ") == true)
        let table = try keydocs(["rules", "--markdown"])
        #expect(table.stdout == RuleCatalog.markdownTable)
    }

    @Test func stoppingErrorsCannotBeTurnedOff() throws {
        let config = try guide(config: "site_name: Keys\nextra:\n  keydocs:\n    rules:\n      load.failed: off\n", page: "# Keys\n")
        defer { try? FileManager.default.removeItem(at: config) }
        let run = try keydocs(["check"], directory: config)
        #expect(run.status == 2)
        #expect(run.stderr.contains("mkdocs.yml:5: error: extra: keydocs: rules: load.failed stops the run and cannot be turned off"), "\(run.stderr)")
    }

    func guide(config: String, page: String) throws -> URL {
        let root = try temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try page.write(to: root.appendingPathComponent("docs/index.md"), atomically: true, encoding: .utf8)
        try config.write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        return root
    }

    static let page = """
        # Keys

        ```text
        https://example.org/civicrm/extern/rest.php?entity=Contact&action=get&key=an07h3rs3cr3t
        ```

        A [broken link](missing.md).

        <!-- check: off=key.in-url -->
        ```text
        https://example.org/civicrm/extern/rest.php?entity=Contact&action=get&key=an07h3rs3cr3t
        ```

        """

    @Test func theConfigTurnsRulesOffOrChangesThem() throws {
        let plain = try guide(config: "site_name: Keys\n", page: Self.page)
        defer { try? FileManager.default.removeItem(at: plain) }
        let before = try keydocs(["check"], directory: plain)
        #expect(before.status == 1)
        #expect(before.stderr.contains("docs/index.md:4:1: error: the site key is in the URL's query string"))
        #expect(!before.stderr.contains("docs/index.md:11:1"), "off= in the annotation turns the rule off for that block")
        #expect(before.stderr.contains("docs/index.md:7:3: warning: link to 'missing.md'"))

        let tuned = try guide(config: "site_name: Keys\nextra:\n  keydocs:\n    rules:\n      key.in-url: off\n      link.broken: error\n", page: Self.page)
        defer { try? FileManager.default.removeItem(at: tuned) }
        let after = try keydocs(["check"], directory: tuned)
        #expect(after.status == 1)
        #expect(!after.stderr.contains("key.in-url"))
        #expect(after.stderr.contains("docs/index.md:7:3: error: link to 'missing.md'"))
    }

    @Test func unknownRulesAreErrorsWithTheirLine() throws {
        let config = try guide(config: "site_name: Keys\nextra:\n  keydocs:\n    rules:\n      key.in-uri: off\n", page: "# Keys\n")
        defer { try? FileManager.default.removeItem(at: config) }
        let run = try keydocs(["check"], directory: config)
        #expect(run.status == 2)
        #expect(run.stderr.contains("mkdocs.yml:5: error: extra: keydocs: rules: 'key.in-uri' names no rule"), "\(run.stderr)")

        let annotation = try guide(config: "site_name: Keys\n", page: "# Keys\n\n<!-- check: expect=key.to-long -->\n```text\nx\n```\n")
        defer { try? FileManager.default.removeItem(at: annotation) }
        let bad = try keydocs(["check"], directory: annotation)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("docs/index.md:3:1: error: expect=key.to-long names no rule"), "\(bad.stderr)")
    }
}
