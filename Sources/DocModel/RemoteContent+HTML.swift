import Foundation

extension RemoteContent {
    /// What `frames(in:allowed:)` made of a piece of a page's raw HTML.
    struct Rewrite {
        /// The HTML to render.
        var html: String
        /// Each remote image or frame: its kind, origin and byte offset in the original HTML.
        var uses: [(kind: Use.Kind, origin: String, offset: Int)] = []
        /// Byte offsets of frames left without a source, because theirs was not an http(s) address.
        var sourceless: [Int] = []
    }

    /// The images and frames of a piece of raw HTML. Each `<iframe>` is written again with only
    /// the attributes of `frameAttributes`, an http(s) `src` and the `sandbox` of `sandbox`; with
    /// `allowed` false it is shown as text, as GitHub's tag filter shows it.
    static func frames(in html: String, allowed: Bool) -> Rewrite {
        let bytes = Array(html.utf8)
        var rewrite = Rewrite(html: "")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var at = 0
        while at < bytes.count {
            guard bytes[at] == UInt8(ascii: "<"), let tag = HTMLTag.read(bytes, at: at),
                  tag.name == "img" || tag.name == "iframe" || tag.name == "/iframe" else {
                out.append(bytes[at])
                at += 1
                continue
            }
            let original = bytes[at..<tag.end]
            switch tag.name {
            case "img":
                if let src = tag.value("src"), let origin = origin(of: src) { rewrite.uses.append((.image, origin, at)) }
                out += original
            case "/iframe":
                if !allowed { out += Array("&lt;".utf8) + original.dropFirst() } else { out += original }
            default:
                guard allowed else {
                    out += Array("&lt;".utf8) + original.dropFirst()
                    break
                }
                var written = "<iframe"
                for (name, value) in tag.attributes where frameAttributes.contains(name) {
                    if name == "src" {
                        guard let value, let origin = origin(of: value) else { rewrite.sourceless.append(at); continue }
                        rewrite.uses.append((.frame, origin, at))
                    }
                    written += " " + name + (value.map { "=\"" + escape($0) + "\"" } ?? "")
                }
                if tag.value("src") == nil { rewrite.sourceless.append(at) }
                written += " sandbox=\"\(sandbox)\">"
                out += Array(written.utf8)
            }
            at = tag.end
        }
        rewrite.html = String(decoding: out, as: UTF8.self)
        return rewrite
    }
}

/// One start or end tag of raw HTML, read as a browser's tokenizer reads it: the name in
/// lowercase, then attributes with double-quoted, single-quoted or bare values.
struct HTMLTag {
    /// `img`, or `/iframe` for an end tag.
    var name: String
    /// In order, names lowercased; a value is nil for an attribute without one.
    var attributes: [(name: String, value: String?)]
    /// The byte offset just past the `>`.
    var end: Int

    /// The first value of the attribute called `name`.
    func value(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value ?? nil
    }

    /// The tag that starts at `start` (a `<`), or nil when no tag does or it does not end.
    static func read(_ bytes: [UInt8], at start: Int) -> HTMLTag? {
        var i = start + 1
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        var name = ""
        if i < bytes.count, bytes[i] == UInt8(ascii: "/") { name = "/"; i += 1 }
        guard i < bytes.count, isLetter(bytes[i]) else { return nil }
        let nameStart = i
        while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">") { i += 1 }
        name += String(decoding: bytes[nameStart..<i], as: UTF8.self).lowercased()
        var attributes: [(name: String, value: String?)] = []
        while i < bytes.count {
            while i < bytes.count, isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/") { i += 1 }
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ">") { return HTMLTag(name: name, attributes: attributes, end: i + 1) }
            let attributeStart = i
            i += 1
            while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">"),
                  bytes[i] != UInt8(ascii: "=") { i += 1 }
            let attribute = String(decoding: bytes[attributeStart..<i], as: UTF8.self).lowercased()
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else {
                attributes.append((attribute, nil))
                continue
            }
            i += 1
            while i < bytes.count, isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { return nil }
            let value: String
            if bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") {
                let quote = bytes[i]
                guard let close = bytes[(i + 1)...].firstIndex(of: quote) else { return nil }
                value = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                i = close + 1
            } else {
                let valueStart = i
                while i < bytes.count, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">") { i += 1 }
                value = String(decoding: bytes[valueStart..<i], as: UTF8.self)
            }
            attributes.append((attribute, unescapeEntities(value)))
        }
        return nil
    }

    /// The few character references an address or size in an attribute holds.
    static func unescapeEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
