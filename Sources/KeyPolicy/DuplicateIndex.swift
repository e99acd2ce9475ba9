/// Finds keys that the system would take for the same key: equal, or equal but for case when
/// lookups ignore case.
public struct DuplicateIndex: Sendable {
    private let caseInsensitive: Bool
    private var seen: [String: String] = [:]

    /// An empty index for `policy`.
    public init(policy: Policy = .civicrm) { caseInsensitive = policy.caseInsensitive }

    /// Records `key`, seen at `label`; returns the label of an earlier equal key, if there was one.
    public mutating func insert(_ key: some StringProtocol, label: String) -> String? {
        let normal = caseInsensitive ? String(decoding: key.utf8.map(Policy.folded), as: UTF8.self) : String(key)
        if let earlier = seen[normal] { return earlier }
        seen[normal] = label
        return nil
    }

    /// The finding for a key equal to the one at `earlier`.
    public static func finding(earlier: String, caseInsensitive: Bool) -> Finding {
        Finding(.duplicate, "the same key as \(earlier)" + (caseInsensitive ? " (compared without regard to case)" : ""))
    }
}
