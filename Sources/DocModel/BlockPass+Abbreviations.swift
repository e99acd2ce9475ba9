import Foundation

// MARK: - Abbreviations (abbr)

extension BlockPass.Pass {
    /// `*[TERM]: Title` at the start of a line, as Python-Markdown's abbr reads it: the term
    /// runs to the first `]` followed by a colon (a space may stand between) and holds no
    /// backslash; term and title are trimmed and neither is empty. A title of `""` or `''`
    /// takes the term's abbreviation away: it comes back empty.
    static func abbreviation(_ text: String) -> (String, String)? {
        guard text.hasPrefix("*[") else { return nil }
        let rest = text.dropFirst(2)
        var at = rest.startIndex
        while let close = rest[at...].firstIndex(of: "]") {
            var after = rest[rest.index(after: close)...]
            if after.first == " " { after = after.dropFirst() }
            guard after.first != ":" else {
                let term = rest[..<close]
                guard !term.contains("\\") else { return nil }
                let trimmedTerm = term.trimmingWhitespace(), title = after.dropFirst().trimmingWhitespace()
                guard !trimmedTerm.isEmpty, !title.isEmpty, trimmedTerm.unicodeScalars.count <= Abbreviations.maxTermLength else { return nil }
                return (trimmedTerm, title == "\"\"" || title == "''" ? "" : title)
            }
            at = rest.index(after: close)
        }
        return nil
    }
}
