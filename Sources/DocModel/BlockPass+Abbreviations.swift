import Foundation

// MARK: - Abbreviations (abbr)

extension BlockPass.Pass {
    /// `*[TERM]: Title`: the term and its title.
    static func abbreviation(_ text: String) -> (String, String)? {
        let trimmed = text.drop { $0 == " " }
        guard text.count - trimmed.count <= 3, trimmed.hasPrefix("*["), let close = trimmed.firstIndex(of: "]") else { return nil }
        let term = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
        let rest = trimmed[trimmed.index(after: close)...]
        guard !term.isEmpty, term.unicodeScalars.count <= Abbreviations.maxTermLength, rest.hasPrefix(":") else { return nil }
        return (String(term), rest.dropFirst().trimmingWhitespace())
    }
}
