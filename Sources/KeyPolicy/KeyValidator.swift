/// Checks keys against a policy. Every finding names its rule; no message repeats the key.
public struct KeyValidator: Sendable {
    /// The policy applied.
    public let policy: Policy
    /// The structure estimator behind `key.weak`.
    public let estimator: StructureEstimator
    /// Published keys, folded to lowercase when the policy ignores case, with where each was seen.
    private var published: [String: String]

    /// A validator for `policy`, knowing the built-in list of well-known sample keys.
    public init(policy: Policy = .civicrm) {
        self.policy = policy
        self.estimator = StructureEstimator(symbolBits: policy.effectiveBitsPerCharacter)
        self.published = [:]
        for key in wellKnownSampleKeys { published[normalized(key)] = "the list of well-known sample keys" }
    }

    /// Marks `key` as published, seen at `source` (a file and line, say).
    public mutating func addPublished(_ key: String, source: String) {
        let normal = normalized(key)
        if published[normal] == nil { published[normal] = source }
    }

    /// The key as the system compares it: lowercase when lookups ignore case.
    public func normalized(_ key: some StringProtocol) -> String {
        policy.caseInsensitive ? String(decoding: key.utf8.map(Policy.folded), as: UTF8.self) : String(key)
    }

    /// Every finding for one key on its own (all rules but `key.duplicate`).
    ///
    /// - Parameter checkPublished: false for keys that are samples in the docs themselves.
    public func findings(for key: some StringProtocol, checkPublished: Bool = true) -> [Finding] {
        var findings: [Finding] = []
        let scalars = Array(key.unicodeScalars)
        let length = scalars.count
        findings.append(contentsOf: charsetFindings(scalars))
        if length < policy.minLength {
            findings.append(Finding(.tooShort, length == 0
                ? "the key is empty; a key needs \(policy.minLength) to \(policy.maxLength) characters"
                : "the key is \(length) characters; it needs at least \(policy.minLength)"))
        } else if length > policy.maxLength {
            findings.append(Finding(.tooLong,
                "the key is \(length) characters; \(policy.storage.column) is \(policy.storage.type) "
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
                findings.append(Finding(.strength,
                    "effective strength is \(formatBits(bits)) bits (\(length) × log2(\(policy.effectiveAlphabetSize))"
                    + (policy.caseInsensitive ? ", since lookups ignore case" : "")
                    + "), under \(formatBits(policy.strengthWarningBits)); "
                    + "use \(policy.recommendedMinLength) characters or more"))
            }
        }
        return findings
    }

    // MARK: - Charset

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
                + ": the generator wraps its output (base64 and TO_BASE64 wrap at 76 columns)",
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
