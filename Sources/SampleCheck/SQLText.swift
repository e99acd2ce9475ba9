import Foundation

/// One SQL statement of a sample and the 0-based line it starts on.
public struct SQLStatement: Sendable, Equatable {
    /// The statement, without its semicolon.
    public var text: String
    /// The 0-based line of the sample it starts on.
    public var line: Int
}

/// Splits SQL into statements at semicolons outside strings, quoted names and comments, and
/// strips client prompts (`mysql> `, `MariaDB [db]> `, `    -> `).
public enum SQLText {
    /// The statements of `source`, in order.
    public static func split(_ source: String) -> [SQLStatement] {
        let text = stripPrompts(source)
        var statements: [SQLStatement] = []
        var current = ""
        var startLine: Int?
        var line = 0
        var quote: Unicode.Scalar?
        var scalars = Array(text.unicodeScalars)
        scalars.append("\n")
        var i = 0
        func flush() {
            let trimmed = current.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty, let startLine { statements.append(SQLStatement(text: trimmed, line: startLine)) }
            current = ""
            startLine = nil
        }
        while i < scalars.count {
            let c = scalars[i]
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            if let q = quote {
                current.unicodeScalars.append(c)
                if c == "\\" && q != "`", let next {
                    current.unicodeScalars.append(next)
                    if next == "\n" { line += 1 }
                    i += 2
                    continue
                }
                if c == q {
                    if next == q { current.unicodeScalars.append(q); i += 2; continue }
                    quote = nil
                }
                if c == "\n" { line += 1 }
                i += 1
                continue
            }
            // Comments: -- (followed by a space or the end of the line), #, /* */.
            if (c == "-" && next == "-" && (i + 2 >= scalars.count || [" ", "\t", "\n"].contains(scalars[i + 2]))) || c == "#" {
                while i < scalars.count && scalars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && next == "*" {
                i += 2
                while i + 1 < scalars.count && !(scalars[i] == "*" && scalars[i + 1] == "/") {
                    if scalars[i] == "\n" { line += 1 }
                    i += 1
                }
                i += 2
                current += " "
                continue
            }
            if c == ";" {
                flush()
                i += 1
                continue
            }
            // The mysql client's `\G` (vertical output) and `\g` end a statement too.
            if c == "\\", next == "G" || next == "g" {
                flush()
                i += 2
                continue
            }
            if c == "'" || c == "\"" || c == "`" { quote = c }
            if startLine == nil && !c.properties.isWhitespace { startLine = line }
            if c == "\n" { line += 1 }
            current.unicodeScalars.append(c)
            i += 1
        }
        flush()
        return statements
    }

    /// The text without client prompts.
    public static func stripPrompts(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("mysql> ") { return String(line.dropFirst(7)) }
            if line.hasPrefix("    -> ") { return String(line.dropFirst(7)) }
            if line.hasPrefix("MariaDB ["), let end = line.range(of: "]> ") { return String(line[end.upperBound...]) }
            return String(line)
        }.joined(separator: "\n")
    }

    /// The first word, uppercased.
    public static func verb(_ statement: String) -> String {
        String(statement.prefix { $0.isLetter }).uppercased()
    }

    /// The string literal assigned to `api_key` in an UPDATE, if the statement assigns a literal.
    public static func assignedLiteral(_ statement: String) -> String? {
        guard let range = statement.range(of: #"api_key\s*=\s*(['"])"#, options: [.regularExpression, .caseInsensitive]) else { return nil }
        let quote = statement[statement.index(before: range.upperBound)]
        let rest = statement[range.upperBound...]
        guard let close = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<close])
    }

    /// User variables (`@name`) that a statement reads.
    public static func variables(_ statement: String) -> [String] {
        var names: [String] = []
        var i = statement.startIndex
        while let at = statement[i...].firstIndex(of: "@") {
            let after = statement.index(after: at)
            let name = statement[after...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !name.isEmpty && (at == statement.startIndex || statement[statement.index(before: at)] != "@") {
                names.append(String(name))
            }
            i = statement.index(after, offsetBy: name.count)
        }
        return names
    }

    /// The expression a statement assigns to `target` (`api_key` or `@name`): in
    /// `UPDATE … SET api_key = expr, …`, `SET @k = expr` or `SET @k := expr`, the text after the
    /// `=` up to the next comma, keyword or end outside parentheses and quotes.
    public static func assignedExpression(_ statement: String, to target: String) -> String? {
        let chars = Array(statement.unicodeScalars)
        let name = Array(target.lowercased().unicodeScalars)
        func isWordChar(_ c: Unicode.Scalar) -> Bool { c == "_" || c == "@" || c.properties.isAlphabetic || ("0"..."9").contains(c) }
        var found: String?
        outsideQuotes(chars) { k, depth in
            let startsWord = k == 0 || !isWordChar(chars[k - 1])
            guard depth == 0, startsWord, k + name.count <= chars.count,
                  chars[k..<(k + name.count)].map({ Unicode.Scalar(String($0).lowercased()) ?? $0 }).elementsEqual(name),
                  k + name.count == chars.count || !isWordChar(chars[k + name.count]) else { return true }
            var j = k + name.count
            while j < chars.count, chars[j] == " " || chars[j] == "\t" || chars[j] == "\n" { j += 1 }
            if j < chars.count, chars[j] == ":" { j += 1 }
            guard j < chars.count, chars[j] == "=", j + 1 >= chars.count || chars[j + 1] != "=" else { return true }
            found = expression(Array(chars[(j + 1)...]))
            return false
        }
        return found
    }

    /// The text of `chars` up to a top-level `,`, `;`, unmatched `)` or clause keyword.
    private static func expression(_ chars: [Unicode.Scalar]) -> String? {
        var end = chars.count
        let stops = ["where", "order", "limit", "from", "into", "returning", "on"]
        outsideQuotes(chars) { k, depth in
            guard depth == 0 else { return true }
            switch chars[k] {
            case ")", ",", ";":
                end = k
                return false
            case " ", "\t", "\n":
                let rest = String(String.UnicodeScalarView(chars[(k + 1)...].prefix(12))).lowercased()
                if let stop = stops.first(where: { rest.hasPrefix($0) }),
                   rest.unicodeScalars.dropFirst(stop.count).first.map({ !($0.properties.isAlphabetic || $0 == "_") }) ?? true {
                    end = k
                    return false
                }
                return true
            default:
                return true
            }
        }
        let text = String(String.UnicodeScalarView(chars[..<end])).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Calls `visit` with the index of each character of `chars` outside quoted strings and
    /// identifiers (a backslash escapes the next character inside them), and the depth of
    /// parentheses before it, until `visit` returns false.
    private static func outsideQuotes(_ chars: [Unicode.Scalar], _ visit: (_ index: Int, _ depth: Int) -> Bool) {
        var k = 0, depth = 0
        var quote: Unicode.Scalar?
        while k < chars.count {
            let c = chars[k]
            if let q = quote {
                if c == "\\" { k += 2; continue }
                if c == q { quote = nil }
                k += 1
                continue
            }
            if c == "'" || c == "\"" || c == "`" {
                quote = c
                k += 1
                continue
            }
            guard visit(k, depth) else { return }
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            k += 1
        }
    }

    /// Whether an assigned expression is computed (a function, an operator), rather than a
    /// literal, NULL, a variable or a column: what a generator's run can evaluate.
    public static func isComputed(_ expression: String) -> Bool {
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        if trimmed.uppercased() == "NULL" { return false }
        if let first = trimmed.first, first == "'" || first == "\"", trimmed.last == first, trimmed.count >= 2,
           !trimmed.dropFirst().dropLast().contains(first) { return false }
        return trimmed.contains("(")
    }
}
