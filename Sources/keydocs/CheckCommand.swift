import ArgumentParser
import DocModel
import Foundation
import SampleCheck
import SiteRender

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
        let progress = ProgressLine(quiet: options.quiet)
        do {
            progress.show("loading the docs")
            let (docs, _) = try options.loadDocs()
            var output = DiagnosticOutput(format: options.format, strict: options.strict)
            output.rules = docs.config.rules
            output.add(docs.diagnostics)
            let report = engines.check(docs, progress: progress)
            output.add(report.diagnostics)
            output.add(RenderStage(docs: docs, outcomes: nil).checkLinks())
            output.finish(summaryLine: report.summaryLine, summary: report.summary, samples: report.sampleEntries(docs))
            if options.strict && report.count(.notRun) > 0 { throw ExitCode(2) }
            if output.errorCount > 0 { throw ExitCode(1) }
        } catch let error as DocError {
            progress.clear()
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

    @Option(help: ArgumentHelp("Run SQL samples on this MariaDB server's socket instead of a private one, in a scratch database.", valueName: "socket"))
    var mysql: String?

    @Option(help: ArgumentHelp("The account for --mysql (default: root).", valueName: "name"))
    var mysqlUser: String?

    @Option(help: ArgumentHelp("A file whose first line is the --mysql account's password.", valueName: "file"))
    var mysqlPasswordFile: String?

    /// A private server that serve keeps for every rebuild.
    var server: MariaDBServer?

    enum CodingKeys: CodingKey { case runs, sandbox, mysql, mysqlUser, mysqlPasswordFile }

    func validate() throws {
        guard (1...100_000).contains(runs) else { throw ValidationError("--runs must be from 1 to 100000") }
        if mysql == nil && (mysqlUser != nil || mysqlPasswordFile != nil) {
            throw ValidationError("--mysql-user and --mysql-password-file go with --mysql")
        }
        if let mysqlPasswordFile, !FileManager.default.isReadableFile(atPath: mysqlPasswordFile) {
            throw ValidationError("\(mysqlPasswordFile): cannot read the password file")
        }
    }

    func check(_ docs: DocSet, cache: CheckCache? = nil, progress: ProgressLine? = nil) -> CheckReport {
        var options = CheckOptions()
        options.runs = runs
        options.fullCoverage = docs.config.fullCoverage
        if let mysql {
            var address = MariaDBAddress(socket: mysql, user: mysqlUser ?? "root")
            if let mysqlPasswordFile, let text = try? String(contentsOfFile: mysqlPasswordFile, encoding: .utf8) {
                address.password = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            }
            options.mysql = address
        }
        options.privateServer = server
        if sandbox == .none { options.sandbox = Sandbox(mode: .none) }
        let report = CheckStage(docs: docs, options: options).run(cache: cache, progress: progress.map { line in
            { @Sendable p in line.show("checking samples: \(p.samplesDone) of \(p.samples) done, in \(p.pagesDone) of \(counted(p.pages, "page"))") }
        })
        progress?.clear()
        return report
    }
}
