/// One simple command of a shell sample: its words after quote removal, its redirections, and
/// the 0-based line of the sample it starts on.
public struct ShellCommand: Sendable, Equatable {
    /// `NAME=value` words before the command name.
    public var assignments: [String] = []
    /// The command name and its arguments, quotes removed; `$VAR` and `$(...)` left as written.
    public var words: [String] = []
    /// Redirections: the operator (`<`, `>`, `>>`, `2>`, `<<`…) and its target.
    public var redirections: [Redirection] = []
    /// Line within the sample.
    public var line: Int = 0

    /// A redirection.
    public struct Redirection: Sendable, Equatable {
        /// `<`, `>`, `>>`, `2>`, `<<`…
        public var op: String
        /// The file or file descriptor.
        public var target: String

        /// A redirection.
        public init(op: String, target: String) {
            self.op = op
            self.target = target
        }
    }

    /// The command name, or nil for a bare assignment.
    public var name: String? { words.first }
}

/// A shell syntax problem, at a line of the sample.
public struct ShellSyntaxError: Error, Sendable, Equatable {
    public var line: Int
    public var message: String
}

/// Parses shell samples with POSIX quoting: pipes, lists (`;`, `&&`, `||`, `&`), redirections,
/// single and double quotes, backslashes, comments, `$(...)` and backticks (whose commands are
/// returned too), line continuations, here-documents and a leading `$ ` prompt.
public enum ShellSyntax {
    /// The commands of `text`, including those inside command substitutions, in order.
    public static func parse(_ text: String) throws(ShellSyntaxError) -> [ShellCommand] {
        var parser = Parser(chars: Array(stripPrompts(text).unicodeScalars))
        let commands = try parser.parseList(until: nil)
        return commands
    }

    /// The text with a leading `$ ` or `# ` prompt removed from each line that has one, when
    /// the block is written as a console session.
    public static func stripPrompts(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: { $0.hasPrefix("$ ") }) else { return text }
        return lines.map { $0.hasPrefix("$ ") ? String($0.dropFirst(2)) : String($0) }.joined(separator: "\n")
    }

    /// Whether a console block's line is output rather than a command (no prompt, when others have one).
    public static func commandLines(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: { $0.hasPrefix("$ ") }) else { return text }
        return lines.map { $0.hasPrefix("$ ") ? String($0.dropFirst(2)) : "" }.joined(separator: "\n")
    }

    private struct Parser {
        let chars: [Unicode.Scalar]
        var i = 0
        var line = 0
        var pendingHeredocs: [(delimiter: String, stripTabs: Bool)] = []
        var backtickDepth = 0

        init(chars: [Unicode.Scalar]) { self.chars = chars }

        var atEnd: Bool { i >= chars.count }
        func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < chars.count ? chars[i + offset] : nil }

        mutating func advance() {
            if chars[i] == "\n" { line += 1 }
            i += 1
        }

        /// Commands until `terminator` (`)` or backtick) or the end.
        mutating func parseList(until terminator: Unicode.Scalar?) throws(ShellSyntaxError) -> [ShellCommand] {
            var commands: [ShellCommand] = []
            var nested: [ShellCommand] = []
            var current = ShellCommand(line: line)
            var started = false
            func finish() {
                if !current.words.isEmpty || !current.assignments.isEmpty || !current.redirections.isEmpty {
                    commands.append(current)
                }
                commands.append(contentsOf: nested)
                nested = []
                current = ShellCommand(line: line)
                started = false
            }
            while let c = peek() {
                if let terminator, c == terminator {
                    advance()
                    finish()
                    return commands
                }
                switch c {
                case " ", "\t":
                    advance()
                case "\\" where peek(1) == "\n":
                    advance(); advance()
                case "\n":
                    advance()
                    finish()
                    try skipHeredocBodies()
                    current.line = line
                case "#" where !started || (i > 0 && (chars[i - 1] == " " || chars[i - 1] == "\t")):
                    while let d = peek(), d != "\n" { advance() }
                case ";", "&", "|":
                    advance()
                    if let d = peek(), d == c || (c == "|" && d == "&") || (c == "&" && d == ">") {
                        if c == "&" && d == ">" { // &> file
                            advance()
                            try redirect(into: &current, op: "&>", nested: &nested)
                            continue
                        }
                        advance()
                    }
                    finish()
                case "(" where !started:
                    advance()
                    let inner = try parseList(until: ")")
                    commands.append(contentsOf: inner)
                case ")" where terminator == nil:
                    throw ShellSyntaxError(line: line, message: "unexpected ')'")
                case "(":
                    throw ShellSyntaxError(line: line, message: "unexpected '(': functions and subshells inside a command are not supported")
                case "<", ">":
                    var op = String(c)
                    advance()
                    if c == "<", peek() == "(" {
                        advance()
                        let inner = try parseList(until: ")")
                        nested.append(contentsOf: inner)
                        current.words.append("<(...)")
                        continue
                    }
                    if let d = peek(), d == c || (c == ">" && d == "|") || d == "&" { op.append(Character(d)); advance() }
                    if op == "<<", peek() == "-" { op = "<<-"; advance() }
                    try redirect(into: &current, op: op, nested: &nested)
                default:
                    let startLine = line
                    let before = i
                    let word = try readWord(nested: &nested)
                    // A character that ends a word where none can start (a ')' inside backticks).
                    if i == before { throw ShellSyntaxError(line: line, message: "unexpected '\(c)'") }
                    if !started { current.line = startLine }
                    started = true
                    if let d = peek(), (d == ">" || d == "<"), word.allSatisfy(\.isNumber), !word.isEmpty {
                        var op = word + String(d)
                        advance()
                        if let e = peek(), e == ">" || e == "&" { op.append(Character(e)); advance() }
                        try redirect(into: &current, op: op, nested: &nested)
                    } else if current.words.isEmpty, Self.isAssignment(word) {
                        current.assignments.append(word)
                    } else {
                        current.words.append(word)
                    }
                }
            }
            if let terminator {
                throw ShellSyntaxError(line: line, message: "no closing '\(terminator)'")
            }
            finish()
            return commands
        }

        static func isAssignment(_ word: String) -> Bool {
            guard let eq = word.firstIndex(of: "="), eq != word.startIndex else { return false }
            let name = word[..<eq]
            return name.first.map { $0.isLetter || $0 == "_" } == true && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }

        mutating func redirect(into command: inout ShellCommand, op: String, nested: inout [ShellCommand]) throws(ShellSyntaxError) {
            while let c = peek(), c == " " || c == "\t" { advance() }
            if op.hasSuffix("&"), let c = peek(), c.properties.numericType != nil || c == "-" {
                var target = ""
                while let d = peek(), d.properties.numericType != nil || d == "-" { target.unicodeScalars.append(d); advance() }
                command.redirections.append(.init(op: op, target: target))
                return
            }
            guard !atEnd, peek() != "\n" else { throw ShellSyntaxError(line: line, message: "'\(op)' has no target") }
            let target = try readWord(nested: &nested)
            command.redirections.append(.init(op: op, target: target))
            if op.hasPrefix("<<") && op != "<<<" {
                pendingHeredocs.append((delimiter: target, stripTabs: op == "<<-"))
            }
        }

        mutating func skipHeredocBodies() throws(ShellSyntaxError) {
            while !pendingHeredocs.isEmpty {
                let (delimiter, stripTabs) = pendingHeredocs.removeFirst()
                while true {
                    guard !atEnd else { throw ShellSyntaxError(line: line, message: "here-document has no closing '\(delimiter)'") }
                    var text = ""
                    while let c = peek(), c != "\n" { text.unicodeScalars.append(c); advance() }
                    if !atEnd { advance() }
                    let candidate = stripTabs ? String(text.drop { $0 == "\t" }) : text
                    if candidate == delimiter { break }
                }
            }
        }

        /// One word, quotes removed; command substitutions parsed into `nested` and kept as written.
        mutating func readWord(nested: inout [ShellCommand]) throws(ShellSyntaxError) -> String {
            var word = ""
            while let c = peek() {
                switch c {
                case " ", "\t", "\n", ";", "&", "|", "<", ">", ")":
                    return word
                case "(" where word.isEmpty:
                    return word
                case "\\":
                    advance()
                    if let d = peek() {
                        if d != "\n" { word.unicodeScalars.append(d) }
                        advance()
                    }
                case "'":
                    let start = line
                    advance()
                    while let d = peek(), d != "'" { word.unicodeScalars.append(d); advance() }
                    guard !atEnd else { throw ShellSyntaxError(line: start, message: "no closing single quote") }
                    advance()
                case "\"":
                    let start = line
                    advance()
                    while let d = peek(), d != "\"" {
                        if d == "\\", let e = peek(1), "$`\"\\\n".unicodeScalars.contains(e) {
                            advance()
                            if e != "\n" { word.unicodeScalars.append(e) }
                            advance()
                        } else if d == "$", peek(1) == "(" {
                            word += try substitution(nested: &nested)
                        } else if d == "`" {
                            word += try backtick(nested: &nested)
                        } else {
                            word.unicodeScalars.append(d)
                            advance()
                        }
                    }
                    guard !atEnd else { throw ShellSyntaxError(line: start, message: "no closing double quote") }
                    advance()
                case "$" where peek(1) == "(":
                    word += try substitution(nested: &nested)
                case "`" where backtickDepth > 0:
                    return word
                case "`":
                    word += try backtick(nested: &nested)
                default:
                    word.unicodeScalars.append(c)
                    advance()
                }
            }
            return word
        }

        mutating func substitution(nested: inout [ShellCommand]) throws(ShellSyntaxError) -> String {
            let start = i
            advance(); advance()
            if peek() == "(" { // $(( arithmetic ))
                var depth = 2
                advance()
                while let c = peek(), depth > 0 {
                    if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
                    advance()
                }
                return String(String.UnicodeScalarView(chars[start..<i]))
            }
            nested.append(contentsOf: try parseList(until: ")"))
            return String(String.UnicodeScalarView(chars[start..<i]))
        }

        mutating func backtick(nested: inout [ShellCommand]) throws(ShellSyntaxError) -> String {
            let start = i
            advance()
            backtickDepth += 1
            defer { backtickDepth -= 1 }
            nested.append(contentsOf: try parseList(until: "`"))
            return String(String.UnicodeScalarView(chars[start..<i]))
        }
    }
}
