import Foundation
import Support

/// The pass before cmark-gfm: rewrites the block syntax of the Python-Markdown and pymdown
/// extensions a guide turns on (admonitions, details, definition lists, attribute lists on
/// headings) into HTML blocks around their bodies, with the bodies' indentation taken off so that
/// cmark-gfm parses them as Markdown, code blocks included. Every line it writes remembers the
/// file's line and the columns it lost, so later stages report places in the file.
///
/// The walk over the lines is `Pass` (BlockPass+Pass.swift); each extension's syntax is read in a
/// file of its own: BlockPass+Containers (admonitions, details), +Tabs, +Definitions,
/// +AttributeLists (with `Attributes` and the sanitiser of what they set), +Abbreviations,
/// +MarkdownInHTML, and +Meta for the page's meta-data.
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
        /// Attributes given with attr_list, by where they belong in the parsed text: headings
        /// by their line, paragraphs by their last line, links and images by their closing `)`.
        public var attributes = AttributePlaces()
        /// The page's meta-data (YAML front matter or MultiMarkdown `Key: value` lines at the
        /// top, as mkdocs reads them), keys lowercased; `title` names the page.
        public var meta: [String: String] = [:]
        /// Abbreviations the page defines (abbr), in page order.
        public var abbreviations: [(String, String)] = []
        /// The titles and terms whose HTML the text holds comments for.
        var titles = Titles()
    }

    /// The inline Markdown of admonitions' and details' titles, tabs' labels and definitions'
    /// terms, which the pass writes into HTML blocks: each stands as a comment,
    /// `<!--TAG:t:N-->`, until the converter has read the whole page (abbreviations may be
    /// defined after their use), then `fill` puts each one's HTML in its place. The tag is one
    /// the page does not contain, so the page cannot write such a comment.
    public struct Titles: Sendable {
        /// The number of the first title (a block quote's pass numbers on from its page's).
        var first = 0
        /// Each title's Markdown, in order.
        var markdown: [String] = []

        /// `text` with each title's comment replaced by `html(markdown)`: one pass over it.
        func fill(_ text: String, tag: String, html: (String) -> String) -> String {
            guard !markdown.isEmpty else { return text }
            let rendered = markdown.map { html($0).replacingOccurrences(of: "\n", with: " ") }
            let open = Array("<!--\(tag):t:".utf8), close = Array("-->".utf8)
            var text = text
            return text.withUTF8 { bytes in
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count)
                var at = 0
                while let start = ByteSearch.find(open, in: bytes, from: at),
                      let end = ByteSearch.find(close, in: bytes, from: start + open.count) {
                    let number = Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + open.count)..<end]), as: UTF8.self))
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at..<start]))
                    if let number, rendered.indices.contains(number - first) { out.append(contentsOf: rendered[number - first].utf8) }
                    at = end + close.count
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at...]))
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// Whether `text` needs the pass: an extension with block syntax is on, or the page has
    /// meta-data at its top, or an indented fence (which may close left of its list item).
    public static func needed(for text: String, options: MarkdownOptions) -> Bool {
        if options.needs(.block) { return true }
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

    /// Runs the pass over a page's lines with `options`. Titles and terms stand as comments
    /// with `titleTag`, a tag the lines do not contain, in the text it returns (`Titles`).
    public static func run(_ lines: [Line], options: MarkdownOptions, titleTag: String) -> Output {
        run(lines, options: options, readMeta: true, quoteDepth: 0, titleTag: titleTag, firstTitle: 0)
    }

    /// Block quotes nested deeper than this are left to cmark-gfm as they are: a page of
    /// thousands of `>` must not take the pass that deep.
    static let maxQuoteDepth = 8

    /// An inline attribute list (`[text](url){: … }`) longer than this many bytes is text.
    static let maxInlineAttributes = 256

    /// Containers nested deeper than this are text: each line is dedented once per open
    /// container, and a page of thousands of nested `!!!` must not cost the square of that.
    static let maxContainerDepth = 16

    static func run(_ lines: [Line], options: MarkdownOptions, readMeta: Bool, quoteDepth: Int, titleTag: String,
                    firstTitle: Int) -> Output {
        var pass = Pass(options: options, titleTag: titleTag, firstTitle: firstTitle)
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
        var output = Output(text: pass.out.joined(separator: "\n") + (pass.out.isEmpty ? "" : "\n"), map: pass.map)
        output.attributes = pass.attributes
        output.meta = meta
        output.abbreviations = pass.abbreviations
        output.titles = pass.titles
        return output
    }
}
