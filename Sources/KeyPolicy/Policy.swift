import Foundation

/// The rules an API key must follow: its alphabet, its length bounds and its strength thresholds.
///
/// A policy is a plain value. `Policy.civicrm` is the one every part of keydocs uses; other
/// policies can be built for other systems.
public struct Policy: Sendable, Equatable {
    /// A short name for the policy, such as `civicrm`.
    public let name: String
    /// The symbols a key may contain, as ASCII bytes, in the order the generator maps to them.
    public let alphabet: [UInt8]
    /// The fewest characters a key may have.
    public let minLength: Int
    /// The most characters a key may have (for CiviCRM, the width of the column).
    public let maxLength: Int
    /// The length the generator uses when none is given.
    public let defaultLength: Int
    /// Whether the system that stores the key compares keys without regard to case.
    public let caseInsensitive: Bool
    /// Below this estimated strength, in bits, a key's structure counts as guessable (`key.weak`).
    public let weakThresholdBits: Double
    /// Below this effective strength, in bits, a valid key gets a `key.strength` warning.
    public let strengthWarningBits: Double
    /// Where the key is stored and what the system does with a value that does not fit.
    public let storage: Storage

    /// Creates a policy; `defaultLength` must lie within `minLength...maxLength`.
    public init(
        name: String, alphabet: String, minLength: Int, maxLength: Int, defaultLength: Int,
        caseInsensitive: Bool, weakThresholdBits: Double, strengthWarningBits: Double, storage: Storage
    ) {
        precondition(minLength >= 1 && minLength <= defaultLength && defaultLength <= maxLength)
        precondition(!alphabet.isEmpty && alphabet.utf8.count <= 256 && alphabet.allSatisfy(\.isASCII))
        self.name = name
        self.alphabet = Array(alphabet.utf8)
        var table = [Bool](repeating: false, count: 256)
        for byte in alphabet.utf8 { table[Int(byte)] = true }
        self.alphabetTable = table
        let effective = caseInsensitive ? Set(alphabet.utf8.map(Self.folded)).count : alphabet.utf8.count
        self.effectiveAlphabetSize = effective
        self.effectiveBitsPerCharacter = log2(Double(effective))
        self.minLength = minLength
        self.maxLength = maxLength
        self.defaultLength = defaultLength
        self.caseInsensitive = caseInsensitive
        self.weakThresholdBits = weakThresholdBits
        self.strengthWarningBits = strengthWarningBits
        self.storage = storage
    }

    /// The alphabet as a string.
    public var alphabetString: String { String(decoding: alphabet, as: UTF8.self) }

    /// The range of allowed lengths.
    public var lengths: ClosedRange<Int> { minLength...maxLength }

    /// How many symbols an attacker has to try per character: the alphabet, folded to one case
    /// when lookups ignore case (36 for CiviCRM's 62 symbols).
    public let effectiveAlphabetSize: Int

    /// Bits of randomness a generated character carries (log2 of the alphabet size).
    public var bitsPerCharacter: Double { log2(Double(alphabet.count)) }

    /// Bits a generated character is worth against the system's lookup (log2 of the effective alphabet).
    public let effectiveBitsPerCharacter: Double

    /// The effective strength of a random key of `length` characters: length × log2(effective alphabet).
    public func effectiveBits(length: Int) -> Double { Double(length) * effectiveBitsPerCharacter }

    /// The shortest length whose effective strength reaches `strengthWarningBits`.
    public var recommendedMinLength: Int {
        Int((strengthWarningBits / effectiveBitsPerCharacter).rounded(.up))
    }

    /// Whether `byte` is one of the policy's symbols.
    @inlinable public func allows(_ byte: UInt8) -> Bool { alphabetTable[Int(byte)] }

    /// For each byte value, whether it is in the alphabet.
    @usableFromInline let alphabetTable: [Bool]

    /// ASCII lowercase of a byte; other bytes unchanged.
    @inlinable static func folded(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte | 0x20 : byte
    }
}

extension Policy {
    /// The column a key lives in, and what happens to a value that is too long for it.
    public struct Storage: Sendable, Equatable, Codable {
        /// The system, such as `CiviCRM`.
        public let system: String
        /// `table.column`.
        public let column: String
        /// The SQL type of the column.
        public let type: String
        /// How many characters the column holds.
        public let capacity: Int
        /// What the system does with a longer value, said as a sentence.
        public let overflow: String

        /// Creates a storage description.
        public init(system: String, column: String, type: String, capacity: Int, overflow: String) {
            self.system = system
            self.column = column
            self.type = type
            self.capacity = capacity
            self.overflow = overflow
        }
    }

    /// CiviCRM's policy: 20 to 32 letters and digits, stored in `civicrm_contact.api_key`, a
    /// `varchar(32)` column compared case-insensitively.
    public static let civicrm = Policy(
        name: "civicrm",
        alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        minLength: 20,
        maxLength: 32,
        defaultLength: 32,
        caseInsensitive: true,
        weakThresholdBits: 80,
        strengthWarningBits: 128,
        storage: Storage(
            system: "CiviCRM",
            column: "civicrm_contact.api_key",
            type: "varchar(32)",
            capacity: 32,
            overflow: "APIv3 (cv api contact.create) rejects it with error 2100, APIv4 silently cuts it "
                + "to its first 29 characters plus \"...\", and SQL in strict mode fails with "
                + "ERROR 1406 (Data too long for column 'api_key')"
        )
    )
}
