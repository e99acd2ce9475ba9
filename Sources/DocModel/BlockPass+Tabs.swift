import Foundation

// MARK: - Tabs (pymdownx.tabbed)

extension BlockPass.Pass {
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
    mutating func tabOpener(_ text: String, shift: Int) -> (frame: BlockPass.Frame, html: [String])? {
        guard options.has(.tabbed), let tab = Self.tab(text) else { return nil }
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
        let label = "<label for=\"\(id)\">\(titleComment(tab.title))</label><div class=\"tabbed-content\">"
        // A line that starts with `<input` is inline HTML to CommonMark unless the tag is
        // alone on its line: a later tab's input gets a line of its own.
        let lines = number == 1 ? [html + label] : [html, pad + label]
        return (BlockPass.Frame(kind: .tab, indent: tab.indent, closing: "</div>"), lines)
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
}
