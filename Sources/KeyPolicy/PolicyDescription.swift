/// Everything in a policy as plain values, for `keydocs policy --format json`, the guide's
/// policy page and the site's generator page, which take every number from it.
public struct PolicyDescription: Sendable, Encodable {
    /// One rule with its severity and summary.
    public struct RuleEntry: Sendable, Encodable {
        public let id: String
        public let severity: String
        public let summary: String
    }

    /// The strength a random key of one length has.
    public struct LengthEntry: Sendable, Encodable {
        public let length: Int
        public let bits: Double
        public let effectiveBits: Double
        public let strengthWarning: Bool
    }

    /// The data the structure estimator uses, so that another implementation can apply the same rule.
    public struct WeakModel: Sendable, Encodable {
        public let symbolBits: Double
        public let escapeBits: Double
        public let tagBits: Double
        public let wordBits: Double
        public let sequenceBits: Double
        public let words: [String]
        public let sequences: [String]
        public let leet: [String: String]
        public let maxAnalysedLength: Int
        public let yearBits: Double
        public let digitBits: Double
        /// log2 of 0, 1, 2…, as the estimator uses them.
        public let log2: [Double]
        /// Elias gamma code lengths of 0, 1, 2….
        public let gamma: [Double]
    }

    public let name: String
    public let alphabet: String
    public let alphabetDescription: String
    public let alphabetSize: Int
    public let effectiveAlphabetSize: Int
    public let caseInsensitive: Bool
    public let minLength: Int
    public let maxLength: Int
    public let defaultLength: Int
    public let recommendedMinLength: Int
    public let bitsPerCharacter: Double
    public let effectiveBitsPerCharacter: Double
    public let weakThresholdBits: Double
    public let strengthWarningBits: Double
    public let storage: Policy.Storage
    public let rules: [RuleEntry]
    public let lengths: [LengthEntry]
    public let weak: WeakModel
    /// The built-in list of well-known sample keys (`key.published`).
    public let publishedKeys: [String]

    /// The description of `Policy.civicrm`, made once per process.
    public static let civicrm = PolicyDescription(.civicrm)

    /// Describes `policy`.
    public init(_ policy: Policy) {
        let estimator = StructureEstimator(symbolBits: policy.effectiveBitsPerCharacter)
        name = policy.name
        alphabet = policy.alphabetString
        alphabetDescription = policy.alphabetDescription
        alphabetSize = policy.alphabet.count
        effectiveAlphabetSize = policy.effectiveAlphabetSize
        caseInsensitive = policy.caseInsensitive
        minLength = policy.minLength
        maxLength = policy.maxLength
        defaultLength = policy.defaultLength
        recommendedMinLength = policy.recommendedMinLength
        bitsPerCharacter = Self.round(policy.bitsPerCharacter)
        effectiveBitsPerCharacter = Self.round(policy.effectiveBitsPerCharacter)
        weakThresholdBits = policy.weakThresholdBits
        strengthWarningBits = policy.strengthWarningBits
        storage = policy.storage
        rules = Rule.allCases.map { RuleEntry(id: $0.rawValue, severity: $0.severity.rawValue, summary: $0.summary(for: policy)) }
        lengths = policy.lengths.map { length in
            let effective = policy.effectiveBits(length: length)
            return LengthEntry(length: length, bits: Self.round(Double(length) * policy.bitsPerCharacter),
                               effectiveBits: Self.round(effective), strengthWarning: effective < policy.strengthWarningBits)
        }
        var leet: [String: String] = [:]
        for (digit, letters) in StructureEstimator.leet {
            leet[String(UnicodeScalar(digit))] = String(decoding: letters, as: UTF8.self)
        }
        weak = WeakModel(
            symbolBits: estimator.symbolBits, escapeBits: estimator.escapeBits, tagBits: estimator.tagBits,
            wordBits: estimator.wordBits, sequenceBits: estimator.sequenceBits,
            words: Array(Set(commonWords)).sorted(), sequences: StructureEstimator.sequences,
            leet: leet, maxAnalysedLength: StructureEstimator.maxAnalysedLength,
            yearBits: estimator.yearBits, digitBits: estimator.digitBits, log2: estimator.log2Table, gamma: estimator.gamma)
        publishedKeys = wellKnownSampleKeys
    }

    /// Rounds to 4 decimals, so the JSON is short and the same on every platform.
    static func round(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }
}
