import Support

/// Checks keys against a policy. Every finding names its rule; no message repeats the key.
public struct KeyValidator: Sendable {
    /// The policy applied.
    public let policy: Policy
    /// The structure estimator behind `key.weak`.
    public let estimator: StructureEstimator
    /// Published keys, folded to lowercase when the policy ignores case, with where each was seen.
    private var published: [String: String]
    /// Length and first eight bytes of each published key, sorted, to rule out most keys
    /// without hashing or making a string.
    private var publishedPrefixes: [UInt64] = []

    /// A validator for `policy`, knowing the built-in list of well-known sample keys.
    public init(policy: Policy = .civicrm) {
        self.policy = policy
        self.estimator = StructureEstimator(symbolBits: policy.effectiveBitsPerCharacter)
        self.published = [:]
        for key in wellKnownSampleKeys { addPublished(key, source: "the list of well-known sample keys") }
    }

    /// Marks `key` as published, seen at `source` (a file and line, say).
    public mutating func addPublished(_ key: String, source: String) {
        let normal = normalized(key)
        if published[normal] == nil { published[normal] = source }
        var bytes = normal
        let prefix = bytes.withUTF8 { Self.prefix($0) }
        let at = publishedPrefixes.firstIndex { $0 >= prefix } ?? publishedPrefixes.endIndex
        publishedPrefixes.insert(prefix, at: at)
    }

    /// The length in the top byte, then up to seven leading bytes.
    static func prefix(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value = UInt64(min(bytes.count, 255)) << 56
        for i in 0..<min(7, bytes.count) { value |= UInt64(bytes[i]) << (8 * UInt64(6 - i)) }
        return value
    }

    private func mayBePublished(_ folded: UnsafeBufferPointer<UInt8>) -> Bool {
        let prefix = Self.prefix(folded)
        var low = 0, high = publishedPrefixes.count
        while low < high {
            let mid = (low + high) / 2
            if publishedPrefixes[mid] < prefix { low = mid + 1 } else { high = mid }
        }
        return low < publishedPrefixes.count && publishedPrefixes[low] == prefix
    }

    /// The key as the system compares it: lowercase when lookups ignore case.
    public func normalized(_ key: some StringProtocol) -> String {
        policy.caseInsensitive ? String(decoding: key.utf8.map(Policy.folded), as: UTF8.self) : String(key)
    }

    /// Every finding for one key on its own (all rules but `key.duplicate`).
    ///
    /// - Parameter checkPublished: false for keys that are samples in the docs themselves.
    public func findings(for key: some StringProtocol, checkPublished: Bool = true) -> [Finding] {
        var text = String(key)
        return text.withUTF8 { findings(utf8: $0, checkPublished: checkPublished) }
    }

    /// Every finding for one key given as UTF-8 bytes (invalid sequences count as U+FFFD).
    public func findings(utf8 bytes: UnsafeBufferPointer<UInt8>, checkPublished: Bool = true) -> [Finding] {
        if bytes.count >= policy.minLength && bytes.count <= policy.maxLength,
           bytes.allSatisfy({ policy.alphabetTable[Int($0)] }),
           let quick = quickFindings(bytes, checkPublished: checkPublished) {
            return quick
        }
        return fullFindings(for: String(decoding: bytes, as: UTF8.self), checkPublished: checkPublished)
    }

    /// The common case without allocation: a key of allowed characters and length. Returns nil
    /// when the key needs the full analysis (it may be weak or published).
    private func quickFindings(_ bytes: UnsafeBufferPointer<UInt8>, checkPublished: Bool) -> [Finding]? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { folded in
            for i in 0..<bytes.count { folded[i] = policy.caseInsensitive ? Policy.folded(bytes[i]) : bytes[i] }
            let view = UnsafeBufferPointer(folded)
            if checkPublished && mayBePublished(view) { return nil }
            if estimator.estimate(buffer: view, explain: false).bits < policy.weakThresholdBits { return nil }
            let bits = policy.effectiveBits(length: bytes.count)
            return bits < policy.strengthWarningBits ? [strengthFinding(length: bytes.count, bits: bits)] : []
        }
    }

    private func strengthFinding(length: Int, bits: Double) -> Finding {
        Finding(.strength,
            "effective strength is \(formatBits(bits)) bits (\(length) × log2(\(policy.effectiveAlphabetSize))"
            + (policy.caseInsensitive ? ", since lookups ignore case" : "")
            + "), under \(formatBits(policy.strengthWarningBits)); "
            + "use \(policy.recommendedMinLength) characters or more")
    }

    private func fullFindings(for key: String, checkPublished: Bool) -> [Finding] {
        var findings: [Finding] = []
        let scalars = Array(key.unicodeScalars)
        let length = scalars.count
        findings.append(contentsOf: charsetFindings(scalars))
        if length < policy.minLength {
            findings.append(Finding(.tooShort, length == 0
                ? "the key is empty; a key needs \(policy.minLength) to \(policy.maxLength) characters"
                : "the key is \(counted(length, "character")); it needs at least \(policy.minLength)"))
        } else if length > policy.maxLength {
            findings.append(Finding(.tooLong,
                "the key is \(counted(length, "character")); \(policy.storage.column) is \(policy.storage.type) "
                + "and holds \(policy.storage.capacity): \(policy.storage.overflow)",
                position: policy.maxLength + 1))
        }
        if length > 0 && key.utf8.allSatisfy({ $0 < 128 }) {
            let estimate = estimator.estimate(key)
            if !estimate.patterns.isEmpty && estimate.bits < policy.weakThresholdBits {
                findings.append(Finding(.weak,
                    "guessable structure: \(describe(estimate.patterns)); about \(formatBits(estimate.bits)) bits "
                    + "to guess, under \(formatBits(policy.weakThresholdBits))",
                    position: (estimate.patterns.first?.range.lowerBound ?? 0) + 1))
            }
        }
        if checkPublished, let source = published[normalized(key)] {
            findings.append(Finding(.published,
                "this key is published (\(source)); anyone who has read it can use it"))
        }
        let valid = findings.isEmpty
        if valid {
            let bits = policy.effectiveBits(length: length)
            if bits < policy.strengthWarningBits {
                findings.append(strengthFinding(length: length, bits: bits))
            }
        }
        return findings
    }

    // MARK: - Charset

    /// What wraps output at `column` characters a line, when a common tool does.
    public static func wrapCause(column: Int) -> String {
        switch column {
        case 76: return " (base64 and TO_BASE64 wrap at 76 columns: use base64 -w0, or fewer bytes)"
        case 60: return " (xxd -p wraps at 60 columns: use xxd -p -c 64, or fewer bytes)"
        case 64: return " (openssl base64 wraps at 64 columns: use openssl rand -base64 with 48 bytes or fewer)"
        default: return ""
        }
    }

    private func charsetFindings(_ scalars: [Unicode.Scalar]) -> [Finding] {
        var findings: [Finding] = []
        var breaks: [Int] = []
        var others: [(Int, Unicode.Scalar)] = []
        for (i, scalar) in scalars.enumerated() {
            if scalar.isASCII && policy.allows(UInt8(scalar.value)) { continue }
            if scalar == "\n" || scalar == "\r" { breaks.append(i + 1) } else { others.append((i + 1, scalar)) }
        }
        if let first = breaks.first {
            findings.append(Finding(.charset,
                "the key contains a line break at character \(first)"
                + (breaks.count > 1 ? " (\(breaks.count) in all)" : "")
                + ": the generator wraps its output" + Self.wrapCause(column: first - 1),
                position: first))
        }
        if let first = others.first {
            let shown = others.prefix(3).map { "\(Self.describe($0.1)) at \($0.0)" }.joined(separator: ", ")
            let more = others.count > 3 ? " and \(others.count - 3) more" : ""
            let noun = others.count == 1 ? "a character" : "\(others.count) characters"
            findings.append(Finding(.charset,
                "\(noun) outside \(policy.alphabetDescription): \(shown)\(more)", position: first.0))
        }
        return findings
    }

    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar {
        case " ": return "a space"
        case "\t": return "a tab"
        default:
            if scalar.properties.isWhitespace || scalar.value < 32 || scalar.value == 127 {
                return "an invisible character (\(code))"
            }
            return "'\(Character(scalar))' (\(code))"
        }
    }

    private func describe(_ patterns: [StructureEstimator.Pattern]) -> String {
        patterns.map { pattern in
            let noun: String
            switch pattern.kind {
            case .word: noun = "a common word"
            case .sequence: noun = "a sequence or keyboard run"
            case .repeat: noun = "a repeat of earlier characters"
            case .year: noun = "a year"
            case .digits: noun = "a run of digits"
            }
            return "\(noun) at characters \(pattern.range.lowerBound + 1)–\(pattern.range.upperBound)"
        }.joined(separator: ", ")
    }
}
