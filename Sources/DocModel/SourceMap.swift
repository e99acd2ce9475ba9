/// Where each line of a page's text, as cmark-gfm parses it, came from in the file: passes that
/// rewrite the text before parsing (container blocks that lose their indentation, inserted
/// lines, variables whose values span lines) keep every reported `file:line:column` right.
public struct SourceMap: Sendable, Equatable {
    /// For line `k + 1` of the parsed text: the file's line and how many columns were removed
    /// from the start of the line before it was parsed.
    public private(set) var lines: [(line: Int, shift: Int)]

    /// A map with no lines yet.
    public init() { lines = [] }

    /// The identity map of a text with `count` lines.
    public init(identity count: Int) { lines = (0..<count).map { ($0 + 1, 0) } }

    /// Records that the next parsed line is line `line` of the file, shifted left by `shift`.
    public mutating func append(line: Int, shift: Int) { lines.append((line, shift)) }

    /// Forgets the last line recorded.
    public mutating func removeLast() { lines.removeLast() }

    /// The file's line of parsed line `line` (1-based); past the end, the last line's.
    public func line(_ line: Int) -> Int {
        guard !lines.isEmpty else { return line }
        return lines[min(max(line, 1), lines.count) - 1].line
    }

    /// The file's place of parsed `line` and `column` (both 1-based).
    public func location(file: String, line: Int, column: Int) -> SourceLocation {
        guard !lines.isEmpty else { return SourceLocation(file: file, line: line, column: column) }
        let entry = lines[min(max(line, 1), lines.count) - 1]
        return SourceLocation(file: file, line: entry.line, column: column + entry.shift)
    }

    public static func == (a: SourceMap, b: SourceMap) -> Bool {
        a.lines.elementsEqual(b.lines) { $0.line == $1.line && $0.shift == $1.shift }
    }
}
