import ArgumentParser
import Database
import DocModel
import Foundation
import Pipeline

/// `keydocs check`: runs and judges every code sample in the docs.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run and check every code sample in the docs.",
        discussion: """
            Shell generators run in bubblewrap, cv commands are checked against cv's grammar and \
            CiviCRM's Contact fields, and SQL runs on a private MariaDB in strict mode. Exit \
            status: 0 every sample passes, 1 findings, 2 the docs could not be read or (with \
            --strict) an engine is missing.
            """
    )

    @OptionGroup var options: DocsOptions
    @OptionGroup var engines: EngineOptions

    func run() throws {
        let build = Build(options.settings(engines: engines), progress: options.progressLine())
        do {
            let outcome = try build.checkOnly()
            DiagnosticOutput(format: options.format).finish(outcome)
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        } catch let error as DocError {
            build.progress(nil)
            throw DiagnosticOutput.fail(error, format: options.format)
        }
    }
}

/// Options for the engines that run samples.
struct EngineOptions: ParsableArguments {
    enum SandboxChoice: String, ExpressibleByArgument, CaseIterable { case bwrap, none }

    @Option(help: ArgumentHelp("Times to run each generator.", valueName: "n"))
    var runs: Int = 200

    @Option(help: "How shell samples run: bwrap (bubblewrap, the default) or none (unsandboxed; only when you trust the docs).")
    var sandbox: SandboxChoice = .bwrap

    @Option(help: ArgumentHelp("Commands generators may run besides the allowlist (comma-separated); the only way to add any with --sandbox none.", valueName: "commands"))
    var allow: [String] = []

    @Option(help: ArgumentHelp("Keep check results in this folder and reuse those of pages whose samples, the options, the policy and keydocs' version are unchanged (a CI cache; trust it as you trust the docs).", valueName: "dir"))
    var cache: String?

    @Option(help: ArgumentHelp("Run SQL samples on this MariaDB server's socket instead of a private one, in a scratch database.", valueName: "socket"))
    var mysql: String?

    @Option(help: ArgumentHelp("The account for --mysql (default: root).", valueName: "name"))
    var mysqlUser: String?

    @Option(help: ArgumentHelp("A file whose first line is the --mysql account's password.", valueName: "file"))
    var mysqlPasswordFile: String?

    enum CodingKeys: CodingKey { case runs, sandbox, allow, cache, mysql, mysqlUser, mysqlPasswordFile }

    func validate() throws {
        guard (1...EngineSettings.maxRuns).contains(runs) else { throw ValidationError("--runs must be from 1 to \(EngineSettings.maxRuns)") }
        if mysql == nil && (mysqlUser != nil || mysqlPasswordFile != nil) {
            throw ValidationError("--mysql-user and --mysql-password-file go with --mysql")
        }
        if let mysqlPasswordFile, (try? MariaDBAddress.password(fromFile: mysqlPasswordFile)) == nil {
            throw ValidationError("\(mysqlPasswordFile): cannot read the password file")
        }
    }

    /// The pipeline's engine settings.
    var settings: EngineSettings {
        var settings = EngineSettings()
        settings.runs = runs
        settings.sandboxed = sandbox == .bwrap
        settings.allow = Set(allow.flatMap { $0.split(separator: ",").map(String.init) })
        settings.cacheFolder = cache
        if let mysql {
            var address = MariaDBAddress(socket: mysql, user: mysqlUser ?? "root")
            if let mysqlPasswordFile { address.password = (try? MariaDBAddress.password(fromFile: mysqlPasswordFile)) ?? "" }
            settings.mysql = address
        }
        return settings
    }
}
