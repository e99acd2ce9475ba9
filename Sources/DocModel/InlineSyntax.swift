import Foundation
import Support

/// The inline syntax of the pymdown extensions a guide turns on (`==mark==`, `~sub~`,
/// `` `#!lang code` ``) and its abbreviations (abbr), read in the page's text: the converter
/// gives it the literal of each of cmark-gfm's text nodes (never raw HTML, an image's
/// alternative text or code), and puts the pieces it returns in the node's place. Each piece of
/// text stays a text node, so cmark-gfm escapes it as it escapes the rest of the page.
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

    /// The pieces that replace the text `literal`, or nil when it stays as it is: `==text==`
    /// becomes `<mark>`, then `~text~` `<sub>`, then each whole-word use of an abbreviation
    /// `<abbr>`, each working on the text the one before left.
    func pieces(ofText literal: String) -> [Piece]? {
        var pieces: [Piece] = [.text(literal)]
        var changed = false
        func each(_ transform: (String) -> [Piece]?) {
            var next: [Piece] = []
            for piece in pieces {
                if case .text(let text) = piece, let replaced = transform(text) {
                    next += replaced
                    changed = true
                } else {
                    next.append(piece)
                }
            }
            pieces = next
        }
        if mark { each { Self.wrap($0, delimiter: "==", tag: "mark") } }
        if tilde { each { Self.wrap($0, delimiter: "~", tag: "sub", allowSpaces: false) } }
        if !abbreviations.isEmpty { each(abbreviations.pieces) }
        return changed ? pieces : nil
    }

    /// A code span's HTML when it starts with `#!lang `: `#!php echo 1;` is
    /// `<code class="highlight" data-lang="php">echo 1;</code>`; nil for any other.
    func code(_ literal: String) -> String? {
        guard hilite, literal.hasPrefix("#!") else { return nil }
        let body = literal.dropFirst(2)
        let language = body.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "+" }
        guard !language.isEmpty, body.dropFirst(language.count).first == " " else { return nil }
        return "<code class=\"highlight\" data-lang=\"\(escape(language))\">" + escape(body.dropFirst(language.count + 1)) + "</code>"
    }

    /// Every `delimiter text delimiter` in `text` as the text between `tag`'s opening and
    /// closing: the text not empty, not starting or ending with a space (nor holding one, when
    /// `allowSpaces` is false), nor starting with the delimiter's character. Nil when there is
    /// none. One pass, each search starting where the last ended.
    static func wrap(_ text: String, delimiter: String, tag: String, allowSpaces: Bool = true) -> [Piece]? {
        var text = text
        let needle = Array(delimiter.utf8)
        return text.withUTF8 { bytes -> [Piece]? in
            guard ByteSearch.find(needle, in: bytes, from: 0) != nil else { return nil }
            func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            var pieces: [Piece] = []
            var copied = 0, at = 0
            while let open = ByteSearch.find(needle, in: bytes, from: at) {
                let after = open + needle.count
                guard let close = ByteSearch.find(needle, in: bytes, from: after) else { break }
                let inner = UnsafeBufferPointer(rebasing: bytes[after..<close])
                let valid = !inner.isEmpty && inner.first != 32 && inner.last != 32 && !inner.contains(10)
                    && (allowSpaces || !inner.contains(32)) && inner.first != needle[0]
                guard valid else {
                    at = after
                    continue
                }
                if open > copied { pieces.append(.text(string(copied..<open))) }
                pieces += [.html("<\(tag)>"), .text(string(after..<close)), .html("</\(tag)>")]
                at = close + needle.count
                copied = at
            }
            guard !pieces.isEmpty else { return nil }
            if copied < bytes.count { pieces.append(.text(string(copied..<bytes.count))) }
            return pieces
        }
    }
}
