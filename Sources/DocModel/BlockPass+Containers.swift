import Foundation

// MARK: - Containers (admonition, details)

extension BlockPass.Pass {
    /// An admonition or details opening line: the frame it opens, with its HTML.
    mutating func opener(_ text: String) -> (frame: BlockPass.Frame, html: [String])? {
        let indent = indentation(text)
        let trimmed = text.dropFirst(indent)
        var kind: BlockPass.Frame.Kind
        var rest: Substring
        var open = false
        if options.has(.admonition), trimmed.hasPrefix("!!!") {
            kind = .admonition
            rest = trimmed.dropFirst(3)
        } else if options.has(.details), trimmed.hasPrefix("???") {
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
                html.append(pad + "<p class=\"admonition-title\">\(titleComment(shownTitle))</p>")
            }
            return (BlockPass.Frame(kind: kind, indent: indent, closing: "</div>"), html)
        case .details, .definition, .tab:
            html = [pad + "<details class=\"\(classList)\"\(open ? " open=\"open\"" : "")>",
                    pad + "<summary>\(titleComment(shownTitle ?? ""))</summary>"]
            return (BlockPass.Frame(kind: kind, indent: indent, closing: "</details>"), html)
        }
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

    mutating func open(_ opened: (frame: BlockPass.Frame, html: [String]), text: String, origin: Int, shift: Int) {
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
}
