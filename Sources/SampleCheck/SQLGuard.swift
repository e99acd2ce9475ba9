import Foundation

/// What an SQL sample may not do, judged before it runs. The private server's grants are the
/// real barrier; these give a clear finding, and they are the only barrier on a server the user
/// names with `--mysql`, where keydocs runs with the user's own rights.
public enum SQLGuard {
    /// Statements that reach the server host's files, the server's administration or its accounts.
    static let refused: [(pattern: String, reason: String)] = [
        (#"\bLOAD_FILE\s*\("#, "reads a file of the database server's host (LOAD_FILE)"),
        (#"\bINTO\s+(OUTFILE|DUMPFILE)\b"#, "writes a file on the database server's host (INTO OUTFILE/DUMPFILE)"),
        (#"\bLOAD\s+(DATA|XML)\b"#, "reads a file into a table (LOAD DATA/XML)"),
        (#"^\s*SHUTDOWN\b"#, "stops the database server"),
        (#"^\s*(KILL|FLUSH|RESET|PURGE|INSTALL|UNINSTALL|GRANT|REVOKE)\b"#, "administers the database server"),
        (#"^\s*SET\b.*(\bGLOBAL\b|\bPERSIST\b|@@GLOBAL\.|@@PERSIST\.)"#, "changes a setting of the whole database server (SET GLOBAL)"),
        (#"^\s*(CREATE|DROP|ALTER|RENAME)\s+(USER|ROLE|SERVER)\b"#, "changes the server's accounts or servers"),
        (#"^\s*SET\s+(PASSWORD|ROLE|DEFAULT\s+ROLE)\b"#, "changes the server's accounts"),
        (#"^\s*(CHANGE\s+MASTER|START\s+SLAVE|STOP\s+SLAVE|START\s+REPLICA|STOP\s+REPLICA)\b"#, "changes replication"),
        (#"^\s*(CREATE|DROP|ALTER)\s+(DATABASE|SCHEMA)\b"#, "creates or removes a database (samples run in a scratch database of their own)"),
    ]

    /// Why `statement` must not run, or nil.
    public static func refusal(_ statement: String) -> String? {
        let code = blankLiterals(statement)
        for (pattern, reason) in refused
        where code.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil {
            return reason
        }
        return nil
    }

    /// The databases a statement names: `db` of `db.table` or `db.table.column`, and of `USE db`,
    /// lowercased and unquoted. A name before a dot may also be a table or an alias (`c.id`);
    /// callers compare these with the databases that exist.
    public static func qualifiers(_ statement: String) -> [String] {
        let code = blankLiterals(statement)
        var names: [String] = []
        var tokens: [(text: String, quoted: Bool)] = []
        var scalars = Array(code.unicodeScalars)[...]
        while let c = scalars.first {
            if c == "`" {
                scalars = scalars.dropFirst()
                let name = scalars.prefix { $0 != "`" }
                scalars = scalars.dropFirst(name.count + 1)
                tokens.append((String(String.UnicodeScalarView(name)), true))
            } else if c.properties.isAlphabetic || c == "_" || c == "$" || ("0"..."9").contains(c) {
                let word = scalars.prefix { $0.properties.isAlphabetic || $0 == "_" || $0 == "$" || ("0"..."9").contains($0) }
                scalars = scalars.dropFirst(word.count)
                tokens.append((String(String.UnicodeScalarView(word)), false))
            } else if c.properties.isWhitespace {
                scalars = scalars.dropFirst()
            } else {
                scalars = scalars.dropFirst()
                tokens.append((String(c), false))
            }
        }
        for (k, token) in tokens.enumerated() {
            let isName = token.quoted || !(token.text.first.map { $0.isNumber || !($0.isLetter || $0 == "_" || $0 == "$") } ?? true)
            guard isName else { continue }
            let previous = k > 0 ? tokens[k - 1] : nil
            if previous?.text == "." && previous?.quoted == false { continue }
            if k + 1 < tokens.count, tokens[k + 1].text == ".", !tokens[k + 1].quoted, k + 2 < tokens.count {
                names.append(token.text.lowercased())
            } else if k == 1, tokens[0].text.uppercased() == "USE", !tokens[0].quoted {
                names.append(token.text.lowercased())
            }
        }
        return names
    }

    /// The statement with the contents of its string literals blanked ('…' and "…"), so that a
    /// word inside a string is not read as a keyword or a name.
    static func blankLiterals(_ statement: String) -> String {
        var out = String.UnicodeScalarView()
        var quote: Unicode.Scalar?
        var escaped = false
        for c in statement.unicodeScalars {
            if let q = quote {
                if escaped { escaped = false; out.append(" "); continue }
                if c == "\\" { escaped = true; out.append(" "); continue }
                if c == q { quote = nil; out.append(c) } else { out.append(c == "\n" ? "\n" : " ") }
            } else {
                if c == "'" || c == "\"" { quote = c }
                out.append(c)
            }
        }
        return String(out)
    }
}
