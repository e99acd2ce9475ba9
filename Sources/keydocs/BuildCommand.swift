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
            the build succeeds, so a failed build leaves the previous site as it was. mkdocs' flags \
            work with mkdocs' meaning (mkdocs build --clean --strict runs as keydocs build --clean \
            --strict); keydocs' --strict also fails on a broken sample. Exit status: 0 built, 1 \
            findings (errors, or warnings under --strict), 2 the docs or config could not be read, \
            64 a usage error.
            """
    )

    @OptionGroup var options: DocsOptions

    @Option(help: ArgumentHelp("The output folder (default: site_dir of the config, or site).", valueName: "dir"))
    var site: String?

    @Option(name: [.customShort("d"), .customLong("site-dir")], help: ArgumentHelp("mkdocs' name for --site.", valueName: "dir"))
    var siteDir: String?

    @OptionGroup var rendering: RenderOptions

    func validate() throws {
        try rendering.mkdocs.validate(with: options)
        if site != nil && siteDir != nil {
            throw ValidationError("--site and -d/--site-dir are one option under two names; give one of them")
        }
    }

    func run() throws {
        rendering.mkdocs.noteIgnored()
        let build = Build(rendering.settings(options), progress: options.progressLine())
        do {
            let outcome = try build.build(site: site ?? siteDir)
            DiagnosticOutput(format: options.format, details: rendering.mkdocs.details(outcome)).finish(outcome)
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        } catch let error as DocError {
            build.progress(nil)
            throw DiagnosticOutput.fail(error, format: options.format)
        }
    }
}
