import ArgumentParser
import DocModel

/// The `keydocs` command: checks and builds documentation about API keys.
@main
struct Keydocs: AsyncParsableCommand {
    static func main() async {
        Interrupts.shared.install()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "keydocs",
        abstract: "Check and build documentation about API keys, and generate and check keys.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, KeyCommand.self, PolicyCommand.self, RulesCommand.self]
    )
}
