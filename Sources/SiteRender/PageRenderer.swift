import DocModel

/// Renders one page into the site's layout.
struct PageRenderer: Sendable {
    let site: SiteContext
    let highlighter = Highlighter()

    /// The content security policy of a page that loads nothing from elsewhere: no inline
    /// script; inline `style=` attributes as the author wrote them, which can reach no more than
    /// the rest of the policy lets through.
    static let contentSecurityPolicy = policy(remote: [])

    /// The policy of a page that shows `remote`'s images and frames: their origins, and no other.
    static func policy(remote: [RemoteContent.Use]) -> String {
        func origins(_ kind: RemoteContent.Use.Kind) -> String {
            var seen: Set<String> = []
            return remote.filter { $0.kind == kind && seen.insert($0.origin).inserted }.map { " " + $0.origin }.sorted().joined()
        }
        let frames = origins(.frame)
        return "default-src 'none'; script-src 'self' file:; style-src 'self' file:; style-src-attr 'unsafe-inline'; "
            + "img-src 'self' file: data:\(origins(.image)); font-src 'self' file:; connect-src 'none'; "
            + (frames.isEmpty ? "" : "frame-src\(frames); ")
            + "base-uri 'none'; form-action 'none'"
    }

    /// The whole HTML document of `page`. `outcomes` holds check results by sample index; nil
    /// when checks did not run, which leaves the badges out.
    /// `outputPath` places a page that is not in the docs (the site map, the 404 page); `root`
    /// is the site's root as the page's links start with it, for a page served at any depth.
    func render(_ page: Page, outcomes: [Int: SampleOutcome]?, extraScripts: [String] = [], policy csp: String? = nil,
                outputPath: String? = nil, root fixedRoot: String? = nil) -> String {
        let output = outputPath ?? site.output(page.docsPath)
        let root = fixedRoot ?? site.rootPrefix(fromOutput: output)
        var h = HTML()
        h.raw("<!DOCTYPE html>\n")
        h.open("html", ["lang": site.language, "data-root": root, "data-page": output])
        h.raw("\n<head>\n<meta charset=\"utf-8\">\n")
        h.open("meta", ["http-equiv": "Content-Security-Policy", "content": csp ?? Self.policy(remote: page.remoteContent)])
        h.raw("\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        // mkdocs' page title: the nav's title for the page, else its first heading.
        let title = TitleHTML.text(site.titles[page.docsPath] ?? page.title)
        let isHome = output == "index.html"
        h.element("title", text: isHome || title == site.siteName ? site.siteName : "\(title) - \(site.siteName)")
        h.raw("\n")
        if let description = site.config.siteDescription {
            h.open("meta", ["name": "description", "content": description])
            h.raw("\n")
        }
        if let base = site.config.siteURL {
            h.open("link", ["rel": "canonical", "href": Self.absolute(base, site.paths.href(from: "", to: output))])
            h.raw("\n")
        }
        h.open("link", ["rel": "icon", "href": root + (site.localAsset(site.config.theme.favicon) ?? "assets/favicon.svg")])
        h.raw("\n")
        h.open("link", ["rel": "stylesheet", "href": root + "assets/keydocs.css"])
        h.raw("\n</head>\n<body>\n")
        header(&h, root: root)
        h.raw("<div class=\"layout\">\n")
        let words = site.words
        h.open("nav", ["class": "sidebar", "id": "site-nav", "aria-label": words(.siteNavigation)])
        // Without JavaScript the navigation is the site map, one page that lists every page.
        h.open("a", ["class": "nav-home", "href": fixedRoot.map { $0 + RenderStage.siteMapPath }
            ?? site.paths.href(from: output, to: RenderStage.siteMapPath)])
        h.text(words(.allPages))
        h.close("a")
        h.raw("</nav>\n<main id=\"content\">\n")
        breadcrumbs(&h, page: page)
        h.raw("<article class=\"page\">\n")
        if outputPath == nil, let edit = site.config.editURL(of: page.docsPath) {
            h.open("a", ["class": "edit-page", "href": edit, "rel": "edit"])
            h.raw(Self.icon("M4 20h4L19 9l-4-4L4 16v4M13.5 6.5l4 4"))
            h.text(" " + words(.editPage))
            h.close("a")
            h.raw("\n")
        }
        body(&h, page: page, outcomes: outcomes)
        h.raw("</article>\n")
        pager(&h, page: page, output: output)
        h.raw("</main>\n")
        tableOfContents(&h, page: page)
        h.raw("</div>\n")
        footer(&h)
        for script in ["assets/nav.js", "assets/search-index.js", "assets/keydocs.js"] + extraScripts {
            h.open("script", ["src": root + script])
            h.close("script")
            h.raw("\n")
        }
        h.raw("</body>\n</html>\n")
        return h.output
    }

    static func absolute(_ base: String, _ relative: String) -> String {
        let trimmed = base.hasSuffix("/") ? base : base + "/"
        return relative == "./" ? trimmed : trimmed + relative
    }

    // MARK: - Parts

    private func header(_ h: inout HTML, root: String) {
        let words = site.words
        h.element("a", ["class": "skip", "href": "#content"], text: words(.skipToContent))
        h.raw("\n<header class=\"topbar\">\n")
        h.raw("<button id=\"menu-toggle\" class=\"icon-button\" type=\"button\" aria-controls=\"site-nav\" aria-expanded=\"false\" hidden>"
            + Self.icon("M3 6h18M3 12h18M3 18h18"))
        h.element("span", ["class": "visually-hidden"], text: words(.menu))
        h.raw("</button>\n")
        h.open("a", ["class": "brand", "href": root.isEmpty ? "./" : root])
        if let logo = site.localAsset(site.config.theme.logo) {
            h.open("img", ["src": root + logo, "alt": ""])
        }
        h.element("span", ["class": "brand-name"], text: site.siteName)
        h.close("a")
        h.raw("\n<button id=\"search-toggle\" class=\"icon-button\" type=\"button\" aria-controls=\"search-input\" aria-expanded=\"false\" hidden>"
            + Self.icon("M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13M15.5 15.5L21 21"))
        h.element("span", ["class": "visually-hidden"], text: words(.search))
        h.raw("</button>\n<div class=\"search\" role=\"search\">")
        h.element("label", ["class": "visually-hidden", "for": "search-input"], text: words(.search))
        // Boolean attributes have no value: the words go in through the escaping function.
        h.raw("<input id=\"search-input\" type=\"search\" placeholder=\"" + escape(words(.search)) + "\" autocomplete=\"off\" "
            + "aria-controls=\"search-results\" disabled>")
        h.raw("<div id=\"search-results\" role=\"region\" aria-label=\"" + escape(words(.searchResults)) + "\" aria-live=\"polite\" hidden></div></div>\n")
        h.raw("<button id=\"theme-toggle\" class=\"icon-button\" type=\"button\" aria-label=\"" + escape(words(.switchToDark)) + "\" hidden>"
            + "<span aria-hidden=\"true\">◐</span></button>\n")
        if let repo = site.config.repoURL {
            h.open("a", ["class": "repo", "href": repo])
            h.text(words(.source))
            h.close("a")
            h.raw("\n")
        }
        h.raw("</header>\n")
    }

    /// A line drawing of the header's own, in the text's colour: `path` on a 24-unit square.
    static func icon(_ path: String) -> String {
        "<svg class=\"icon\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\" aria-hidden=\"true\" focusable=\"false\">"
            + "<path d=\"\(path)\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\" stroke-linecap=\"round\"/></svg>"
    }

    private func breadcrumbs(_ h: inout HTML, page: Page) {
        guard let trail = site.breadcrumbs[page.docsPath], !trail.isEmpty else { return }
        h.open("nav", ["class": "breadcrumbs", "aria-label": site.words(.breadcrumbs)])
        h.raw("<ol>")
        for crumb in trail { h.element("li", text: TitleHTML.text(crumb)) }
        h.raw("</ol></nav>\n")
    }

    private func body(_ h: inout HTML, page: Page, outcomes: [Int: SampleOutcome]?) {
        // As mkdocs-material does, a page without a level-1 heading gets one from its title.
        if !page.headings.contains(where: { $0.level == 1 }) {
            h.raw("<h1>" + TitleHTML.html(site.titles[page.docsPath] ?? page.title) + "</h1>\n")
        }
        let permalink = site.config.markdown.permalink
        for part in page.body {
            switch part {
            case .html(let html):
                h.raw(html)
            case .headingStart(let index):
                let heading = page.headings[index]
                h.open("h\(heading.level)", ["id": heading.slug, "class": heading.classes.isEmpty ? nil : heading.classes.joined(separator: " ")])
                // With toc's permalink the converter puts a `headerlink` at the heading's end instead.
                if !permalink {
                    h.open("a", ["class": "anchor", "href": "#" + heading.slug, "aria-label": site.words(.linkToSection)])
                    h.close("a")
                }
            case .sample(let index):
                codeBlock(&h, page.samples[index], outcome: outcomes.map { $0[index] ?? .unclaimed })
            }
        }
    }

    private func codeBlock(_ h: inout HTML, _ sample: Sample, outcome: SampleOutcome?) {
        let language = sample.language
        // A recipe shown on purpose as a mistake looks like a warning, says so in words, and
        // gets no Copy button (the site script leaves these blocks out).
        let expectedFailure = outcome?.isExpectedFailure == true
        let status = expectedFailure ? "expected-failure" : outcome?.status.rawValue
        // What a command printed (a sample key) is read, never copied: no Copy button either.
        h.open("div", ["class": "code", "data-status": status, "data-output": outcome?.showsOutput == true ? "true" : nil])
        h.raw("<div class=\"code-bar\">")
        // A block says its language, coloured or not; a block without one says nothing.
        h.element("span", ["class": "code-lang"], text: language ?? "")
        // A block the check counted but did not look into tells the reader nothing: no badge,
        // no note (its status stays in the site's data, for the check's reports).
        let shown = outcome.flatMap { badge(of: $0) == nil ? nil : $0 }
        if let outcome = shown, let label = badge(of: outcome) {
            let details = details(of: outcome)
            // What the check found, for touch and keyboard as well as a pointer: the badge opens it.
            h.raw("<details class=\"badge-info\">")
            h.element("summary", ["class": "badge", "data-status": status, "title": details.text], text: label)
            h.element("span", ["class": "badge-note", "role": "note", "lang": details.lang], text: details.text)
            h.raw("</details>")
        }
        // A block wider than its box scrolls: a keyboard reaches it to scroll it too.
        h.raw("</div>\n<pre tabindex=\"0\">")
        h.open("code", ["class": language.map { _ in "language-" + Self.firstWord(sample.info) }])
        h.raw(highlighter.highlight(sample.text, language: language))
        h.raw("</code></pre>\n")
        if expectedFailure {
            h.element("p", ["class": "code-note", "role": "note"], text: site.words(.brokenRecipe))
            h.raw("\n")
        } else if let outcome = shown, outcome.status != .verified {
            let details = details(of: outcome)
            h.element("p", ["class": "code-note", "lang": details.lang], text: details.text)
            h.raw("\n")
        }
        h.raw("</div>\n")
    }

    /// A badge's words for `outcome`, or nil for a block that gets none.
    private func badge(of outcome: SampleOutcome) -> String? {
        let words = site.words
        switch outcome.status {
        case .verified: return outcome.expectedRules.map { "⚠ " + words(.failsAsExpected, $0.map(\.rawValue).joined(separator: ", ")) }
            ?? "✓ " + words(outcome.showsOutput ? .outputChecked : .verified)
        case .skipped: return words(.skipped)
        case .failed: return "✗ " + words(.failed)
        case .unchecked: return words(.unchecked)
        case .notRun: return words(.notRun)
        case .notAboutKeys: return nil
        }
    }

    /// What a badge's details say: keydocs' own words in the site's language (the author's
    /// reason for a skip as written), and what a checker found as it reports it, in English,
    /// marked so where the page is in another language.
    private func details(of outcome: SampleOutcome) -> (text: String, lang: String?) {
        let words = site.words
        if let rules = outcome.expectedRules { return (words(.failsAsExpected, rules.map(\.rawValue).joined(separator: ", ")), nil) }
        if let reason = outcome.skipReason { return (words(.skippedBecause, reason), nil) }
        if outcome.isUnclaimed { return (words(.noCheckerClaims), nil) }
        return (outcome.note, words.language == .en ? nil : "en")
    }

    /// The info string's first word as cmark-gfm puts it in the class: up to the first space.
    static func firstWord(_ info: String) -> String {
        String(info.prefix { $0 != " " && $0 != "\t" })
    }

    private func pager(_ h: inout HTML, page: Page, output: String) {
        guard let at = site.position[page.docsPath] else { return }
        let previous = at > 0 ? site.readingOrder[at - 1] : nil
        let next = at + 1 < site.readingOrder.count ? site.readingOrder[at + 1] : nil
        guard previous != nil || next != nil else { return }
        h.open("nav", ["class": "pager", "aria-label": site.words(.pager)])
        if let previous {
            h.open("a", ["class": "prev", "rel": "prev", "href": site.paths.href(from: output, to: site.output(previous))])
            h.element("span", ["class": "pager-label"], text: site.words(.previous))
            h.element("span", ["class": "pager-title"], text: site.titles[previous].map(TitleHTML.text) ?? previous)
            h.close("a")
        }
        if let next {
            h.open("a", ["class": "next", "rel": "next", "href": site.paths.href(from: output, to: site.output(next))])
            h.element("span", ["class": "pager-label"], text: site.words(.next))
            h.element("span", ["class": "pager-title"], text: site.titles[next].map(TitleHTML.text) ?? next)
            h.close("a")
        }
        h.raw("</nav>\n")
    }

    private func tableOfContents(_ h: inout HTML, page: Page) {
        let depth = site.config.markdown.tocDepth
        let entries = page.headings.filter { $0.level >= 2 && $0.level <= depth }
        guard !entries.isEmpty else { return }
        h.raw("<aside class=\"toc\" aria-labelledby=\"toc-title\">\n")
        h.element("h2", ["id": "toc-title"], text: site.words(.onThisPage))
        h.raw("\n<ul>\n")
        for heading in entries {
            h.open("li", ["class": "toc-h\(heading.level)"])
            h.open("a", ["href": "#" + heading.slug])
            h.text(heading.text)
            h.close("a")
            h.close("li")
            h.raw("\n")
        }
        h.raw("</ul>\n</aside>\n")
    }

    private func footer(_ h: inout HTML) {
        h.raw("<footer class=\"footer\"><p>")
        h.text(site.siteName)
        h.text(" · " + site.words(.builtWith))
        h.raw("</p></footer>\n")
    }
}
