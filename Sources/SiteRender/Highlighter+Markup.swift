import DocModel

/// HTML, XML and Smarty templates: tags and their names, attributes, quoted values, comments,
/// and Smarty's `{…}` with its `{* comments *}`.
struct MarkupLexer {
    let bytes: [UInt8]
    let smarty: Bool
    var out: [UInt8] = []
    var i = 0

    init(bytes: [UInt8], smarty: Bool) {
        self.bytes = bytes
        self.smarty = smarty
        out.reserveCapacity(bytes.count * 2)
    }

    mutating func run() -> String {
        while i < bytes.count {
            if starts("<!--") {
                span("c", until: "-->")
            } else if smarty && starts("{*") {
                span("c", until: "*}")
            } else if smarty && bytes[i] == UInt8(ascii: "{"), i + 1 < bytes.count, !isSpace(bytes[i + 1]) {
                span("v", until: "}")
            } else if bytes[i] == UInt8(ascii: "<"), i + 1 < bytes.count, isNameStart(bytes[i + 1]) || "/!?".utf8.contains(bytes[i + 1]) {
                tag()
            } else if bytes[i] == UInt8(ascii: "&") {
                var end = i + 1
                while end < bytes.count, end - i < 12, isName(bytes[end]) || bytes[end] == UInt8(ascii: "#") { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: ";") { emit("n", i, end + 1) } else { plain(i, i + 1) }
            } else {
                plain(i, i + 1)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `<name attr="value" …>`: the name a keyword, attribute names functions, values strings.
    mutating func tag() {
        var end = i + 1
        while end < bytes.count, "/!?".utf8.contains(bytes[end]) { end += 1 }
        while end < bytes.count, isName(bytes[end]) { end += 1 }
        emit("k", i, end)
        while i < bytes.count, bytes[i] != UInt8(ascii: ">") {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                var close = i + 1
                while close < bytes.count, bytes[close] != b { close += 1 }
                emit("s", i, min(close + 1, bytes.count))
            } else if smarty && b == UInt8(ascii: "{") {
                span("v", until: "}")
            } else if isNameStart(b) {
                var stop = i
                while stop < bytes.count, isName(bytes[stop]) { stop += 1 }
                emit("f", i, stop)
            } else if b == UInt8(ascii: "<") {
                return
            } else {
                plain(i, i + 1)
            }
        }
        if i < bytes.count { emit("k", i, i + 1) }
    }

    func starts(_ text: String) -> Bool {
        let p = Array(text.utf8)
        return i + p.count <= bytes.count && bytes[i..<i + p.count].elementsEqual(p)
    }

    /// A span from here to the end of `close`, or to the end of the code.
    mutating func span(_ cls: String, until close: String) {
        let c = Array(close.utf8)
        var end = i + 1
        while end + c.count <= bytes.count, !bytes[end..<end + c.count].elementsEqual(c) { end += 1 }
        emit(cls, i, min(end + c.count, bytes.count))
    }

    func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
    func isNameStart(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 95 }
    func isName(_ b: UInt8) -> Bool { isNameStart(b) || (b >= 48 && b <= 57) || b == 45 || b == 46 || b == 58 }

    mutating func emit(_ cls: String, _ start: Int, _ end: Int) {
        out += Array("<span class=\"hl-\(cls)\">".utf8)
        plain(start, end)
        out += Array("</span>".utf8)
    }

    mutating func plain(_ start: Int, _ end: Int) {
        for byte in bytes[start..<end] { appendEscaped(byte, to: &out) }
        i = end
    }
}

/// Languages read a line at a time: Markdown (headings, fences, list markers, code), INI
/// (sections, keys, comments) and diffs (added, removed, hunks, file headers).
enum LineStyle: Sendable {
    case markdown, ini, diff

    func highlight(_ code: String) -> String {
        var h = HTML()
        var inFence = false
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        for (n, line) in lines.enumerated() {
            if n > 0 { h.raw("\n") }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            switch self {
            case .markdown:
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                    inFence.toggle()
                    span(&h, "s", line)
                } else if inFence || line.hasPrefix("    ") {
                    span(&h, "s", line)
                } else if trimmed.hasPrefix("#") {
                    span(&h, "k", line)
                } else if trimmed.hasPrefix(">") || trimmed.hasPrefix("!!!") || trimmed.hasPrefix("???") {
                    span(&h, "c", line)
                } else if let marker = listMarker(trimmed) {
                    h.text(line.prefix(line.count - trimmed.count))
                    span(&h, "v", marker)
                    inlineCode(&h, trimmed.dropFirst(marker.count))
                } else {
                    inlineCode(&h, line)
                }
            case .ini:
                if trimmed.hasPrefix(";") || trimmed.hasPrefix("#") {
                    span(&h, "c", line)
                } else if trimmed.hasPrefix("[") {
                    span(&h, "k", line)
                } else if let equals = line.firstIndex(where: { $0 == "=" || $0 == ":" }) {
                    span(&h, "f", line[..<equals])
                    h.text(String(line[equals]))
                    span(&h, "s", line[line.index(after: equals)...])
                } else {
                    h.text(line)
                }
            case .diff:
                if line.hasPrefix("+++") || line.hasPrefix("---") || line.hasPrefix("diff ") || line.hasPrefix("index ") {
                    span(&h, "k", line)
                } else if line.hasPrefix("@@") {
                    span(&h, "n", line)
                } else if line.hasPrefix("+") {
                    span(&h, "f", line)
                } else if line.hasPrefix("-") {
                    span(&h, "v", line)
                } else {
                    h.text(line)
                }
            }
        }
        return h.output
    }

    private func span(_ h: inout HTML, _ cls: String, _ text: Substring) {
        guard !text.isEmpty else { return }
        h.element("span", ["class": "hl-" + cls], text: text)
    }

    /// `- `, `* `, `+ ` or `1. ` at the start of a Markdown line.
    private func listMarker(_ line: Substring) -> Substring? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " { return line.prefix(2) }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") { return line.prefix(digits.count + 2) }
        return nil
    }

    /// Text with its `code spans` as strings.
    private func inlineCode(_ h: inout HTML, _ text: Substring) {
        var rest = text
        while let open = rest.firstIndex(of: "`") {
            h.text(rest[..<open])
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "`") else { h.text(rest[open...]); return }
            span(&h, "s", rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        h.text(rest)
    }
}
