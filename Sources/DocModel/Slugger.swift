import Foundation

/// Makes heading anchors as Python-Markdown's toc extension does, so that links into a guide
/// published with mkdocs keep working: letters and digits with accents taken off, `_`, spaces and
/// hyphens kept, everything else dropped, lowercased, runs of spaces and hyphens made one `-`;
/// a repeat gets `_1`, `_2`…, and an id given with an attribute list is never made twice.
public struct Slugger: Sendable {
    private var used: Set<String>

    /// A slugger for which `reserved` (ids given explicitly on the page) are already taken.
    public init(reserved: Set<String> = []) { used = reserved }

    /// The anchor for `text`, unique among those this slugger has made.
    public mutating func slug(for text: String) -> String {
        var candidate = Self.base(text)
        while candidate.isEmpty || used.contains(candidate) {
            if let underscore = candidate.lastIndex(of: "_"), let n = Int(candidate[candidate.index(after: underscore)...]),
               candidate[candidate.index(after: underscore)...].allSatisfy(\.isASCII) {
                candidate = candidate[..<underscore] + "_\(n + 1)"
            } else {
                candidate += "_1"
            }
        }
        used.insert(candidate)
        return candidate
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
