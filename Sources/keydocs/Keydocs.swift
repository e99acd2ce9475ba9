import ArgumentParser

/// The `keydocs` command: checks and builds documentation about API keys.
@main
struct Keydocs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keydocs",
        abstract: "Check and build documentation about API keys, and generate and check keys.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, KeyCommand.self, PolicyCommand.self]
    )
}
