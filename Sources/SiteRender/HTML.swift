/// Builds HTML text. Text goes through `text(_:)`, which escapes it; markup that is already
/// HTML goes through `raw(_:)`, which is the one visibly different call.
public struct HTML: Sendable {
    /// The HTML so far.
    public private(set) var output: String = ""

    /// An empty builder.
    public init() {}

    /// Appends text, escaped.
    public mutating func text(_ s: some StringProtocol) { output += escape(s) }

    /// Appends markup as it is.
    public mutating func raw(_ s: some StringProtocol) { output += s }

    /// Appends `<tag attr="value"...>` with every value escaped.
    public mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        output += "<" + tag
        for (name, value) in attributes {
            guard let value else { continue }
            output += " " + name + "=\"" + escape(value) + "\""
        }
        output += ">"
    }

    /// Appends `</tag>`.
    public mutating func close(_ tag: String) { output += "</" + tag + ">" }

    /// Appends `<tag ...>text</tag>`.
    public mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], text: some StringProtocol) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }
}

/// Escapes `&`, `<`, `>` and `"`, as cmark-gfm does: enough for text and for double-quoted attributes.
public func escape(_ s: some StringProtocol) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for scalar in s.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out
}
