import KeyPolicy

/// The key policy's numbers as page variables (`{{ policy.maxLength }}`), so that the guide
/// states them from the code that enforces them.
public enum PolicyVariables {
    /// The variables of `policy`.
    public static func make(_ policy: Policy = .civicrm) -> Variables {
        let d = policy == .civicrm ? PolicyDescription.civicrm : PolicyDescription(policy)
        func bits(_ length: Int) -> String { String(policy.effectiveBits(length: length), decimals: 1) }
        var values: [String: String] = [
            "policy.name": d.name,
            "policy.alphabet": d.alphabetDescription,
            "policy.alphabetSize": String(d.alphabetSize),
            "policy.effectiveAlphabetSize": String(d.effectiveAlphabetSize),
            "policy.minLength": String(d.minLength),
            "policy.maxLength": String(d.maxLength),
            "policy.defaultLength": String(d.defaultLength),
            "policy.recommendedMinLength": String(d.recommendedMinLength),
            "policy.bitsPerCharacter": String(policy.bitsPerCharacter, decimals: 2),
            "policy.effectiveBitsPerCharacter": String(policy.effectiveBitsPerCharacter, decimals: 2),
            "policy.weakThresholdBits": formatBits(d.weakThresholdBits),
            "policy.strengthWarningBits": formatBits(d.strengthWarningBits),
            "policy.column": d.storage.column,
            "policy.columnType": d.storage.type,
            "policy.capacity": String(d.storage.capacity),
            "policy.truncatedLength": String(d.storage.capacity - 3),
            "policy.bits.minLength": bits(d.minLength),
            "policy.bits.maxLength": bits(d.maxLength),
            "policy.bits.recommendedMinLength": bits(d.recommendedMinLength),
            "policy.bits.defaultLength": String(Double(d.defaultLength) * policy.bitsPerCharacter, decimals: 1),
            "policy.weakWordCount": String(d.weak.words.count),
        ]
        var lengths = "| length | effective strength | verdict |\n| --- | --- | --- |\n"
        for entry in d.lengths {
            lengths += "| \(entry.length) | \(String(entry.effectiveBits, decimals: 1)) bits | "
                + (entry.strengthWarning ? "valid, with a `key.strength` warning" : "valid") + " |\n"
        }
        values["policy.lengthsTable"] = lengths
        var rules = "| rule | severity | a key must have |\n| --- | --- | --- |\n"
        for rule in d.rules {
            rules += "| `\(rule.id)` | \(rule.severity) | \(rule.summary.replacingOccurrences(of: "|", with: "\\|")) |\n"
        }
        values["policy.rulesTable"] = rules
        return Variables(values: values, namespaces: ["policy"])
    }
}
