/// Escapes `&`, `<`, `>` and `"`, as cmark-gfm does: enough for text and for double-quoted attributes.
public func escape(_ s: some StringProtocol) -> String {
    let bytes = s.utf8
    // Most text has nothing to escape: return it as it is.
    guard bytes.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 }) else { return String(s) }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    for byte in bytes { appendEscaped(byte, to: &out) }
    return String(decoding: out, as: UTF8.self)
}

/// Appends `byte` to `out`, as an entity when it is `&`, `<`, `>` or `"`.
@inline(__always)
public func appendEscaped(_ byte: UInt8, to out: inout [UInt8]) {
    switch byte {
    case 38: out.append(contentsOf: [38, 97, 109, 112, 59])              // &amp;
    case 60: out.append(contentsOf: [38, 108, 116, 59])                  // &lt;
    case 62: out.append(contentsOf: [38, 103, 116, 59])                  // &gt;
    case 34: out.append(contentsOf: [38, 113, 117, 111, 116, 59])        // &quot;
    default: out.append(byte)
    }
}

/// `text` escaped as `escape` does, but for an `&` that starts a character reference (`&quot;`,
/// `&#62;`, `&#x3E;`), which stays one: as Python-Markdown writes an attribute's value.
func escapeKeepingReferences(_ text: String) -> String {
    /// Whether `name`, between `&` and `;`, makes a character reference: letters and digits,
    /// `#` and digits, or `#x` and hexadecimal digits.
    func namesReference(_ name: Substring) -> Bool {
        if name.hasPrefix("#x") || name.hasPrefix("#X") { return name.count > 2 && name.dropFirst(2).allSatisfy(\.isHexDigit) }
        if name.hasPrefix("#") { return name.count > 1 && name.dropFirst().allSatisfy(\.isNumber) }
        return !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber }
    }
    var out = ""
    var rest = Substring(text)
    while let amp = rest.firstIndex(of: "&") {
        out += escape(rest[..<amp])
        let after = rest[rest.index(after: amp)...]
        let name = after.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") }
        out += after.dropFirst(name.count).first == ";" && namesReference(name) ? "&" : "&amp;"
        rest = after
    }
    return out + escape(rest)
}
