/// How much a finding matters: about a key here, and about the docs in keydocs' diagnostics.
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    /// Said for information; never fails a run.
    case note
    /// Worth knowing; fails only under `--strict`.
    case warning
    /// Fails the key, or the run.
    case error

    private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The rules of the key policy, by their stable ids.
public enum Rule: String, Sendable, Codable, CaseIterable {
    /// A character outside the alphabet.
    case charset = "key.charset"
    /// Fewer characters than the policy's minimum.
    case tooShort = "key.too-short"
    /// More characters than the column holds.
    case tooLong = "key.too-long"
    /// Guessable structure: repeats, sequences, keyboard runs, words.
    case weak = "key.weak"
    /// The same key, ignoring case, as another in the set or in the existing keys.
    case duplicate = "key.duplicate"
    /// A key that is already public: in the docs or in the list of well-known sample keys.
    case published = "key.published"
    /// Effective strength under the policy's recommended bits.
    case strength = "key.strength"

    /// The severity the policy gives this rule.
    public var severity: Severity { self == .strength ? .warning : .error }

    /// One line on what the rule checks, for `keydocs policy`.
    public func summary(for policy: Policy) -> String {
        switch self {
        case .charset:
            return "only the characters \(policy.alphabetDescription); a line break, space or symbol is an error"
        case .tooShort:
            return "at least \(policy.minLength) characters"
        case .tooLong:
            return "at most \(policy.maxLength) characters: \(policy.storage.column) is \(policy.storage.type)"
        case .weak:
            return "no guessable structure (repeats, sequences, keyboard runs, common words): "
                + "estimated strength at least \(formatBits(policy.weakThresholdBits)) bits"
        case .duplicate:
            return policy.caseInsensitive
                ? "unique, compared without regard to case, as \(policy.storage.system) compares keys"
                : "unique"
        case .published:
            return "not a key from documentation or a well-known sample"
        case .strength:
            return "effective strength at least \(formatBits(policy.strengthWarningBits)) bits "
                + "(length × log2(\(policy.effectiveAlphabetSize))), so \(policy.recommendedMinLength) characters or more"
        }
    }
}

/// One problem with one key.
public struct Finding: Sendable, Equatable, Codable {
    /// The rule that found it.
    public let rule: Rule
    /// Its severity.
    public let severity: Severity
    /// What is wrong, in words that do not repeat the key.
    public let message: String
    /// The 1-based character position the finding points at, when there is one.
    public let position: Int?

    /// Creates a finding with the rule's own severity.
    public init(_ rule: Rule, _ message: String, position: Int? = nil) {
        self.rule = rule
        self.severity = rule.severity
        self.message = message
        self.position = position
    }
}

/// Bits printed with at most one decimal, and none when whole.
public func formatBits(_ bits: Double) -> String {
    let rounded = (bits * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(rounded)
}

extension Policy {
    /// The alphabet in ranges, such as `A-Z a-z 0-9`.
    public var alphabetDescription: String {
        var parts: [String] = []
        var i = 0
        let bytes = alphabet
        while i < bytes.count {
            var j = i
            while j + 1 < bytes.count && bytes[j + 1] == bytes[j] + 1 { j += 1 }
            let first = String(UnicodeScalar(bytes[i]))
            if j - i >= 2 {
                parts.append("\(first)-\(String(UnicodeScalar(bytes[j])))")
            } else {
                parts.append(contentsOf: bytes[i...j].map { String(UnicodeScalar($0)) })
            }
            i = j + 1
        }
        return parts.joined(separator: " ")
    }
}

extension String {
    /// A non-negative number with a fixed number of decimals.
    public init(_ value: Double, decimals: Int) {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let fraction = String(scaled % scale)
        self = "\(scaled / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
