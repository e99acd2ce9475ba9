import Foundation
import Support

/// The pass before cmark-gfm: rewrites the block syntax of the Python-Markdown and pymdown
/// extensions a guide turns on (admonitions, details, definition lists, attribute lists on
/// headings) into HTML blocks around their bodies, with the bodies' indentation taken off so that
/// cmark-gfm parses them as Markdown, code blocks included. Every line it writes remembers the
/// file's line and the columns it lost, so later stages report places in the file.
public enum BlockPass {
    /// One line of input: its text and its line in the file.
    public struct Line: Sendable {
        public var text: String
        public var origin: Int

        public init(_ text: String, origin: Int) {
            self.text = text
            self.origin = origin
        }
    }

    /// What the pass gives cmark-gfm and the converter.
    public struct Output: Sendable {
        /// The text to parse.
        public var text: String
        /// Where each of its lines came from.
        public var map: SourceMap
        /// Attributes given to headings with attr_list, by the line of the parsed text.
        public var headingAttributes: [Int: Attributes]
        /// The page's meta-data (YAML front matter or MultiMarkdown `Key: value` lines at the
        /// top, as mkdocs reads them), keys lowercased; `title` names the page.
        public var meta: [String: String] = [:]
        /// Abbreviations the page defines (abbr), in page order.
        public var abbreviations: [(String, String)] = []
    }

    /// An attribute list: `{: #id .class key=value }`.
    public struct Attributes: Sendable, Equatable {
        public var id: String?
        public var classes: [String] = []
        public var others: [(String, String)] = []

        public static func == (a: Attributes, b: Attributes) -> Bool {
            a.id == b.id && a.classes == b.classes && a.others.elementsEqual(b.others) { $0 == $1 }
        }

        /// The comment that carries attributes from the pass before cmark-gfm to the one after it.
        static let markerPrefix = "<!--keydocs-attributes "

        /// The attributes as that comment, values percent-encoded so that no `-->` can end it early.
        static func marker(_ attributes: Attributes) -> String {
            var parts: [String] = []
            if let id = attributes.id { parts.append("id=" + encode(id)) }
            if !attributes.classes.isEmpty { parts.append("class=" + encode(attributes.classes.joined(separator: " "))) }
            for (name, value) in attributes.others { parts.append(encode(name) + "=" + encode(value)) }
            return markerPrefix + parts.joined(separator: " ") + "-->"
        }

        static func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "_.:"))) ?? ""
        }

        /// The attributes of a marker comment's inside, as HTML: names that are safe to set from
        /// a page (no event handlers, no addresses), values escaped.
        static func html(fromMarker inside: Substring) -> String {
            var out = ""
            for part in inside.split(separator: " ") {
                guard let eq = part.firstIndex(of: "="),
                      let name = String(part[..<eq]).removingPercentEncoding?.lowercased(),
                      let value = String(part[part.index(after: eq)...]).removingPercentEncoding else { continue }
                let safeName = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":") }
                guard safeName, !name.hasPrefix("on"), !["href", "src", "srcset", "srcdoc", "action", "formaction", "xlink:href"].contains(name) else { continue }
                let escaped = escape(value)
                out += " \(name)=\"\(escaped)\""
            }
            return out
        }

        /// Parses the inside of `{: … }`; nil when it is not an attribute list.
        public static func parse(_ text: Substring) -> Attributes? {
            var result = Attributes()
            var rest = text.drop { $0 == " " }
            while !rest.isEmpty {
                var token = ""
                var quote: Character?
                while let c = rest.first, quote != nil || c != " " {
                    rest.removeFirst()
                    if let q = quote { if c == q { quote = nil } else { token.append(c) }; continue }
                    if c == "\"" || c == "'" { quote = c } else { token.append(c) }
                }
                rest = rest.drop { $0 == " " }
                if token.hasPrefix("#") && token.count > 1 {
                    result.id = String(token.dropFirst())
                } else if token.hasPrefix(".") && token.count > 1 {
                    result.classes.append(String(token.dropFirst()))
                } else if let eq = token.firstIndex(of: "="), eq != token.startIndex {
                    result.others.append((String(token[..<eq]), String(token[token.index(after: eq)...])))
                } else if !token.isEmpty, !token.contains("{"), !token.contains("}") {
                    // A bare word is an attribute named and valued by itself, as Python-Markdown reads it.
                    result.others.append((token, token))
                } else {
                    return nil
                }
            }
            return result
        }
    }

    /// Whether `text` needs the pass: an extension with block syntax is on, or the page has
    /// meta-data at its top, or an indented fence (which may close left of its list item).
    public static func needed(for text: String, options: MarkdownOptions) -> Bool {
        if options.admonition || options.details || options.defList || options.attrList || options.tabbed
            || options.abbr || options.markdownInHTML { return true }
        if text.utf8.split(separator: 10).contains(where: { narrowedListItem(Substring($0)) != nil }) { return true }
        var text = text
        return text.withUTF8 { bytes in
            var atLineStart = true, spaces = 0, fence = 0, firstLine = true, firstLineColon = false, firstLineWord = true
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                if firstLine {
                    if byte == 10 || byte == 13 {
                        if firstLineColon { return true }
                        firstLine = false
                    } else if byte == UInt8(ascii: ":") && firstLineWord {
                        firstLineColon = true
                    } else if !(byte == 45 || byte == 95 || (byte >= 48 && byte <= 57) || (byte | 0x20 >= 97 && byte | 0x20 <= 122)) {
                        firstLineWord = false
                    }
                }
                if byte == 10 || byte == 13 { atLineStart = true; spaces = 0; fence = 0; continue }
                guard atLineStart else {
                    // The rest of the line does not matter after the first line.
                    if !firstLine { while i < bytes.count && bytes[i] != 10 && bytes[i] != 13 { i += 1 } }
                    continue
                }
                if byte == 32 || byte == 9 { spaces += 1; continue }
                if (byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~")) && spaces > 0 {
                    fence += 1
                    if fence == 3 { return true }
                    continue
                }
                if byte == UInt8(ascii: "-") && spaces == 0 && firstLine { fence += 1; if fence == 3 { return true }; continue }
                atLineStart = false
            }
            return firstLine && firstLineColon
        }
    }

    /// A list item whose text starts five or more spaces after its marker (`-       text`), with
    /// one space there instead, and how many spaces that took out; nil for any other line.
    /// Python-Markdown reads such text as the item's; CommonMark would read an indented code
    /// block in the item. The columns taken out are before the text, which keeps its place.
    static func narrowedListItem(_ line: Substring) -> (String, Int)? {
        let bytes = Array(line.utf8.prefix(32))
        var i = 0
        while i < bytes.count, bytes[i] == 32 { i += 1 }
        guard i <= 3, i < bytes.count else { return nil }
        var j = i
        if bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "*") || bytes[j] == UInt8(ascii: "+") {
            j += 1
        } else {
            while j < bytes.count, j - i < 9, bytes[j] >= 48, bytes[j] <= 57 { j += 1 }
            guard j > i, j < bytes.count, bytes[j] == UInt8(ascii: ".") || bytes[j] == UInt8(ascii: ")") else { return nil }
            j += 1
        }
        var k = j
        while k < bytes.count, bytes[k] == 32 { k += 1 }
        guard k - j >= 5, k < bytes.count, bytes[k] != 9, bytes[k] != 13 else { return nil }
        let rest = line.utf8.dropFirst(k)
        return (String(decoding: bytes[..<j], as: UTF8.self) + " " + String(decoding: rest, as: UTF8.self), k - j - 1)
    }

    /// The lines of `text`, split at LF, CRLF or CR (a lone CR ends a line in CommonMark too),
    /// without their line endings.
    public static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var utf8 = Substring(text).utf8
        while !utf8.isEmpty {
            guard let end = utf8.firstIndex(where: { $0 == 10 || $0 == 13 }) else {
                lines.append(String(Substring(utf8)))
                break
            }
            lines.append(String(Substring(utf8[..<end])))
            var next = utf8.index(after: end)
            if utf8[end] == 13, next < utf8.endIndex, utf8[next] == 10 { next = utf8.index(after: next) }
            utf8 = utf8[next...]
        }
        return lines
    }

    /// Runs the pass over a page's lines with `options`; `inline` renders a title or a term's
    /// inline Markdown to HTML.
    public static func run(_ lines: [Line], options: MarkdownOptions, inline: @escaping (String) -> String) -> Output {
        run(lines, options: options, inline: inline, readMeta: true, quoteDepth: 0)
    }

    /// Block quotes nested deeper than this are left to cmark-gfm as they are: a page of
    /// thousands of `>` must not take the pass that deep.
    static let maxQuoteDepth = 8

    /// An inline attribute list (`[text](url){: … }`) longer than this many bytes is text.
    static let maxInlineAttributes = 256

    /// Containers nested deeper than this are text: each line is dedented once per open
    /// container, and a page of thousands of nested `!!!` must not cost the square of that.
    static let maxContainerDepth = 16

    static func run(_ lines: [Line], options: MarkdownOptions, inline: @escaping (String) -> String, readMeta: Bool,
                    quoteDepth: Int) -> Output {
        var pass = Pass(options: options, inline: inline)
        pass.quoteDepth = quoteDepth
        pass.source = lines
        let (meta, metaLines) = readMeta ? Self.meta(lines) : ([:], 0)
        for line in lines.prefix(metaLines) { pass.emit("", origin: line.origin, shift: 0) }
        var k = metaLines
        // The end of a block quote found to hold no extension syntax: its other lines hold none
        // either, and are not looked at again.
        var plainQuoteEnd = 0
        while k < lines.count {
            if k >= plainQuoteEnd {
                switch pass.takeQuote(lines, from: k) {
                case .taken(let count):
                    k += count
                    continue
                case .plain(let end): plainQuoteEnd = end
                case .none: break
                }
            }
            pass.position = k
            pass.take(lines[k], next: k + 1 < lines.count ? lines[k + 1].text : nil)
            k += 1
        }
        pass.closeAll(at: lines.last?.origin ?? 1)
        var output = Output(text: pass.out.joined(separator: "\n") + (pass.out.isEmpty ? "" : "\n"), map: pass.map,
                            headingAttributes: pass.headingAttributes)
        output.meta = meta
        output.abbreviations = pass.abbreviations
        return output
    }

    /// mkdocs' page meta-data: YAML front matter between `---` and `---` (or `...`), or
    /// MultiMarkdown `Key: value` lines (with indented continuations) up to the first blank
    /// line. The values and how many lines at the top they take.
    static func meta(_ lines: [Line]) -> ([String: String], Int) {
        guard let first = lines.first?.text else { return ([:], 0) }
        var meta: [String: String] = [:]
        if first.trimmingWhitespace() == "---" {
            guard let end = lines.dropFirst().firstIndex(where: { ["---", "..."].contains($0.text.trimmingWhitespace()) }) else {
                return ([:], 0)
            }
            for line in lines[1..<end] {
                guard !line.text.hasPrefix(" "), let colon = line.text.firstIndex(of: ":") else { continue }
                var value = line.text[line.text.index(after: colon)...].trimmingWhitespace()
                if value.count >= 2, let q = value.first, (q == "\"" || q == "'"), value.last == q { value = String(value.dropFirst().dropLast()) }
                meta[line.text[..<colon].trimmingWhitespace().lowercased()] = value
            }
            return (meta, end + 1)
        }
        var count = 0
        var key: String?
        for line in lines {
            let text = line.text
            if text.trimmingWhitespace().isEmpty { break }
            let indent = text.prefix { $0 == " " }.count
            if indent <= 3, let colon = text.firstIndex(of: ":"),
               text[text.index(text.startIndex, offsetBy: indent)..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }),
               colon > text.index(text.startIndex, offsetBy: indent) {
                let name = text[text.index(text.startIndex, offsetBy: indent)..<colon].lowercased()
                let value = text[text.index(after: colon)...].trimmingWhitespace()
                meta[name] = meta[name].map { $0 + " " + value } ?? value
                key = name
            } else if indent >= 4, let key {
                meta[key, default: ""] += " " + text.trimmingWhitespace()
            } else {
                return count == 0 ? ([:], 0) : (meta, count)
            }
            count += 1
        }
        return (meta, count)
    }

    /// An open container: the indentation of its opening line (in its parent's text), what
    /// closes it, and the fence open in its body.
    private struct Frame {
        enum Kind { case admonition, details, definition(tight: Bool), tab }
        var kind: Kind
        var indent: Int
        var closing: String
        var fence: Fence?
    }

    /// An open fenced code block: its character, length and indentation.
    private struct Fence {
        var character: Character
        var count: Int
        var indent: Int
    }

    private struct Pass {
        let options: MarkdownOptions
        let inline: (String) -> String
        var out: [String] = []
        var map = SourceMap()
        var headingAttributes: [Int: Attributes] = [:]
        var stack: [Frame] = []
        var documentFence: Fence?
        /// Indentation and list-ness of the last non-blank lines written, innermost container's text.
        var recent: [(indent: Int, listItem: Bool)] = []
        /// The page's lines and the one being taken, for looking ahead (how many tabs a set has).
        var source: [Line] = []
        var position = 0
        /// Tab sets so far on the page, and the set whose tab just closed with another to follow.
        var tabSets = 0
        var openTabSet: (set: Int, next: Int)?
        /// How many block quotes the lines passed are inside.
        var quoteDepth = 0
        var abbreviations: [(String, String)] = []
        /// HTML elements opened with a `markdown` attribute, whose closing tag is ahead.
        var markdownElements: [String] = []

        init(options: MarkdownOptions, inline: @escaping (String) -> String) {
            self.options = options
            self.inline = inline
        }

        mutating func emit(_ text: String, origin: Int, shift: Int) {
            out.append(text)
            map.append(line: origin, shift: shift)
        }

        mutating func take(_ line: Line, next: String?) {
            var text = line.text
            var shift = 0
            var depth = 0
            let blank = text.allSatisfy { $0 == " " || $0 == "\t" }
            // Each open container takes four columns off the line. Without tabs in the
            // indentation, that is one cut at the start, whatever the containers' columns.
            let lead = indentation(text)
            let tabbed = text.utf8.prefix { $0 == 32 || $0 == 9 }.contains(9)
            for frame in stack {
                if blank { depth += 1; continue }
                guard lead - shift >= frame.indent + 4 else { break }
                if tabbed { text = removeIndent(text, at: frame.indent) }
                shift += 4
                depth += 1
            }
            if !tabbed && shift > 0 && !blank { text = String(Substring(text.utf8.dropFirst(shift))) }
            if blank { text = "" }
            while stack.count > depth { close(at: line.origin, nextLine: text) }

            let fence = stack.isEmpty ? documentFence : stack[stack.count - 1].fence
            if let open = fence {
                if let closing = fenceMarker(text), closing.character == open.character, closing.count >= open.count,
                   text.trimmingWhitespace().allSatisfy({ $0 == open.character }) {
                    setFence(nil)
                    // Python-Markdown closes a fence whatever the closing line's indentation;
                    // CommonMark does not when it is left of a list item's content. Written at
                    // the opening's indentation, it closes the same fence in both.
                    let indent = indentation(text)
                    emit(String(repeating: " ", count: open.indent) + text.trimmingWhitespace(), origin: line.origin, shift: shift + indent - open.indent)
                    return
                }
                emit(text, origin: line.origin, shift: shift)
                return
            }
            if let opening = fenceMarker(text) {
                setFence(Fence(character: opening.character, count: opening.count, indent: indentation(text)))
                note(text)
                emit(text, origin: line.origin, shift: shift)
                return
            }
            if let (narrowed, removed) = BlockPass.narrowedListItem(Substring(text)) {
                text = narrowed
                shift += removed
            }
            if !blank, stack.count < BlockPass.maxContainerDepth, let frame = opener(text) ?? tabOpener(text, shift: shift) {
                open(frame, text: text, origin: line.origin, shift: shift)
                return
            }
            if options.abbr, let (term, title) = Self.abbreviation(text) {
                abbreviations.append((term, title))
                emit("", origin: line.origin, shift: shift)
                return
            }
            if options.markdownInHTML, let html = markdownElement(text) {
                if !html.opening, out.last?.isEmpty == false { emit("", origin: line.origin, shift: shift) }
                emit(html.line, origin: line.origin, shift: shift)
                if html.opening { emit("", origin: line.origin, shift: shift) }
                return
            }
            if options.defList, !blank, stack.count < BlockPass.maxContainerDepth, let definition = definitionStart(text) {
                openDefinition(definition, text: text, origin: line.origin, shift: shift)
                return
            }
            if options.attrList {
                if let (heading, attributes) = headingAttributes(text) {
                    headingAttributes[out.count + 1] = attributes
                    text = heading
                } else if let attributes = blockAttributes(text) {
                    // For the paragraph it ends: a comment at the end of its last line, which the
                    // inline pass turns into the paragraph's attributes.
                    if let last = out.last, !last.isEmpty { out[out.count - 1] = last + Attributes.marker(attributes) }
                    text = ""
                } else if text.contains("){") {
                    text = markInlineAttributes(text)
                }
            }
            if !text.isEmpty { note(text) }
            emit(text, origin: line.origin, shift: shift)
        }

        /// What `takeQuote` did with the lines at a place.
        enum Quote {
            /// Took this many lines: a quote with extension syntax, passed on its own.
            case taken(Int)
            /// A quote without extension syntax, which ends before this line: left to `take`.
            case plain(end: Int)
            /// No quote here that the pass can take.
            case none
        }

        /// A block quote at the margin whose lines hold extension syntax (`> !!! note`): its
        /// lines without their `>`, passed on their own, then quoted again.
        mutating func takeQuote(_ lines: [Line], from start: Int) -> Quote {
            guard stack.isEmpty, documentFence == nil, quoteDepth < BlockPass.maxQuoteDepth else { return .none }
            var inner: [Line] = []
            var shifts: [Int] = []
            var k = start
            while k < lines.count {
                let text = lines[k].text
                let indent = text.prefix { $0 == " " }.count
                guard indent <= 3, text.dropFirst(indent).first == ">" else { break }
                var rest = text.dropFirst(indent + 1)
                if rest.first == " " { rest = rest.dropFirst() }
                inner.append(Line(String(rest), origin: lines[k].origin))
                shifts.append(text.count - rest.count)
                k += 1
            }
            guard !inner.isEmpty else { return .none }
            let marked = inner.contains { line in
                let trimmed = line.text.drop { $0 == " " }
                return (options.admonition && trimmed.hasPrefix("!!!")) || (options.details && trimmed.hasPrefix("???"))
                    || (options.attrList && line.text.contains("{")) || (options.defList && trimmed.hasPrefix(":"))
            }
            guard marked else { return .plain(end: k) }
            let passed = BlockPass.run(inner, options: options, inline: inline, readMeta: false, quoteDepth: quoteDepth + 1)
            let base = out.count
            for (line, attributes) in passed.headingAttributes { headingAttributes[base + line] = attributes }
            let origins = Dictionary(inner.enumerated().map { ($1.origin, shifts[$0]) }, uniquingKeysWith: { a, _ in a })
            for (n, text) in BlockPass.split(passed.text).enumerated() {
                let entry = passed.map.lines[min(n, passed.map.lines.count - 1)]
                emit(text.isEmpty ? ">" : "> " + text, origin: entry.line, shift: entry.shift + (origins[entry.line] ?? 2) - 2)
            }
            if !passed.text.isEmpty { note("> ") }
            return .taken(k - start)
        }

        mutating func setFence(_ fence: Fence?) {
            if stack.isEmpty { documentFence = fence } else { stack[stack.count - 1].fence = fence }
        }

        /// Remembers a line that starts a block (after a blank line, or a list item), for
        /// `insideListItem`; a lazy continuation line belongs to the block above it.
        mutating func note(_ text: String) {
            let trimmed = text.drop { $0 == " " }
            let listItem = Self.isListItem(trimmed)
            guard listItem || out.last?.isEmpty != false else { return }
            recent.append((indentation(text), listItem))
            if recent.count > 64 { recent.removeFirst(32) }
        }

        static func isListItem(_ trimmed: Substring) -> Bool {
            if let first = trimmed.first, "-*+".contains(first), trimmed.dropFirst().first == " " { return true }
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9 else { return false }
            let rest = trimmed.dropFirst(digits.count)
            return (rest.first == "." || rest.first == ")") && rest.dropFirst().first == " "
        }

        /// Whether an indented opener belongs to a list item (Python-Markdown reads the item's
        /// indented lines as blocks of their own), not to an indented code block.
        func insideListItem(indent: Int) -> Bool {
            for entry in recent.reversed() where entry.indent < indent { return entry.listItem }
            return false
        }

        // MARK: - Containers

        /// An admonition or details opening line: the frame it opens, with its HTML.
        mutating func opener(_ text: String) -> (frame: Frame, html: [String])? {
            let indent = indentation(text)
            let trimmed = text.dropFirst(indent)
            var kind: Frame.Kind
            var rest: Substring
            var open = false
            if options.admonition, trimmed.hasPrefix("!!!") {
                kind = .admonition
                rest = trimmed.dropFirst(3)
            } else if options.details, trimmed.hasPrefix("???") {
                kind = .details
                rest = trimmed.dropFirst(3)
                if rest.first == "+" { open = true; rest = rest.dropFirst() }
            } else {
                return nil
            }
            // Python-Markdown finds `!!!` only at the start of a line of its block: at the margin,
            // or at a list item's content, which it reads four columns in.
            guard indent == 0 || (indent % 4 == 0 && insideListItem(indent: indent)) else { return nil }
            guard let (classes, title) = Self.typeAndTitle(rest) else { return nil }
            let pad = String(repeating: " ", count: indent)
            let classList = classes.map { escape($0) }.joined(separator: " ")
            // Python-Markdown's default title is the first type, capitalised; `""` means none.
            let shownTitle = title ?? classes.first.map { $0.prefix(1).uppercased() + $0.dropFirst() }
            var html: [String]
            switch kind {
            case .admonition:
                html = [pad + "<div class=\"admonition \(classList)\">"]
                if let shownTitle, !shownTitle.isEmpty {
                    html.append(pad + "<p class=\"admonition-title\">\(inline(shownTitle))</p>")
                }
                return (Frame(kind: kind, indent: indent, closing: "</div>"), html)
            case .details, .definition, .tab:
                html = [pad + "<details class=\"\(classList)\"\(open ? " open=\"open\"" : "")>",
                        pad + "<summary>\(inline(shownTitle ?? ""))</summary>"]
                return (Frame(kind: kind, indent: indent, closing: "</details>"), html)
            }
        }

        // MARK: - Abbreviations and Markdown in HTML

        /// `*[TERM]: Title`: the term and its title.
        static func abbreviation(_ text: String) -> (String, String)? {
            let trimmed = text.drop { $0 == " " }
            guard text.count - trimmed.count <= 3, trimmed.hasPrefix("*["), let close = trimmed.firstIndex(of: "]") else { return nil }
            let term = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard !term.isEmpty, term.unicodeScalars.count <= Abbreviations.maxTermLength, rest.hasPrefix(":") else { return nil }
            return (String(term), rest.dropFirst().trimmingWhitespace())
        }

        /// An opening tag alone on its line with a `markdown` attribute (written without it,
        /// with a blank line after, so that its content is parsed as Markdown), or the closing
        /// tag of such an element (with a blank line before).
        mutating func markdownElement(_ text: String) -> (line: String, opening: Bool)? {
            let trimmed = text.trimmingWhitespace()
            if let name = markdownElements.last, trimmed.lowercased() == "</\(name)>" {
                markdownElements.removeLast()
                return (text, false)
            }
            guard trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), !trimmed.hasPrefix("</"),
                  let range = trimmed.range(of: #"\s+markdown(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?"#, options: .regularExpression) else { return nil }
            let name = trimmed.dropFirst().prefix { $0.isLetter || $0.isNumber }.lowercased()
            guard !name.isEmpty else { return nil }
            markdownElements.append(name)
            let indent = String(text.prefix { $0 == " " })
            return (indent + trimmed.replacingCharacters(in: range, with: ""), true)
        }

        // MARK: - Tabs

        /// `=== "Title"` (pymdownx.tabbed): its indentation, title, and whether it is selected
        /// (`===+`) or starts a new set (`===!`).
        static func tab(_ text: String) -> (indent: Int, title: String, selected: Bool, newSet: Bool)? {
            let indent = text.prefix { $0 == " " }.count
            var rest = text.dropFirst(indent)
            guard rest.hasPrefix("===") else { return nil }
            rest = rest.dropFirst(3)
            var selected = false, newSet = false
            while let c = rest.first, c == "+" || c == "!" {
                if c == "+" { selected = true } else { newSet = true }
                rest = rest.dropFirst()
            }
            guard rest.first == " " else { return nil }
            var title = rest.drop { $0 == " " }
            while title.last == " " || title.last == "\t" { title = title.dropLast() }
            guard title.count >= 2, title.first == "\"", title.last == "\"" else { return nil }
            return (indent, String(title.dropFirst().dropLast()), selected, newSet)
        }

        /// A tab's opening line: the first of a set opens the set too (with how many tabs it
        /// has, which the lines ahead tell), as pymdownx.tabbed writes it.
        mutating func tabOpener(_ text: String, shift: Int) -> (frame: Frame, html: [String])? {
            guard options.tabbed, let tab = Self.tab(text) else { return nil }
            guard tab.indent == 0 || (tab.indent % 4 == 0 && insideListItem(indent: tab.indent)) else { return nil }
            let pad = String(repeating: " ", count: tab.indent)
            var html = pad
            let set: Int, number: Int
            var checked = tab.selected
            if let open = openTabSet, !tab.newSet {
                (set, number) = (open.set, open.next)
            } else {
                tabSets += 1
                (set, number) = (tabSets, 1)
                let (count, anySelected) = tabsAhead(indent: tab.indent + shift)
                checked = tab.selected || !anySelected
                html += "<div class=\"tabbed-set\" data-tabs=\"\(set):\(count)\">"
                openTabSet = (set, 1)
            }
            let id = "__tabbed_\(set)_\(number)"
            html += "<input \(checked ? "checked=\"checked\" " : "")id=\"\(id)\" name=\"__tabbed_\(set)\" type=\"radio\" />"
            let label = "<label for=\"\(id)\">\(inline(tab.title))</label><div class=\"tabbed-content\">"
            // A line that starts with `<input` is inline HTML to CommonMark unless the tag is
            // alone on its line: a later tab's input gets a line of its own.
            let lines = number == 1 ? [html + label] : [html, pad + label]
            return (Frame(kind: .tab, indent: tab.indent, closing: "</div>"), lines)
        }

        /// How many tabs the set starting at the current line has, and whether one is selected:
        /// tabs at the same indentation, with only their bodies and blank lines between.
        func tabsAhead(indent: Int) -> (count: Int, selected: Bool) {
            var count = 0, selected = false
            var k = position
            while k < source.count {
                let text = source[k].text
                if text.allSatisfy({ $0 == " " || $0 == "\t" }) || indentation(text) >= indent + 4 { k += 1; continue }
                guard let tab = Self.tab(text), indentation(text) == indent, count == 0 || !tab.newSet else { break }
                count += 1
                selected = selected || tab.selected
                k += 1
            }
            return (max(count, 1), selected)
        }

        /// `note "Title"` after `!!!` or `???`: the types and the title (nil when none is given).
        static func typeAndTitle(_ rest: Substring) -> (classes: [String], title: String?)? {
            var text = rest.drop { $0 == " " }
            while text.last == " " || text.last == "\t" { text = text.dropLast() }
            var title: String?
            if text.last == "\"", let quote = text.dropLast().firstIndex(of: "\"") {
                title = String(text[text.index(after: quote)..<text.index(before: text.endIndex)])
                text = text[..<quote]
            }
            // Python-Markdown lowercases the types; the default title is the first, capitalised.
            let classes = text.split(separator: " ").map { $0.lowercased() }
            guard !classes.isEmpty, classes.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }) else {
                return nil
            }
            return (classes, title)
        }

        mutating func open(_ opened: (frame: Frame, html: [String]), text: String, origin: Int, shift: Int) {
            for line in opened.html { emit(line, origin: origin, shift: shift) }
            emit("", origin: origin, shift: shift)
            stack.append(opened.frame)
            recent.append((opened.frame.indent, false))
        }

        mutating func close(at origin: Int, nextLine: String) {
            let frame = stack.removeLast()
            let pad = String(repeating: " ", count: frame.indent)
            if out.last?.isEmpty == false { emit("", origin: origin, shift: 0) }
            emit(pad + frame.closing, origin: origin, shift: 0)
            if case .definition = frame.kind, definitionStart(nextLine).map({ $0.indent == frame.indent }) != true {
                emit(pad + "</dl>", origin: origin, shift: 0)
            }
            if case .tab = frame.kind {
                // The set stays open for a tab that follows at the same place.
                if let following = Self.tab(nextLine), following.indent == frame.indent, !following.newSet, var set = openTabSet {
                    set.next += 1
                    openTabSet = set
                } else {
                    openTabSet = nil
                    emit(pad + "</div>", origin: origin, shift: 0)
                }
            }
            emit("", origin: origin, shift: 0)
        }

        mutating func closeAll(at origin: Int) {
            while !stack.isEmpty { close(at: origin, nextLine: "") }
        }

        // MARK: - Definition lists

        /// `:   text`: the indentation of the colon and the column where the text starts.
        func definitionStart(_ text: String) -> (indent: Int, content: Int)? {
            let indent = indentation(text)
            let rest = text.dropFirst(indent)
            guard rest.first == ":" else { return nil }
            let spaces = rest.dropFirst().prefix { $0 == " " }.count
            guard (1...4).contains(spaces), rest.count > 1 + spaces else { return nil }
            return (indent, indent + 1 + spaces)
        }

        mutating func openDefinition(_ start: (indent: Int, content: Int), text: String, origin: Int, shift: Int) {
            let pad = String(repeating: " ", count: start.indent)
            // A definition right after another one's body continues its list; otherwise the
            // lines just written at this indentation are its terms.
            var terms: [(text: String, origin: Int)] = []
            var tight = true
            let continuing = out.reversed().first { !$0.isEmpty } == pad + "</dd>"
            if continuing {
                // Python-Markdown reads a further definition as tight, blank line or not.
                while out.last?.isEmpty == true { dropLast() }
            } else {
                var blankBefore = false
                while out.last?.isEmpty == true { dropLast(); blankBefore = true }
                while let last = out.last, !last.isEmpty, indentation(last) == start.indent, isTerm(last.dropFirst(start.indent)) {
                    terms.append((String(last.dropFirst(start.indent)), map.lines[map.lines.count - 1].line))
                    dropLast()
                }
                terms.reverse()
                tight = !blankBefore
                if terms.isEmpty {
                    // No term above: not a definition list, the line stays as it is.
                    if blankBefore { emit("", origin: origin, shift: shift) }
                    note(text)
                    emit(text, origin: origin, shift: shift)
                    return
                }
                // A list right after another one (blank lines between) is the same list, as
                // Python-Markdown appends to the `<dl>` before.
                if out.reversed().first(where: { !$0.isEmpty }) == pad + "</dl>" {
                    while out.last?.isEmpty == true { dropLast() }
                    dropLast()
                } else {
                    if out.last?.isEmpty == false { emit("", origin: terms[0].origin, shift: shift) }
                    emit(pad + "<dl>", origin: terms[0].origin, shift: shift)
                }
                for term in terms { emit(pad + "<dt>\(inline(term.text))</dt>", origin: term.origin, shift: shift) }
            }
            emit(pad + (tight ? "<dd class=\"keydocs-tight\">" : "<dd>"), origin: origin, shift: shift)
            emit("", origin: origin, shift: shift)
            stack.append(Frame(kind: .definition(tight: tight), indent: start.indent, closing: "</dd>"))
            recent.append((start.indent, false))
            let content = pad + String(text.dropFirst(start.content))
            note(content)
            emit(content, origin: origin, shift: shift + start.content - start.indent)
        }

        /// Whether a line just written can be a term: text, not a heading, list item, fence or HTML.
        func isTerm(_ line: Substring) -> Bool {
            guard let first = line.first else { return false }
            return !"#<|>`~".contains(first) && !Self.isListItem(line)
        }

        mutating func dropLast() {
            out.removeLast()
            map.removeLast()
        }

        // MARK: - Attribute lists

        /// An ATX heading line with `{: … }` at its end: the line without it, and the attributes.
        func headingAttributes(_ text: String) -> (String, Attributes)? {
            // Past any block quote markers: `> ## Title {: #id }`.
            var quoted = Substring(text)
            while let marker = quoted.firstIndex(where: { $0 != " " }), quoted[marker] == ">",
                  quoted.distance(from: quoted.startIndex, to: marker) <= 3 {
                quoted = quoted[quoted.index(after: marker)...]
                if quoted.first == " " { quoted = quoted.dropFirst() }
            }
            let indent = quoted.prefix { $0 == " " }.count
            guard indent <= 3, quoted.dropFirst(indent).first == "#", text.hasSuffix("}"),
                  let open = text.range(of: " {", options: .backwards) else { return nil }
            var inside = text[open.upperBound..<text.index(before: text.endIndex)]
            if inside.first == ":" { inside = inside.dropFirst() }
            guard let attributes = Attributes.parse(inside) else { return nil }
            var heading = String(text[..<open.lowerBound])
            while heading.last == " " { heading.removeLast() }
            // The list follows the heading's text: `#### {icon}` is a heading that reads "{icon}".
            guard heading.contains(where: { $0 != "#" && $0 != " " && $0 != ">" }) else { return nil }
            return (heading, attributes)
        }

        /// A line that is only `{: … }`: the attributes for the block above.
        func blockAttributes(_ text: String) -> Attributes? {
            let trimmed = text.trimmingWhitespace()
            guard trimmed.hasPrefix("{:"), trimmed.hasSuffix("}") else { return nil }
            return Attributes.parse(trimmed.dropFirst(2).dropLast())
        }

        /// `[text](url){: … }` and `![alt](src){: … }` with their attribute lists turned into
        /// comments that the inline pass moves onto the link or image. One pass over the line:
        /// the `}` that ends a list is found once for every `){` before it, and a list longer
        /// than `maxInlineAttributes` bytes is not read as one, so that a line of many `){`
        /// and one `}` is not parsed once per `){`.
        func markInlineAttributes(_ text: String) -> String {
            var text = text
            return text.withUTF8 { bytes in
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count)
                func copy(_ range: Range<Int>) { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) }
                var nextBrace: Int?? = nil
                var at = 0
                while let close = ByteSearch.find(Self.linkThenBrace, in: bytes, from: at) {
                    copy(at..<(close + 1))
                    let after = close + 2
                    if case let .some(cached) = nextBrace, cached.map({ $0 >= after }) ?? true {} else {
                        nextBrace = .some(ByteSearch.find(Self.closingBrace, in: bytes, from: after))
                    }
                    if case let .some(.some(end)) = nextBrace, end - after <= BlockPass.maxInlineAttributes {
                        var inside = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[after..<end]), as: UTF8.self))
                        if inside.first == ":" { inside = inside.dropFirst() }
                        if let attributes = Attributes.parse(inside) {
                            out.append(contentsOf: Attributes.marker(attributes).utf8)
                            at = end + 1
                            continue
                        }
                    }
                    at = close + 1
                }
                copy(at..<bytes.count)
                return String(decoding: out, as: UTF8.self)
            }
        }

        private static let linkThenBrace = Array("){".utf8), closingBrace = Array("}".utf8)

        // MARK: - Text

        func indentation(_ text: String) -> Int {
            var count = 0
            for c in text.utf8 {
                if c == 32 { count += 1 } else if c == 9 { count += 4 - count % 4 } else { break }
            }
            return count
        }

        /// `text` with four columns of indentation taken out at column `column`.
        func removeIndent(_ text: String, at column: Int) -> String {
            var expanded = ""
            var col = 0
            var index = text.startIndex
            while index < text.endIndex, text[index] == " " || text[index] == "\t" {
                let width = text[index] == "\t" ? 4 - col % 4 : 1
                expanded += String(repeating: " ", count: width)
                col += width
                index = text.index(after: index)
            }
            var spaces = Array(expanded)
            let start = min(column, spaces.count)
            spaces.removeSubrange(start..<min(start + 4, spaces.count))
            return String(spaces) + text[index...]
        }

        /// A fence's character and length when `text` opens or closes a fenced code block.
        func fenceMarker(_ text: String) -> (character: Character, count: Int)? {
            let trimmed = text.drop { $0 == " " }
            guard let first = trimmed.first, first == "`" || first == "~" else { return nil }
            let count = trimmed.prefix { $0 == first }.count
            guard count >= 3 else { return nil }
            if first == "`" && trimmed.dropFirst(count).contains("`") { return nil }
            return (first, count)
        }
    }
}
