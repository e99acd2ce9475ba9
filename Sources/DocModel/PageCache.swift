import Foundation
import Support

/// The pages of the last load, each with its file's identity (inode, size, modification and
/// change times): a page whose file is the same as then is taken from here, not read and
/// converted again. What the conversion depends on besides the file (the Markdown options, the
/// URL style, which README pages are indexes, the variables) is kept too, and a change to any of
/// it empties the cache. `serve` keeps one from rebuild to rebuild.
public final class PageCache: @unchecked Sendable {
    /// What a page's conversion depends on besides its file.
    struct Context: Equatable {
        var docsFolder: String
        var root: String
        var markdown: MarkdownOptions
        var useDirectoryURLs: Bool
        var readmeIndexes: Set<String>
        var variables: [String: String]
    }

    private let lock = NSLock()
    private var context: Context?
    private var entries: [String: (stamp: FileStamp, page: Page)] = [:]
    private var lastReused = 0, lastRead = 0

    /// An empty cache.
    public init() {}

    /// Pages the last load took from the cache, and pages it read.
    public var counts: (reused: Int, read: Int) { lock.withLock { (lastReused, lastRead) } }

    /// The page at `path` if its file still has `stamp` and the context is the same.
    func page(_ path: String, stamp: FileStamp?, context: Context) -> Page? {
        lock.withLock {
            guard self.context == context, let stamp, let entry = entries[path], entry.stamp == stamp else { return nil }
            return entry.page
        }
    }

    /// Replaces the cache's pages with the last load's.
    func store(_ pages: [(stamp: FileStamp?, page: Page)], context: Context, reused: Int) {
        lock.withLock {
            self.context = context
            entries = [:]
            for entry in pages { if let stamp = entry.stamp { entries[entry.page.docsPath] = (stamp, entry.page) } }
            lastReused = reused
            lastRead = pages.count - reused
        }
    }
}
