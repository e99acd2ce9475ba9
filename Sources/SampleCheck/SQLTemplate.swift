import Foundation

/// SQL written as a template for the reader to fill in: `<your_database>`, `...`,
/// `id_of_the_contact`. What can be checked is checked; the rest is said, not run into errors.
enum SQLTemplate {
    /// `<name>` in code (outside strings), the way guides mark what the reader fills in.
    static let placeholder = #"<[A-Za-z_][A-Za-z0-9_ .-]{0,60}>"#

    /// The statement with a database placeholder (`<db>`.table, <db>.table, `USE <db>`)
    /// replaced by `database`.
    static func bindDatabase(_ statement: String, to database: String) -> String {
        guard statement.contains("<") else { return statement }
        var text = statement
        text = text.replacingOccurrences(of: "`" + placeholder + "`\\s*\\.", with: "`\(database)`.", options: .regularExpression)
        text = text.replacingOccurrences(of: placeholder + "\\s*\\.", with: "`\(database)`.", options: .regularExpression)
        text = text.replacingOccurrences(of: #"^(\s*USE\s+)`?"# + placeholder + "`?", with: "$1`\(database)`",
                                         options: [.regularExpression, .caseInsensitive])
        return text
    }

    /// Whether the statement still holds a placeholder: `<name>` or `...` in its code, or a
    /// string that reads as one (`'id_of_the_contact'`).
    static func hasPlaceholders(_ statement: String) -> Bool {
        let code = SQLGuard.blankLiterals(statement)
        if code.range(of: placeholder, options: .regularExpression) != nil || code.contains("...") || code.contains("…") { return true }
        return literals(statement).contains(where: Placeholder.inSQL)
    }

    /// The string literals of a statement, quotes removed.
    static func literals(_ statement: String) -> [String] {
        var found: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for c in statement {
            if let q = quote {
                if escaped { current.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == q { found.append(current); current = ""; quote = nil } else { current.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
            }
        }
        return found
    }

    /// Whether a placeholder key asks the reader to make one up by hand ("your_key_you_made_up").
    static func asksToMakeUp(_ value: String) -> Bool {
        let words = value.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        return ["made up", "make up", "makeup", "madeup", "invent", "choose", "chosen", "pick", "think of", "any key", "your own"]
            .contains { words.contains($0) }
    }

    /// The table named in MariaDB's "Table 'db.name' doesn't exist".
    static func missingTable(_ message: String) -> String? {
        guard let open = message.firstIndex(of: "'"), let close = message[message.index(after: open)...].firstIndex(of: "'") else { return nil }
        let name = message[message.index(after: open)..<close]
        return String(name.split(separator: ".").last ?? name)
    }

    /// The column named in MariaDB's "Unknown column 'name' in '…'".
    static func unknownColumn(_ message: String) -> String? { missingTable(message) }
}
