import DocModel
import KeyPolicy
import Support

/// What a generator was seen to print over its runs: the output blocks after it are judged
/// against this.
struct GeneratorRecord: Sendable {
    var location: SourceLocation
    var lengths: ClosedRange<Int>?

    /// The lengths seen, as `32` or `32–44`.
    var lengthsText: String? { lengths.map(Self.text) }

    /// `range` as `32`, or `32–44`.
    static func text(_ range: ClosedRange<Int>) -> String {
        range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound)–\(range.upperBound)"
    }
    var runs = 0
    /// How many runs printed each length.
    var lengthCounts: [Int: Int] = [:]
    /// How many times the runs printed each character (line breaks aside).
    var characterCounts: [Unicode.Scalar: Int] = [:]

    /// Whether the runs have seen every length the generator prints, near enough to say it
    /// cannot print another.
    var lengthsSettled: Bool { Self.unseenShare(lengthCounts) < Self.settledShare }
    /// Whether the runs have seen every character the generator prints, near enough to say it
    /// cannot print another.
    var charactersSettled: Bool { Self.unseenShare(characterCounts) < Self.settledShare }

    /// Below this estimated chance of something unseen, what the runs never showed is taken as
    /// something the generator does not print.
    static let settledShare = 0.05

    /// The Good–Turing estimate of the chance that one more draw shows a value no draw showed:
    /// the share of draws whose value was seen exactly once. One draw settles nothing.
    static func unseenShare<Value>(_ counts: [Value: Int]) -> Double {
        let draws = counts.values.reduce(0, +)
        guard draws > 0 else { return 1 }
        return Double(counts.values.count { $0 == 1 }) / Double(draws)
    }

    /// Judges a generator's outputs with the policy's format and structure rules and reports, per
    /// rule, how often and how it failed. Returns the findings and the record.
    static func evaluate(
        _ outputs: [String], at location: SourceLocation, validator: KeyValidator, context: [String]
    ) -> ([Diagnostic], GeneratorRecord) {
        var record = GeneratorRecord(location: location)
        record.runs = outputs.count
        var byRule: [Rule: Int] = [:]
        var firstMessage: [Rule: String] = [:]
        var badCharacters = Set<Unicode.Scalar>()
        var wrapped = 0
        let policy = validator.policy
        var distinct = Set<String>()
        var wrapWidth: Int?
        for output in outputs {
            // A key's length is its characters, not the line breaks a wrapping tool put in it.
            let length = output.unicodeScalars.count { $0 != "\n" && $0 != "\r" }
            if wrapWidth == nil, let firstLine = output.split(separator: "\n").first, output.contains("\n") {
                wrapWidth = firstLine.unicodeScalars.count
            }
            record.lengths = record.lengths.map { min($0.lowerBound, length)...max($0.upperBound, length) } ?? length...length
            record.lengthCounts[length, default: 0] += 1
            for scalar in output.unicodeScalars {
                if scalar == "\n" { continue }
                record.characterCounts[scalar, default: 0] += 1
                if !(scalar.isASCII && policy.allows(UInt8(scalar.value))) { badCharacters.insert(scalar) }
            }
            if output.contains("\n") { wrapped += 1 }
            distinct.insert(validator.normalized(output))
            // The key's characters are judged as a key; its line breaks are the wrapping above.
            let characters = String(output.unicodeScalars.filter { $0 != "\n" && $0 != "\r" })
            for finding in validator.findings(for: characters, checkPublished: false) where finding.severity == .error {
                byRule[finding.rule, default: 0] += 1
                if firstMessage[finding.rule] == nil { firstMessage[finding.rule] = finding.message }
            }
        }
        var out: [Diagnostic] = []
        let n = outputs.count
        let lengths = record.lengthsText ?? "0"
        func add(_ rule: RuleID, _ message: String, _ extra: [String] = []) {
            out.append(Diagnostic(at: location, rule: rule, message, context: context + extra))
        }
        if let count = byRule[.tooLong] {
            add(.keyTooLong, "generated keys are \(lengths) characters; the column holds \(policy.storage.capacity)"
                + (count < n ? " (\(count) of \(counted(n, "run")) too long)" : ""),
                ["\(policy.storage.system): \(policy.storage.overflow)"])
        }
        if let count = byRule[.tooShort] {
            add(.keyTooShort, "generated keys are \(lengths) characters; the policy needs at least \(policy.minLength)"
                + (count < n ? " (\(count) of \(counted(n, "run")) too short)" : ""))
        }
        if wrapped > 0 {
            add(.keyCharset, "the output is wrapped over several lines in \(wrapped) of \(counted(n, "run"))"
                + (wrapWidth.map { ", at \($0) columns" } ?? "") + KeyValidator.wrapCause(column: wrapWidth ?? 0))
        }
        if !badCharacters.isEmpty {
            let shown = badCharacters.sorted { $0.value < $1.value }.prefix(6).map { "'\(Character($0))'" }.joined(separator: ", ")
            let count = outputs.count { $0.unicodeScalars.contains { $0 != "\n" && !($0.isASCII && policy.allows(UInt8($0.value))) } }
            add(.keyCharset, "generated keys contain \(shown), outside \(policy.alphabetDescription), in \(count) of \(counted(n, "run"))")
        }
        if let count = byRule[.weak] {
            // The first key's message names the structure itself ("guessable structure: …").
            add(.keyWeak, "\(count) of \(n) generated keys are weak; the first has " + (firstMessage[.weak] ?? "guessable structure"))
        }
        if n > 1 && distinct.count < n {
            add(.generatorRepeats, distinct.count == 1
                ? "all \(n) runs printed the same key: the command is not random"
                : "\(n) runs printed only \(distinct.count) different keys (compared without regard to case)")
        }
        return (out, record)
    }
}
