import Support

/// Values put into pages at build time: `{{ policy.maxLength }}` in a page becomes the number
/// from the key policy, so that prose cannot drift from the code.
public struct Variables: Sendable {
    /// Values by name, such as `policy.maxLength`.
    public var values: [String: String]
    /// Name prefixes owned by keydocs: an unknown name with one of them is an error, not text.
    public var namespaces: [String]

    /// Variables with `values`; names under `namespaces` must be known.
    public init(values: [String: String] = [:], namespaces: [String] = []) {
        self.values = values
        self.namespaces = namespaces
    }

    /// `text` with every `{{ name }}` of a known name replaced, in one pass: each search starts
    /// where the last one ended, so a page of many variables costs what its length does.
    public func apply(to text: String, file: String) throws(DocError) -> String {
        guard !values.isEmpty || !namespaces.isEmpty, ByteSearch.contains(text, "{{") else { return text }
        var text = text
        let result: Result<String, DocError> = text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            func copy(_ range: Range<Int>) { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) }
            var at = 0
            while let open = ByteSearch.find(Self.open, in: bytes, from: at) {
                copy(at..<open)
                guard let close = ByteSearch.find(Self.close, in: bytes, from: open + 2) else {
                    at = open
                    break
                }
                // ASCII blanks come off as bytes; anything else as Unicode says.
                var first = open + 2, last = close
                while first < last, Self.blank(bytes[first]) { first += 1 }
                while last > first, Self.blank(bytes[last - 1]) { last -= 1 }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self).trimmingWhitespace()
                if let value = values[name] {
                    // What variables add is bounded by the page itself: a short page cannot ask
                    // for a rules table a hundred thousand times.
                    guard out.count + value.utf8.count <= Self.budget(bytes.count) else {
                        let line = UnsafeBufferPointer(rebasing: bytes[..<open]).reduce(1) { $1 == 10 ? $0 + 1 : $0 }
                        return .failure(DocError(stage: .load, path: file, line: line,
                                                 "the page's {{ … }} values would make it larger than \(Self.budget(bytes.count) >> 20) MiB; "
                                                 + "a page uses each value a few times"))
                    }
                    out.append(contentsOf: value.utf8)
                } else if namespaces.contains(where: { name.hasPrefix($0 + ".") }) {
                    let line = UnsafeBufferPointer(rebasing: bytes[..<open]).reduce(1) { $1 == 10 ? $0 + 1 : $0 }
                    let known = values.keys.filter { key in namespaces.contains { key.hasPrefix($0 + ".") } }.sorted()
                    return .failure(DocError(stage: .load, path: file, line: line,
                                             "unknown variable '\(name)'; known: \(known.joined(separator: ", "))"))
                } else {
                    copy(open..<(close + 2))
                }
                at = close + 2
            }
            copy(at..<bytes.count)
            return .success(String(decoding: out, as: UTF8.self))
        }
        return try result.get()
    }

    private static let open = Array("{{".utf8), close = Array("}}".utf8)

    /// The most bytes a page of `length` bytes may become once its variables are put in: 4 MiB
    /// more than four times its own length.
    static func budget(_ length: Int) -> Int { 4 * length + (4 << 20) }

    private static func blank(_ byte: UInt8) -> Bool { byte == 32 || (9...13).contains(byte) }
}
