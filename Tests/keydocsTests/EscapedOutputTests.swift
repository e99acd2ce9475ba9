import Foundation
import Testing

/// Every text that reaches a terminal or a CI log is escaped, in every format: control characters
/// from a config string, a folder or file name, `site_dir` or a message come out visible, no line
/// from input can be read by GitHub Actions as a workflow command, and the JSON formats still
/// parse to the very text that came in.
@Suite struct EscapedOutputTests {
    /// What a pull request can put in a config line, a file name or a link.
    struct Payload: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        var testDescription: String { name }
    }

    static let payloads: [Payload] = [
        Payload(name: "newline", text: "n\n::add-mask::NL"),
        Payload(name: "carriage return", text: "r\r::error title=owned::CR"),
        Payload(name: "escape", text: "e\u{1B}]0;owned\u{07}\u{1B}[2J"),
        Payload(name: "C1 controls", text: "c\u{9B}2J\u{85}::add-mask::NEL"),
        Payload(name: "line separators", text: "l\u{2028}::add-mask::LS\u{2029}p"),
        Payload(name: "bidi controls", text: "b\u{202E}dcba\u{2066}x\u{2069}\u{200F}"),
        Payload(name: "tab and delete", text: "t\tab\u{7F}del"),
        Payload(name: "a command at the start", text: "::add-mask::LEAD"),
        Payload(name: "an old-style command", text: "v1 ##[add-mask]V1"),
    ]

    static let formats = ["text", "github", "json", "sarif", "gitlab"]

    /// `text` as a double-quoted YAML string.
    static func yaml(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\"" && scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }

    /// `text` with every byte that is not a letter or digit percent-encoded, for a link.
    static func percentEncoded(_ text: String) -> String {
        text.utf8.map { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }.joined()
    }

    /// A project whose config, folders, file names and links all carry `payload`.
    func project(_ payload: String) throws -> URL {
        let root = try temporaryFolder()
        let docs = root.appendingPathComponent(payload + "docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try """
            site_name: \(Self.yaml(payload))
            docs_dir: \(Self.yaml(payload + "docs"))
            site_dir: \(Self.yaml(payload + "site"))
            \(Self.yaml(payload + "key")): 1
            """.write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        try "# Home\n\n[a](gone\(Self.percentEncoded(payload)).md)\n".write(to: docs.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        try "# Page\n\n[b](nope.md)\n".write(to: docs.appendingPathComponent(payload + "page.md"), atomically: true, encoding: .utf8)
        return root
    }

    /// Control characters a terminal or a log viewer acts on: C0 but the newline that ends a
    /// line, DEL, C1, the line and paragraph separators, the bidi controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            || [0x061C, 0x200E, 0x200F].contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// Whether `line` is one of keydocs' own workflow commands, the only lines that may start
    /// with `::`: `::error file=F,line=L,endLine=E,col=C,title=RULE::`, with F escaped.
    static func isOwnCommand(_ line: Substring) -> Bool {
        guard let level = ["error", "warning", "notice"].first(where: { line.hasPrefix("::\($0) file=") }) else { return false }
        let properties = line.dropFirst("::\(level) ".count).prefix { $0 != ":" }
        let names = properties.split(separator: ",").map { $0.prefix { $0 != "=" } }
        return names == ["file", "line", "endLine", "col", "title"] && line.dropFirst("::\(level) ".count + properties.count).hasPrefix("::")
    }

    /// What no run may print, whatever it was given.
    func expectSafe(_ run: Run, format: String, _ comment: String) {
        for (stream, text) in [("stdout", run.stdout), ("stderr", run.stderr)] {
            let raw = text.unicodeScalars.filter(Self.isControl).map { String($0.value, radix: 16) }
            #expect(raw.isEmpty, "\(comment) \(format) \(stream): raw control characters \(raw): \(text.debugDescription)")
            #expect(!text.contains("##["), "\(comment) \(format) \(stream): \(text.debugDescription)")
            for line in text.split(separator: "\n") {
                let trimmed = line.drop { $0.isWhitespace }
                guard trimmed.hasPrefix("::") else { continue }
                let own = format == "github" && stream == "stdout" && Self.isOwnCommand(trimmed)
                #expect(own, "\(comment) \(format) \(stream): a line that GitHub reads as a command: \(line.debugDescription)")
            }
        }
    }

    /// The document on stdout, for the formats that print one; nil for the others.
    func document(_ run: Run, format: String, _ comment: String) -> Any? {
        guard ["json", "sarif", "gitlab"].contains(format) else { return nil }
        guard let document = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) else {
            Issue.record("\(comment) \(format): not JSON: \(run.stdout.debugDescription)")
            return nil
        }
        return document
    }

    /// Every string in a decoded JSON value, and each once percent-decoded (SARIF's file URIs).
    func strings(_ value: Any) -> [String] {
        if let string = value as? String { return [string, string.removingPercentEncoding ?? string] }
        if let array = value as? [Any] { return array.flatMap(strings) }
        if let object = value as? [String: Any] { return object.values.flatMap(strings) }
        return []
    }

    /// A build that goes through: notes and warnings whose paths and messages carry the payload,
    /// and a summary line naming the site folder.
    @Test(arguments: payloads, formats)
    func aBuildPrintsNothingRaw(_ payload: Payload, _ format: String) throws {
        let root = try project(payload.text)
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try keydocs(["build", "--no-check", "--format", format], directory: root)
        #expect(run.status == 0, "\(run.stderr.debugDescription)")
        expectSafe(run, format: format, payload.name)
        if let document = document(run, format: format, payload.name) {
            // The encoders escape; the values come back as they went in.
            let values = strings(document)
            #expect(values.contains { $0.contains(payload.text + "docs/" + payload.text + "page.md") }, "\(values)")
            #expect(values.contains { $0.contains("gone" + payload.text + ".md") }, "\(values)")
        }
        if format == "text" || format == "github" {
            #expect(run.stderr.contains("built 2 pages"), "\(run.stderr.debugDescription)")
        }
    }

    /// Runs that stop: the site folder refused (its path starts the line), and a nav entry
    /// that names no page (in the message).
    @Test(arguments: payloads, formats)
    func aStoppedRunPrintsNothingRaw(_ payload: Payload, _ format: String) throws {
        let root = try project(payload.text)
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent(payload.text + "site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try "mine\n".write(to: site.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try keydocs(["build", "--no-check", "--format", format], directory: root)
        #expect(refused.status == 2, "\(refused.stderr.debugDescription)")
        expectSafe(refused, format: format, payload.name + " (site refused)")
        if let document = document(refused, format: format, payload.name) {
            #expect(strings(document).contains { $0.hasPrefix(payload.text + "site") }, "\(strings(document))")
        }

        let config = root.appendingPathComponent("mkdocs.yml")
        try (String(contentsOf: config, encoding: .utf8) + "\nnav:\n  - \(Self.yaml(payload.text + "missing.md"))\n")
            .write(to: config, atomically: true, encoding: .utf8)
        let nav = try keydocs(["build", "--no-check", "--format", format, "--site", "out"], directory: root)
        #expect(nav.status == 2, "\(nav.stderr.debugDescription)")
        expectSafe(nav, format: format, payload.name + " (nav)")
        if let document = document(nav, format: format, payload.name) {
            #expect(strings(document).contains { $0.contains(payload.text + "missing.md") }, "\(strings(document))")
        }
    }

    /// What ArgumentParser says about a value typed on the command line goes out the same way.
    @Test(arguments: payloads)
    func aBadArgumentPrintsNothingRaw(_ payload: Payload) throws {
        let run = try keydocs(["check", "--format", payload.text])
        #expect(run.status == 64)
        expectSafe(run, format: "text", payload.name)
        #expect(run.stderr.contains("--format"), "\(run.stderr.debugDescription)")
    }
}
