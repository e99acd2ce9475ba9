import ArgumentParser
import DocModel
import KeyPolicy
import Pipeline
import Foundation

extension DiagnosticFormat: ExpressibleByArgument {}

/// Options that every command reading the docs shares.
struct DocsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The docs folder (default: docs_dir of the config, or docs).", valueName: "dir"))
    var docs: String?

    @Option(help: ArgumentHelp("The mkdocs-style config (default: mkdocs.yml when it exists).", valueName: "file"))
    var config: String?

    @Flag(name: .shortAndLong, help: "Warnings count as errors (with coverage: full, a code block no checker claims is one), and a missing engine stops the run.")
    var strict = false

    @Option(help: """
        Diagnostics format: text (stderr), github (workflow commands), or one document on stdout: \
        json (keydocs' own), sarif (SARIF 2.1.0, for code scanning) or gitlab (GitLab Code Quality).
        """)
    var format: DiagnosticFormat = .text

    @Flag(name: .shortAndLong, help: "No progress line on a terminal (there is none in CI or in a pipe either).")
    var quiet = false

    /// Where the docs are, as given.
    var location: DocsLocation { DocsLocation(docs: docs, config: config) }

    /// The pipeline's settings from these options and the engines'.
    func settings(engines: EngineOptions, checksSamples: Bool = true) -> Build.Settings {
        var settings = Build.Settings()
        settings.location = location
        settings.strict = strict
        settings.checksSamples = checksSamples
        settings.engines = engines.settings
        return settings
    }

    /// The progress line's callback for the pipeline.
    func progressLine() -> @Sendable (String?) -> Void {
        let line = ProgressLine(quiet: quiet)
        return { message in if let message { line.show(message) } else { line.clear() } }
    }
}

/// Prints a run's findings in the chosen format.
struct DiagnosticOutput {
    let format: DiagnosticFormat
    /// Lines that `--verbose` adds on stderr, before the summary line.
    var details: [String] = []

    /// Prints every diagnostic in order, then the summary line (text and github) or the JSON document.
    func finish(_ diagnostics: [Diagnostic], summaryLine: String, tally: Tally, samples: [DiagnosticRenderer.SampleEntry]? = nil) {
        switch format {
        case .text:
            for d in diagnostics { Console.err(DiagnosticRenderer.text(d, colour: Terminal.colour)) }
        case .github:
            for d in diagnostics { Console.out(DiagnosticRenderer.github(d)) }
        case .json:
            Console.out(ConsoleText(json: DiagnosticRenderer.json(diagnostics, summary: tally, samples: samples)))
        case .sarif:
            Console.out(ConsoleText(json: DiagnosticRenderer.sarif(diagnostics)))
        case .gitlab:
            Console.out(ConsoleText(json: DiagnosticRenderer.gitlab(diagnostics)))
        }
        for line in details { Console.err("\(line)") }
        // The JSON document carries the summary itself.
        if format != .json { Console.err("\(summaryLine)") }
    }

    /// Prints what a run of the pipeline came to.
    func finish(_ outcome: Build.Outcome) {
        finish(outcome.diagnostics, summaryLine: outcome.summaryLine, tally: outcome.tally, samples: outcome.samples)
    }

    /// Prints an error that stopped the run and exits with status 2.
    static func fail(_ error: DocError, format: DiagnosticFormat) -> ExitCode {
        let finding = Diagnostic(at: SourceLocation(file: error.path, line: error.line ?? 1), rule: RuleID(failed: error.stage), error.reason)
        switch format {
        case .text: Console.err("\(error)")
        case .github:
            Console.out(DiagnosticRenderer.github(finding))
        case .json:
            var tally = Tally()
            tally.errors = 1
            Console.out(ConsoleText(json: DiagnosticRenderer.json([finding], summary: tally)))
        case .sarif:
            Console.out(ConsoleText(json: DiagnosticRenderer.sarif([finding])))
            Console.err("\(error)")
        case .gitlab:
            Console.out(ConsoleText(json: DiagnosticRenderer.gitlab([finding])))
            Console.err("\(error)")
        }
        return ExitCode(2)
    }
}
