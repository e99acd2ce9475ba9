import ArgumentParser
import Foundation
import DocModel
import Support

/// The `keydocs` command: checks and builds documentation about API keys.
@main
struct Keydocs: AsyncParsableCommand {
    /// The version `--version` and `-V` print.
    static let version = keydocsVersion

    static func main() async {
        Interrupts.shared.install()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["-V"] {
            Console.out("\(version)")
            return
        }
        // A mistyped command gets the one it most likely meant, not only "unexpected argument".
        if let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
            if !names.contains(first) {
                let guess = names.min { NearMiss.distance(first, $0) < NearMiss.distance(first, $1) }
                let hint = guess.flatMap { NearMiss.distance(first, $0) <= 2 ? " Did you mean '\($0)'?" : nil } ?? ""
                Console.err("keydocs: error: '\(first)' is not a command.\(hint) Commands: \(names.dropLast().joined(separator: ", ")).")
                Foundation.exit(64)
            }
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // ArgumentParser's messages quote what was typed (an unknown option, a bad value):
            // printed through the console like everything else, on the stream it would use.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { Console.out(ConsoleText(lines: message)) } else { Console.err(ConsoleText(lines: message)) }
            }
            Foundation.exit(code.rawValue)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "keydocs",
        abstract: "Check and build documentation about API keys, and generate and check keys.",
        version: version,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, KeyCommand.self, PolicyCommand.self, RulesCommand.self]
    )
}
