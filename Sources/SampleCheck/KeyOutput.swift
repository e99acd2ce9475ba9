import Foundation

/// A key shown in an output block: a bare key on its own, or the one value of a mysql
/// client result table.
public struct KeyOutput: Sendable, Equatable {
    /// The key as shown (for a wrapped key, its lines joined with the line break kept).
    public var key: String
    /// The 0-based line of the block where the key is.
    public var line: Int
    /// The column heading, for a table.
    public var column: String?

    /// The key in `text`, or nil when the block is not a key output.
    public static func parse(_ text: String) -> KeyOutput? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let nonEmpty = lines.enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
        guard let first = nonEmpty.first else { return nil }
        if first.element.hasPrefix("+-") { return table(lines) }
        // A bare key: one token of key-like characters, possibly wrapped over several lines.
        let tokens = nonEmpty.map { $0.element.trimmingCharacters(in: .whitespaces) }
        guard tokens.allSatisfy({ $0.count >= 8 && !$0.contains(" ") && $0.unicodeScalars.allSatisfy(Self.keyLike) }),
              tokens.joined().count >= 16,
              tokens.joined().contains(where: { $0.isNumber }) || tokens.joined().count >= 20 else { return nil }
        if tokens.count > 1 && !tokens.dropLast().allSatisfy({ $0.count == tokens[0].count }) { return nil }
        // `name=value` lines are settings, not a key: `=` belongs only at the end, as base64 padding.
        if tokens.contains(where: { $0.drop { $0 != "=" }.contains { $0 != "=" } }) { return nil }
        // A wrapped key wraps at a tool's width (base64's 76, xxd's 60), not after a few characters.
        if tokens.count > 1 && tokens[0].count < 40 { return nil }
        return KeyOutput(key: tokens.joined(separator: "\n"), line: first.offset, column: nil)
    }

    static func keyLike(_ s: Unicode.Scalar) -> Bool {
        (s >= "A" && s <= "Z") || (s >= "a" && s <= "z") || (s >= "0" && s <= "9") || s == "+" || s == "/" || s == "=" || s == "-" || s == "_"
    }

    /// `+----+` / `| col |` / `+----+` / `| value |` / `+----+`, with an optional "1 row in set" line.
    static func table(_ lines: [String]) -> KeyOutput? {
        var header: [String]?
        var values: [(cells: [String], line: Int)] = []
        for (index, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("+-") { continue }
            if line.hasSuffix("in set") || line.hasSuffix(" sec)") || line.hasPrefix("Query OK") { continue }
            guard line.hasPrefix("|") && line.hasSuffix("|") else { return nil }
            let cells = line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if header == nil { header = cells } else { values.append((cells, index)) }
        }
        guard let header, let row = values.first, values.count == 1 else { return nil }
        let column = header.firstIndex { $0.lowercased().contains("key") } ?? (header.count == 1 ? 0 : nil)
        guard let column, column < row.cells.count else { return nil }
        let value = row.cells[column]
        guard value.count >= 8, value.unicodeScalars.allSatisfy(keyLike) else { return nil }
        return KeyOutput(key: value, line: row.line, column: header[column])
    }
}


