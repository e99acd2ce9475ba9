import Support

/// What may be shown of a key: its first four characters when it is long enough that they give
/// little away (16 or more characters) and they are printable, and always its length.
public struct KeyPreview: Sendable, Equatable, CustomStringConvertible {
    /// The first four characters, or nil when they may not be shown.
    public let prefix: String?
    /// The key's length in characters.
    public let length: Int

    /// The preview of `key`.
    public init(_ key: some StringProtocol) {
        let scalars = key.unicodeScalars
        length = scalars.count
        let visible = scalars.prefix(4).allSatisfy { $0.isASCII && $0.value > 32 && $0.value < 127 }
        prefix = length >= 16 && visible ? String(String.UnicodeScalarView(scalars.prefix(4))) : nil
    }

    /// A preview of a key whose first characters (`prefix`, when they may be shown) and length
    /// were kept.
    public init(prefix: String?, length: Int) {
        self.prefix = prefix
        self.length = length
    }

    /// `key Xq7L… (32 characters)`, or `key of 12 characters`.
    public var description: String {
        prefix.map { "key \($0)… (\(counted(length, "character")))" } ?? "key of \(counted(length, "character"))"
    }
}
