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
