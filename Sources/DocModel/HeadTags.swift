/// The tags that a page's raw HTML may not hold, because they act on the whole page rather than
/// where they stand: `<meta>` (a refresh sends the reader elsewhere, `http-equiv` sets what only
/// the site may) and `<base>` (moves every link). A page's head is keydocs' own. The converter
/// shows them as text, as GitHub's tag filter does `<script>`, and reports each one.
enum HeadTags {
    /// The names, lowercase.
    static let names = ["meta", "base"]

    /// The name of the tag that `bytes` opens, when it is one of `names`: a `<`, the name in any
    /// case, then a space, `/`, `>` or the end of the bytes, as a browser ends a tag's name.
    static func opened(by bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.first == UInt8(ascii: "<") else { return nil }
        for name in names {
            let letters = Array(name.utf8)
            // ASCII letters in either case (`| 0x20` lowercases them), as HTML reads a tag's name.
            guard bytes.count > letters.count, letters.indices.allSatisfy({ bytes[$0 + 1] | 0x20 == letters[$0] }) else { continue }
            let end = letters.count + 1
            // A tag's name ends at white space, `/` or `>`; `<metadata>` is another element.
            if end == bytes.count || [0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x2F, 0x3E].contains(bytes[end]) { return name }
        }
        return nil
    }

    /// Each place in `html` where a tag of `names` starts: its byte offset and its name.
    static func find(in html: String) -> [(offset: Int, name: String)] {
        var html = html
        return html.withUTF8 { bytes in
            var found: [(offset: Int, name: String)] = []
            for offset in bytes.indices where bytes[offset] == UInt8(ascii: "<") {
                if let name = opened(by: UnsafeBufferPointer(rebasing: bytes[offset...])) { found.append((offset, name)) }
            }
            return found
        }
    }

    /// The finding for a tag called `name` at `location`.
    static func finding(_ name: String, at location: SourceLocation) -> Diagnostic {
        let effect = name == "base" ? "would move every link" : "could send the reader elsewhere"
        return Diagnostic(at: location, rule: .htmlHeadTag,
                          "<\(name)> in a page's HTML is shown as text: a page's head is keydocs' own, and this tag \(effect)")
    }

    /// GitHub's tag filter but `<iframe>`, which a page keeps sandboxed (`RemoteContent`): the
    /// tags that would take over the rest of the page or run script, shown as text.
    static let filteredNames = ["title", "textarea", "style", "xmp", "noembed", "noframes", "script", "plaintext"]

    /// Whether `bytes` (from a `<`) opens or closes a tag of `filteredNames`, as GitHub's filter reads it.
    static func filtered(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "<") else { return false }
        let start = bytes[1] == UInt8(ascii: "/") ? 2 : 1
        for name in filteredNames {
            let letters = Array(name.utf8)
            guard bytes.count > start + letters.count,
                  letters.indices.allSatisfy({ bytes[start + $0] | 0x20 == letters[$0] }) else { continue }
            let end = start + letters.count
            if [0x09, 0x0A, 0x0C, 0x0D, 0x20, 0x2F, 0x3E].contains(bytes[end]) { return true }
        }
        return false
    }
}
