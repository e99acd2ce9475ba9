/// Text bound for a terminal or a CI log, the only thing the command line writes. What keydocs
/// writes itself (the literal parts: `error:`, the indentation of context lines, colours on a
/// terminal) is kept; everything interpolated came from input (a path, a message, a config
/// string, a command's output) and is shown, never sent: control characters as `\n`, `\x1b`,
/// `\u{2028}`. On top of that no line can become a CI command: a line whose text from input
/// starts with `::` (after blanks, as GitHub's runner trims them) and every `##[` anywhere (its
/// older form, found anywhere in a line) have a character shown as an escape.
///
///     Console.err("\(path): error: \(reason)")   // path and reason are escaped
///
/// Text that is neither (a JSON document, lines of help) comes in through `init(json:)` or
/// `init(lines:)`, which escape it as what it is.
public struct ConsoleText: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// Pieces in order: keydocs' own text, or input already made visible.
    fileprivate enum Part: Sendable, Equatable {
        case own(String)
        case input(String)
    }

    fileprivate var parts: [Part] = []

    /// Nothing.
    public init() {}

    /// Keydocs' own text, written as it is.
    public init(stringLiteral value: String) {
        if !value.isEmpty { parts = [.own(value)] }
    }

    public init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

    /// Lines of text (help, a table): each escaped as input, the line breaks between them kept.
    public init(lines text: String) {
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if k > 0 { parts.append(.own("\n")) }
            parts.append(.input(Self.visible(line)))
        }
    }

    /// A JSON document: its line breaks and indentation kept (a string in it holds none), and
    /// the characters that JSON may carry raw but a terminal or a log would act on (DEL, C1
    /// controls, line separators, bidi controls, any C0 left) written as `\uXXXX`, as is the `[`
    /// of every `##[`. The document parses to the same values.
    public init(json: String) {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        var hashes = 0
        for scalar in json.unicodeScalars {
            if (scalar != "\n" && Self.isControl(scalar)) || (scalar == "[" && hashes >= 2) {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
            hashes = scalar == "#" ? hashes + 1 : 0
        }
        if !out.isEmpty { parts = [.own(out)] }
    }

    /// Builds text from a literal with interpolations.
    public struct Interpolation: StringInterpolationProtocol {
        fileprivate var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        /// Keydocs' own text.
        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { parts.append(.own(literal)) }
        }

        /// Text already made for the console (a rendered diagnostic), kept as it was made.
        public mutating func appendInterpolation(_ text: ConsoleText) {
            parts += text.parts
        }

        /// Anything else: input, shown visibly.
        public mutating func appendInterpolation<T>(_ value: T) {
            parts.append(.input(ConsoleText.visible(String(describing: value))))
        }
    }

    /// `a` then `b`.
    public static func + (a: ConsoleText, b: ConsoleText) -> ConsoleText {
        var joined = a
        joined.parts += b.parts
        return joined
    }

    /// `a` with `b` after it.
    public static func += (a: inout ConsoleText, b: ConsoleText) {
        a.parts += b.parts
    }

    /// Whether there is no text.
    public var isEmpty: Bool { parts.isEmpty }

    /// The text to write: the parts joined, then no line from input starting with `::` and no `##[`.
    public var description: String {
        var out: [UInt8] = []
        // Where a line's first character that is not blank came from input: checked for `::` at the end.
        var inputLineStarts: [Int] = []
        var atLineStart = true
        for part in parts {
            switch part {
            case .own(let text):
                // keydocs' colours (`ESC [ … m`) show nothing: a line that starts with one still
                // starts with what follows it.
                var escape = 0
                for scalar in text.unicodeScalars {
                    UTF8.encode(scalar) { out.append($0) }
                    if escape == 1 {
                        escape = scalar == "[" ? 2 : 0
                    } else if escape == 2 {
                        if (0x40...0x7E).contains(scalar.value) { escape = 0 }
                    } else if scalar == "\u{1B}" {
                        escape = 1
                    } else if scalar == "\n" || scalar == "\r" {
                        atLineStart = true
                    } else if !scalar.properties.isWhitespace {
                        atLineStart = false
                    }
                }
            case .input(let text):
                for scalar in text.unicodeScalars {
                    if atLineStart && !scalar.properties.isWhitespace {
                        inputLineStarts.append(out.count)
                        atLineStart = false
                    }
                    UTF8.encode(scalar) { out.append($0) }
                }
            }
        }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(out.count)
        var next = inputLineStarts.makeIterator(), start = next.next()
        for (k, byte) in out.enumerated() {
            if k == start {
                start = next.next()
                if byte == 58, k + 1 < out.count, out[k + 1] == 58 {
                    escaped += Array("\\x3a".utf8)
                    continue
                }
            }
            if byte == 91, k >= 2, out[k - 1] == 35, out[k - 2] == 35 {
                escaped += Array("\\x5b".utf8)
                continue
            }
            escaped.append(byte)
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    // MARK: - Escaping

    /// `text` with every control character shown as an escape: `\n`, `\r`, `\t`, `\x1b` for the
    /// rest of C0, DEL and C1, and `\u{2028}` for the line and paragraph separators and the bidi
    /// controls, which reorder what a terminal or a log viewer shows.
    public static func visible(_ text: some StringProtocol) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
            case _ where isControl(scalar):
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0, DEL, C1, U+2028 and U+2029, and the bidi controls (U+061C, U+200E, U+200F,
    /// U+202A–U+202E, U+2066–U+2069).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        if v < 0x600 { return false }
        return v == 0x2028 || v == 0x2029 || scalar.properties.isBidiControl
    }
}
