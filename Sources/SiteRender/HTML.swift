import DocModel

/// Builds HTML text. Text goes through `text(_:)`, which escapes it; markup that is already
/// HTML goes through `raw(_:)`, which is the one visibly different call.
public struct HTML: Sendable {
    /// The HTML so far.
    public private(set) var output: String = ""

    /// An empty builder.
    public init() {}

    /// Appends text, escaped.
    public mutating func text(_ s: some StringProtocol) { appendEscaped(s) }

    /// Appends markup as it is.
    public mutating func raw(_ s: some StringProtocol) { output += s }

    /// Appends `<tag attr="value"...>` with every value escaped.
    public mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
        output.append("<")
        output.append(tag)
        for (name, value) in attributes {
            guard let value else { continue }
            output.append(" ")
            output.append(name)
            output.append("=\"")
            appendEscaped(value)
            output.append("\"")
        }
        output.append(">")
    }

    /// Appends `</tag>`.
    public mutating func close(_ tag: String) {
        output.append("</")
        output.append(tag)
        output.append(">")
    }

    /// Appends `<tag ...>text</tag>`.
    public mutating func element(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:], text: some StringProtocol) {
        open(tag, attributes)
        self.text(text)
        close(tag)
    }

    /// Appends `s` escaped, without a copy when it has nothing to escape.
    private mutating func appendEscaped(_ s: some StringProtocol) {
        if s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 }) {
            output.append(escape(s))
        } else {
            output.append(contentsOf: s)
        }
    }
}
