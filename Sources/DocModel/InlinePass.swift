import Foundation

/// The pass after cmark-gfm over a page's HTML: the inline syntax of the pymdown extensions a
/// guide turns on (`==mark==`, `~sub~`, `` `#!lang code` ``), applied to text outside tags and
/// code, and definitions written on the line after their term without `<p>`, as Python-Markdown
/// writes them.
enum InlinePass {
    static func run(_ html: String, options: MarkdownOptions, abbreviations: [(String, String)] = []) -> String {
        var html = html
        if options.defList { html = unwrapTightDefinitions(html) }
        if options.attrList && html.contains(BlockPass.Attributes.markerPrefix) { html = applyAttributes(html) }
        guard options.mark || options.tilde || options.inlineHilite || !abbreviations.isEmpty else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            out += transformText(rest[..<open], options: options, abbreviations: abbreviations)
            rest = rest[open...]
            if rest.hasPrefix("<pre") || rest.hasPrefix("<code") {
                let name = rest.hasPrefix("<pre") ? "</pre>" : "</code>"
                let end = rest.range(of: name).map(\.upperBound) ?? rest.endIndex
                var element = String(rest[..<end])
                if options.inlineHilite && name == "</code>" { element = inlineHilite(element) }
                out += element
                rest = rest[end...]
            } else {
                let end = rest.firstIndex(of: ">").map { rest.index(after: $0) } ?? rest.endIndex
                out += rest[..<end]
                rest = rest[end...]
            }
        }
        out += transformText(rest, options: options, abbreviations: abbreviations)
        return out
    }

    /// `==text==` → `<mark>`, `~text~` → `<sub>` in a run of text.
    static func transformText(_ text: Substring, options: MarkdownOptions, abbreviations: [(String, String)] = []) -> String {
        var result = String(text)
        for (term, title) in abbreviations where result.contains(term) { result = abbreviate(result, term: term, title: title) }
        if options.mark && result.contains("==") { result = wrap(result, delimiter: "==", tag: "mark") }
        if options.tilde && result.contains("~") { result = wrap(result, delimiter: "~", tag: "sub", allowSpaces: false) }
        return result
    }

    /// Every `delimiter text delimiter` in `text` wrapped in `tag`: the text not empty, not
    /// starting or ending with a space (nor holding one, when `allowSpaces` is false).
    static func wrap(_ text: String, delimiter: String, tag: String, allowSpaces: Bool = true) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: delimiter) {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: delimiter) else { break }
            let inner = after[..<close.lowerBound]
            let valid = !inner.isEmpty && inner.first != " " && inner.last != " " && !inner.contains("\n")
                && (allowSpaces || !inner.contains(" ")) && !inner.hasPrefix(String(delimiter.prefix(1)))
            if valid {
                out += rest[..<open.lowerBound] + "<\(tag)>" + inner + "</\(tag)>"
                rest = after[close.upperBound...]
            } else {
                out += rest[..<open.upperBound]
                rest = after
            }
        }
        return out + rest
    }

    /// Every whole-word `term` in a run of text as `<abbr title="…">term</abbr>`.
    static func abbreviate(_ text: String, term: String, title: String) -> String {
        let escapedTitle = escape(title)
        func isWord(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: term) {
            let before = range.lowerBound == rest.startIndex ? out.last : rest[rest.index(before: range.lowerBound)]
            let after = range.upperBound < rest.endIndex ? rest[range.upperBound] : nil
            out += rest[..<range.lowerBound]
            out += isWord(before) || isWord(after) ? String(rest[range]) : "<abbr title=\"\(escapedTitle)\">\(term)</abbr>"
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// `<code>#!php echo 1;</code>` → `<code class="highlight" data-lang="php">echo 1;</code>`.
    static func inlineHilite(_ element: String) -> String {
        guard element.hasPrefix("<code>#!") else { return element }
        let body = element.dropFirst("<code>#!".count)
        let language = body.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "+" }
        guard !language.isEmpty, body.dropFirst(language.count).first == " " else { return element }
        return "<code class=\"highlight\" data-lang=\"\(language)\">" + body.dropFirst(language.count + 1)
    }

    /// Moves each attribute comment onto the element it follows: the link or image just before
    /// it, or the paragraph it ends.
    static func applyAttributes(_ html: String) -> String {
        let prefix = BlockPass.Attributes.markerPrefix
        var done = ""
        var rest = Substring(html)
        while let start = rest.range(of: prefix), let end = rest[start.upperBound...].range(of: "-->") {
            done += rest[..<start.lowerBound]
            let attributes = BlockPass.Attributes.html(fromMarker: rest[start.upperBound..<end.lowerBound])
            rest = rest[end.upperBound...]
            if done.hasSuffix("</a>"), let open = done.range(of: "<a ", options: .backwards) {
                done = done[..<open.upperBound] + attributes.dropFirst() + " " + done[open.upperBound...]
            } else if done.hasSuffix("/>"), let open = done.range(of: "<img ", options: .backwards) {
                done = done[..<open.upperBound] + attributes.dropFirst() + " " + done[open.upperBound...]
            } else if rest.hasPrefix("</p>"), let open = done.range(of: "<p>", options: .backwards) {
                var paragraph = String(done[open.upperBound...])
                while paragraph.last == "\n" || paragraph.last == " " { paragraph.removeLast() }
                done = done[..<open.lowerBound] + "<p" + attributes + ">" + paragraph
            }
        }
        return done + rest
    }

    /// A definition that followed its term directly holds its text without a paragraph.
    static func unwrapTightDefinitions(_ html: String) -> String {
        let open = "<dd class=\"keydocs-tight\">"
        guard html.contains(open) else { return html }
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: open) {
            out += rest[..<start.lowerBound]
            var after = rest[start.upperBound...]
            while after.first == "\n" { after = after.dropFirst() }
            if after.hasPrefix("<p>"), let close = after.range(of: "</p>") {
                let tail = after[close.upperBound...].drop { $0 == "\n" }
                let inner = after[after.index(after.startIndex, offsetBy: 3)..<close.lowerBound]
                if tail.hasPrefix("</dd>") && !inner.contains("<p>") {
                    out += "<dd>" + inner + "</dd>"
                    rest = tail.dropFirst(5)
                    continue
                }
            }
            out += "<dd>\n"
            rest = after
        }
        return out + rest
    }
}
