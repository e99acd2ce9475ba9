import Crypto
import DocModel
import Foundation
import KeyPolicy

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
    /// A folder that keeps results between runs (`--cache DIR`), or nil.
    public let folder: String?

    /// An empty cache, kept in memory, and in `folder` when one is given: there a page's results
    /// are found by a SHA-256 of everything that makes them (keydocs' version, the policy, the
    /// options, the page's path and its samples), so runs of different branches can share it.
    public init(folder: String? = nil) {
        self.folder = folder
    }

    /// How many pages the last check took from the cache.
    public var reused: Int { lock.withLock { _reused } }

    /// The results of `page` when its samples and the options (`CheckOptions.fingerprint`) are
    /// what they were made with.
    func entry(for page: Page, options: String) -> Entry? {
        let kept = lock.withLock { () -> Entry? in
            guard let entry = entries[page.docsPath], entry.options == options, entry.samples == page.samples else { return nil }
            return entry
        }
        return kept ?? stored(page, options: options)
    }

    /// What a page's results are filed under in the folder.
    static func key(_ page: Page, options: String) -> String {
        var text = "keydocs \(keydocsVersion)\n\(Policy.civicrm)\n\(options)\n\(page.filePath)\n\(page.docsPath)\n"
        for sample in page.samples { text += "\(sample)\n" }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The results in the folder's file.
    private struct Stored: Codable {
        var diagnostics: [Diagnostic]
        var outcomes: [String: SampleOutcome]
    }

    private func stored(_ page: Page, options: String) -> Entry? {
        guard let folder, let data = FileManager.default.contents(atPath: folder + "/" + Self.key(page, options: options) + ".json"),
              let stored = try? JSONDecoder().decode(Stored.self, from: data) else { return nil }
        var outcomes: [Int: SampleOutcome] = [:]
        for (index, outcome) in stored.outcomes {
            guard let index = Int(index) else { return nil }
            outcomes[index] = outcome
        }
        guard outcomes.count == page.samples.count else { return nil }
        let entry = Entry(options: options, samples: page.samples, diagnostics: stored.diagnostics, outcomes: outcomes)
        lock.withLock { entries[page.docsPath] = entry }
        return entry
    }

    /// Writes a page's results into the folder: a temporary file renamed into place, so a
    /// reader finds a whole file or none.
    private func save(_ page: Page, options: String, diagnostics: [Diagnostic], outcomes: [Int: SampleOutcome]) {
        guard let folder else { return }
        let stored = Stored(diagnostics: diagnostics, outcomes: Dictionary(uniqueKeysWithValues: outcomes.map { (String($0.key), $0.value) }))
        guard let data = try? JSONEncoder().encode(stored) else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = Self.key(page, options: options)
        let temporary = folder + "/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, folder + "/" + name + ".json") != 0 { unlink(temporary) }
    }

    /// Keeps a page's results, unless an engine was missing (a later check may find it).
    func store(_ page: Page, options: String, diagnostics: [Diagnostic], outcomes: [Int: SampleOutcome]) {
        guard !outcomes.values.contains(where: { $0.status == .notRun }) else { return }
        lock.withLock {
            entries[page.docsPath] = Entry(options: options, samples: page.samples, diagnostics: diagnostics, outcomes: outcomes)
        }
        save(page, options: options, diagnostics: diagnostics, outcomes: outcomes)
    }

    /// Forgets pages that are gone, and records how many were reused.
    func finish(pages: Set<String>, reused: Int) {
        lock.withLock {
            entries = entries.filter { pages.contains($0.key) }
            _reused = reused
        }
    }
}
