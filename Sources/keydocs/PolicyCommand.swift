import ArgumentParser
import DocModel
import KeyPolicy

/// `keydocs policy`: prints the key policy, every number in it.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Print the key policy: alphabet, lengths, strength thresholds and rules."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let description = PolicyDescription(.civicrm)
        switch format {
        case .json: Console.out(ConsoleText(json: encodeJSON(description, pretty: true)))
        case .text: Console.out(ConsoleText(lines: PolicyText.render(description)))
        }
    }
}

/// The policy as a person reads it.
enum PolicyText {
    static func render(_ p: PolicyDescription) -> String {
        func row(_ name: String, _ value: String) -> String {
            "  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + value
        }
        var lines = ["policy \(p.name)"]
        lines.append(row("alphabet", "\(p.alphabetDescription) (\(p.alphabetSize) symbols"
            + (p.caseInsensitive ? "; \(p.effectiveAlphabetSize) to \(p.storage.system), which ignores case)" : ")")))
        lines.append(row("length", "\(p.minLength) to \(p.maxLength) characters (\(p.storage.column) is \(p.storage.type))"))
        lines.append(row("generated length", "\(p.defaultLength)"))
        lines.append(row("bits per character", "\(String(p.bitsPerCharacter, decimals: 2)) generated, "
            + "\(String(p.effectiveBitsPerCharacter, decimals: 2)) effective"))
        lines.append(row("weak below", "\(formatBits(p.weakThresholdBits)) bits of estimated strength"))
        lines.append(row("warn below", "\(formatBits(p.strengthWarningBits)) effective bits "
            + "(fewer than \(p.recommendedMinLength) characters)"))
        lines.append(row("too long", p.storage.overflow))
        lines.append("strength by length")
        for entry in p.lengths {
            lines.append(row("\(entry.length) characters", "\(String(entry.effectiveBits, decimals: 1)) effective bits"
                + (entry.strengthWarning ? " (warning)" : "")))
        }
        lines.append("rules")
        for rule in p.rules {
            lines.append("  " + rule.id.padding(toLength: 15, withPad: " ", startingAt: 0)
                + rule.severity.padding(toLength: 9, withPad: " ", startingAt: 0) + rule.summary)
        }
        return lines.joined(separator: "\n")
    }
}
