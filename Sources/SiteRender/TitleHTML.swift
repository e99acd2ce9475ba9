import DocModel

/// Titles from `mkdocs.yml` (nav entries) may hold HTML, as mkdocs shows them: `&amp;`,
/// `<del>old</del>`. They come from a config line that anyone can change in a pull request, so
/// only character references and a few inline tags without attributes are kept.
enum TitleHTML {
    /// Tags kept as markup.
    static let inlineTags: Set<String> = ["b", "strong", "i", "em", "code", "del", "s", "ins", "u", "sub", "sup", "mark", "small", "span", "br"]

    /// The title as HTML: kept tags and references as they are, everything else escaped.
    static func html(_ title: String) -> String {
        var out = ""
        var rest = Substring(title)
        while let c = rest.first {
            if let (tag, length) = keptTag(at: rest) {
                out += tag
                rest = rest.dropFirst(length)
                continue
            }
            if c == "&", let reference = reference(at: rest) {
                out += reference
                rest = rest.dropFirst(reference.count)
                continue
            }
            out += escape(String(c))
            rest = rest.dropFirst()
        }
        return out
    }

    /// The title as a reader sees it: tags dropped, the common references decoded.
    static func text(_ title: String) -> String {
        var out = ""
        var rest = Substring(title)
        while let c = rest.first {
            if let (_, length) = keptTag(at: rest) {
                rest = rest.dropFirst(length)
                continue
            }
            if c == "&", let reference = reference(at: rest), let decoded = decode(reference) {
                out += decoded
                rest = rest.dropFirst(reference.count)
                continue
            }
            out.append(c)
            rest = rest.dropFirst()
        }
        return out
    }

    /// A kept tag at the start of `text` (`<del>`, `</em>`, `<br/>`), lowercased, and how many
    /// characters it takes.
    static func keptTag(at text: Substring) -> (String, Int)? {
        guard text.first == "<", let end = text.firstIndex(of: ">") else { return nil }
        let inside = text[text.index(after: text.startIndex)..<end]
        let name = inside.hasPrefix("/") ? inside.dropFirst() : inside
        let bare = name.hasSuffix("/") ? name.dropLast() : name
        guard inlineTags.contains(bare.lowercased()) else { return nil }
        return ("<" + inside.lowercased() + ">", inside.count + 2)
    }

    /// `&name;`, `&#123;` or `&#x1F;` at the start of `text`.
    static func reference(at text: Substring) -> String? {
        let body = text.dropFirst().prefix { $0 != ";" && $0 != " " && $0 != "&" && $0 != "<" }
        guard !body.isEmpty, body.count <= 32, text.dropFirst(body.count + 1).first == ";" else { return nil }
        let valid: Bool
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            valid = body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit)
        } else if body.hasPrefix("#") {
            valid = body.count > 1 && body.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
        } else {
            valid = body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        return valid ? "&" + body + ";" : nil
    }

    static func decode(_ reference: String) -> String? {
        let body = reference.dropFirst().dropLast()
        switch body {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return "\u{A0}"
        case "mdash": return "—"
        case "ndash": return "–"
        default:
            let number = body.hasPrefix("#x") || body.hasPrefix("#X") ? UInt32(body.dropFirst(2), radix: 16)
                : body.hasPrefix("#") ? UInt32(body.dropFirst()) : nil
            return number.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
