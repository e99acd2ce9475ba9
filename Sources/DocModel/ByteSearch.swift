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
        guard let first = needle.first, let base = haystack.baseAddress, start <= haystack.count else { return nil }
        var i = start
        while i + needle.count <= haystack.count {
            guard let hit = memchr(base + i, Int32(first), haystack.count - i - needle.count + 1) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if needle.count == 1 || memcmp(base + at, needle, needle.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    /// Whether `text` contains `needle`.
    public static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text
        let bytes = Array(needle.utf8)
        return text.withUTF8 { find(bytes, in: $0) != nil }
    }
}

extension String {
    /// The string with runs of ASCII white space (space, tab, line breaks) made single spaces,
    /// and none at either end.
    public var collapsingWhitespace: String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        for byte in utf8 {
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 12 {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(32); pendingSpace = false }
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
