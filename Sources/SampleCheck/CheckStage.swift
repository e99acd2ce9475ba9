import Dispatch
import DocModel
import Foundation
import KeyPolicy

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

    /// Checks everything and returns every finding and outcome.
    public func run() -> CheckReport {
        let pages = docs.pages.filter { !$0.samples.isEmpty }
        let kinds = pages.flatMap { page in page.samples.map { Directives.parse($0.annotation).flatMap { try? $0.get().kind } ?? Classifier.kind(of: $0) } }
        let engines = Engines(options: options, needsSandbox: kinds.contains(.generator))
        if kinds.contains(.sql) { engines.prepareDatabase() }
        defer { engines.shutdown() }
        let validator = KeyValidator(policy: .civicrm)
        let results = ConcurrentResults<PageChecker>(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            var checker = PageChecker(page: pages[i], validator: validator, options: options, engines: engines)
            checker.run()
            results.set(i, checker)
        }
        var report = CheckReport()
        report.pages = pages.count
        for checker in results.values {
            report.diagnostics += checker.diagnostics
            for (index, outcome) in checker.outcomes {
                report.outcomes[SampleKey(page: checker.page.path, index: index)] = outcome
            }
        }
        report.diagnostics.sort { ($0.location, $0.rule) < ($1.location, $1.rule) }
        return report
    }
}
