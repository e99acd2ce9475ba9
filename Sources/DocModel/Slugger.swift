import Foundation

/// Makes heading anchors as Python-Markdown's toc extension does, so that links into a guide
/// published with mkdocs keep working: letters and digits with accents taken off, `_`, spaces and
/// hyphens kept, everything else dropped, lowercased, runs of spaces and hyphens made one `-`;
/// a repeat gets `_1`, `_2`…, and an id given with an attribute list is never made twice.
public struct Slugger: Sendable {
    private var used: Set<String>
    /// For an id found taken, the number after its stem to try next: every id from it up to that
    /// number is taken. A later heading that reaches the id jumps there instead of trying `_1`,
    /// `_2`… again, so a page of equal headings is one pass, not one pass per heading.
    private var skip: [String: String] = [:]
    /// Ids looked at so far, taken or free: the slugger's work, which a test holds to its input.
    public private(set) var tries = 0

    /// A slugger for which `reserved` (ids given explicitly on the page) are already taken.
    public init(reserved: Set<String> = []) { used = reserved }

    /// The anchor for `text`, unique among those this slugger has made.
    public mutating func slug(for text: String) -> String {
        let base = Self.base(text)
        tries += 1
        if !base.isEmpty && used.insert(base).inserted { return base }
        // Python-Markdown's `unique()`: a taken id that ends in `_` and digits is retried with the
        // number raised by one, any other with `_1` appended; so every retry is the same stem
        // with the next number, and numbers found taken before can be jumped.
        var (stem, number) = Self.stemAndFirstRetry(base)
        if let next = skip[base] { number = next }
        var passed = [base]
        while true {
            let candidate = stem + "_" + number
            tries += 1
            if let next = skip[candidate] {
                number = next
            } else if used.contains(candidate) {
                number = Self.plusOne(number)
            } else {
                used.insert(candidate)
                let after = Self.plusOne(number)
                for id in passed { skip[id] = after }
                skip[candidate] = after
                return candidate
            }
            passed.append(candidate)
        }
    }

    /// The stem of `id` and the first number to try after it, as Python-Markdown's
    /// `^(.*)_([0-9]+)$` and `int(n) + 1` find them (`a_01` retries as `a_2`), or `id` and 1.
    private static func stemAndFirstRetry(_ id: String) -> (stem: String, number: String) {
        let utf8 = Array(id.utf8)
        var start = utf8.count
        while start > 0, (48...57).contains(utf8[start - 1]) { start -= 1 }
        guard start < utf8.count, start > 0, utf8[start - 1] == 95 else { return (id, "1") }
        let digits = utf8[start...].drop { $0 == 48 }
        return (String(decoding: utf8[..<(start - 1)], as: UTF8.self), plusOne(digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self)))
    }

    /// A decimal number (no leading zeros) plus one, at any length, as Python's integers count.
    private static func plusOne(_ number: String) -> String {
        var digits = Array(number.utf8)
        var k = digits.count - 1
        while k >= 0 && digits[k] == 57 {
            digits[k] = 48
            k -= 1
        }
        if k >= 0 { digits[k] += 1 } else { digits.insert(49, at: 0) }
        return String(decoding: digits, as: UTF8.self)
    }

    /// The anchor of `text` before de-duplication (Python-Markdown's `slugify` with `-`).
    public static func base(_ text: String) -> String {
        // NFKD, then only ASCII: accents come off, other scripts drop out.
        let ascii = text.utf8.allSatisfy { $0 < 128 } ? Array(text.utf8)
            : text.decomposedStringWithCompatibilityMapping.unicodeScalars.filter(\.isASCII).map { UInt8($0.value) }
        var kept: [UInt8] = []
        for byte in ascii {
            let word = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 95
            let space = byte == 32 || (byte >= 9 && byte <= 13)
            if word || space || byte == 45 { kept.append(byte >= 65 && byte <= 90 ? byte + 32 : byte) }
        }
        // strip(), then runs of '-' and white space become one '-'.
        var start = 0, end = kept.count
        while start < end, kept[start] == 32 || (kept[start] >= 9 && kept[start] <= 13) { start += 1 }
        while end > start, kept[end - 1] == 32 || (kept[end - 1] >= 9 && kept[end - 1] <= 13) { end -= 1 }
        var out: [UInt8] = []
        var inRun = false
        for byte in kept[start..<end] {
            if byte == 45 || byte == 32 || (byte >= 9 && byte <= 13) {
                if !inRun { out.append(45) }
                inRun = true
            } else {
                out.append(byte)
                inRun = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
