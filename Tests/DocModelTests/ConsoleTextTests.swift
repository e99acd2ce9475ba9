import DocModel
import Foundation
import Testing

/// The one place where text for a terminal or a CI log is made: input shown, keydocs' own kept.
@Suite struct ConsoleTextTests {
    @Test(arguments: [
        ("a\nb", "a\\nb"), ("a\rb", "a\\rb"), ("a\tb", "a\\tb"), ("\u{1B}[2J", "\\x1b[2J"), ("\u{7}", "\\x07"),
        ("\u{7F}", "\\x7f"), ("\u{9B}1m", "\\x9b1m"), ("\u{85}", "\\x85"), ("a\u{2028}b\u{2029}", "a\\u{2028}b\\u{2029}"),
        ("\u{202E}abc\u{202C}", "\\u{202e}abc\\u{202c}"), ("\u{2066}x\u{2069}\u{200F}\u{61C}", "\\u{2066}x\\u{2069}\\u{200f}\\u{61c}"),
        ("plain ünïcode — ok", "plain ünïcode — ok"),
    ])
    func controlCharactersAreShown(_ input: String, _ shown: String) {
        #expect(ConsoleText.visible(input) == shown)
        let path = "docs/x.md"
        #expect(("\(path): error: \(input)" as ConsoleText).description == "docs/x.md: error: " + shown)
    }

    /// Colours and line breaks that keydocs writes stay; the same characters from input do not.
    @Test func ownStructureIsKept() {
        let input = "\u{1B}[31m\nx"
        let text: ConsoleText = "\u{1B}[1mbold\u{1B}[0m \(input)\n    context"
        #expect(text.description == "\u{1B}[1mbold\u{1B}[0m \\x1b[31m\\nx\n    context")
    }

    /// No line whose first text came from input starts with `::`, indented or not; keydocs' own
    /// workflow command does. `##[` is broken up wherever it is.
    @Test func noLineFromInputIsACommand() {
        let lead = "::add-mask::secret"
        #expect(("\(lead): error: x" as ConsoleText).description == "\\x3a:add-mask::secret: error: x")
        #expect(("a\n    \(lead)" as ConsoleText).description == "a\n    \\x3a:add-mask::secret")
        #expect(("  \(" ")\(":")\(":x::y")" as ConsoleText).description == "   \\x3a:x::y")
        #expect(("::error file=a::\(lead)" as ConsoleText).description == "::error file=a::::add-mask::secret")
        #expect(("x \(lead)" as ConsoleText).description == "x ::add-mask::secret")
        #expect(("x \("##[add-mask]s") ##\("[")" as ConsoleText).description == "x ##\\x5badd-mask]s ##\\x5b")
        #expect(ConsoleText(lines: "a\n::x::y\n  ::z").description == "a\n\\x3a:x::y\n  \\x3a:z")
    }

    /// A diagnostic in text and GitHub form, with input in every field.
    @Test func diagnosticsEscapeEveryField() {
        let d = Diagnostic(at: SourceLocation(file: "::add-mask::d\u{1B}/x\n.md", line: 3), rule: .sqlError,
                           "bad \u{9B}31m\r::error::x", context: ["cmd\u{2028}", "::warning::y", "##[add-mask]z"])
        let text = DiagnosticRenderer.text(d).description
        #expect(text == "\\x3a:add-mask::d\\x1b/x\\n.md:3:1: error: bad \\x9b31m\\r::error::x [sql.error]\n    cmd\\u{2028}\n    \\x3a:warning::y\n    ##\\x5badd-mask]z")
        let github = DiagnosticRenderer.github(d).description
        #expect(!github.contains("\n") && !github.contains("\u{1B}") && !github.contains("##["))
        #expect(github.hasPrefix("::error file=%3A%3Aadd-mask%3A%3Ad\\x1b/x\\n.md,line=3,"))
        #expect(github.hasSuffix("::bad \\x9b31m\\r::error::x%0Acmd\\u{2028}%0A::warning::y%0A##\\x5badd-mask]z"))
        let coloured = DiagnosticRenderer.text(d, colour: true).description
        #expect(coloured.hasPrefix("\u{1B}[1m\\x3a:add-mask::d\\x1b/x\\n.md:3:1:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m"))
    }

    /// A JSON document keeps its shape and its values: only characters a terminal acts on are
    /// written as `\u` escapes, which decode to the same text.
    @Test func jsonDocumentsDecodeToTheSameValues() throws {
        let values = ["a\u{7F}b", "\u{9B}31m", "l\u{2028}s", "\u{202E}x", "##[add-mask]x", "ok: ünïcode", "\u{1B}[2J\n\t"]
        let encoded = encodeJSON(["values": values], pretty: true)
        let text = ConsoleText(json: encoded).description
        #expect(!text.unicodeScalars.contains { $0 != "\n" && ConsoleText.isControl($0) })
        #expect(!text.contains("##["))
        let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String]]
        #expect(decoded?["values"] == values)
        #expect(text.split(separator: "\n").count == encoded.split(separator: "\n").count)
    }
}
