import Database
import Dispatch
import DocModel
import Foundation
import KeyPolicy
import SampleCheck
import SiteRender
import Support

/// The pipeline that `check`, `build` and `serve` run: config → load → check → links → render →
/// write. It owns the stages, their order and what passes between them, the engines' lifetime
/// (a private MariaDB that `serve` keeps from one rebuild to the next) and the results of pages
/// that did not change; the commands say what to run and print what it came to.
public final class Build: @unchecked Sendable {
    /// What to build, and how.
    public struct Settings: Sendable {
        /// Where the docs and the config are.
        public var location = DocsLocation()
        /// Warnings count as errors, and a missing engine stops the run.
        public var strict = false
        /// Whether samples are run and checked (`--no-check` turns them off).
        public var checksSamples = true
        /// How samples run.
        public var engines = EngineSettings()
        /// `use_directory_urls` as the command line sets it, over the config's; nil leaves the config's.
        public var useDirectoryURLs: Bool?

        /// The defaults: the docs of `mkdocs.yml` here, checked.
        public init() {}
    }

    /// Why a run failed: a build then writes nothing.
    public enum Stop: Sendable, Equatable {
        /// Errors among the findings (warnings too under `strict`).
        case findings(errors: Int)
        /// Under `strict`, a sample whose engine is missing.
        case engineMissing
    }

    /// What a run came to.
    public struct Outcome: Sendable {
        /// The docs as loaded.
        public var docs: DocSet
        /// The config file, when there is one.
        public var configPath: String?
        /// Every finding in file and line order, with the guide's rule changes (and `strict`) applied.
        public var diagnostics: [Diagnostic]
        /// The sample check, when it ran.
        public var report: CheckReport?
        /// What was written, when the site was.
        public var written: RenderStage.Summary?
        /// The site folder, for `build`.
        public var site: String?
        /// Why nothing was written, for a build that stopped.
        public var stop: Stop?
        /// Seconds from the start of the run.
        public var seconds: Double

        /// Findings that are errors.
        public var errors: Int { diagnostics.count { $0.severity == .error } }
        /// Findings that are warnings.
        public var warnings: Int { diagnostics.count { $0.severity == .warning } }
        /// Whether a sample was not run because its engine is missing.
        public var enginesMissing: Bool { (report?.count(.notRun) ?? 0) > 0 }

        /// The run's numbers, for the JSON document.
        public var tally: Tally {
            var tally = report?.tally ?? Tally()
            tally.errors = errors
            tally.warnings = warnings
            if site == nil, let report {
                tally.pages = report.pages
            } else {
                tally.pages = written?.pages ?? docs.pages.count
                tally.assets = written?.assets
            }
            return tally
        }

        /// Every block's outcome, for the JSON document, when the samples were checked.
        public var samples: [DiagnosticRenderer.SampleEntry]? { report?.sampleEntries(docs) }

        /// The exit status the command ends with: 2 when a required engine is missing (under
        /// `strict`), 1 with errors among the findings, else 0; decided here for every command.
        public var exitCode: Int32 {
            switch stop {
            case .engineMissing?: 2
            case .findings?: 1
            case nil: 0
            }
        }

        /// Why the run failed, from its findings: under `strict`, a sample whose engine is
        /// missing; errors among the findings.
        static func stop(_ outcome: Outcome, strict: Bool) -> Stop? {
            if strict && outcome.enginesMissing { return .engineMissing }
            return outcome.errors > 0 ? .findings(errors: outcome.errors) : nil
        }

        /// One line on what the run did: the check's summary, then the build's.
        public var summaryLine: String {
            let checked = report?.summaryLine
            guard let site else { return checked ?? "\(counted(docs.pages.count, "page")) read" }
            let prefix = checked.map { $0 + "; " } ?? ""
            switch stop {
            case .engineMissing?: return prefix + "build failed: a required engine is missing; \(site) left as it was"
            case .findings(let count)?: return prefix + "build failed: \(counted(count, "error")); \(site) left as it was"
            case nil:
                return prefix + "built \(counted(written?.pages ?? 0, "page")) and \(counted(written?.assets ?? 0, "file")) into \(site) "
                    + "in \(String(seconds, decimals: 2)) s: \(counted(warnings, "warning"))"
            }
        }
    }

    /// The settings.
    public let settings: Settings
    /// Hears what the run is doing (`loading the docs`, `checking samples: 3 of 9 done…`); nil
    /// when it is done and the line can go.
    public let progress: @Sendable (String?) -> Void
    /// The check results of pages whose samples did not change since the last run.
    public let cache: CheckCache
    /// The pages of the last load, kept to read only what changed on the next.
    private let pages = PageCache()
    private let lock = NSLock()
    private var keepsDatabase: Bool
    private var server: MariaDBServer?

    /// A pipeline with `settings`. With `keepsDatabase`, a private MariaDB started for one run
    /// is kept for the next until `close()` (for `serve`); otherwise each check starts its own.
    public init(_ settings: Settings, keepsDatabase: Bool = false, progress: @escaping @Sendable (String?) -> Void = { _ in }) {
        self.settings = settings
        self.cache = CheckCache(folder: settings.engines.cacheFolder)
        self.keepsDatabase = keepsDatabase
        self.progress = progress
    }

    /// Stops the private MariaDB that the pipeline kept, if any.
    public func close() {
        lock.withLock {
            server?.stop()
            server = nil
            keepsDatabase = false
        }
    }

    // MARK: - Stages

    /// Reads the config and the docs, with the key policy's numbers as page variables. Pages
    /// whose files did not change since the last load are not read again.
    public func load() throws(DocError) -> (docs: DocSet, configPath: String?) {
        // The policy's description, which pages' variables come from, is made while the config is read.
        DispatchQueue.global().async { _ = PolicyDescription.civicrm }
        var (config, configPath) = try settings.location.loadConfig()
        if let useDirectoryURLs = settings.useDirectoryURLs { config.useDirectoryURLs = useDirectoryURLs }
        let docsFolder = try settings.location.confinedDocsFolder(config: config, configPath: configPath)
        let docs = try LoadStage(docsFolder: docsFolder, config: config, configPath: configPath,
                                 variables: PolicyVariables.make()).run(reusing: pages)
        return (docs, configPath)
    }

    /// Runs and judges every sample (pages whose samples did not change come from the cache).
    public func check(_ docs: DocSet) -> CheckReport {
        var options = CheckOptions()
        options.runs = settings.engines.runs
        options.fullCoverage = docs.config.fullCoverage
        options.mysql = settings.engines.mysql
        if !settings.engines.sandboxed { options.sandbox = Sandbox(mode: .none) }
        options.allowlist.formUnion(settings.engines.allow)
        options.privateServer = keptServer(for: docs)
        let progress = self.progress
        let report = CheckStage(docs: docs, options: options).run(cache: cache) { p in
            progress("checking samples: \(p.samplesDone) of \(p.samples) done, in \(p.pagesDone) of \(counted(p.pages, "page"))")
        }
        progress(nil)
        return report
    }

    /// The findings about the docs themselves: the config's and the load's notes, links that
    /// lead nowhere, pages at paths keydocs writes itself (asked of the render the build runs,
    /// generator files and all), and files the site publishes otherwise than written (`assets`,
    /// the review that the render then follows).
    public func docsFindings(_ docs: DocSet, assets: AssetReview) -> [Diagnostic] {
        docs.diagnostics + LinkCheck(docs: docs).run() + render(docs, outcomes: nil, assets: assets).reservedPaths() + assets.diagnostics
    }

    /// The guide's rule changes, then `strict`, applied to `diagnostics`, in file and line order.
    public func applyingRules(_ diagnostics: [Diagnostic], overrides: RuleOverrides) -> [Diagnostic] {
        let overridden = overrides.apply(diagnostics)
        return (settings.strict ? overridden.map { $0.strict() } : overridden).sorted { ($0.location, $0.rule) < ($1.location, $1.rule) }
    }

    /// The render of `docs` with the key generator's script and the policy it reads, and the
    /// docs folder's files as `assets` says.
    public func render(_ docs: DocSet, outcomes: [SampleKey: SampleOutcome]?, assets: AssetReview) -> RenderStage {
        RenderStage(docs: docs, outcomes: outcomes, policyJSON: encodeJSON(PolicyDescription.civicrm), assets: assets)
    }

    // MARK: - Runs

    /// `keydocs check`: loads the docs, checks every sample and every link, and writes nothing.
    public func checkOnly() throws(DocError) -> Outcome {
        let started = Date()
        progress("loading the docs")
        let (docs, configPath) = try load()
        let review = try AssetReview(docs: docs)
        let report = check(docs)
        let diagnostics = applyingRules(docsFindings(docs, assets: review) + report.diagnostics, overrides: docs.config.rules)
        progress(nil)
        var outcome = Outcome(docs: docs, configPath: configPath, diagnostics: diagnostics, report: report,
                              seconds: Date().timeIntervalSince(started))
        outcome.stop = Outcome.stop(outcome, strict: settings.strict)
        return outcome
    }

    /// `keydocs build`: checks (unless told not to), then renders into `site` (default: the
    /// config's `site_dir` beside it), replacing the old site in one step, only when nothing
    /// stops it. A `site` that a build must not replace is refused before anything runs.
    public func build(site: String? = nil) throws(DocError) -> Outcome {
        let started = Date()
        defer { progress(nil) }
        progress("loading the docs")
        let (docs, configPath) = try load()
        let siteDir = try settings.location.siteDir(site, config: docs.config, configPath: configPath)
        let protected = settings.location.protectedPaths(docs: docs.docsFolder, configPath: configPath)
        // Before any check runs: a typo in --site or site_dir fails at once, and touches nothing.
        try OutputFolder.check(siteDir, protecting: protected)
        let review = try AssetReview(docs: docs)
        let report = settings.checksSamples ? check(docs) : nil
        let diagnostics = applyingRules(docsFindings(docs, assets: review) + (report?.diagnostics ?? []), overrides: docs.config.rules)
        var outcome = Outcome(docs: docs, configPath: configPath, diagnostics: diagnostics, report: report, site: siteDir,
                              seconds: 0)
        outcome.stop = Outcome.stop(outcome, strict: settings.strict)
        if outcome.stop == nil {
            progress("rendering \(counted(docs.pages.count, "page"))")
            let writer = try SiteWriter(output: siteDir, protecting: protected,
                                        creatingFoldersWithin: settings.location.project(configPath: configPath))
            do throws(DocError) {
                outcome.written = try render(docs, outcomes: report?.outcomes, assets: review).run(into: writer)
                try writer.commit()
            } catch {
                writer.discard()
                throw error
            }
        }
        outcome.seconds = Date().timeIntervalSince(started)
        return outcome
    }

    /// A preview: what `serve` shows after each change.
    public struct PreviewResult: Sendable {
        /// The run, findings and all (a preview is written whatever they are).
        public var outcome: Outcome
        /// Pages rendered: all of them, or after an edit to some pages' text, only those.
        public var rendered: Int
        /// Whether the whole site was rendered.
        public var full: Bool
        /// Pages whose check results came from the last run, unchanged.
        public var reusedChecks: Int
    }

    /// What the last preview rendered from, with its files' identities.
    private var previewed: (docs: DocSet, outcomes: [SampleKey: SampleOutcome]?, assets: [FileStamp?])?

    /// `keydocs serve`: loads, checks and renders into `site`, a folder that this pipeline alone
    /// writes, whatever the findings. When the navigation, the config, the set of pages and the
    /// other files are as the last preview left them, only pages whose text or check results
    /// changed are rendered (with the search index); otherwise the whole site is. `publish` is
    /// called with the outcome and the step that puts the new files in place.
    public func preview(into site: String, publish: (Outcome, () throws(DocError) -> Void) throws(DocError) -> Void) throws(DocError) -> PreviewResult {
        let started = Date()
        defer { progress(nil) }
        progress("loading the docs")
        let (docs, configPath) = try load()
        let review = try AssetReview(docs: docs)
        let report = settings.checksSamples ? check(docs) : nil
        let diagnostics = applyingRules(docsFindings(docs, assets: review) + (report?.diagnostics ?? []), overrides: docs.config.rules)
        var outcome = Outcome(docs: docs, configPath: configPath, diagnostics: diagnostics, report: report, seconds: 0)
        var render = render(docs, outcomes: report?.outcomes, assets: review)
        // The preview serves the site at the server's root, whatever site_url's path.
        render.notFoundRoot = "/"
        let last = lock.withLock { previewed }
        // The docs folder's other files are copied only by a whole render: one that changed asks for it.
        let assets = docs.assets.map { FileStamp(path: docs.docsAbsolutePath + "/" + $0) }
        let changed = last.flatMap { $0.assets == assets ? Self.changedPages(from: $0.docs, $0.outcomes, to: docs, report?.outcomes) : nil }
        let writer: SiteWriter
        if let changed, FileManager.default.fileExists(atPath: site) {
            progress("rendering \(counted(changed.count, "changed page"))")
            writer = try SiteWriter(updating: site)
            do throws(DocError) { outcome.written = try render.update(into: writer, pages: changed) } catch {
                writer.discard()
                throw error
            }
        } else {
            progress("rendering \(counted(docs.pages.count, "page"))")
            writer = try SiteWriter(output: site)
            do throws(DocError) { outcome.written = try render.run(into: writer) } catch {
                writer.discard()
                throw error
            }
        }
        outcome.seconds = Date().timeIntervalSince(started)
        do throws(DocError) { try publish(outcome) { () throws(DocError) in try writer.commit() } } catch {
            writer.discard()
            throw error
        }
        lock.withLock { previewed = (docs, report?.outcomes, assets) }
        return PreviewResult(outcome: outcome, rendered: outcome.written?.pages ?? 0, full: changed == nil,
                       reusedChecks: report == nil ? 0 : cache.reused)
    }

    /// The pages to render again going from `old` to `new`, or nil when the whole site must be:
    /// when anything that every page shows or links to changed (the config, the navigation, the
    /// set of pages or files, a page's title), when the redirects changed, or when nothing is
    /// known of the last render.
    static func changedPages(from old: DocSet, _ oldOutcomes: [SampleKey: SampleOutcome]?,
                             to new: DocSet, _ newOutcomes: [SampleKey: SampleOutcome]?) -> Set<String>? {
        guard old.config == new.config, old.nav == new.nav, old.assets == new.assets, old.docsAbsolutePath == new.docsAbsolutePath, old.redirects == new.redirects,
              old.pages.count == new.pages.count, (oldOutcomes == nil) == (newOutcomes == nil) else { return nil }
        var changed: Set<String> = []
        for (before, after) in zip(old.pages, new.pages) {
            guard before.docsPath == after.docsPath, before.title == after.title else { return nil }
            if before != after { changed.insert(after.docsPath); continue }
            let keys = after.samples.map { SampleKey(page: after.docsPath, index: $0.index) }
            if keys.contains(where: { oldOutcomes?[$0] != newOutcomes?[$0] }) { changed.insert(after.docsPath) }
        }
        return changed
    }

    /// The private server that `serve` keeps between rebuilds, started the first time the docs
    /// have samples (any of which may turn out to be SQL), so that an edit does not wait for it.
    private func keptServer(for docs: DocSet) -> MariaDBServer? {
        lock.withLock {
            guard keepsDatabase, settings.engines.mysql == nil else { return nil }
            if server == nil, docs.pages.contains(where: { !$0.samples.isEmpty }) { server = try? MariaDBServer.start() }
            return server
        }
    }
}

