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
    /// Constructs that can run a command the words do not show: command syntax inside quotes
    /// (`'$(cmd)'`, which an arithmetic or a later `eval` may run) and arithmetic on variables
    /// (bash evaluates a variable's value, array subscripts and their `$(...)` included).
    public var concerns: [String] = []
    /// The operator that ends the command: `|`, `;`, `&`, `&&`, `||`, `|&`; nil at a line's end.
    public var followedBy: String?

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

    /// Its standard output goes to a file or another descriptor, not on down the script's.
    public var printsElsewhere: Bool {
        redirections.contains { redirection in
            switch redirection.op {
            case ">", ">>", ">|", "1>", "1>>", "1>|": true
            case ">&", "1>&": redirection.target != "1"
            default: false
            }
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

    /// The text with a leading `$ ` prompt removed from each line that has one, when the block
    /// is written as a console session. (A line starting `# ` stays: to the shell it is a comment.)
    public static func stripPrompts(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: { $0.hasPrefix("$ ") }) else { return text }
        return lines.map { $0.hasPrefix("$ ") ? String($0.dropFirst(2)) : String($0) }.joined(separator: "\n")
    }

    /// A console session's commands: its `$ ` lines without the prompt, and its output lines (no
    /// prompt, when others have one) blank, so that every command keeps its line number.
    public static func commandLines(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.contains(where: { $0.hasPrefix("$ ") }) else { return text }
        return lines.map { $0.hasPrefix("$ ") ? String($0.dropFirst(2)) : "" }.joined(separator: "\n")
    }

    private struct Parser {
        let chars: [Unicode.Scalar]
        var i = 0
        var line = 0
        var pendingHeredocs: [(delimiter: String, stripTabs: Bool, quoted: Bool)] = []
        /// Concerns found while reading the current command's words.
        var concerns: [String] = []
        var backtickDepth = 0

        init(chars: [Unicode.Scalar]) { self.chars = chars }

        var atEnd: Bool { i >= chars.count }
        func peek(_ offset: Int = 0) -> Unicode.Scalar? { i + offset < chars.count ? chars[i + offset] : nil }

        mutating func advance() {
            if chars[i] == "\n" { line += 1 }
            i += 1
        }

        /// Commands until `terminator` (`)` or backtick) or the end.
        /// Lists being read inside one another: subshells, `$(…)` and backticks.
        var nesting = 0
        /// How deep lists may nest: far beyond what a sample needs, and a bound on the parser's
        /// stack and on the work a hostile block can ask for.
        static let maximumNesting = 32

        /// A list being read: the commands finished, those nested in the current one (process
        /// substitutions, `$(…)`), and the current command.
        struct List {
            var commands: [ShellCommand] = []
            var nested: [ShellCommand] = []
            var current: ShellCommand
            /// Whether the current command has a word yet.
            var started = false

            init(line: Int) { current = ShellCommand(line: line) }

            /// Ends the current command (with the `concerns` found in its words), keeping it if
            /// it holds anything, then the commands nested in it; the next starts at `line`.
            mutating func finish(concerns: [String], line: Int) {
                current.concerns += concerns
                if !current.words.isEmpty || !current.assignments.isEmpty || !current.redirections.isEmpty || !current.concerns.isEmpty {
                    commands.append(current)
                }
                commands.append(contentsOf: nested)
                nested = []
                current = ShellCommand(line: line)
                started = false
            }
        }

        mutating func parseList(until terminator: Unicode.Scalar?) throws(ShellSyntaxError) -> [ShellCommand] {
            nesting += 1
            defer { nesting -= 1 }
            guard nesting <= Self.maximumNesting else {
                throw ShellSyntaxError(line: line, message: "subshells and command substitutions nest more than \(Self.maximumNesting) deep")
            }
            var list = List(line: line)
            func finish() {
                list.finish(concerns: concerns, line: line)
                concerns = []
            }
            while let c = peek() {
                if let terminator, c == terminator {
                    advance()
                    finish()
                    return list.commands
                }
                switch c {
                case " ", "\t":
                    advance()
                case "\\" where peek(1) == "\n":
                    advance(); advance()
                case "\n":
                    advance()
                    finish()
                    list.commands += try readHeredocBodies()
                    list.current.line = line
                case "#" where !list.started || (i > 0 && (chars[i - 1] == " " || chars[i - 1] == "\t")):
                    while let d = peek(), d != "\n" { advance() }
                case ";", "&", "|":
                    if try readOperator(c, into: &list) { finish() }
                case "(" where !list.started:
                    advance()
                    list.commands.append(contentsOf: try parseList(until: ")"))
                case ")" where terminator == nil:
                    throw ShellSyntaxError(line: line, message: "unexpected ')'")
                case "(":
                    throw ShellSyntaxError(line: line, message: "unexpected '(': functions and subshells inside a command are not supported")
                case "<", ">":
                    try readRedirection(c, into: &list)
                default:
                    try readWord(c, into: &list)
                }
            }
            if let terminator {
                throw ShellSyntaxError(line: line, message: "no closing '\(terminator)'")
            }
            finish()
            return list.commands
        }

        /// `;`, `&`, `|` and their doubles (`&&`, `||`, `;;`, `|&`), which end the current command
        /// (whether it did), or `&>`, a redirection.
        mutating func readOperator(_ c: Unicode.Scalar, into list: inout List) throws(ShellSyntaxError) -> Bool {
            advance()
            var op = String(c)
            if let d = peek(), d == c || (c == "|" && d == "&") || (c == "&" && d == ">") {
                if c == "&" && d == ">" { // &> file
                    advance()
                    try redirect(into: &list.current, op: "&>", nested: &list.nested)
                    return false
                }
                op.unicodeScalars.append(d)
                advance()
            }
            list.current.followedBy = op
            return true
        }

        /// A redirection that starts with `<` or `>` (`>>`, `>|`, `>&`, `<<`, `<<-`), or a process
        /// substitution `<(…)`, read as a word of its own.
        mutating func readRedirection(_ c: Unicode.Scalar, into list: inout List) throws(ShellSyntaxError) {
            var op = String(c)
            advance()
            if c == "<", peek() == "(" {
                advance()
                list.nested.append(contentsOf: try parseList(until: ")"))
                list.current.words.append("<(...)")
                return
            }
            if let d = peek(), d == c || (c == ">" && d == "|") || d == "&" { op.append(Character(d)); advance() }
            if op == "<<", peek() == "-" { op = "<<-"; advance() }
            try redirect(into: &list.current, op: op, nested: &list.nested)
        }

        /// A word, which is the current command's name or argument, an assignment before its
        /// name, or a descriptor's number before a redirection (`2>`).
        mutating func readWord(_ c: Unicode.Scalar, into list: inout List) throws(ShellSyntaxError) {
            let startLine = line
            let before = i
            let word = try readWord(nested: &list.nested)
            // A character that ends a word where none can start (a ')' inside backticks).
            if i == before { throw ShellSyntaxError(line: line, message: "unexpected '\(c)'") }
            if !list.started { list.current.line = startLine }
            list.started = true
            if let d = peek(), (d == ">" || d == "<"), word.allSatisfy(\.isNumber), !word.isEmpty {
                var op = word + String(d)
                advance()
                if let e = peek(), e == ">" || e == "&" { op.append(Character(e)); advance() }
                try redirect(into: &list.current, op: op, nested: &list.nested)
            } else if list.current.words.isEmpty, Self.isAssignment(word) {
                list.current.assignments.append(word)
            } else {
                list.current.words.append(word)
            }
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
            let start = i
            let target = try readWord(nested: &nested)
            command.redirections.append(.init(op: op, target: target))
            if op.hasPrefix("<<") && op != "<<<" {
                // A quoted delimiter makes the body literal; otherwise the shell expands `$(...)` in it.
                let raw = chars[start..<i]
                let quoted = raw.contains("'") || raw.contains("\"") || raw.contains("\\")
                pendingHeredocs.append((delimiter: target, stripTabs: op == "<<-", quoted: quoted))
            }
        }

        /// Reads the bodies of the here-documents whose commands ended at this line; the commands
        /// in the `$(...)` and backticks of an unquoted body, which the shell runs, come back.
        mutating func readHeredocBodies() throws(ShellSyntaxError) -> [ShellCommand] {
            var found: [ShellCommand] = []
            while !pendingHeredocs.isEmpty {
                let (delimiter, stripTabs, quoted) = pendingHeredocs.removeFirst()
                while true {
                    guard !atEnd else { throw ShellSyntaxError(line: line, message: "here-document has no closing '\(delimiter)'") }
                    let lineStart = i
                    var text = ""
                    while let c = peek(), c != "\n" { text.unicodeScalars.append(c); advance() }
                    let candidate = stripTabs ? String(text.drop { $0 == "\t" }) : text
                    if candidate == delimiter {
                        if !atEnd { advance() }
                        break
                    }
                    if !quoted {
                        // Read the line again as the inside of double quotes: that is how the shell expands it.
                        let end = i
                        i = lineStart
                        var nested: [ShellCommand] = []
                        while i < end {
                            if chars[i] == "\\" && i + 1 < end { advance(); advance() } else if chars[i] == "$" && peek(1) == "(" {
                                _ = try substitution(nested: &nested)
                            } else if chars[i] == "`" {
                                _ = try backtick(nested: &nested)
                            } else {
                                advance()
                            }
                        }
                        found += nested
                    }
                    if !atEnd { advance() }
                }
            }
            return found
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
                    var literal = ""
                    while let d = peek(), d != "'" { literal.unicodeScalars.append(d); advance() }
                    guard !atEnd else { throw ShellSyntaxError(line: start, message: "no closing single quote") }
                    advance()
                    noteHiddenSyntax(literal)
                    word += literal
                case "$" where peek(1) == "'":
                    let start = line
                    advance(); advance()
                    let literal = try ansiC(from: start)
                    noteHiddenSyntax(literal)
                    word += literal
                case "$" where peek(1) == "\"":
                    advance() // $"..." is a double-quoted string (translated by locale)
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

        /// `$'...'` after its opening quote: the text with its backslash escapes decoded as bash does.
        mutating func ansiC(from start: Int) throws(ShellSyntaxError) -> String {
            var out = String.UnicodeScalarView()
            func digits(_ radix: Int, max: Int) -> UInt32? {
                var value: UInt32 = 0, count = 0
                while count < max, let d = peek(), let digit = Int(String(d), radix: radix) {
                    value = value * UInt32(radix) + UInt32(digit)
                    advance()
                    count += 1
                }
                return count == 0 ? nil : value
            }
            while let c = peek(), c != "'" {
                advance()
                guard c == "\\", let e = peek() else { out.append(c); continue }
                advance()
                let simple: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "t": "\t", "r": "\r", "a": "\u{07}", "b": "\u{08}",
                    "e": "\u{1B}", "E": "\u{1B}", "f": "\u{0C}", "v": "\u{0B}", "\\": "\\", "'": "'", "\"": "\"", "?": "?"]
                if let mapped = simple[e] {
                    out.append(mapped)
                } else if e == "x", let value = digits(16, max: 2), let scalar = Unicode.Scalar(value) {
                    out.append(scalar)
                } else if e == "u" || e == "U", let value = digits(16, max: e == "u" ? 4 : 8), let scalar = Unicode.Scalar(value) {
                    out.append(scalar)
                } else if ("0"..."7").contains(e) {
                    i -= 1
                    if let value = digits(8, max: 3), let scalar = Unicode.Scalar(value & 0xFF) { out.append(scalar) }
                } else if e == "c", let control = peek() {
                    advance()
                    out.append(Unicode.Scalar(UInt8(control.value & 0x1F)))
                } else {
                    out.append("\\")
                    out.append(e)
                }
            }
            guard !atEnd else { throw ShellSyntaxError(line: start, message: "no closing quote for $'") }
            advance()
            return String(out)
        }

        /// Command syntax in a literal is harmless until something evaluates it again; generators
        /// need none, so it is reported rather than trusted.
        mutating func noteHiddenSyntax(_ literal: String) {
            if literal.contains("$(") || literal.contains("`") || literal.contains("${") {
                concerns.append("holds command syntax inside quotes ('\(literal.prefix(40))'), which an evaluation would run")
            }
        }

        mutating func substitution(nested: inout [ShellCommand]) throws(ShellSyntaxError) -> String {
            let start = i
            advance(); advance()
            if peek() == "(" { // $(( arithmetic )): its $(...) run, and bash evaluates the values of the names in it
                var depth = 2
                advance()
                while let c = peek(), depth > 0 {
                    if c == "$" && peek(1) == "(" {
                        _ = try substitution(nested: &nested)
                        continue
                    }
                    if c == "`" {
                        _ = try backtick(nested: &nested)
                        continue
                    }
                    if c.properties.isAlphabetic || c == "_" {
                        var name = ""
                        while let d = peek(), d.properties.isAlphabetic || d.properties.numericType != nil || d == "_" {
                            name.unicodeScalars.append(d)
                            advance()
                        }
                        concerns.append("evaluates the variable '\(name)' in arithmetic, which runs any $(...) in its value")
                        continue
                    }
                    if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
                    advance()
                }
                if depth > 0 { throw ShellSyntaxError(line: line, message: "no closing '))'") }
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
