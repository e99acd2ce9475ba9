/// The abbreviations a page defines (abbr, `*[HTML]: Hyper Text Markup Language`), put around
/// their whole-word uses in a run of text in one pass: at each place a word may start, the
/// longest term that starts there is found by walking a tree of the terms' characters, no
/// deeper than the longest term. Looking for each term in turn cost the page's length once per
/// abbreviation, for every run of text.
struct Abbreviations {
    /// Terms longer than this, in Unicode scalars, are not abbreviations: it bounds the walk
    /// from each place, so that the pass stays linear in the text.
    static let maxTermLength = 100

    /// The tree: children of each node by the next scalar; node 0 is the root.
    private var children: [[Unicode.Scalar: Int]] = [[:]]
    /// The term that ends at a node, with its title as an attribute value.
    private var terms: [Int: (term: String, title: String)] = [:]

    /// The abbreviations `definitions` (term, title) in page order; a later definition of a
    /// term replaces an earlier one, and one with an empty title takes it away, as in
    /// Python-Markdown.
    init(_ definitions: [(String, String)]) {
        for (term, title) in definitions where !term.isEmpty && term.unicodeScalars.count <= Self.maxTermLength {
            var node = 0
            for scalar in term.unicodeScalars {
                if let next = children[node][scalar] {
                    node = next
                } else {
                    children.append([:])
                    children[node][scalar] = children.count - 1
                    node = children.count - 1
                }
            }
            terms[node] = title.isEmpty ? nil : (term, escapeKeepingReferences(title))
        }
    }

    /// Whether there is no abbreviation to apply.
    var isEmpty: Bool { terms.isEmpty }

    /// `text` cut around every whole-word use of a term, which stands between
    /// `<abbr title="…">` and `</abbr>`: a term neither preceded nor followed by a letter,
    /// digit or `_`; where terms overlap, the one that starts first, then the longest. Nil when
    /// no term is used.
    func pieces(_ text: String) -> [InlineSyntax.Piece]? {
        guard !isEmpty else { return nil }
        let scalars = Array(text.unicodeScalars)
        var pieces: [InlineSyntax.Piece] = []
        var plain = String.UnicodeScalarView()
        var k = 0, afterTerm = false
        while k < scalars.count {
            if afterTerm || k == 0 || !Self.isWord(scalars[k - 1]), let (end, found) = longestTerm(in: scalars, from: k) {
                if !plain.isEmpty { pieces.append(.text(String(plain))) }
                plain = String.UnicodeScalarView()
                pieces += [.html("<abbr title=\"\(found.title)\">"), .text(found.term), .html("</abbr>")]
                k = end
                afterTerm = true
                continue
            }
            plain.append(scalars[k])
            k += 1
            afterTerm = false
        }
        guard !pieces.isEmpty else { return nil }
        if !plain.isEmpty { pieces.append(.text(String(plain))) }
        return pieces
    }

    /// The longest term that starts at `start` and is not followed by a word character.
    private func longestTerm(in scalars: [Unicode.Scalar], from start: Int) -> (end: Int, (term: String, title: String))? {
        var node = 0, k = start
        var found: (end: Int, (term: String, title: String))?
        while k < scalars.count, let next = children[node][scalars[k]] {
            node = next
            k += 1
            if let term = terms[node], k == scalars.count || !Self.isWord(scalars[k]) { found = (k, term) }
        }
        return found
    }

    /// A letter, digit, `_`, or a mark that belongs to the character before it.
    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (48...57).contains(v) || (65...90).contains(v) || (97...122).contains(v) || v == 95
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return properties.isAlphabetic || properties.numericType != nil
        }
    }
}
