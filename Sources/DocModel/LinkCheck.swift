import Dispatch
import Foundation
import Support

/// Resolves every internal link and anchor of every page against the loaded docs.
/// A link to a missing page, file or anchor is a `link.broken` warning at its place; a link
/// that climbs out of the docs folder is a `link.outside` warning.
public struct LinkCheck: Sendable {
    /// The docs whose links are checked.
    public let docs: DocSet

    /// A check of `docs`' links.
    public init(docs: DocSet) { self.docs = docs }

    /// Every finding, in page order.
    public func run() -> [Diagnostic] {
        let anchors = Dictionary(uniqueKeysWithValues: docs.pages.map { ($0.docsPath, Set($0.headings.map(\.slug))) })
        let assets = Set(docs.assets)
        let folders = Set(docs.pages.map(\.docsPath).flatMap(SitePaths.ancestors(of:)) + docs.assets.flatMap(SitePaths.ancestors(of:)))
        let pages = docs.pages
        let results = ConcurrentResults<[Diagnostic]>(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            results.set(i, check(pages[i], anchors: anchors, assets: assets, folders: folders))
        }
        return results.values.flatMap { $0 }
    }

    private func check(_ page: Page, anchors: [String: Set<String>], assets: Set<String>, folders: Set<String>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        do {
            for link in page.links {
                let noun = link.kind == .image ? "image" : "link"
                switch SitePaths.target(of: link.destination, onPage: page.docsPath) {
                case .external, .absolute:
                    continue
                case .outside:
                    out.append(Diagnostic(at: link.location, rule: .linkOutside,
                                          "\(noun) '\(link.destination)' points outside \(docs.docsFolder)"))
                case .anchor(let fragment):
                    if fragment.isEmpty { continue }
                    if !(anchors[page.docsPath]?.contains(fragment) ?? false) {
                        out.append(Diagnostic(at: link.location, rule: .linkBroken,
                                              "no heading with the anchor '#\(fragment)' on this page"))
                    }
                case .file(let path, let fragment):
                    if SitePaths.isPage(path) {
                        guard let targets = anchors[path] else {
                            out.append(Diagnostic(at: link.location, rule: .linkBroken,
                                                  "\(noun) to '\(link.destination)': no page \(path) in \(docs.docsFolder)"))
                            continue
                        }
                        if let fragment, !fragment.isEmpty, !targets.contains(fragment) {
                            out.append(Diagnostic(at: link.location, rule: .linkBroken,
                                                  "\(noun) to '\(link.destination)': \(path) has no heading with the anchor '#\(fragment)'"))
                        }
                    } else if !path.isEmpty && !assets.contains(path) && !folders.contains(path) {
                        out.append(Diagnostic(at: link.location, rule: .linkBroken,
                                              "\(noun) to '\(link.destination)': no file \(path) in \(docs.docsFolder)"))
                    }
                }
            }
        }
        return out
    }
}
