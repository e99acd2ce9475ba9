import DocModel
import Foundation
import Testing
import TestSupport

/// Every stage is linear in its input: each test feeds one stage an input that a rescan or a
/// retry per occurrence turns into minutes or gigabytes, and checks that the result is right.
/// None measures time: the sizes are such that the old, quadratic code did not finish within
/// the test runner's patience, and where a stage counts its work the count is held to its input.

// MARK: - YAML aliases

@Suite struct ConfigAliasTests {
    /// `levels` anchors, each a list of `width` aliases of the one before: `width^levels` values
    /// once expanded, in a few hundred bytes. `shape` puts each level where the config reads it.
    static func laughs(levels: Int, width: Int = 9, inNav: Bool = true) -> String {
        var lines = ["site_name: Laughs", inNav ? "nav:" : "extra:"]
        let leaf = Array(repeating: "x.md", count: width).joined(separator: ",")
        for level in 0..<levels {
            let body = level == 0 ? leaf : Array(repeating: "*l\(level - 1)", count: width).joined(separator: ",")
            lines.append(inNav ? "  - &l\(level) {l\(level): [\(body)]}" : "  l\(level): &l\(level) [\(body)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report's case: nine levels of nine in `nav` (387 million entries) is refused at the
    /// alias that crosses the budget, as a config error with its line.
    @Test func nestedAliasesInTheNavAreRefused() throws {
        let text = Self.laughs(levels: 9)
        #expect(text.utf8.count < 600)
        let error = try #require(throws: DocError.self) { try SiteConfig.parse(text, path: "mkdocs.yml") }
        #expect(error.stage == .config)
        #expect(error.path == "mkdocs.yml")
        // The first alias on level 5's line (each alias of level 4 stands for 81,192 values)
        // takes what aliases add past 100,000.
        #expect(error.line == 8, "\(error)")
        #expect(error.reason.contains("aliases"), "\(error)")
        #expect(error.reason.contains("100,000"), "\(error)")
    }

    /// An alias as a mapping key: YAML libraries hash keys to find duplicates, so the expansion
    /// is walked while the document is still being read, before any of keydocs' own code.
    @Test func anAliasAsAKeyIsRefusedBeforeTheDocumentIsBuilt() throws {
        let text = Self.laughs(levels: 9, inNav: false) + "  z: {? *l8 : 1}\n"
        let error = try #require(throws: DocError.self) { try SiteConfig.parse(text, path: "mkdocs.yml") }
        #expect(error.reason.contains("aliases"), "\(error)")
    }

    /// Counting is linear too: sixty levels of two aliases each (2^60 values) are counted once
    /// per anchor, not once per expansion.
    @Test func theCountIsMemoisedPerAnchor() throws {
        var lines = ["extra:", "  l0: &l0 [x, x]"]
        for level in 1..<60 { lines.append("  l\(level): &l\(level) [*l\(level - 1), *l\(level - 1)]") }
        let error = try #require(throws: DocError.self) { try SiteConfig.parse(lines.joined(separator: "\n"), path: "c.yml") }
        #expect(error.path == "c.yml")
        #expect(error.reason.contains("aliases"))
    }

    /// A config that uses aliases as people do (one list of pages in two places) reads as before.
    @Test func ordinaryAliasesStillWork() throws {
        let config = try SiteConfig.parse("""
            nav:
              - Keys: &keys
                  - Make one: make.md
                  - Check one: check.md
              - Again: *keys
            """, path: "mkdocs.yml")
        let pages: [NavItem] = [.page(title: "Make one", path: "make.md", line: 3), .page(title: "Check one", path: "check.md", line: 4)]
        #expect(config.nav == [.section(title: "Keys", children: pages, line: 2), .section(title: "Again", children: pages, line: 5)])
    }

    /// A YAML block on a page is read the same way: its aliases are counted, not expanded.
    @Test func aYAMLSampleWithNestedAliasesIsAProblemNotAHang() throws {
        let problem = try #require(SiteConfig.yamlProblem(Self.laughs(levels: 9, inNav: false) + "z: {? *l8 : 1}\n"))
        #expect(problem.message.contains("aliases"), "\(problem)")
        #expect(SiteConfig.yamlProblem("a: &a [1, 2]\nb: *a\n") == nil)
    }
}
// MARK: - Heading slugs

@Suite struct SlugTests {
    /// Python-Markdown's `unique()` as it is written: retry with the number after the last `_`
    /// raised by one, or `_1` appended, until the id is free. The reference for small inputs.
    static func pythonMarkdown(_ texts: [String], reserved: Set<String> = []) -> [String] {
        var used = reserved
        return texts.map { text in
            var id = Slugger.base(text)
            while id.isEmpty || used.contains(id) {
                if let underscore = id.lastIndex(of: "_"), case let digits = id[id.index(after: underscore)...],
                   !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) {
                    id = String(id[..<underscore]) + "_" + String(Int(digits)! + 1)
                } else {
                    id += "_1"
                }
            }
            used.insert(id)
            return id
        }
    }

    /// Headings whose own text collides with a suffix made for another: every id is unique and
    /// the same as Python-Markdown's.
    @Test(arguments: [
        ["a", "a", "a_1", "a"],
        ["a_1", "a", "a", "a"],
        ["a_2", "a", "a", "a", "a_2"],
        ["a", "a_1", "a_1", "a_1_1", "a_1"],
        ["a_01", "a_01", "a_1", "a"],
        ["a_0", "a_0", "a", "a"],
        ["", "!!!", "_1", "_1"],
        ["a-1", "a 1", "a_1", "a", "a"],
        ["x_9", "x_9", "x_10", "x_9"],
    ])
    func collisionsAreResolvedAsPythonMarkdownDoes(_ texts: [String]) {
        var slugger = Slugger(reserved: ["a_3"])
        let made = texts.map { slugger.slug(for: $0) }
        #expect(made == Self.pythonMarkdown(texts, reserved: ["a_3"]))
        #expect(Set(made).count == made.count)
    }

    /// Where keydocs differed from Python-Markdown before: a number too long for 64 bits is
    /// still raised by one, and `_-5` is no number (Python's `_([0-9]+)$`).
    @Test func longNumbersAndSignsFollowPythonMarkdown() {
        var slugger = Slugger()
        let long = "a_99999999999999999999"
        #expect([long, long, "a_-5", "a_-5"].map { slugger.slug(for: $0) } == [long, "a_100000000000000000000", "a_-5", "a_-5_1"])
    }

    /// Random pages over a small alphabet of colliding texts agree with the reference.
    @Test func randomCollisionsAgreeWithPythonMarkdown() {
        var generator = SplitMix64(seed: 7)
        let alphabet = ["a", "a_1", "a_2", "a 1", "a_1_1", "b", "a_0", "", "_1", "a_10", "b_1"]
        for _ in 0..<300 {
            let texts = (0..<Int.random(in: 1...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let reserved = Set(alphabet.filter { _ in Int.random(in: 0..<6, using: &generator) == 0 })
            var slugger = Slugger(reserved: reserved)
            #expect(texts.map { slugger.slug(for: $0) } == Self.pythonMarkdown(texts, reserved: reserved), "\(texts) \(reserved)")
        }
    }

    /// 50,000 equal headings, then as many that spell out the suffixes already made: the ids
    /// are `a`, `a_1`… and the headings cost a few tries each (retrying from `_1` every time
    /// was one try per heading before it: over a billion here).
    @Test func repeatedHeadingsCostATryEach() {
        var slugger = Slugger()
        let n = 50_000
        let repeats = (0..<n).map { _ in slugger.slug(for: "a") }
        #expect(repeats == ["a"] + (1..<n).map { "a_\($0)" })
        let literal = (1...n).map { slugger.slug(for: "a_\($0)") }
        #expect(Set(repeats + literal).count == 2 * n)
        #expect(literal.first == "a_\(n)")
        #expect(slugger.tries <= 8 * n, "\(slugger.tries) tries for \(2 * n) headings")
    }

    /// The report's page: 20,000 `## a` on one page get their anchors in one pass.
    @Test func aPageOfRepeatedHeadingsConverts() {
        let page = "# Title\n\n" + String(repeating: "## a\n\n", count: 20_000)
        let headings = MarkdownConverter.convert(page, file: "docs/a.md").headings
        #expect(headings.count == 20_001)
        #expect(headings.last?.slug == "a_19999")
        #expect(Set(headings.map(\.slug)).count == headings.count)
    }
}

// MARK: - Variables

@Suite struct VariableSubstitutionTests {
    let variables = PolicyVariables.make()

    /// 300,000 variables on one line (the report's page, three times over) are put in in one pass.
    @Test func manyVariablesOnOneLine() throws {
        let n = 300_000
        let line = String(repeating: "{{ policy.maxLength }} ", count: n)
        let filled = try variables.apply(to: line, file: "docs/a.md")
        #expect(filled == String(repeating: "32 ", count: n))
    }

    /// Braces that open and never close, and names outside the namespace, stay as they are,
    /// however many of them there are.
    @Test func manyUnclosedAndForeignBracesStay() throws {
        let n = 200_000
        let foreign = String(repeating: "{{ site.name }}", count: n)
        #expect(try variables.apply(to: foreign, file: "f") == foreign)
        let unclosed = String(repeating: "{{ x ", count: n)
        #expect(try variables.apply(to: unclosed + "{{ policy.maxLength }}", file: "f") == unclosed + "{{ policy.maxLength }}")
        // As before, an open `{{` runs to the first `}}`: what lies between is one name, here unknown.
        #expect(try variables.apply(to: "{{ a {{ policy.maxLength }} {{ policy.maxLength }}", file: "f") == "{{ a {{ policy.maxLength }} 32")
    }

    /// What variables add is bounded by the page: a rules table asked for 60,000 times is an
    /// error at the line where the page would pass its budget, not a page of gigabytes.
    @Test func whatVariablesAddIsBounded() throws {
        let text = String(repeating: "{{ policy.rulesTable }}\n", count: 60_000)
        let error = try #require(throws: DocError.self) { try variables.apply(to: text, file: "f") }
        #expect(error.reason.contains("larger than"), "\(error.reason)")
        #expect((error.line ?? 0) > 1 && (error.line ?? 0) < 60_000)
        // A page that uses the table a few times is as before.
        let few = try variables.apply(to: String(repeating: "{{ policy.rulesTable }}\n", count: 3), file: "f")
        #expect(!few.contains("{{"))
    }

    /// The error for an unknown name still names its line, found once.
    @Test func anUnknownNameAfterManyKnownOnesNamesItsLine() throws {
        let text = String(repeating: "{{ policy.maxLength }}\n", count: 200_000) + "{{ policy.nope }}"
        let error = try #require(throws: DocError.self) { try variables.apply(to: text, file: "f") }
        #expect(error.line == 200_001)
    }
}

// MARK: - Block and inline passes

/// The passes around cmark-gfm, each fed the shape that made it rescan the rest of the page (or
/// of a quote, or of a line) once per occurrence.
@Suite struct ExtensionPassLinearTests {
    func html(_ markdown: String) -> String {
        MarkdownConverter.convert(markdown, file: "docs/p.md", options: ExtensionTests.all).body.compactMap { part -> String? in
            if case .html(let html) = part { return html } else { return nil }
        }.joined()
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// A block quote of 50,000 lines with no extension syntax: looked at once, not once per line.
    @Test func aLongPlainBlockQuote() {
        let n = 50_000
        let out = html(String(repeating: "> quoted line\n", count: n) + "\n> !!! note\n>     After.\n")
        #expect(count("quoted line", in: out) == n)
        #expect(count("<blockquote>", in: out) == 2)
        #expect(out.contains("<div class=\"admonition note\">"))
    }

    /// 50,000 `){` before one `}` on a line, then 20,000 links with attribute lists.
    @Test func inlineAttributeListsOnALongLine() {
        let n = 50_000
        let braces = html("# T\n\n" + String(repeating: "x){", count: n) + "}\n")
        // None follows a link, and `{}` names nothing: every one stays as it is.
        #expect(count("x){", in: braces) == n)
        let links = html("# T\n\n" + String(repeating: "[a](b.md){: .c } ", count: 20_000) + "\n")
        #expect(count("<a class=\"c\" href=\"b.md\">a</a>", in: links) == 20_000)
        // An attribute list longer than BlockPass allows is text.
        let long = html("[a](b.md){: .c" + String(repeating: " .d", count: 100) + " }\n")
        #expect(long.contains("<a href=\"b.md\">a</a>{: .c"))
    }

    /// 40,000 paragraphs, each with its attribute list.
    @Test func paragraphAttributeLists() {
        let n = 40_000
        let out = html(String(repeating: "Para\n{: .x }\n\n", count: n))
        #expect(count("<p class=\"x\">Para</p>", in: out) == n)
    }

    /// 20,000 abbreviations, each used once on one line: one walk from each place a word starts.
    @Test func manyAbbreviations() {
        let n = 20_000
        let definitions = (0..<n).map { "*[A\($0)]: t\($0)\n" }.joined()
        let out = html(definitions + "\n" + (0..<n).map { "A\($0)" }.joined(separator: " ") + "\n")
        #expect(count("<abbr title=", in: out) == n)
        #expect(out.contains("<abbr title=\"t19999\">A19999</abbr>"))
    }

    /// Abbreviations as Python-Markdown applies them: whole words only, the longest term where
    /// terms start at the same place, the first where they overlap, the last definition of a term.
    @Test func abbreviationsMatchWholeWordsLongestFirst() {
        let out = html("*[HTML]: one\n*[HTML5]: five\n*[A B]: ab\n*[B C D]: bcd\n*[W3C]: old\n*[W3C]: new\n\n"
            + "HTML5 and HTML, xHTML, HTML_x; A B C D; W3C.\n")
        #expect(out.contains("<abbr title=\"five\">HTML5</abbr> and <abbr title=\"one\">HTML</abbr>, xHTML, HTML_x;"), "\(out)")
        #expect(out.contains("<abbr title=\"ab\">A B</abbr> C D;"), "\(out)")
        #expect(out.contains("<abbr title=\"new\">W3C</abbr>."), "\(out)")
        // A term longer than an abbreviation can be is not one: its line stays as text.
        let long = String(repeating: "x", count: 101)
        #expect(html("*[\(long)]: t\n\n\(long)\n").contains("*[\(long)]: t"))
    }

    /// 200,000 `==mark==` and `~sub~` on one line.
    @Test func manyMarksOnOneLine() {
        let n = 200_000
        let out = html(String(repeating: "==a== ~b~ ", count: n) + "\n")
        #expect(count("<mark>a</mark> <sub>b</sub>", in: out) == n)
    }

    /// 50,000 terms above one definition.
    @Test func manyTermsForOneDefinition() {
        let n = 50_000
        let out = html((0..<n).map { "term \($0)\n" }.joined() + ":   the definition\n")
        #expect(count("<dt>", in: out) == n)
        #expect(out.contains("<dt>term 0</dt>\n<dt>term 1</dt>"))
        #expect(out.contains("<dd>the definition</dd>"))
    }

    /// A page's own HTML that looks like tight definitions: 20,000 of them before the one `</p>`.
    @Test func manyOpenDefinitionsInRawHTML() {
        let n = 20_000
        let out = html("Term\n:   Def\n\n" + String(repeating: "<dd class=\"keydocs-tight\"><p>x\n", count: n) + "</p></dd>\n")
        #expect(count("<dd>\n<p>x", in: out) == n - 1)
        #expect(out.contains("<dd>Def</dd>"))
    }
}
