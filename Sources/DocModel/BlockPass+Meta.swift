import Foundation

extension BlockPass {
    /// mkdocs' page meta-data: YAML front matter between `---` and `---` (or `...`), or
    /// MultiMarkdown `Key: value` lines (with indented continuations) up to the first blank
    /// line. The values and how many lines at the top they take.
    static func meta(_ lines: [Line]) -> ([String: String], Int) {
        guard let first = lines.first?.text else { return ([:], 0) }
        var meta: [String: String] = [:]
        if first.trimmingWhitespace() == "---" {
            guard let end = lines.dropFirst().firstIndex(where: { ["---", "..."].contains($0.text.trimmingWhitespace()) }) else {
                return ([:], 0)
            }
            for line in lines[1..<end] {
                guard !line.text.hasPrefix(" "), let colon = line.text.firstIndex(of: ":") else { continue }
                var value = line.text[line.text.index(after: colon)...].trimmingWhitespace()
                if value.count >= 2, let q = value.first, (q == "\"" || q == "'"), value.last == q { value = String(value.dropFirst().dropLast()) }
                meta[line.text[..<colon].trimmingWhitespace().lowercased()] = value
            }
            return (meta, end + 1)
        }
        var count = 0
        var key: String?
        for line in lines {
            let text = line.text
            if text.trimmingWhitespace().isEmpty { break }
            let indent = text.prefix { $0 == " " }.count
            if indent <= 3, let colon = text.firstIndex(of: ":"),
               text[text.index(text.startIndex, offsetBy: indent)..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }),
               colon > text.index(text.startIndex, offsetBy: indent) {
                let name = text[text.index(text.startIndex, offsetBy: indent)..<colon].lowercased()
                let value = text[text.index(after: colon)...].trimmingWhitespace()
                meta[name] = meta[name].map { $0 + " " + value } ?? value
                key = name
            } else if indent >= 4, let key {
                meta[key, default: ""] += " " + text.trimmingWhitespace()
            } else {
                return count == 0 ? ([:], 0) : (meta, count)
            }
            count += 1
        }
        return (meta, count)
    }
}
