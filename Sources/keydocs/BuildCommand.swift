import ArgumentParser
import DocModel
import Pipeline

/// `keydocs build`: checks the docs and renders them into a static site.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the docs into a static site.",
        discussion: """
            The site is written to a temporary folder beside the output and swapped in only when \
            the build succeeds, so a failed build leaves the previous site as it was. Exit status: \
            0 built, 1 findings (errors, or warnings under --strict), 2 the docs or config could \
            not be read.
            """
    )

    @OptionGroup var options: DocsOptions

    @Option(help: ArgumentHelp("The output folder (default: site_dir of the config, or site).", valueName: "dir"))
    var site: String?

    @Flag(help: "Render without running the sample checks.")
    var noCheck = false

    @OptionGroup var engines: EngineOptions

    func run() throws {
        let build = Build(options.settings(engines: engines, checksSamples: !noCheck), progress: options.progressLine())
        do {
            let outcome = try build.build(site: site)
            DiagnosticOutput(format: options.format).finish(outcome)
            switch outcome.stop {
            case .engineMissing?: throw ExitCode(2)
            case .findings?: throw ExitCode(1)
            case nil: break
            }
        } catch let error as DocError {
            build.progress(nil)
            throw DiagnosticOutput.fail(error, format: options.format)
        }
    }
}
