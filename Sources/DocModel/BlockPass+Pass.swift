import Foundation

extension BlockPass {
    /// An open container: the indentation of its opening line (in its parent's text), what
    /// closes it, and the fence open in its body.
    struct Frame {
        enum Kind { case admonition, details, definition(tight: Bool), tab }
        var kind: Kind
        var indent: Int
        var closing: String
        var fence: Fence?
    }

    /// An open fenced code block: its character, length and indentation.
    struct Fence {
        var character: Character
        var count: Int
        var indent: Int
    }

    /// The walk over a page's lines: what it has written, where each line came from, the
    /// containers and fences open, and what it looks back on (recent blocks) and ahead to (tabs).
    struct Pass {
        let options: MarkdownOptions
        /// What the comments that stand for titles start with (`Titles`), and the titles so far.
        let titleTag: String
        var titles = Titles()
        var out: [String] = []
        var map = SourceMap()
        var attributes = AttributePlaces()
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

        init(options: MarkdownOptions, titleTag: String, firstTitle: Int) {
            self.options = options
            self.titleTag = titleTag
            titles.first = firstTitle
        }

        /// The comment that stands for the HTML of `markdown`, a title's or a term's inline
        /// Markdown, until the page's abbreviations are all known.
        mutating func titleComment(_ markdown: String) -> String {
            titles.markdown.append(markdown)
            return "<!--\(titleTag):t:\(titles.first + titles.markdown.count - 1)-->"
        }

        mutating func emit(_ text: String, origin: Int, shift: Int) {
            out.append(text)
            map.append(line: origin, shift: shift)
        }

        /// Takes one line, in steps: the open containers take their indentation off it (closing
        /// those it is left of), a fence's line is written as it is, then the line may open a
        /// container, define an abbreviation, open or close a `markdown` element, start a
        /// definition, or carry an attribute list; anything else is written as it is.
        mutating func take(_ line: Line, next: String?) {
            var (text, shift) = dedent(line)
            if takeFenced(text, origin: line.origin, shift: shift) { return }
            let blank = text.isEmpty
            if let (narrowed, removed) = BlockPass.narrowedListItem(Substring(text)) {
                text = narrowed
                shift += removed
            }
            if !blank, stack.count < BlockPass.maxContainerDepth, let frame = opener(text) ?? tabOpener(text, shift: shift) {
                open(frame, text: text, origin: line.origin, shift: shift)
                return
            }
            if options.has(.abbr), let (term, title) = Self.abbreviation(text) {
                abbreviations.append((term, title))
                emit("", origin: line.origin, shift: shift)
                return
            }
            if options.has(.markdownInHTML), let html = markdownElement(text) {
                if !html.opening, out.last?.isEmpty == false { emit("", origin: line.origin, shift: shift) }
                emit(html.line, origin: line.origin, shift: shift)
                if html.opening { emit("", origin: line.origin, shift: shift) }
                return
            }
            if options.has(.defList), !blank, stack.count < BlockPass.maxContainerDepth, let definition = definitionStart(text) {
                openDefinition(definition, text: text, origin: line.origin, shift: shift)
                return
            }
            if options.has(.attrList) { text = placeAttributes(text) }
            if !text.isEmpty { note(text) }
            emit(text, origin: line.origin, shift: shift)
        }

        /// The line with the indentation of the containers it is inside taken off (four columns
        /// each), and the columns taken; the containers it stands left of are closed. A blank
        /// line is inside them all, and empty.
        mutating func dedent(_ line: Line) -> (text: String, shift: Int) {
            var text = line.text
            var shift = 0
            var depth = 0
            let blank = text.allSatisfy { $0 == " " || $0 == "\t" }
            // Without tabs in the indentation, that is one cut at the start, whatever the
            // containers' columns.
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
            return (text, shift)
        }

        /// Writes a line of a fenced code block, or one that opens or closes it; whether it did.
        mutating func takeFenced(_ text: String, origin: Int, shift: Int) -> Bool {
            let fence = stack.isEmpty ? documentFence : stack[stack.count - 1].fence
            if let open = fence {
                if let closing = fenceMarker(text), closing.character == open.character, closing.count >= open.count,
                   text.trimmingWhitespace().allSatisfy({ $0 == open.character }) {
                    setFence(nil)
                    // Python-Markdown closes a fence whatever the closing line's indentation;
                    // CommonMark does not when it is left of a list item's content. Written at
                    // the opening's indentation, it closes the same fence in both.
                    let indent = indentation(text)
                    emit(String(repeating: " ", count: open.indent) + text.trimmingWhitespace(), origin: origin, shift: shift + indent - open.indent)
                    return true
                }
                emit(text, origin: origin, shift: shift)
                return true
            }
            guard let opening = fenceMarker(text) else { return false }
            let lead = indentation(text)
            if opening.character == "~", lead <= 3, Self.namesNoLanguage(text.dropFirst(lead + opening.count)) {
                // Python-Markdown reads no fence here; cmark-gfm would, to the end of the page.
                // The line stays text.
                emit(String(text.prefix(lead)) + "\\" + text.dropFirst(lead), origin: origin, shift: shift - 1)
                return true
            }
            setFence(Fence(character: opening.character, count: opening.count, indent: lead))
            note(text)
            emit(text, origin: origin, shift: shift)
            return true
        }

        /// The line with an attribute list taken out and said by place: a heading's, by the line
        /// it will be written on; a list alone on a line, the paragraph's that ends on the line
        /// written last; a link's or image's, by the column of its closing `)`.
        mutating func placeAttributes(_ text: String) -> String {
            if let (heading, found) = headingAttributes(text) {
                attributes.headings[out.count + 1] = found
                return heading
            }
            if let found = blockAttributes(text) {
                if let last = out.last, !last.isEmpty { attributes.paragraphs[out.count] = found }
                return ""
            }
            if text.contains("){") {
                for (column, list) in inlineAttributes(text) {
                    attributes.links[AttributePlaces.Place(line: out.count + 1, column: column)] = list
                }
            }
            return text
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
            guard documentFence == nil, quoteDepth < BlockPass.maxQuoteDepth else { return .none }
            let first = lines[start].text
            guard first.prefix(while: { $0 == " " }).count <= 3, first.drop(while: { $0 == " " }).first == ">" else { return .none }
            // A quote's first line stands left of every open container's body: it closes them,
            // as any line there does.
            while !stack.isEmpty { close(at: lines[start].origin, nextLine: first) }
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
            let used = MarkdownExtension.allCases.filter { options.has($0) && $0.pass == .block }
            let marked = inner.contains { line in used.contains { $0.mayStartBlock(line.text) } }
            guard marked else { return .plain(end: k) }
            let passed = BlockPass.run(inner, options: options, readMeta: false, quoteDepth: quoteDepth + 1,
                                       titleTag: titleTag, firstTitle: titles.first + titles.markdown.count)
            titles.markdown += passed.titles.markdown
            abbreviations += passed.abbreviations
            let base = out.count
            // Each line comes back after "> ": two columns to the right.
            attributes.merge(passed.attributes, lines: base, columns: 2)
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

        mutating func dropLast() {
            out.removeLast()
            map.removeLast()
        }

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
        /// Whether a tilde fence's info string has a `~` where fenced code reads a language
        /// (`~~~x~~~`): fenced code and superfences then read no fence at all.
        static func namesNoLanguage(_ info: Substring) -> Bool {
            var rest = info.drop { $0 == " " || $0 == "\t" }
            if rest.first == "." { rest = rest.dropFirst() }
            return rest.drop { $0.isLetter || $0.isNumber || "_#.+-".contains($0) }.first == "~"
        }

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
