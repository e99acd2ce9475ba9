import DocModel
import Foundation

/// The check results of pages whose samples have not changed, kept between the builds of
/// `keydocs serve`: a page's samples are checked on their own (nothing on one page depends on
/// another), so while its samples (text, annotations and lines) and the check's options stay the
/// same, so do its results.
public final class CheckCache: @unchecked Sendable {
    struct Entry {
        /// The options' fingerprint the results were made with.
        let options: String
        let samples: [Sample]
        let diagnostics: [Diagnostic]
        let outcomes: [Int: SampleOutcome]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var _reused = 0

    /// An empty cache.
    public init() {}

    /// How many pages the last check took from the cache.
    public var reused: Int { lock.withLock { _reused } }

    /// The results of `page` when its samples and the options (`CheckOptions.fingerprint`) are
    /// what they were made with.
    func entry(for page: Page, options: String) -> Entry? {
        lock.withLock {
            guard let entry = entries[page.path], entry.options == options, entry.samples == page.samples else { return nil }
            return entry
        }
    }

    /// Keeps a page's results, unless an engine was missing (a later check may find it).
    func store(_ page: Page, options: String, diagnostics: [Diagnostic], outcomes: [Int: SampleOutcome]) {
        guard !outcomes.values.contains(where: { $0.status == .notRun }) else { return }
        lock.withLock {
            entries[page.path] = Entry(options: options, samples: page.samples, diagnostics: diagnostics, outcomes: outcomes)
        }
    }

    /// Forgets pages that are gone, and records how many were reused.
    func finish(pages: Set<String>, reused: Int) {
        lock.withLock {
            entries = entries.filter { pages.contains($0.key) }
            _reused = reused
        }
    }
}
