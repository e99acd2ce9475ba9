import Foundation

/// JSON as CiviCRM and cv read it: with PHP's json_decode, which is stricter than Foundation's.
enum PHPJSON {
    /// `text` decoded as PHP's json_decode decodes it: no trailing commas, comments or single
    /// quotes (Foundation's decoder accepts trailing commas); nil when PHP would fail.
    static func decode(_ text: String) -> Any? {
        var inString = false, escaped = false, lastSignificant: Character = " "
        for c in text {
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            if c == "\"" { inString = true; lastSignificant = c; continue }
            if (c == "}" || c == "]") && lastSignificant == "," { return nil }
            if c == "/" || c == "#" || c == "'" { return nil }
            if !c.isWhitespace { lastSignificant = c }
        }
        return try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }
}
