import DocModel

/// Highlights code at build time, so that pages need no highlighting script. Each token class
/// becomes a `<span class="hl-X">`; everything else is escaped text, in the languages of
/// `CodeLanguage`, by any of their names.
public struct Highlighter: Sendable {
    struct Language: Sendable {
        var lineComments: [String]
        var blockComment: (open: String, close: String)?
        var quotes: Set<UInt8>
        var keywords: Set<String>
        var builtins: Set<String> = []
        var variableSigils: Set<UInt8> = []
        var keywordsIgnoreCase = false
        var commentNeedsWordStart = false
        var keysBeforeColon = false
        /// Characters that join words into one (`@civicrm-curl` is one name, not `curl`).
        var wordJoiners: Set<UInt8> = []
        /// The first word of a line is a directive (Apache, nginx).
        var firstWordIsKeyword = false
        /// A key before a colon may also follow `{` or `;` on its line (CSS declarations).
        var keysAfterBraces = false
    }

    static let bash = Language(
        lineComments: ["#"], blockComment: nil, quotes: [UInt8(ascii: "'"), UInt8(ascii: "\"")],
        keywords: ["if", "then", "else", "elif", "fi", "for", "do", "done", "while", "until", "case", "esac",
                   "function", "in", "export", "local", "return", "set", "unset", "read"],
        builtins: ["cv", "head", "tail", "tr", "base64", "cut", "fold", "openssl", "xxd", "od", "printf", "echo",
                   "date", "sha256sum", "sha1sum", "md5sum", "mysql", "mariadb", "drush", "wp", "curl", "keydocs", "pwgen"],
        variableSigils: [UInt8(ascii: "$")], commentNeedsWordStart: true,
        wordJoiners: [UInt8(ascii: "-"), UInt8(ascii: "@"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":")])

    static let sql = Language(
        lineComments: ["-- ", "#"], blockComment: ("/*", "*/"),
        quotes: [UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`")],
        keywords: ["select", "from", "where", "update", "set", "insert", "into", "values", "delete", "create",
                   "table", "alter", "drop", "and", "or", "not", "null", "is", "as", "limit", "order", "by",
                   "group", "having", "join", "left", "right", "inner", "on", "in", "like", "distinct", "count",
                   "primary", "key", "index", "unique", "default", "varchar", "int", "unsigned", "auto_increment",
                   "use", "show", "begin", "commit", "rollback", "case", "when", "then", "else", "end", "exists"],
        builtins: ["replace", "to_base64", "random_bytes", "substring", "substr", "concat", "length", "char_length",
                   "lower", "upper", "md5", "sha2", "uuid", "rand", "left", "right", "hex", "unhex"],
        variableSigils: [UInt8(ascii: "@")], keywordsIgnoreCase: true)

    static let json = Language(
        lineComments: [], blockComment: nil, quotes: [UInt8(ascii: "\"")], keywords: ["true", "false", "null"])

    static let php = Language(
        lineComments: ["//", "#"], blockComment: ("/*", "*/"), quotes: [UInt8(ascii: "'"), UInt8(ascii: "\"")],
        keywords: ["function", "return", "if", "else", "elseif", "foreach", "as", "for", "while", "new", "class",
                   "public", "private", "protected", "static", "echo", "array", "true", "false", "null", "use",
                   "namespace", "try", "catch", "throw", "fn"],
        builtins: ["civicrm_api3", "civicrm_api4", "bin2hex", "random_bytes", "random_int", "base64_encode",
                   "strlen", "substr", "str_replace"],
        variableSigils: [UInt8(ascii: "$")])

    static let javascript = Language(
        lineComments: ["//"], blockComment: ("/*", "*/"), quotes: [UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`")],
        keywords: ["function", "return", "if", "else", "for", "while", "do", "new", "class", "const", "let", "var",
                   "true", "false", "null", "undefined", "this", "try", "catch", "throw", "await", "async", "of", "in",
                   "typeof", "import", "export", "from", "switch", "case", "break", "continue", "default"],
        builtins: ["CRM", "fetch", "console", "JSON", "crypto", "document", "window", "Promise"])

    static let yaml = Language(
        lineComments: ["#"], blockComment: nil, quotes: [UInt8(ascii: "'"), UInt8(ascii: "\"")],
        keywords: ["true", "false", "null", "yes", "no"], commentNeedsWordStart: true, keysBeforeColon: true)

    static let css = Language(
        lineComments: [], blockComment: ("/*", "*/"), quotes: [UInt8(ascii: "'"), UInt8(ascii: "\"")],
        keywords: ["important", "inherit", "initial", "none", "auto"], variableSigils: [UInt8(ascii: "@"), UInt8(ascii: "$")],
        keysBeforeColon: true, keysAfterBraces: true)

    static let apache = Language(
        lineComments: ["#"], blockComment: nil, quotes: [UInt8(ascii: "\"")],
        keywords: ["on", "off", "all", "granted", "denied", "none"], variableSigils: [UInt8(ascii: "$"), UInt8(ascii: "%")],
        keywordsIgnoreCase: true, commentNeedsWordStart: true, firstWordIsKeyword: true)

    static let nginx = Language(
        lineComments: ["#"], blockComment: nil, quotes: [UInt8(ascii: "'"), UInt8(ascii: "\"")],
        keywords: ["on", "off", "if", "return", "break", "last", "permanent", "redirect"], variableSigils: [UInt8(ascii: "$")],
        commentNeedsWordStart: true, wordJoiners: [UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-")], firstWordIsKeyword: true)

    /// How a language is read: by tokens, as markup, or line by line.
    enum Reading: Sendable {
        case tokens(Language)
        case markup(smarty: Bool)
        case lines(LineStyle)
    }

    /// How keydocs reads the language an info string's first word names, or nil when it does
    /// not highlight it.
    static func reading(named name: String?) -> Reading? {
        switch CodeLanguage(name) {
        case .shell?: return .tokens(bash)
        case .sql?: return .tokens(sql)
        case .json?: return .tokens(json)
        case .php?: return .tokens(php)
        case .javascript?: return .tokens(javascript)
        case .yaml?: return .tokens(yaml)
        case .css?: return .tokens(css)
        case .apache?: return .tokens(apache)
        case .nginx?: return .tokens(nginx)
        case .html?, .xml?: return .markup(smarty: false)
        case .smarty?: return .markup(smarty: true)
        case .markdown?: return .lines(.markdown)
        case .ini?: return .lines(.ini)
        case .diff?: return .lines(.diff)
        case nil: return nil
        }
    }

    /// A highlighter.
    public init() {}

    /// Whether keydocs highlights the language that `name` names.
    public static func highlights(_ name: String?) -> Bool { reading(named: name) != nil }

    /// The code as HTML: escaped, with token spans when the language is known.
    public func highlight(_ code: String, language name: String?) -> String {
        switch Self.reading(named: name) {
        case .tokens(let language)?:
            var lexer = Lexer(bytes: Array(code.utf8), language: language)
            return lexer.run()
        case .markup(let smarty)?:
            var lexer = MarkupLexer(bytes: Array(code.utf8), smarty: smarty)
            return lexer.run()
        case .lines(let style)?:
            return style.highlight(code)
        case nil:
            return escape(code)
        }
    }
}

private struct Lexer {
    let bytes: [UInt8]
    let language: Highlighter.Language
    var out: [UInt8] = []
    var i = 0

    init(bytes: [UInt8], language: Highlighter.Language) {
        self.bytes = bytes
        self.language = language
        out.reserveCapacity(bytes.count * 2)
    }

    mutating func run() -> String {
        while i < bytes.count {
            let byte = bytes[i]
            if let close = blockCommentStart() {
                let end = find(close, from: i + 2) ?? bytes.count
                span("c", i, end)
            } else if lineCommentStarts() {
                var end = i
                while end < bytes.count && bytes[end] != 10 { end += 1 }
                span("c", i, end)
            } else if language.quotes.contains(byte) {
                var end = i + 1
                while end < bytes.count && bytes[end] != byte {
                    if bytes[end] == UInt8(ascii: "\\") && byte != UInt8(ascii: "'") { end += 1 }
                    end += 1
                }
                end = min(end + 1, bytes.count)
                span(language.keysBeforeColon && followedByColon(end) ? "k" : "s", i, end)
            } else if language.variableSigils.contains(byte), i + 1 < bytes.count, isVariableStart(bytes[i + 1]) {
                var end = i + 1
                if bytes[end] == UInt8(ascii: "{") {
                    while end < bytes.count && bytes[end] != UInt8(ascii: "}") { end += 1 }
                    end = min(end + 1, bytes.count)
                } else {
                    while end < bytes.count && (isWord(bytes[end]) || bytes[end] == byte) { end += 1 }
                }
                span("v", i, end)
            } else if isDigit(byte) && !previousIsWord() {
                var end = i
                while end < bytes.count && (isWord(bytes[end]) || bytes[end] == UInt8(ascii: ".")) { end += 1 }
                span("n", i, end)
            } else if isWordStart(byte) && i > 0 && language.wordJoiners.contains(bytes[i - 1]) {
                // Part of a longer name: `curl` in `@civicrm-curl`, `conf` in `nginx.conf`.
                var end = i
                while end < bytes.count && (isWord(bytes[end]) || language.wordJoiners.contains(bytes[end])) { end += 1 }
                plain(i, end)
            } else if isWordStart(byte) {
                var end = i
                while end < bytes.count && (isWord(bytes[end]) || bytes[end] == UInt8(ascii: "-") && language.keysBeforeColon) { end += 1 }
                let word = String(decoding: bytes[i..<end], as: UTF8.self)
                let key = language.keywordsIgnoreCase ? word.lowercased() : word
                if language.keysBeforeColon && followedByColon(end) && (atLineStart() || language.keysAfterBraces && afterBrace()) {
                    span("k", i, end)
                } else if language.firstWordIsKeyword && atLineStart() {
                    span("k", i, end)
                } else if language.keywords.contains(key) {
                    span("k", i, end)
                } else if language.builtins.contains(key) {
                    span("f", i, end)
                } else {
                    plain(i, end)
                }
            } else {
                plain(i, i + 1)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Token tests

    func blockCommentStart() -> [UInt8]? {
        guard let (open, close) = language.blockComment, starts(with: open, at: i) else { return nil }
        return Array(close.utf8)
    }

    func lineCommentStarts() -> Bool {
        for prefix in language.lineComments where starts(with: prefix, at: i) {
            if language.commentNeedsWordStart && i > 0 && !(bytes[i - 1] == 32 || bytes[i - 1] == 9 || bytes[i - 1] == 10) {
                continue
            }
            return true
        }
        return false
    }

    func starts(with prefix: String, at index: Int) -> Bool {
        let p = prefix.utf8
        guard let first = p.first, bytes[index] == first else { return false }
        guard index + p.count <= bytes.count else {
            // "-- " at the very end of a line is still a comment.
            return prefix == "-- " && index + 2 == bytes.count && bytes[index] == 45 && bytes[index + 1] == 45
        }
        if prefix == "-- " && bytes[index] == 45 && bytes[index + 1] == 45 && (bytes[index + 2] == 10 || bytes[index + 2] == 9) {
            return true
        }
        return bytes[index..<index + p.count].elementsEqual(p)
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? {
        var j = start
        while j + needle.count <= bytes.count {
            if bytes[j..<j + needle.count].elementsEqual(needle) { return j + needle.count }
            j += 1
        }
        return nil
    }

    func followedByColon(_ end: Int) -> Bool {
        var j = end
        while j < bytes.count && bytes[j] == 32 { j += 1 }
        return j < bytes.count && bytes[j] == UInt8(ascii: ":")
    }

    func atLineStart() -> Bool {
        var j = i - 1
        while j >= 0 && (bytes[j] == 32 || bytes[j] == UInt8(ascii: "-")) { j -= 1 }
        return j < 0 || bytes[j] == 10
    }

    func afterBrace() -> Bool {
        var j = i - 1
        while j >= 0 && (bytes[j] == 32 || bytes[j] == 9) { j -= 1 }
        return j >= 0 && (bytes[j] == UInt8(ascii: "{") || bytes[j] == UInt8(ascii: ";"))
    }

    func previousIsWord() -> Bool { i > 0 && isWord(bytes[i - 1]) }
    func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    func isWordStart(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 }
    func isWord(_ b: UInt8) -> Bool { isWordStart(b) || isDigit(b) }
    func isVariableStart(_ b: UInt8) -> Bool { isWordStart(b) || b == UInt8(ascii: "{") || (isDigit(b) && language.variableSigils.contains(UInt8(ascii: "$"))) }

    // MARK: - Output

    mutating func span(_ cls: String, _ start: Int, _ end: Int) {
        out.append(contentsOf: "<span class=\"hl-".utf8)
        out.append(contentsOf: cls.utf8)
        out.append(contentsOf: "\">".utf8)
        plain(start, end)
        out.append(contentsOf: "</span>".utf8)
    }

    mutating func plain(_ start: Int, _ end: Int) {
        for byte in bytes[start..<end] { appendEscaped(byte, to: &out) }
        i = end
    }
}
