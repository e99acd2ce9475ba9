import ArgumentParser
import Pipeline

/// What `build` and `serve` share after their own options: whether the samples are checked,
/// mkdocs' flags, and the engines'.
struct RenderOptions: ParsableArguments {
    @Flag(help: "Render without running the sample checks.")
    var noCheck = false

    @OptionGroup var mkdocs: MkdocsOptions

    @OptionGroup var engines: EngineOptions

    /// The pipeline's settings from keydocs' options and these.
    func settings(_ options: DocsOptions) -> Build.Settings {
        mkdocs.settings(options, engines: engines, checksSamples: !noCheck)
    }
}
