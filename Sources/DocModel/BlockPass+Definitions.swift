import Foundation

// MARK: - Definition lists (def_list)

extension BlockPass.Pass {
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
            for term in terms { emit(pad + "<dt>\(titleComment(term.text))</dt>", origin: term.origin, shift: shift) }
        }
        emit(pad + (tight ? "<dd class=\"keydocs-tight\">" : "<dd>"), origin: origin, shift: shift)
        emit("", origin: origin, shift: shift)
        stack.append(BlockPass.Frame(kind: .definition(tight: tight), indent: start.indent, closing: "</dd>"))
        recent.append((start.indent, false))
        let body = String(text.dropFirst(start.content))
        // The definition's first line is a block of its own to abbr: it may define an abbreviation.
        if options.has(.abbr), let (term, title) = Self.abbreviation(body) {
            abbreviations.append((term, title))
            emit("", origin: origin, shift: shift)
            return
        }
        let content = pad + body
        note(content)
        emit(content, origin: origin, shift: shift + start.content - start.indent)
    }

    /// Whether a line just written can be a term: text, not a heading, list item, fence or HTML.
    func isTerm(_ line: Substring) -> Bool {
        guard let first = line.first else { return false }
        return !"#<|>`~".contains(first) && !Self.isListItem(line)
    }
}
