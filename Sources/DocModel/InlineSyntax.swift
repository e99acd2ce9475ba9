import Foundation
import Support

/// The inline syntax of the pymdown extensions a guide turns on (`==mark==`, `~sub~`,
/// `` `#!lang code` ``) and its abbreviations (abbr), read in the page's text: the converter
/// gives it the children of each container in cmark-gfm's tree that holds text (never raw HTML,
/// an image's alternative text or code), and each code span, and puts the pieces it returns in
/// the place of the node they came from. Each piece of text stays a text node, so cmark-gfm
/// escapes it as it escapes the rest of the page.
struct InlineSyntax {
    /// A text node's replacement, piece by piece.
    enum Piece: Equatable {
        /// Text, escaped when the page is rendered.
        case text(String)
        /// HTML, written as it is.
        case html(String)
    }

    let mark: Bool
    let tilde: Bool
    let hilite: Bool
    let abbreviations: Abbreviations

    init(options: MarkdownOptions, abbreviations: [(String, String)]) {
        mark = options.has(.mark)
        tilde = options.has(.tilde)
        hilite = options.has(.inlineHilite)
        self.abbreviations = Abbreviations(abbreviations)
    }

    /// Whether there is nothing to read.
    var isEmpty: Bool { !mark && !tilde && !hilite && abbreviations.isEmpty }

    /// Whether text nodes are read (code spans are read for `hilite` alone).
    var readsText: Bool { mark || tilde || !abbreviations.isEmpty }

    /// One of an inline container's children, as the syntax sees it.
    enum Child: Equatable {
        /// A text node's literal.
        case text(String)
        /// A soft or hard line break.
        case lineBreak
        /// Anything else (emphasis, a link, a code span, inline HTML): it may stand inside
        /// `==…==`, and is not read.
        case other
    }

    /// The pieces that take the place of each text child of one inline container, by the
    /// child's position; a child not listed stays as it is. `==text==` becomes `<mark>`, then
    /// `~text~` `<sub>`, each over the container's children together, as Python-Markdown reads
    /// them (`==a **b** c==` is one mark); then each whole-word use of an abbreviation in a
    /// text `<abbr>`.
    func replacements(_ children: [Child]) -> [Int: [Piece]] {
        var items: [Item] = children.enumerated().map { n, child in
            switch child {
            case .text(let text): .text(text, child: n)
            case .lineBreak: .other(lineBreak: true)
            case .other: .other(lineBreak: false)
            }
        }
        var changed = false
        if mark, let marked = Self.wrap(items, delimiter: "==", tag: "mark", spaces: true) { (items, changed) = (marked, true) }
        if tilde, let sub = Self.wrap(items, delimiter: "~", tag: "sub", spaces: false) { (items, changed) = (sub, true) }
        if !abbreviations.isEmpty {
            items = items.flatMap { item -> [Item] in
                guard case .text(let text, let child) = item, let pieces = abbreviations.pieces(text) else { return [item] }
                changed = true
                return pieces.map { piece in
                    switch piece {
                    case .text(let text): .text(text, child: child)
                    case .html(let html): .html(html, child: child)
                    }
                }
            }
        }
        guard changed else { return [:] }
        var result: [Int: [Piece]] = [:]
        for item in items {
            switch item {
            case .text(let text, let child): result[child, default: []].append(.text(text))
            case .html(let html, let child): result[child, default: []].append(.html(html))
            case .other: break
            }
        }
        // A child that came through whole stays.
        return result.filter { child, pieces in
            guard case .text(let text) = children[child] else { return true }
            return pieces != [.text(text)]
        }
    }

    /// A piece of a container's children while the syntax reads them: text and HTML from the
    /// text child at `child`, or a child that is not text.
    enum Item: Equatable {
        case text(String, child: Int)
        case html(String, child: Int)
        case other(lineBreak: Bool)
    }

    /// A code span that names its language, as inlinehilite reads one: `#!` or `:::`, the
    /// language (letters, digits, `_ # . + -`; none for plain code), white space, then the code.
    /// Nil for any other code span, or without inlinehilite.
    func highlighted(_ literal: String) -> (language: String, code: Substring)? {
        guard hilite else { return nil }
        let body: Substring
        if literal.hasPrefix("#!") {
            body = literal.dropFirst(2)
        } else if literal.hasPrefix(":::") {
            body = literal.dropFirst(3)
        } else {
            return nil
        }
        let language = body.prefix { $0.isLetter || $0.isNumber || "_#.+-".contains($0) }
        let rest = body.dropFirst(language.count)
        guard rest.first?.isWhitespace == true else { return nil }
        let code = rest.drop { $0.isWhitespace }
        guard !code.isEmpty else { return nil }
        return (String(language), code)
    }

    /// A code span's HTML when it names its language: `#!php echo 1;` is
    /// `<code class="highlight" data-lang="php">echo 1;</code>`; nil for any other.
    func code(_ literal: String) -> String? {
        guard let (language, code) = highlighted(literal) else { return nil }
        let open = language.isEmpty ? "<code>" : "<code class=\"highlight\" data-lang=\"\(escape(language))\">"
        return open + escape(code) + "</code>"
    }

    /// The text a reader sees of a code span: without the language it names.
    func shownText(ofCode literal: String) -> String {
        highlighted(literal).map { String($0.code) } ?? literal
    }

    /// Every `delimiter text delimiter` in `items` as the text between `tag`'s opening and
    /// closing, the delimiters taken out: the text between them not empty, starting with neither
    /// white space nor the delimiter's character, not ending with white space (the first
    /// delimiter after the opening that follows none closes it), and holding none at all unless
    /// `spaces`. What is not text counts as one character that is not white space
    /// (a line break as a line break). Nil when there is none. The items are read as one string,
    /// each search starting where the last ended.
    static func wrap(_ items: [Item], delimiter: String, tag: String, spaces: Bool) -> [Item]? {
        let needle = Array(delimiter.utf8)
        // The items as one string, where each starts in it.
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for item in items {
            starts.append(bytes.count)
            switch item {
            case .text(let text, _): bytes.append(contentsOf: text.utf8)
            case .html: bytes.append(0x1A)
            case .other(let lineBreak): bytes.append(lineBreak ? 10 : 0x1A)
            }
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12 }
        /// Where each delimiter taken out starts, and the tag that takes its place.
        var edits: [(at: Int, html: String)] = []
        bytes.withUnsafeBufferPointer { buffer in
            var at = 0
            while let open = ByteSearch.find(needle, in: buffer, from: at) {
                let after = open + needle.count
                // An opening is followed by something that is neither white space nor the delimiter.
                guard after < buffer.count, !isSpace(buffer[after]), buffer[after] != needle[0] else {
                    at = open + 1
                    continue
                }
                // The first closing after it that follows no white space; without spaces, the
                // next delimiter must be it, and no white space may come before it.
                var close = ByteSearch.find(needle, in: buffer, from: after + 1)
                if spaces {
                    while let candidate = close, isSpace(buffer[candidate - 1]) { close = ByteSearch.find(needle, in: buffer, from: candidate + 1) }
                }
                guard let close else { break }
                let inner = UnsafeBufferPointer(rebasing: buffer[after..<close])
                guard spaces || !inner.contains(where: isSpace) else {
                    at = after
                    continue
                }
                edits += [(open, "<\(tag)>"), (close, "</\(tag)>")]
                at = close + needle.count
            }
        }
        guard !edits.isEmpty else { return nil }
        // Each text item cut at the edits within it (a delimiter lies within one text: texts
        // never stand side by side, and nothing else is spelled with the delimiter's character).
        var result: [Item] = []
        var next = 0
        for (n, item) in items.enumerated() {
            guard case .text(let text, let child) = item else {
                result.append(item)
                continue
            }
            let utf8 = Array(text.utf8)
            var copied = 0
            while next < edits.count, edits[next].at - starts[n] < utf8.count {
                let offset = edits[next].at - starts[n]
                if offset > copied { result.append(.text(String(decoding: utf8[copied..<offset], as: UTF8.self), child: child)) }
                result.append(.html(edits[next].html, child: child))
                copied = offset + needle.count
                next += 1
            }
            if copied < utf8.count { result.append(.text(String(decoding: utf8[copied...], as: UTF8.self), child: child)) }
        }
        return result
    }
}
