/// Values put into pages at build time: `{{ policy.maxLength }}` in a page becomes the number
/// from the key policy, so that prose cannot drift from the code.
public struct Variables: Sendable {
    /// Values by name, such as `policy.maxLength`.
    public var values: [String: String]
    /// Name prefixes owned by keydocs: an unknown name with one of them is an error, not text.
    public var namespaces: [String]

    /// Variables with `values`; names under `namespaces` must be known.
    public init(values: [String: String] = [:], namespaces: [String] = []) {
        self.values = values
        self.namespaces = namespaces
    }

    /// `text` with every `{{ name }}` of a known name replaced.
    public func apply(to text: String, file: String) throws(DocError) -> String {
        guard !values.isEmpty || !namespaces.isEmpty, ByteSearch.contains(text, "{{") else { return text }
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                out += rest[open.lowerBound...]
                return out
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingWhitespace()
            if let value = values[name] {
                out += value
            } else if namespaces.contains(where: { name.hasPrefix($0 + ".") }) {
                let line = text[..<open.lowerBound].count(where: { $0 == "\n" }) + 1
                let known = values.keys.filter { key in namespaces.contains { key.hasPrefix($0 + ".") } }.sorted()
                throw DocError(stage: .load, path: file, line: line,
                               "unknown variable '\(name)'; known: \(known.joined(separator: ", "))")
            } else {
                out += rest[open.lowerBound..<close.upperBound]
            }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }
}
