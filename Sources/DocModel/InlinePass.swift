import Foundation
import Support

/// The pass after cmark-gfm over a page's HTML: each attribute list given to the element its
/// marker follows, and definitions written on the line after their term without `<p>`, as
/// Python-Markdown writes them. (Inline syntax is read in the tree's text: `InlineSyntax`.)
///
/// Each step is one pass over the page's bytes, every search starting where the one before it
/// ended: Foundation's `range(of:)` copies what is left of the text at each call, so finding each
/// occurrence with it made a page of many occurrences cost the square of its length.
enum InlinePass {
    static func run(_ html: String, options: MarkdownOptions, attributes: (marker: Marker, lists: [String])? = nil) -> String {
        var html = html
        if options.has(.defList) { html = unwrapTightDefinitions(html) }
        if let attributes, !attributes.lists.isEmpty { html = applyAttributes(html, marker: attributes.marker, lists: attributes.lists) }
        return html
    }

    /// The byte strings the passes look for.
    private enum Needle {
        static let commentEnd = Array("-->".utf8)
        static let link = Array("<a ".utf8), image = Array("<img ".utf8), paragraph = Array("<p>".utf8)
        static let paragraphEnd = Array("</p>".utf8), definitionEnd = Array("</dd>".utf8)
    }

    /// Gives each attribute marker's list to the element it follows: the link or image just
    /// before it, or the paragraph it ends. The last `<a `, `<img ` and `<p>` written are kept
    /// track of as the text is copied, and each takes one list: nothing is searched for backwards.
    static func applyAttributes(_ html: String, marker: Marker, lists: [String]) -> String {
        var html = html
        let prefix = Array(marker.attributesPrefix.utf8)
        return html.withUTF8 { bytes in
            var done: [UInt8] = []
            done.reserveCapacity(bytes.count)
            var lastLink: Int?, lastImage: Int?, lastParagraph: Int?
            /// Copies `range` and notes the openings it completes.
            func copy(_ range: Range<Int>) {
                let from = max(done.count - 4, 0)
                done.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range]))
                done.withUnsafeBufferPointer { written in
                    func last(_ needle: [UInt8], _ current: Int?) -> Int? {
                        var found = current, at = from
                        while let hit = ByteSearch.find(needle, in: written, from: at) { found = hit; at = hit + 1 }
                        return found
                    }
                    lastLink = last(Needle.link, lastLink)
                    lastImage = last(Needle.image, lastImage)
                    lastParagraph = last(Needle.paragraph, lastParagraph)
                }
            }
            /// Puts `inserted` in at `position`; the openings after it move along.
            func insert(_ inserted: String, at position: Int, replacing count: Int = 0) {
                let bytes = Array(inserted.utf8)
                done.replaceSubrange(position..<(position + count), with: bytes)
                let moved = bytes.count - count
                if let p = lastLink, p > position { lastLink = p + moved }
                if let p = lastImage, p > position { lastImage = p + moved }
                if let p = lastParagraph, p > position { lastParagraph = p + moved }
            }
            func endsWith(_ suffix: String) -> Bool { done.count >= suffix.utf8.count && done.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }
            var at = 0
            while let start = ByteSearch.find(prefix, in: bytes, from: at),
                  let end = ByteSearch.find(Needle.commentEnd, in: bytes, from: start + prefix.count) {
                copy(at..<start)
                let index = Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + prefix.count)..<end]), as: UTF8.self))
                let attributes = index.flatMap { lists.indices.contains($0) ? lists[$0] : nil } ?? ""
                at = end + Needle.commentEnd.count
                guard !attributes.isEmpty else { continue }
                if endsWith("</a>"), let open = lastLink {
                    insert(String(attributes.dropFirst()) + " ", at: open + Needle.link.count)
                    lastLink = nil
                } else if endsWith("/>"), let open = lastImage {
                    insert(String(attributes.dropFirst()) + " ", at: open + Needle.image.count)
                    lastImage = nil
                } else if UnsafeBufferPointer(rebasing: bytes[at...]).starts(with: Needle.paragraphEnd), let open = lastParagraph {
                    while done.count > open + Needle.paragraph.count, done.last == 10 || done.last == 32 { done.removeLast() }
                    insert("<p" + attributes + ">", at: open, replacing: Needle.paragraph.count)
                    lastParagraph = nil
                }
            }
            copy(at..<bytes.count)
            return String(decoding: done, as: UTF8.self)
        }
    }

    /// A definition that followed its term directly holds its text without a paragraph.
    static func unwrapTightDefinitions(_ html: String) -> String {
        let open = Array("<dd class=\"keydocs-tight\">".utf8)
        var html = html
        guard ByteSearch.contains(html, "<dd class=\"keydocs-tight\">") else { return html }
        return html.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            func copy(_ range: Range<Int>) { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) }
            // The next `</p>` and `<p>` at or after a place: found once, and again only when passed.
            var nextClose: Int?? = nil, nextOpen: Int?? = nil
            func next(_ needle: [UInt8], from at: Int, cached: inout Int??) -> Int? {
                if case let .some(found) = cached, found.map({ $0 >= at }) ?? true { return found }
                let found = ByteSearch.find(needle, in: bytes, from: at)
                cached = .some(found)
                return found
            }
            var at = 0
            while let start = ByteSearch.find(open, in: bytes, from: at) {
                copy(at..<start)
                var after = start + open.count
                while after < bytes.count, bytes[after] == 10 { after += 1 }
                if UnsafeBufferPointer(rebasing: bytes[after...]).starts(with: Needle.paragraph),
                   let close = next(Needle.paragraphEnd, from: after, cached: &nextClose) {
                    var tail = close + Needle.paragraphEnd.count
                    while tail < bytes.count, bytes[tail] == 10 { tail += 1 }
                    let innerStart = after + Needle.paragraph.count
                    let nested = next(Needle.paragraph, from: innerStart, cached: &nextOpen).map { $0 + Needle.paragraph.count <= close } ?? false
                    if UnsafeBufferPointer(rebasing: bytes[tail...]).starts(with: Needle.definitionEnd) && !nested {
                        out.append(contentsOf: "<dd>".utf8)
                        copy(innerStart..<close)
                        out.append(contentsOf: "</dd>".utf8)
                        at = tail + Needle.definitionEnd.count
                        continue
                    }
                }
                out.append(contentsOf: "<dd>\n".utf8)
                at = after
            }
            copy(at..<bytes.count)
            return String(decoding: out, as: UTF8.self)
        }
    }
}
