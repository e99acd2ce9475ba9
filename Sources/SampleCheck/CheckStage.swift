import Dispatch
import DocModel
import Foundation
import KeyPolicy
import Support

/// The check stage: every sample of every page, claimed by one checker, skipped by an
/// annotation, or reported as unchecked. Pages are checked in parallel; within a page,
/// samples run in order, since later steps use what earlier ones made.
public struct CheckStage: Sendable {
    /// The docs.
    public let docs: DocSet
    /// How to check.
    public let options: CheckOptions

    /// A check of `docs`.
    public init(docs: DocSet, options: CheckOptions) {
        self.docs = docs
        self.options = options
    }

    /// How far a check has got: samples and pages done, of how many.
    public struct Progress: Sendable {
        public var samplesDone = 0, samples = 0, pagesDone = 0, pages = 0
    }

    /// Checks everything and returns every finding and outcome. Pages whose samples are in
    /// `cache` unchanged are not checked again. `progress` hears of each page as it is done.
    public func run(cache: CheckCache? = nil, progress: (@Sendable (Progress) -> Void)? = nil) -> CheckReport {
        let pages = docs.pages.filter { !$0.samples.isEmpty }
        let fingerprint = options.fingerprint
        let cached = pages.map { cache?.entry(for: $0, options: fingerprint) }
        let pending = pages.indices.filter { cached[$0] == nil }
        // Each sample's annotation read and kind decided here, once: for the engines the check
        // needs, and for the pages.
        let annotationsByPage = pending.map { pages[$0].samples.map { Directives.parse($0.annotation) } }
        let kindsByPage = pending.indices.map { Classifier.kinds(of: pages[pending[$0]].samples, annotations: annotationsByPage[$0]) }
        let kinds = kindsByPage.flatMap { $0 }
        let engines = CheckEngines(options: options, needsSandbox: kinds.contains(.generator))
        if kinds.contains(.sql) { engines.prepareDatabase() }
        defer { engines.shutdown() }
        let validator = KeyValidator(policy: .civicrm)
        let results = ConcurrentResults<(diagnostics: [Diagnostic], outcomes: [Int: SampleOutcome])>(count: pending.count)
        let tally = ProgressTally(Progress(samples: kinds.count, pages: pending.count))
        progress?(tally.current)
        DispatchQueue.concurrentPerform(iterations: pending.count) { n in
            let page = pages[pending[n]]
            var checker = PageChecker(page: page, annotations: annotationsByPage[n], kinds: kindsByPage[n],
                                      validator: validator, options: options, engines: engines)
            checker.run()
            cache?.store(page, options: fingerprint, diagnostics: checker.diagnostics, outcomes: checker.outcomes)
            results.set(n, (checker.diagnostics, checker.outcomes))
            if let progress { progress(tally.add(samples: page.samples.count)) }
        }
        let fresh = results.values
        let freshIndex = Dictionary(uniqueKeysWithValues: pending.enumerated().map { ($1, $0) })
        var report = CheckReport()
        report.pages = pages.count
        report.reusedPages = pages.count - pending.count
        report.generatorRuns = engines.runs.made
        for (i, page) in pages.enumerated() {
            guard let result = cached[i].map({ ($0.diagnostics, $0.outcomes) }) ?? freshIndex[i].map({ fresh[$0] }) else { continue }
            report.diagnostics += result.0
            for (index, outcome) in result.1 {
                report.outcomes[SampleKey(page: page.docsPath, index: index)] = outcome
            }
        }
        cache?.finish(pages: Set(pages.map(\.docsPath)), reused: pages.count - pending.count)
        report.diagnostics.sort { ($0.location, $0.rule) < ($1.location, $1.rule) }
        return report
    }
}

/// The progress of a check, counted from several threads.
private final class ProgressTally: @unchecked Sendable {
    private let lock = NSLock()
    private var progress: CheckStage.Progress

    init(_ start: CheckStage.Progress) { progress = start }

    var current: CheckStage.Progress {
        lock.lock()
        defer { lock.unlock() }
        return progress
    }

    /// One more page done, with its samples.
    func add(samples: Int) -> CheckStage.Progress {
        lock.lock()
        defer { lock.unlock() }
        progress.samplesDone += samples
        progress.pagesDone += 1
        return progress
    }
}
