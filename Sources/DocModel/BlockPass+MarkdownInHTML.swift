import Foundation

// MARK: - Markdown in HTML (md_in_html)

extension BlockPass.Pass {
    /// An opening tag alone on its line with a `markdown` attribute (written without it,
    /// with a blank line after, so that its content is parsed as Markdown), or the closing
    /// tag of such an element (with a blank line before).
    mutating func markdownElement(_ text: String) -> (line: String, opening: Bool)? {
        let trimmed = text.trimmingWhitespace()
        if let name = markdownElements.last, trimmed.lowercased() == "</\(name)>" {
            markdownElements.removeLast()
            return (text, false)
        }
        guard trimmed.hasPrefix("<"), trimmed.hasSuffix(">"), !trimmed.hasPrefix("</"),
              let range = trimmed.range(of: #"\s+markdown(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?"#, options: .regularExpression) else { return nil }
        let name = trimmed.dropFirst().prefix { $0.isLetter || $0.isNumber }.lowercased()
        guard !name.isEmpty else { return nil }
        markdownElements.append(name)
        let indent = String(text.prefix { $0 == " " })
        return (indent + trimmed.replacingCharacters(in: range, with: ""), true)
    }
}
