import ArgumentParser
import DocModel
import KeyPolicy
import Foundation

extension DiagnosticFormat: ExpressibleByArgument {}

/// Options that every command reading the docs shares.
struct DocsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The docs folder (default: docs_dir of the config, or docs).", valueName: "dir"))
    var docs: String?

    @Option(help: ArgumentHelp("The mkdocs-style config (default: mkdocs.yml when it exists).", valueName: "file"))
    var config: String?

    @Flag(help: "Warnings count as errors, and a code block that no checker claims is an error.")
    var strict = false

    @Option(help: """
        Diagnostics format: text (stderr), github (workflow commands), or one document on stdout: \
        json (keydocs' own), sarif (SARIF 2.1.0, for code scanning) or gitlab (GitLab Code Quality).
        """)
    var format: DiagnosticFormat = .text

    @Flag(name: .shortAndLong, help: "No progress line on a terminal (there is none in CI or in a pipe either).")
    var quiet = false

    /// The config as given or found, and its path; defaults when there is none.
    func loadConfig() throws(DocError) -> (SiteConfig, String?) {
        if let config {
            return (try SiteConfig.load(path: config), config)
        }
        if FileManager.default.fileExists(atPath: "mkdocs.yml") {
            let found = try SiteConfig.load(path: "mkdocs.yml")
            // A --docs folder other than the config's own is a different set of docs.
            if let docs, Self.same(docs, found.docsDir) == false { return (SiteConfig(), nil) }
            return (found, "mkdocs.yml")
        }
        return (SiteConfig(), nil)
    }

    /// The docs folder: `--docs`, else the config's `docs_dir` beside the config file.
    func docsDir(config: SiteConfig, configPath: String?) -> String {
        if let docs { return docs }
        return Self.beside(configPath, config.docsDir)
    }

    /// Reads the config and loads the docs, with the policy's numbers as page variables.
    func loadDocs() throws(DocError) -> (docs: DocSet, configPath: String?) {
        // The policy's description, which pages' variables come from, is made while the config is read.
        DispatchQueue.global().async { _ = PolicyDescription.civicrm }
        let (config, configPath) = try loadConfig()
        let docsDir = docsDir(config: config, configPath: configPath)
        let docs = try LoadStage(docsDir: docsDir, config: config, configPath: configPath,
                                 variables: PolicyVariables.make()).run()
        return (docs, configPath)
    }

    /// What a site folder may neither be nor contain: the docs folder (first, since the site may
    /// not lie inside it either), the config file, its folder and the folder keydocs runs in.
    func protectedPaths(docs: String, configPath: String?) -> [(what: String, path: String)] {
        var paths = [(what: "the docs folder", path: docs)]
        if let configPath { paths.append((what: "the config file", path: configPath)) }
        paths.append((what: "the current folder", path: FileManager.default.currentDirectoryPath))
        if let configPath {
            let folder = SitePaths.directory(of: configPath)
            paths.append((what: "the config file's folder", path: folder.isEmpty ? "." : folder))
        }
        return paths
    }

    static func same(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.path == URL(fileURLWithPath: b).standardizedFileURL.path
    }

    /// `path` relative to the config file's folder, as the user would type it.
    static func beside(_ configPath: String?, _ path: String) -> String {
        guard let configPath, !path.hasPrefix("/") else { return path }
        let folder = SitePaths.directory(of: configPath)
        return folder.isEmpty ? path : folder + "/" + path
    }
}

/// Prints diagnostics in the chosen format and decides the exit status.
struct DiagnosticOutput {
    let format: DiagnosticFormat
    let strict: Bool
    private(set) var diagnostics: [Diagnostic] = []

    init(format: DiagnosticFormat, strict: Bool) {
        self.format = format
        self.strict = strict
    }

    /// Rules the guide turned off or changed, applied before `--strict`.
    var rules = RuleOverrides()

    /// Adds diagnostics, raising warnings to errors under `--strict`.
    mutating func add(_ more: [Diagnostic]) {
        let tuned = rules.apply(more)
        diagnostics.append(contentsOf: strict ? tuned.map { $0.strict() } : tuned)
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Prints every diagnostic in order, then the summary line (text and github) or the JSON document.
    func finish(summaryLine: String, summary: [String: Int], samples: [DiagnosticRenderer.SampleEntry]? = nil) {
        let sorted = diagnostics.sorted { ($0.location, $0.rule) < ($1.location, $1.rule) }
        switch format {
        case .text:
            for d in sorted { Console.err(DiagnosticRenderer.text(d, colour: Terminal.colour)) }
            Console.err(summaryLine)
        case .github:
            for d in sorted { Console.out(DiagnosticRenderer.github(d)) }
            Console.err(summaryLine)
        case .json:
            var counts = summary
            counts["errors"] = errorCount
            counts["warnings"] = warningCount
            Console.out(DiagnosticRenderer.json(sorted, summary: counts, samples: samples))
        case .sarif:
            Console.out(DiagnosticRenderer.sarif(sorted))
            Console.err(summaryLine)
        case .gitlab:
            Console.out(DiagnosticRenderer.gitlab(sorted))
            Console.err(summaryLine)
        }
    }

    /// Prints an error that stopped the run and exits with status 2.
    static func fail(_ error: DocError, format: DiagnosticFormat) -> ExitCode {
        let finding = Diagnostic(.error, at: SourceLocation(file: error.path, line: error.line ?? 1), rule: RuleID(failed: error.stage), error.reason)
        switch format {
        case .text: Console.err(DiagnosticRenderer.visible(error.description))
        case .github:
            Console.out("::error file=\(error.path)\(error.line.map { ",line=\($0)" } ?? ""),title=\(error.stage)::\(error.reason)")
        case .json: Console.out(DiagnosticRenderer.json([finding], summary: ["errors": 1]))
        case .sarif:
            Console.out(DiagnosticRenderer.sarif([finding]))
            Console.err(DiagnosticRenderer.visible(error.description))
        case .gitlab:
            Console.out(DiagnosticRenderer.gitlab([finding]))
            Console.err(DiagnosticRenderer.visible(error.description))
        }
        return ExitCode(2)
    }
}
