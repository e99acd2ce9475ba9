/// Finds keys that the system would take for the same key: equal, or equal but for case when
/// lookups ignore case. Keys of up to 32 bytes are held packed in four words, without a string.
public struct DuplicateIndex: Sendable {
    private let caseInsensitive: Bool
    private var packed: [PackedKey: Int] = [:]
    private var long: [String: Int] = [:]

    /// An empty index for `policy`.
    public init(policy: Policy = .civicrm) { caseInsensitive = policy.caseInsensitive }

    /// Records `key` under `token` (the caller's number for where it was seen); returns the
    /// token of an earlier equal key, if there was one.
    public mutating func insert(_ key: some StringProtocol, token: Int) -> Int? {
        var text = String(key)
        return text.withUTF8 { insert(utf8: $0, token: token) }
    }

    /// `insert(_:token:)` for a key given as UTF-8 bytes.
    public mutating func insert(utf8 bytes: UnsafeBufferPointer<UInt8>, token: Int) -> Int? {
        if let packedKey = PackedKey(bytes, fold: caseInsensitive) {
            if let earlier = packed.updateValue(token, forKey: packedKey) {
                packed[packedKey] = earlier
                return earlier
            }
            return nil
        }
        let normal = String(decoding: caseInsensitive ? bytes.map(Policy.folded) : Array(bytes), as: UTF8.self)
        if let earlier = long[normal] { return earlier }
        long[normal] = token
        return nil
    }

    /// Which of `count` parts a key goes in when keys are split over several indexes: keys
    /// that an index takes for the same key always go in the same part.
    public static func part(of bytes: UnsafeBufferPointer<UInt8>, among count: Int) -> Int {
        guard count > 1, let first = bytes.first, let last = bytes.last else { return 0 }
        return Int(Policy.folded(first) ^ Policy.folded(last) ^ UInt8(truncatingIfNeeded: bytes.count)) % count
    }

    /// Makes room for `count` more keys.
    public mutating func reserveCapacity(_ count: Int) {
        packed.reserveCapacity(packed.count + count)
    }

    /// The finding for a key equal to the one seen at `earlier`.
    public static func finding(earlier: String, caseInsensitive: Bool) -> Finding {
        Finding(.duplicate, "the same key as \(earlier)" + (caseInsensitive ? " (compared without regard to case)" : ""))
    }
}

/// Up to 32 bytes of a key and its length, as a hashable value with no heap storage.
struct PackedKey: Hashable, Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var count: UInt8

    init?(_ bytes: UnsafeBufferPointer<UInt8>, fold: Bool) {
        guard bytes.count <= 32 else { return nil }
        count = UInt8(bytes.count)
        withUnsafeMutableBytes(of: &words) { raw in
            for i in 0..<bytes.count { raw[i] = fold ? Policy.folded(bytes[i]) : bytes[i] }
        }
    }

    static func == (a: PackedKey, b: PackedKey) -> Bool {
        a.count == b.count && a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
