import Foundation
import Support

// MARK: - Attribute lists (attr_list)

extension BlockPass {
    /// An attribute list: `{: #id .class key=value }`.
    public struct Attributes: Sendable, Equatable {
        public var id: String?
        public var classes: [String] = []
        public var others: [(String, String)] = []

        public static func == (a: Attributes, b: Attributes) -> Bool {
            a.id == b.id && a.classes == b.classes && a.others.elementsEqual(b.others) { $0 == $1 }
        }

        /// The attributes as HTML, each with a leading space: names that are safe to set from a
        /// page (no event handlers, no addresses), values escaped.
        var html: String {
            var pairs: [(String, String)] = []
            if let id { pairs.append(("id", id)) }
            if !classes.isEmpty { pairs.append(("class", classes.joined(separator: " "))) }
            pairs += others
            var out = ""
            for (name, value) in pairs {
                let name = name.lowercased()
                let safeName = !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":") }
                guard safeName, !name.hasPrefix("on"), !["href", "src", "srcset", "srcdoc", "action", "formaction", "xlink:href"].contains(name) else { continue }
                out += " \(name)=\"\(escape(value))\""
            }
            return out
        }

        /// Parses the inside of `{: … }`; nil when it is not an attribute list.
        public static func parse(_ text: Substring) -> Attributes? {
            var result = Attributes()
            var rest = text.drop { $0 == " " }
            // `{}` and `{: }` are text, as Python-Markdown reads them: a list names something.
            guard !rest.isEmpty else { return nil }
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
}

extension BlockPass.Pass {
    /// An ATX heading line with `{: … }` at its end: the line without it, and the attributes.
    func headingAttributes(_ text: String) -> (String, BlockPass.Attributes)? {
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
        guard let attributes = BlockPass.Attributes.parse(inside) else { return nil }
        var heading = String(text[..<open.lowerBound])
        while heading.last == " " { heading.removeLast() }
        // The list follows the heading's text: `#### {icon}` is a heading that reads "{icon}".
        guard heading.contains(where: { $0 != "#" && $0 != " " && $0 != ">" }) else { return nil }
        return (heading, attributes)
    }

    /// A line that is only `{: … }`: the attributes for the block above.
    func blockAttributes(_ text: String) -> BlockPass.Attributes? {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.hasPrefix("{:"), trimmed.hasSuffix("}") else { return nil }
        return BlockPass.Attributes.parse(trimmed.dropFirst(2).dropLast())
    }

    /// `[text](url){: … }` and `![alt](src){: … }`: each list after a `)`, with the column of
    /// that `)` (where a link or image ends, if one does) and the list as written. The line is
    /// left as it is: the converter's walk takes a list out of the text only after a link or
    /// image, so that `f(){}` in code stays code. One pass over the line: the `}` that ends a
    /// list is found once for every `){` before it, and a list longer than
    /// `maxInlineAttributes` bytes is not read as one, so that a line of many `){` and one `}`
    /// is not parsed once per `){`.
    func inlineAttributes(_ text: String) -> [(column: Int, list: AttributePlaces.InlineList)] {
        var text = text
        return text.withUTF8 { bytes in
            var lists: [(column: Int, list: AttributePlaces.InlineList)] = []
            var nextBrace: Int?? = nil
            var at = 0
            while let close = ByteSearch.find(Self.linkThenBrace, in: bytes, from: at) {
                let after = close + 2
                if case let .some(cached) = nextBrace, cached.map({ $0 >= after }) ?? true {} else {
                    nextBrace = .some(ByteSearch.find(Self.closingBrace, in: bytes, from: after))
                }
                if case let .some(.some(end)) = nextBrace, end - after <= BlockPass.maxInlineAttributes {
                    var inside = Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[after..<end]), as: UTF8.self))
                    if inside.first == ":" { inside = inside.dropFirst() }
                    if let attributes = BlockPass.Attributes.parse(inside) {
                        let written = String(decoding: UnsafeBufferPointer(rebasing: bytes[(close + 1)...end]), as: UTF8.self)
                        // Columns count from 1: the `)` at offset `close` is column `close + 1`.
                        lists.append((close + 1, AttributePlaces.InlineList(attributes: attributes, written: written)))
                        at = end + 1
                        continue
                    }
                }
                at = close + 1
            }
            return lists
        }
    }

    private static let linkThenBrace = Array("){".utf8), closingBrace = Array("}".utf8)
}

/// Where the attribute lists of a page belong in the text the block pass writes: headings by
/// their line, paragraphs by their last line, links and images by the line and column of the
/// `)` that ends them. The converter's walk finds the nodes at those places.
public struct AttributePlaces: Sendable {
    /// A line and a byte column, both from 1, as cmark-gfm gives a node's end.
    public struct Place: Hashable, Sendable {
        public var line: Int
        public var column: Int
    }

    /// A list after a link or image: its attributes, and the text it was written as, which
    /// the walk takes out of the text that follows the element.
    public struct InlineList: Sendable {
        public var attributes: BlockPass.Attributes
        public var written: String
    }

    public var headings: [Int: BlockPass.Attributes] = [:]
    public var paragraphs: [Int: BlockPass.Attributes] = [:]
    public var links: [Place: InlineList] = [:]

    public init() {}

    /// Takes in `other`'s places, from a pass over lines that were written `lines` lines further
    /// down and `columns` columns further right.
    mutating func merge(_ other: AttributePlaces, lines: Int, columns: Int) {
        for (line, found) in other.headings { headings[line + lines] = found }
        for (line, found) in other.paragraphs { paragraphs[line + lines] = found }
        for (place, found) in other.links { links[Place(line: place.line + lines, column: place.column + columns)] = found }
    }
}
