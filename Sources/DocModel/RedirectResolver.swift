import Foundation

/// Decides, once, what each redirect rule becomes: a redirect page of the site, or a finding.
/// A rule is refused (`redirect.invalid`) when it names `..` anywhere, a source that is hidden,
/// holds characters no file name may or is the site's root, or a target that is neither a page
/// of the guide nor an `http(s)` address (`javascript:`, `data:`, `//host`); it is left out
/// (`redirect.shadowed`) when a page, a file of the docs or an earlier rule already has its
/// address (the first rule for an address wins, as in CiviCRM's publisher); a target page that
/// does not exist is `link.broken`, as a link to it would be. A target that is another rule's
/// old address leads where that one leads, so that a reader takes one step, not a chain.
public struct RedirectResolver: Sendable {
    /// The docs whose pages redirects lead to.
    public let docs: DocSet
    /// The pages' anchors, by docs path.
    private let anchors: [String: Set<String>]

    /// A resolver against `docs`' pages and files.
    public init(docs: DocSet) {
        self.docs = docs
        anchors = Dictionary(uniqueKeysWithValues: docs.pages.map { ($0.docsPath, Set($0.headings.map(\.slug))) })
    }

    /// The redirects to write, in the rules' order, and the findings about the others.
    public func resolve(_ rules: [RedirectRule]) -> (redirects: [Redirect], findings: [Diagnostic]) {
        let paths = docs.paths
        // Every file the site will hold, with what holds it, and every folder they need.
        var taken: [String: Taken] = [:]
        for page in docs.pages { taken[paths.outputPath(ofPage: page.docsPath)] = .page(page.filePath) }
        for asset in docs.assets { taken[asset] = .file(docs.docsFolder + "/" + asset) }
        var folders = Set(taken.keys.flatMap(SitePaths.ancestors(of:)))
        var findings: [[Diagnostic]] = Array(repeating: [], count: rules.count)
        // First the old addresses: which rule has each.
        var outputs: [Int: String] = [:]
        var byOutput: [String: Int] = [:]
        for (i, rule) in rules.enumerated() {
            let output: String
            switch source(rule.source) {
            case .failure(let problem):
                findings[i].append(Diagnostic(at: rule.sourceLocation, rule: .redirectInvalid, "redirect from '\(rule.source)': \(problem)"))
                continue
            case .success(let path):
                output = path
            }
            if let holder = taken[output] ?? SitePaths.ancestors(of: output).lazy.compactMap({ taken[$0] }).first {
                findings[i].append(Diagnostic(at: rule.sourceLocation, rule: .redirectShadowed,
                                              "redirect from '\(rule.source)': \(holder.description) already takes \(output), and stays; this redirect is left out"))
                continue
            }
            if folders.contains(output) {
                findings[i].append(Diagnostic(at: rule.sourceLocation, rule: .redirectShadowed,
                                              "redirect from '\(rule.source)': \(output) is a folder of the site; this redirect is left out"))
                continue
            }
            taken[output] = .redirect(rule.sourceLocation)
            folders.formUnion(SitePaths.ancestors(of: output))
            outputs[i] = output
            byOutput[output] = i
        }
        // Then where each leads, through other rules' old addresses to a page or an address.
        var chain = Chain(rules: rules, byOutput: byOutput, resolver: self)
        var redirects: [Redirect] = []
        for (i, rule) in rules.enumerated() {
            guard let output = outputs[i] else { continue }
            switch chain.final(i) {
            case .refused(let problem):
                findings[i].append(Diagnostic(at: rule.targetLocation, rule: .redirectInvalid, "redirect to '\(rule.target)': \(problem)"))
            case .circle:
                findings[i].append(Diagnostic(at: rule.targetLocation, rule: .redirectInvalid,
                                              "redirect to '\(rule.target)': the redirects from here lead in a circle"))
            case .missing(let problem):
                findings[i].append(Diagnostic(at: rule.targetLocation, rule: .linkBroken, "redirect to '\(rule.target)': \(problem)"))
            case .found(let target, let problem):
                if let problem {
                    findings[i].append(Diagnostic(at: rule.targetLocation, rule: .linkBroken, "redirect to '\(rule.target)': \(problem)"))
                }
                redirects.append(Redirect(output: output, target: target, location: rule.sourceLocation))
            case .redirected:
                break
            }
        }
        return (redirects, findings.flatMap { $0 })
    }

    /// Follows targets through other rules' old addresses, each rule once, in a loop rather than
    /// by recursion: however long a chain a guide writes, it is walked in steps, not stack frames.
    private struct Chain {
        let rules: [RedirectRule]
        let byOutput: [String: Int]
        let resolver: RedirectResolver
        var memo: [Int: Resolution] = [:]

        mutating func final(_ start: Int) -> Resolution {
            // Walk to a rule whose end is known, or that leads to no other rule's old address.
            var walked: [(rule: Int, own: Resolution)] = []
            var onChain: Set<Int> = []
            var rule = start
            var end: Resolution
            while true {
                if let known = memo[rule] { end = known; break }
                if !onChain.insert(rule).inserted { end = .circle; break }
                let own = resolver.target(rules[rule].target, redirects: byOutput)
                walked.append((rule, own))
                guard case .redirected(let next, _) = own else { end = own; break }
                rule = next
            }
            // Back along the chain, each rule's end from the next one's.
            var next = end
            for (rule, own) in walked.reversed() {
                var result = own
                if case .redirected(let target, let fragment) = own {
                    switch next {
                    case .found(.page(let path, let inner), _): result = resolver.landing(path, fragment: fragment ?? inner)
                    case .found(.external(let url), _): result = .found(.external(url), problem: nil)
                    case .circle: result = .circle
                    case .missing, .refused, .redirected:
                        result = .missing(Problem("it is the old address of the redirect at \(rules[target].sourceLocation), which leads to no page"))
                    }
                }
                memo[rule] = result
                next = result
            }
            return memo[start] ?? end
        }
    }

    /// What holds a file of the site.
    private enum Taken: CustomStringConvertible {
        case page(String), file(String), redirect(SourceLocation)

        var description: String {
            switch self {
            case .page(let file): "the page \(file)"
            case .file(let file): "the file \(file)"
            case .redirect(let location): "the redirect at \(location)"
            }
        }
    }

    // MARK: - Source

    /// The file a redirect from `source` is written to, as a page at that address would be: a
    /// site path (`dev-tools/debugging`, `%2C` decoded as a server decodes it) or a docs path
    /// (`old.md`), with or without slashes around it.
    func source(_ source: String) -> Result<String, Problem> {
        if let problem = Self.climbs(source) { return .failure(problem) }
        let path = source.removingPercentEncodingIfValid
        if let problem = Self.climbs(path) { return .failure(problem) }
        if path.contains("?") || path.contains("#") { return .failure(Problem("an old address is a path, without '?' or '#'")) }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            return .failure(Problem("a control character or a backslash cannot be in a file name"))
        }
        let segments = path.split(separator: "/")
        guard !segments.isEmpty else { return .failure(Problem("the site's home cannot be redirected")) }
        if segments.contains(where: { $0.hasPrefix(".") }) { return .failure(Problem("a hidden file or folder is not written")) }
        if segments.contains(where: { $0.utf8.count > 240 }) { return .failure(Problem("a part of it is longer than a file name may be")) }
        let joined = segments.joined(separator: "/")
        let page = SitePaths.isPage(joined) ? joined : joined + ".md"
        // mkdocs-redirects writes a README.md's redirect where mkdocs puts a README page: as its folder's index.
        if segments.last == "README.md" {
            let folder = SitePaths.directory(of: joined)
            return .success(folder.isEmpty ? "index.html" : folder + "/index.html")
        }
        return .success(docs.paths.outputPath(ofPage: page))
    }

    // MARK: - Target

    enum Resolution {
        /// A page (with a problem of its anchor) or an address.
        case found(Redirect.Target, problem: Problem?)
        /// No page by that name.
        case missing(Problem)
        /// A target no redirect may have.
        case refused(Problem)
        /// Another rule's old address, with this rule's anchor.
        case redirected(Int, fragment: String?)
        /// Rules that lead back to themselves.
        case circle
    }

    /// What `target` leads to: a page of the guide (a site path or a docs path, with or without
    /// a trailing slash, `.md` or `.html`, and an anchor), another rule's old address (among
    /// `redirects`, by the file each is written to), or an `http(s)` address.
    func target(_ target: String, redirects: [String: Int]) -> Resolution {
        if let problem = Self.climbs(target) { return .refused(problem) }
        let lower = target.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard Self.isPlainAddress(target), let url = URLComponents(string: target), url.host?.isEmpty == false else {
                return .refused(Problem("not an address a browser can follow as written"))
            }
            return .found(.external(target), problem: nil)
        }
        switch SitePaths.target(of: target, onPage: "") {
        case .external, .anchor, .outside:
            return .refused(Problem("a redirect leads to a page of the guide or to an http(s) address, nothing else"))
        case .file, .absolute:
            break
        }
        var path = Substring(target)
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = path[..<hash]
        }
        if fragment?.isEmpty == true { fragment = nil }
        let decoded = String(path).removingPercentEncodingIfValid
        if let problem = Self.climbs(decoded) { return .refused(problem) }
        if decoded.contains("?") { return .refused(Problem("a redirect leads to a page, without a query")) }
        var trimmed = decoded.split(separator: "/").joined(separator: "/")
        // A file of the site names its page: `index.html`, `tools/index.html`, `tools.html`.
        if trimmed == "index.html" {
            trimmed = ""
        } else if trimmed.hasSuffix("/index.html") {
            trimmed.removeLast("/index.html".count)
        } else if trimmed.hasSuffix(".html") {
            trimmed.removeLast(".html".count)
        }
        let candidates: [String]
        if trimmed.isEmpty {
            candidates = ["index.md", "README.md"]
        } else if SitePaths.isPage(trimmed) {
            candidates = [trimmed]
        } else {
            candidates = [trimmed + ".md", trimmed + "/index.md", trimmed + "/README.md"]
        }
        if let page = candidates.first(where: { anchors[$0] != nil }) { return landing(page, fragment: fragment) }
        let paths = docs.paths
        if let next = candidates.lazy.compactMap({ redirects[paths.outputPath(ofPage: $0)] }).first {
            return .redirected(next, fragment: fragment)
        }
        let named = candidates.count == 1 ? candidates[0] : candidates.dropLast().joined(separator: ", ") + " or " + (candidates.last ?? "")
        return .missing(Problem("no page \(named) in \(docs.docsFolder)"))
    }

    /// The page at docs path `page`, at the heading `fragment` names: a problem when it has none.
    func landing(_ page: String, fragment: String?) -> Resolution {
        if let fragment, anchors[page]?.contains(fragment) != true {
            return .found(.page(page, fragment: fragment), problem: Problem("\(page) has no heading with the anchor '#\(fragment)'"))
        }
        return .found(.page(page, fragment: fragment), problem: nil)
    }

    // MARK: - Helpers

    /// Why a rule names a way out, when it does: a redirect stays inside the site, and `..` is
    /// refused wherever it is, as CiviCRM's publisher refuses it.
    static func climbs(_ text: String) -> Problem? {
        text.contains("..") ? Problem("'..' is refused in a redirect: a redirect stays inside the site") : nil
    }

    /// Whether `address` holds only what an address may hold unescaped: no space, quote, angle
    /// bracket, backslash or control character.
    static func isPlainAddress(_ address: String) -> Bool {
        address.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value < 0x7F && !"\"'<>\\^`{|}".unicodeScalars.contains(scalar)
        }
    }

    /// Why a rule is refused, in words.
    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
