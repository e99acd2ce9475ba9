import ArgumentParser
import DocModel
import Pipeline

/// mkdocs' own flags, with mkdocs' meaning, for `build` and `serve`: a build line written for
/// mkdocs (CiviCRM's publisher runs `mkdocs build --clean --strict`) runs with the word `mkdocs`
/// replaced by `keydocs`. keydocs' own names for the same things stay as they were; `-s` is
/// `--strict`'s short name and `-q` was already `--quiet`'s.
struct MkdocsOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("config-file")],
            help: ArgumentHelp("mkdocs' name for --config: the config file, whose folder holds the docs and site folders.", valueName: "file"))
    var configFile: String?

    @Flag(name: .shortAndLong, help: "Also print each code block's outcome and each redirect page written; serve also prints the notes.")
    var verbose = false

    @Flag(name: .shortAndLong, help: """
        Accepted for mkdocs; changes nothing: keydocs writes the whole site into a new folder and swaps it in, \
        so no file of an earlier build is ever left behind.
        """)
    var clean = false

    @Flag(help: """
        Accepted for mkdocs; changes nothing: keydocs renders every page on every build (serve, after an edit \
        to a page's text, renders that page and the search index), so no page is ever left stale.
        """)
    var dirty = false

    @Flag var directoryURLs: DirectoryURLs?

    @Option(name: .shortAndLong, help: ArgumentHelp("Accepted for mkdocs and ignored: keydocs renders its own theme.", valueName: "name"))
    var theme: String?

    /// mkdocs' `--use-directory-urls` and `--no-directory-urls`.
    enum DirectoryURLs: EnumerableFlag {
        case useDirectoryUrls, noDirectoryUrls

        static func help(for value: Self) -> ArgumentHelp? {
            switch value {
            case .useDirectoryUrls: "Pages at page/index.html, linked as page/ (overrides use_directory_urls)."
            case .noDirectoryUrls: "Pages at page.html (overrides use_directory_urls)."
            }
        }
    }

    /// Throws the usage error for `--config` given beside `-f`/`--config-file`.
    func validate(with options: DocsOptions) throws {
        if options.config != nil && configFile != nil {
            throw ValidationError("--config and -f/--config-file are one option under two names; give one of them")
        }
    }

    /// The pipeline's settings from keydocs' options, these and the engines'.
    func settings(_ options: DocsOptions, engines: EngineOptions, checksSamples: Bool) -> Build.Settings {
        var settings = options.settings(engines: engines, checksSamples: checksSamples)
        settings.location = location(options)
        settings.useDirectoryURLs = directoryURLs.map { $0 == .useDirectoryUrls }
        return settings
    }

    /// Where the docs are: `--docs`, and the config of `--config` or `-f`.
    func location(_ options: DocsOptions) -> DocsLocation {
        DocsLocation(docs: options.docs, config: options.config ?? configFile)
    }

    /// Says, once, what keydocs does not honour of the command line.
    func noteIgnored() {
        if let theme { Console.err("keydocs: note: --theme \(ConsoleText.visible(theme)) is ignored: keydocs renders its own theme") }
    }

    /// Under `--verbose`, a line for each code block's outcome and each redirect page written.
    func details(_ outcome: Build.Outcome) -> [String] {
        guard verbose else { return [] }
        let paths = outcome.docs.paths
        let site = outcome.site.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        let redirects = (outcome.written?.redirects ?? []).map { redirect in
            let target: String
            switch redirect.target {
            case .page(let path, let fragment): target = paths.outputPath(ofPage: path) + (fragment.map { "#" + $0 } ?? "")
            case .external(let url): target = url
            }
            return ConsoleText.visible("redirect: \(site)\(redirect.output) → \(target)")
        }
        return (outcome.samples ?? []).map(DiagnosticRenderer.text) + redirects
    }
}
