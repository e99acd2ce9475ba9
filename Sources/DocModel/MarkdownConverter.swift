import CCmarkGFM
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Support

/// Converts Markdown to `Page` values with cmark-gfm. The only file that touches the C library:
/// it parses, walks the tree once, copies what later stages need into Swift values, renders
/// the HTML, and frees everything before it returns.
public enum MarkdownConverter {
    /// The GitHub-flavoured extensions every page is parsed with.
    public static let extensions = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    private static let registration: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// A page's own filter in place of GitHub's tag filter: the tags that filter shows as text
    /// but `<iframe>` (which the walk writes again, sandboxed: `RemoteContent`), and `<meta>` and
    /// `<base>` (`HeadTags`) are written with `&lt;`, as text. Made once, never changed, shared
    /// by every render.
    nonisolated(unsafe) private static let pageTagFilter: OpaquePointer? = {
        guard let filter = cmark_syntax_extension_new("keydocs-tag-filter") else { return nil }
        cmark_syntax_extension_set_html_filter_func(filter) { _, tag, length in
            guard let tag else { return 1 }
            let bytes = UnsafeBufferPointer(start: tag, count: length)
            return HeadTags.opened(by: bytes) == nil && !HeadTags.filtered(bytes) ? 1 : 0
        }
        return filter
    }()

    /// cmark-gfm turns its extensions' special characters (`~`, `:`, `w`, `|`) on in a table
    /// shared by every parser when it starts parsing inlines, and off when it is done, so two
    /// documents parsed at once can each lose the other's autolinks and strikethroughs. Inline
    /// parsing takes this lock; block parsing, walking and rendering run in parallel.
    private static let parseLock = NSLock()

    /// Parses `markdown`, the page at `docsPath` in the docs folder (by default `file`), whose
    /// file diagnostics name `file`. `rewrite` maps a link destination to the one the HTML
    /// should carry (a `.md` link to its page URL), or returns nil to keep it.
    public static func convert(
        _ markdown: String, file: String, docsPath: String? = nil, options: MarkdownOptions = MarkdownOptions(),
        rewrite: (String) -> String? = { _ in nil }
    ) -> Page {
        // Most pages of a guide without extensions need no pass: cmark-gfm reads them as they are.
        guard BlockPass.needed(for: markdown, options: options) else {
            return parse(BlockPass.Output(text: markdown, map: SourceMap()), page: Page(docsPath: docsPath ?? file, filePath: file),
                         options: options, syntax: InlineSyntax(options: options, abbreviations: []), rewrite: rewrite)
        }
        let lines = BlockPass.split(markdown).enumerated().map { BlockPass.Line($1, origin: $0 + 1) }
        return convert(lines: lines, file: file, docsPath: docsPath, options: options, rewrite: rewrite)
    }

    /// Parses a page given as lines with their lines in the file (after variables are put in).
    public static func convert(
        lines: [BlockPass.Line], file: String, docsPath: String? = nil, options: MarkdownOptions,
        rewrite: (String) -> String? = { _ in nil }
    ) -> Page {
        _ = registration
        let titleTag = Marker(avoiding: lines.map(\.text).joined(separator: "\n")).tag
        var pass = BlockPass.run(lines, options: options, titleTag: titleTag)
        let syntax = InlineSyntax(options: options, abbreviations: pass.abbreviations)
        pass.text = pass.titles.fill(pass.text, tag: titleTag) { inline($0, syntax: syntax) }
        return parse(pass, page: Page(docsPath: docsPath ?? file, filePath: file), options: options, syntax: syntax, rewrite: rewrite)
    }

    /// Parses what the block pass wrote, walks it and renders it into `page`, which has its paths.
    private static func parse(_ pass: BlockPass.Output, page: Page, options: MarkdownOptions, syntax: InlineSyntax,
                              rewrite: (String) -> String?) -> Page {
        _ = registration
        let file = page.filePath
        // With pymdownx.tilde, `~x~` is a subscript: only `~~x~~` is struck through.
        let tildes = options.has(.tilde) ? CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE : 0
        let parseOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | tildes
        let renderOptions = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES
        guard let parser = cmark_parser_new(parseOptions) else { return page }
        defer { cmark_parser_free(parser) }
        for name in extensions where name != "tagfilter" {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        // Only here, not in `inline`: the HTML that `inline` makes is parsed again as part of the
        // page, whose walk reports each tag that this render then shows as text.
        if let filter = pageTagFilter { cmark_parser_attach_syntax_extension(parser, filter) }
        var source = pass.text
        // Block parsing (feed) touches no shared state; inline parsing (finish) does.
        source.withUTF8 { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        let document: OpaquePointer? = parseLock.withLock { cmark_parser_finish(parser) }
        guard let document else { return page }
        defer { cmark_node_free(document) }

        let marker = Marker(avoiding: pass.text)
        var walk = Walk(file: file, marker: marker, map: pass.map, attributes: pass.attributes,
                        remoteContent: options.remoteContent, syntax: syntax)
        walk.run(document, rewrite: rewrite)
        walk.assignSlugs()
        walk.placeMarkers(permalink: options.permalink)
        walk.placeAttributeMarkers()
        read(syntax, in: document)

        guard let rendered = cmark_render_html(document, renderOptions, cmark_parser_get_syntax_extensions(parser)) else {
            return page
        }
        var html = String(cString: rendered)
        free(rendered)
        html = InlinePass.run(html, options: options, attributes: (marker, walk.attributeHTML))
        var page = page
        page.title = pass.meta["title"] ?? walk.title ?? page.title
        page.headings = walk.headings
        page.links = walk.links
        page.samples = walk.samples
        page.body = marker.split(html)
        page.sections = walk.finishSections()
        page.findings = walk.findings
        page.remoteContent = walk.remote
        return page
    }

    /// The HTML of one line of inline Markdown (an admonition's title, a definition's term),
    /// with the page's inline `syntax`.
    static func inline(_ markdown: String, syntax: InlineSyntax) -> String {
        _ = registration
        // With pymdownx.tilde, `~x~` is a subscript, as on the page.
        guard let parser = cmark_parser_new(CMARK_OPT_UNSAFE | (syntax.tilde ? CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE : 0)) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        // Only inline content: a leading `#`, `-` or digit must not start a block.
        var source = markdown.first.map { "#-+*>0123456789=".contains($0) } == true ? "\\" + markdown : markdown
        // Block parsing (feed) touches no shared state; inline parsing (finish) does.
        source.withUTF8 { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        let document: OpaquePointer? = parseLock.withLock { cmark_parser_finish(parser) }
        guard let document else { return "" }
        defer { cmark_node_free(document) }
        read(syntax, in: document)
        guard let rendered = cmark_render_html(document, CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(rendered) }
        var html = String(cString: rendered).trimmingWhitespace()
        if html.hasPrefix("<p>") && html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
        return html
    }

    /// Puts the text and code spans of `document` through `syntax`, a page's or a title's.
    private static func read(_ syntax: InlineSyntax, in document: OpaquePointer) {
        guard !syntax.isEmpty else { return }
        // One text node for each run of text, which cmark-gfm may have left in several pieces.
        if syntax.readsText { cmark_consolidate_text_nodes(document) }
        apply(syntax, to: inlineNodes(of: document, syntax: syntax))
    }

    /// The text nodes and code spans of `document` that `syntax` reads: every one but those of an
    /// image's alternative text, which is written as plain text.
    private static func inlineNodes(of document: OpaquePointer, syntax: InlineSyntax) -> [OpaquePointer] {
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        var nodes: [OpaquePointer] = []
        var images = 0
        var event = cmark_iter_next(iterator)
        while event != CMARK_EVENT_DONE {
            if let node = cmark_iter_get_node(iterator) {
                let type = cmark_node_get_type(node)
                if type == CMARK_NODE_IMAGE {
                    images += event == CMARK_EVENT_ENTER ? 1 : -1
                } else if event == CMARK_EVENT_ENTER, images == 0, syntax.reads(type) {
                    nodes.append(node)
                }
            }
            event = cmark_iter_next(iterator)
        }
        return nodes
    }

    /// Puts `nodes` (text nodes and code spans, in the page's order) through `syntax`: the
    /// children of each container that holds one of the text nodes are read together, and a
    /// text node or code span that holds the syntax gives its place to the pieces, text as text
    /// nodes and HTML as inline HTML.
    private static func apply(_ syntax: InlineSyntax, to nodes: [OpaquePointer]) {
        var containers: [OpaquePointer] = []
        var seen = Set<OpaquePointer>()
        for node in nodes {
            if cmark_node_get_type(node) == CMARK_NODE_CODE {
                if let literal = cmark_node_get_literal(node), let html = syntax.code(String(cString: literal)) {
                    replace(node, with: [.html(html)])
                }
            } else if let parent = cmark_node_parent(node), seen.insert(parent).inserted, !isAutolink(parent) {
                containers.append(parent)
            }
        }
        for container in containers {
            var children: [OpaquePointer] = []
            var child = cmark_node_first_child(container)
            while let node = child {
                children.append(node)
                child = cmark_node_next(node)
            }
            let read = children.map { node -> InlineSyntax.Child in
                switch cmark_node_get_type(node) {
                case CMARK_NODE_TEXT: .text(cmark_node_get_literal(node).map { String(cString: $0) } ?? "")
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: .lineBreak
                default: .other
                }
            }
            for (index, pieces) in syntax.replacements(read) { replace(children[index], with: pieces) }
        }
    }

    /// Whether `node` is a link written as its address (`<https://…>`, `<a@b.org>`, or a bare
    /// `www.` address): its text is the address, not text to read.
    private static func isAutolink(_ node: OpaquePointer) -> Bool {
        guard cmark_node_get_type(node) == CMARK_NODE_LINK, let child = cmark_node_first_child(node), cmark_node_next(child) == nil,
              cmark_node_get_type(child) == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(child),
              let url = cmark_node_get_url(node) else { return false }
        let text = String(cString: literal), address = String(cString: url)
        return address == text || address == "mailto:" + text || address == "http://" + text
    }

    /// Puts `pieces` in the place of `node`, text as text nodes and HTML as inline HTML; where a
    /// piece cannot stand there, the node stays as it was.
    private static func replace(_ node: OpaquePointer, with pieces: [InlineSyntax.Piece]) {
        var placed: [OpaquePointer] = []
        for piece in pieces {
            let (type, content) = switch piece {
            case .text(let text): (CMARK_NODE_TEXT, text)
            case .html(let html): (CMARK_NODE_HTML_INLINE, html)
            }
            guard let new = cmark_node_new(type) else { break }
            cmark_node_set_literal(new, content)
            guard cmark_node_insert_before(node, new) != 0 else {
                cmark_node_free(new)
                break
            }
            placed.append(new)
        }
        for new in placed.count == pieces.count ? [node] : placed { cmark_node_free(new) }
    }

    /// The walk over the tree: collects values and remembers which nodes get markers.
    private struct Walk {
        let file: String
        let marker: Marker
        let map: SourceMap
        let attributes: AttributePlaces
        /// The attribute lists met, as HTML, and the links, images and paragraphs they belong to.
        var attributeHTML: [String] = []
        var attributeNodes: [OpaquePointer] = []
        var title: String?
        var headings: [Heading] = []
        var links: [Link] = []
        var samples: [Sample] = []
        var headingNodes: [OpaquePointer] = []
        /// Each heading's id from an attribute list, by heading index.
        var explicitIDs: [Int: String] = [:]
        /// The walk is inside a heading, whose text is the section's title, not its text.
        var inHeading = false
        var codeNodes: [OpaquePointer] = []
        var sections: [Section] = []
        var sectionText = CollapsedText()
        var currentSection = Section(slug: nil, title: "", text: "")
        /// Each destination's rewrite, for pages that link to one place more than once.
        var rewrites: [String: String?] = [:]
        /// A finding for each tag of the raw HTML that the render shows as text.
        var findings: [Diagnostic] = []
        /// Whether remote images and frames are shown (`extra: keydocs: remote_content`).
        let remoteContent: Bool
        /// The images and frames the page loads from other sites.
        var remote: [RemoteContent.Use] = []
        /// The page's inline syntax: a highlighted code span's text is its code.
        let syntax: InlineSyntax

        init(file: String, marker: Marker, map: SourceMap, attributes: AttributePlaces, remoteContent: Bool, syntax: InlineSyntax) {
            self.remoteContent = remoteContent
            self.syntax = syntax
            self.file = file
            self.marker = marker
            self.map = map
            self.attributes = attributes
        }

        func location(_ node: OpaquePointer) -> SourceLocation {
            map.location(file: file, line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node)))
        }

        /// Python-Markdown's ids: ids given with attribute lists first, then each other
        /// heading's slug, made unique with `_1`, `_2`.
        mutating func assignSlugs() {
            var slugger = Slugger(reserved: Set(explicitIDs.values))
            for index in headings.indices {
                headings[index].slug = explicitIDs[index] ?? slugger.slug(for: headings[index].text)
            }
        }

        mutating func run(_ document: OpaquePointer, rewrite: (String) -> String?) {
            guard let iterator = cmark_iter_new(document) else { return }
            defer { cmark_iter_free(iterator) }
            var event = cmark_iter_next(iterator)
            while event != CMARK_EVENT_DONE {
                if let node = cmark_iter_get_node(iterator) {
                    if event == CMARK_EVENT_ENTER {
                        enter(node, rewrite: rewrite)
                    } else if event == CMARK_EVENT_EXIT, cmark_node_get_type(node) == CMARK_NODE_HEADING {
                        inHeading = false
                    }
                }
                event = cmark_iter_next(iterator)
            }
        }

        mutating func enter(_ node: OpaquePointer, rewrite: (String) -> String?) {
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_HEADING:
                let text = plainText(node)
                let level = Int(cmark_node_get_heading_level(node))
                let parsedLine = Int(cmark_node_get_start_line(node))
                if let id = attributes.headings[parsedLine]?.id { explicitIDs[headings.count] = id }
                headings.append(Heading(level: level, text: text, slug: "", line: map.line(parsedLine),
                                        classes: attributes.headings[parsedLine]?.classes ?? []))
                headingNodes.append(node)
                if level == 1 && title == nil { title = text }
                var section = Section(slug: nil, title: text, text: "")
                section.headingIndex = headings.count - 1
                startSection(section)
                inHeading = true
            case CMARK_NODE_CODE_BLOCK:
                samples.append(sample(node))
                codeNodes.append(node)
                sectionText.append(samples[samples.count - 1].text)
            case CMARK_NODE_PARAGRAPH:
                if let found = attributes.paragraphs[Int(cmark_node_get_end_line(node))] { keep(found, for: node) }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let end = AttributePlaces.Place(line: Int(cmark_node_get_end_line(node)), column: Int(cmark_node_get_end_column(node)))
                if let list = attributes.links[end], takeText(list.written, after: node) { keep(list.attributes, for: node) }
                let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let location = self.location(node)
                links.append(Link(kind: type == CMARK_NODE_LINK ? .link : .image, destination: destination, location: location))
                if type == CMARK_NODE_IMAGE, remoteContent, let origin = RemoteContent.origin(of: destination) {
                    remote.append(RemoteContent.Use(.image, origin: origin, at: location))
                }
                let replacement: String?
                if let known = rewrites[destination] {
                    replacement = known
                } else {
                    replacement = rewrite(destination)
                    rewrites[destination] = .some(replacement)
                }
                if let replacement { cmark_node_set_url(node, replacement) }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if !inHeading, let literal = cmark_node_get_literal(node) {
                    if type == CMARK_NODE_CODE, syntax.hilite {
                        sectionText.append(syntax.shownText(ofCode: String(cString: literal)))
                    } else {
                        sectionText.append(literal)
                    }
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if let literal = cmark_node_get_literal(node) {
                    let html = String(cString: literal)
                    reportHeadTags(in: html, of: node)
                    rewriteFrames(in: html, of: node)
                }
            default:
                break
            }
        }

        /// A finding for each tag of `HeadTags` in `html`, the literal of `node`, at its own line.
        mutating func reportHeadTags(in html: String, of node: OpaquePointer) {
            let tags = HeadTags.find(in: html)
            guard !tags.isEmpty else { return }
            for (tag, location) in zip(tags, locations(of: tags.map(\.offset), in: html, of: node)) {
                findings.append(HeadTags.finding(tag.name, at: location))
            }
        }

        /// Each `<iframe>` of `html`, the literal of `node`, written again sandboxed (or as text
        /// when remote content is off), and each remote image and frame kept with its place.
        mutating func rewriteFrames(in html: String, of node: OpaquePointer) {
            guard html.utf8.contains(UInt8(ascii: "<")), html.range(of: "iframe", options: .caseInsensitive) != nil
                || html.range(of: "<img", options: .caseInsensitive) != nil else { return }
            let rewrite = RemoteContent.frames(in: html, allowed: remoteContent)
            if rewrite.html != html { cmark_node_set_literal(node, rewrite.html) }
            if remoteContent {
                for (use, location) in zip(rewrite.uses, locations(of: rewrite.uses.map(\.offset), in: html, of: node)) {
                    remote.append(RemoteContent.Use(use.kind, origin: use.origin, at: location))
                }
            }
            for location in locations(of: rewrite.sourceless, in: html, of: node) {
                findings.append(Diagnostic(at: location, rule: .htmlFrameSource,
                                           "an <iframe> is shown only from an http or https address; this one is shown empty"))
            }
        }

        /// The line and column of each byte offset of `html` (in increasing order), the literal
        /// of `node`: one pass over the bytes, however many offsets there are.
        func locations(of offsets: [Int], in html: String, of node: OpaquePointer) -> [SourceLocation] {
            let bytes = Array(html.utf8)
            var line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node)), offset = 0
            return offsets.map { target in
                while offset < target {
                    if bytes[offset] == 10 { line += 1; column = 1 } else { column += 1 }
                    offset += 1
                }
                return map.location(file: file, line: line, column: column)
            }
        }

        func insideImage(_ node: OpaquePointer) -> Bool {
            var parent = cmark_node_parent(node)
            while let p = parent {
                if cmark_node_get_type(p) == CMARK_NODE_IMAGE { return true }
                parent = cmark_node_parent(p)
            }
            return false
        }

        mutating func startSection(_ next: Section) {
            finishSection()
            currentSection = next
        }

        mutating func finishSection() {
            currentSection.text = sectionText.take()
            if currentSection.headingIndex != nil || !currentSection.text.isEmpty { sections.append(currentSection) }
        }

        mutating func finishSections() -> [Section] {
            finishSection()
            return sections.map { section in
                var section = section
                if let index = section.headingIndex { section.slug = headings[index].slug }
                return section
            }
        }

        func sample(_ node: OpaquePointer) -> Sample {
            var length: Int32 = 0, offset: Int32 = 0
            var character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            let start = Int(cmark_node_get_start_line(node))
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let text = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            var annotation: Annotation?
            if let previous = cmark_node_previous(node), cmark_node_get_type(previous) == CMARK_NODE_HTML_BLOCK,
               let literal = cmark_node_get_literal(previous) {
                let html = String(cString: literal).trimmingWhitespace()
                if html.hasPrefix("<!--") && html.hasSuffix("-->") {
                    let inner = html.dropFirst(4).dropLast(3)
                    annotation = Annotation(text: String(inner).trimmingWhitespace(),
                                            line: map.line(Int(cmark_node_get_start_line(previous))))
                }
            }
            // cmark counts a blank line after an indented block as part of it; the code ends earlier.
            let newlines = text.utf8.count(where: { $0 == 10 })
            let lineCount = max(1, newlines + 1 - (text.utf8.last == 10 ? 1 : 0))
            let end = fenced ? Int(cmark_node_get_end_line(node)) : start + lineCount - 1
            let place = location(node)
            return Sample(
                index: samples.count, file: file, startLine: place.line, endLine: map.line(end),
                contentLine: map.line(fenced ? start + 1 : start), column: place.column,
                info: info.trimmingWhitespace(), fenced: fenced, text: text, annotation: annotation)
        }

        /// Puts a marker comment at the start of each heading and in place of each code block;
        /// with `permalink`, a `headerlink` anchor at the end of each heading, as toc writes it.
        func placeMarkers(permalink: Bool) {
            for (index, node) in headingNodes.enumerated() {
                guard let html = cmark_node_new(CMARK_NODE_HTML_INLINE) else { continue }
                cmark_node_set_literal(html, marker.heading(index))
                if cmark_node_prepend_child(node, html) == 0 { cmark_node_free(html) }
                if permalink, let link = cmark_node_new(CMARK_NODE_HTML_INLINE) {
                    let slug = escape(headings[index].slug)
                    cmark_node_set_literal(link, "<a class=\"headerlink\" href=\"#\(slug)\" title=\"Permanent link\">&para;</a>")
                    if cmark_node_append_child(node, link) == 0 { cmark_node_free(link) }
                }
            }
            for (index, node) in codeNodes.enumerated() {
                guard let html = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { continue }
                cmark_node_set_literal(html, marker.sample(index))
                if cmark_node_replace(node, html) != 0 {
                    cmark_node_free(node)
                } else {
                    cmark_node_free(html)
                }
            }
        }

        /// Takes `written` out of the text that follows `node`, which may be several text nodes
        /// (cmark-gfm splits text at characters that could have been emphasis); whether it was
        /// there. The walk has not reached those nodes yet: the search text never holds the list.
        func takeText(_ written: String, after node: OpaquePointer) -> Bool {
            var texts: [(OpaquePointer, String)] = []
            var joined = ""
            var next = cmark_node_next(node)
            while let sibling = next, cmark_node_get_type(sibling) == CMARK_NODE_TEXT, joined.utf8.count < written.utf8.count {
                let literal = cmark_node_get_literal(sibling).map { String(cString: $0) } ?? ""
                texts.append((sibling, literal))
                joined += literal
                next = cmark_node_next(sibling)
            }
            guard joined.utf8.starts(with: written.utf8) else { return false }
            var left = written.utf8.count
            for (text, literal) in texts where left > 0 {
                let cut = min(left, literal.utf8.count)
                cmark_node_set_literal(text, String(decoding: literal.utf8.dropFirst(cut), as: UTF8.self))
                left -= cut
            }
            return true
        }

        /// Keeps an attribute list for the node it belongs to.
        mutating func keep(_ found: BlockPass.Attributes, for node: OpaquePointer) {
            attributeHTML.append(found.html)
            attributeNodes.append(node)
        }

        /// Puts a marker comment after each link or image that has attributes, and at the end of
        /// each such paragraph: the inline pass gives the element the attributes of its marker.
        func placeAttributeMarkers() {
            for (index, node) in attributeNodes.enumerated() {
                guard let html = cmark_node_new(CMARK_NODE_HTML_INLINE) else { continue }
                cmark_node_set_literal(html, marker.attributes(index))
                let placed = cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH
                    ? cmark_node_append_child(node, html) : cmark_node_insert_after(node, html)
                if placed == 0 { cmark_node_free(html) }
            }
        }

        /// The text of a node's inline content, as a reader sees it.
        func plainText(_ node: OpaquePointer) -> String {
            var parts: [String] = []
            guard let iterator = cmark_iter_new(node) else { return "" }
            defer { cmark_iter_free(iterator) }
            var event = cmark_iter_next(iterator)
            while event != CMARK_EVENT_DONE {
                if event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) {
                    let type = cmark_node_get_type(child)
                    // An image's alt text is not text of the heading (Python-Markdown's toc reads none).
                    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) && !insideImage(child), let literal = cmark_node_get_literal(child) {
                        let text = String(cString: literal)
                        parts.append(type == CMARK_NODE_CODE ? syntax.shownText(ofCode: text) : text)
                    } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                        parts.append(" ")
                    }
                }
                event = cmark_iter_next(iterator)
            }
            return parts.joined().trimmingWhitespace()
        }
    }
}

/// The comments that stand for headings and code blocks in the rendered HTML, with a tag that
/// the page's own text does not contain, so that no Markdown can fake one.
struct Marker: Sendable {
    let tag: String

    init(avoiding source: String) {
        var n: UInt32 = 0
        var tag = "keydocs-mark"
        while ByteSearch.contains(source, tag) {
            n += 1
            tag = "keydocs-mark\(n)"
        }
        self.tag = tag
    }

    func heading(_ index: Int) -> String { "<!--\(tag):h:\(index)-->" }
    func sample(_ index: Int) -> String { "<!--\(tag):s:\(index)-->\n" }
    /// Where the element before it takes the attributes of list `index`; the inline pass
    /// removes it.
    func attributes(_ index: Int) -> String { "<!--\(tag):a:\(index)-->" }
    /// What every attribute marker starts with.
    var attributesPrefix: String { "<!--\(tag):a:" }

    /// Splits rendered HTML at the markers.
    func split(_ html: String) -> [BodyPart] {
        var html = html
        let open = Array("<!--\(tag):".utf8)
        let close = Array("-->".utf8)
        return html.withUTF8 { bytes in
            var parts: [BodyPart] = []
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            var rest = 0
            while let start = ByteSearch.find(open, in: bytes, from: rest),
                  let end = ByteSearch.find(close, in: bytes, from: start + open.count) {
                let fields = text(start + open.count..<end).split(separator: ":")
                guard fields.count == 2, let index = Int(fields[1]) else { break }
                var before = rest..<start
                var after = end + close.count
                if fields[0] == "h" {
                    // `<hN>` precedes the marker: the part stands for the whole opening tag.
                    if start > rest, bytes[start - 1] == UInt8(ascii: ">"),
                       let tagStart = (rest..<start).last(where: { bytes[$0] == UInt8(ascii: "<") }) {
                        before = rest..<tagStart
                    }
                    if !before.isEmpty { parts.append(.html(text(before))) }
                    parts.append(.headingStart(index: index))
                } else {
                    if after < bytes.count && bytes[after] == 10 { after += 1 }
                    if !before.isEmpty { parts.append(.html(text(before))) }
                    parts.append(.sample(index: index))
                }
                rest = after
            }
            if rest < bytes.count { parts.append(.html(text(rest..<bytes.count))) }
            return parts
        }
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        // Most strings start and end with an ASCII character that is not white space.
        let string = String(self)
        if let first = string.utf8.first, let last = string.utf8.last, first > 32, first < 128, last > 32, last < 128 { return string }
        let scalars = string.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(Substring(scalars[first...last]))
    }
}

extension InlineSyntax {
    /// Whether it reads nodes of `type`: text, and code spans for inlinehilite.
    func reads(_ type: cmark_node_type) -> Bool {
        type == CMARK_NODE_TEXT ? readsText : type == CMARK_NODE_CODE && hilite
    }
}
