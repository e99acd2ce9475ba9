import CSystem
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on UTF-8 bytes, for the hot paths where Foundation's `range(of:)` would
/// convert to UTF-16 first.
public enum ByteSearch {
    /// The offset of the first `needle` in `haystack` at or after `start`.
    public static func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard !needle.isEmpty, let base = haystack.baseAddress, start <= haystack.count else { return nil }
        guard let hit = needle.withUnsafeBytes({ keydocs_find_bytes(base + start, haystack.count - start, $0.baseAddress, needle.count) }) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `text` contains `needle`.
    public static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        let bytes = Array(needle.utf8)
        return text.withUTF8 { find(bytes, in: $0) != nil }
    }
}

/// Text gathered piece by piece, with each run of ASCII white space (space, tab, line breaks),
/// and each join between pieces, made one space, and none at either end: a section's words as
/// search reads them. Pieces are copied as they come and collapsed once, in `take()`.
struct CollapsedText {
    private var bytes: [UInt8] = []

    /// Adds a piece, apart from the one before it.
    mutating func append(_ piece: UnsafeBufferPointer<UInt8>) {
        if !bytes.isEmpty { bytes.append(32) }
        bytes.append(contentsOf: piece)
    }

    /// Adds a string piece.
    mutating func append(_ piece: String) {
        var piece = piece
        piece.withUTF8 { append($0) }
    }

    /// Adds a C string piece.
    mutating func append(_ piece: UnsafePointer<CChar>) {
        append(UnsafeBufferPointer(start: UnsafeRawPointer(piece).assumingMemoryBound(to: UInt8.self), count: strlen(piece)))
    }

    /// The text so far, collapsed; the text is then cleared.
    mutating func take() -> String {
        defer { bytes.removeAll(keepingCapacity: true) }
        let kept = bytes.withUnsafeMutableBufferPointer { buffer in
            var kept = 0
            var pendingSpace = false
            for byte in buffer {
                if byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12 {
                    pendingSpace = kept > 0
                } else {
                    if pendingSpace {
                        buffer[kept] = 32
                        kept += 1
                        pendingSpace = false
                    }
                    buffer[kept] = byte
                    kept += 1
                }
            }
            return kept
        }
        return String(decoding: bytes[..<kept], as: UTF8.self)
    }
}
