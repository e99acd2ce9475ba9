import ArgumentParser
import KeyPolicy
import KeyTools

/// `keydocs key`: generate and check keys.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Generate or check API keys.",
        subcommands: [GenerateKeys.self, CheckKeys.self, AuditKeys.self]
    )
}

/// `keydocs key generate`: keys from the system's CSPRNG, one a line on stdout.
struct GenerateKeys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate random keys, one a line on stdout."
    )

    @Option(help: "How many keys.")
    var count: Int = 1

    @Option(help: ArgumentHelp("Characters a key (default: the policy's).", valueName: "n"))
    var length: Int?

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be 1 or more") }
        if let length {
            do { try KeyGenerator(policy: .civicrm).validate(length: length) } catch {
                throw ValidationError("--length \(length): \(error)")
            }
        }
    }

    func run() throws {
        let generator = KeyGenerator(policy: .civicrm)
        try ParallelGeneration.write(generator: generator, count: count, length: length ?? generator.policy.defaultLength) {
            try Console.out(bytes: $0)
        }
    }
}
