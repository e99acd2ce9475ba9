import ArgumentParser
import DocModel
import Foundation
import KeyPolicy
import SampleCheck
import SiteRender

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
        let started = Date()
        var output = DiagnosticOutput(format: options.format, strict: options.strict)
        let progress = ProgressLine(quiet: options.quiet)
        do {
            progress.show("loading the docs")
            let (docs, configPath) = try options.loadDocs()
            let siteDir = site ?? DocsOptions.beside(configPath, docs.config.siteDir)
            output.rules = docs.config.rules
            let protected = options.protectedPaths(docs: docs.docsDir, configPath: configPath)
            // Before any check runs: a typo in --site or site_dir fails at once, and touches nothing.
            try OutputFolder.check(siteDir, protecting: protected)
            output.add(docs.diagnostics)
            var outcomes: [SampleKey: SampleOutcome]?
            var checkSummary = ""
            var notRun = 0
            var samples: [DiagnosticRenderer.SampleEntry]?
            if !noCheck {
                let report = engines.check(docs, progress: progress)
                output.add(report.diagnostics)
                outcomes = report.outcomes
                checkSummary = report.summaryLine + "; "
                notRun = report.count(.notRun)
                samples = report.sampleEntries(docs)
            }
            let render = RenderStage(docs: docs, outcomes: outcomes, policyJSON: encodeJSON(PolicyDescription.civicrm))
            output.add(render.checkLinks())
            if options.strict && notRun > 0 {
                output.finish(summaryLine: checkSummary + "build failed: a required engine is missing; \(siteDir) left as it was",
                              summary: ["pages": docs.pages.count])
                throw ExitCode(2)
            }
            if output.errorCount > 0 {
                output.finish(summaryLine: checkSummary + "build failed: \(output.errorCount) errors; \(siteDir) left as it was",
                              summary: ["pages": docs.pages.count])
                throw ExitCode(1)
            }
            progress.show("rendering \(counted(docs.pages.count, "page"))")
            let writer = try SiteWriter(output: siteDir, protecting: protected)
            let summary: RenderStage.Summary
            do {
                summary = try render.run(into: writer)
                try writer.commit()
            } catch {
                writer.discard()
                throw error
            }
            progress.clear()
            let seconds = Date().timeIntervalSince(started)
            output.finish(
                summaryLine: checkSummary + "built \(counted(summary.pages, "page")) and \(counted(summary.assets, "file")) into \(siteDir) "
                    + "in \(String(seconds, decimals: 2)) s: \(output.warningCount) warnings",
                summary: ["pages": summary.pages, "assets": summary.assets], samples: samples)
        } catch let error as DocError {
            progress.clear()
            throw DiagnosticOutput.fail(error, format: options.format)
        }
    }
}

/// `1 page`, `2 pages`.
func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

