import DocModel
import Foundation
import Testing

/// The page around the article, in headless Chromium, over a fixture guide written for these
/// tests (Fixtures/reader): long addresses, a wide table and code, deep headings, remote images,
/// a frame, inline styles, and a small corpus for search.
@Suite(.serialized) struct ReaderPageTests {
    static let fixture = packageRoot.appendingPathComponent("Tests/keydocsTests/Fixtures/reader")

    /// The fixture built with `config`, into a folder of its own; the build's stderr beside it.
    static func build(config: String) -> Result<(site: URL, stderr: String), any Error> {
        Result {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-reader-\(UUID().uuidString)")
            let run = try keydocs(["build", "--no-check", "--docs", fixture.appendingPathComponent("docs").path,
                                   "--config", fixture.appendingPathComponent(config).path, "--site", folder.path])
            guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
            return (folder, run.stderr)
        }
    }

    static let site = build(config: "mkdocs.yml")
    static let localSite = build(config: "mkdocs-local.yml")

    func measure(width: Int, height: Int, steps: String) throws -> [String: Any] {
        try SiteLayoutTests.measure(site: try Self.site.get().site, width: width, height: height, steps: steps)
    }

    // The page with frames first: headless Chromium, in virtual time, loads it reliably only
    // into a frame that has not been navigated yet.
    static let pages = ["embedded/index.html", "index.html", "wide/index.html", "cron/index.html", "api/index.html",
                        "site-map.html"]

    /// Nothing is wider than a phone's screen, the header is one row, and the drawer has a
    /// backdrop, a close button and the page's contents.
    @Test(arguments: [(390, 844), (768, 1024)])
    func nothingIsWiderThanTheScreen(width: Int, height: Int) throws {
        let m = try measure(width: width, height: height, steps: """
            var pages = \(Self.pages), widths = {}, headers = {};
            function next(k) {
              if (k >= pages.length) { report('widths', widths); report('headers', headers); return drawer(); }
              load(pages[k], function (d, w) {
                widths[pages[k]] = d.documentElement.scrollWidth - w.innerWidth;
                headers[pages[k]] = d.querySelector('.topbar').getBoundingClientRect().height;
                next(k + 1);
              });
            }
            function drawer() {
              load('wide/index.html', function (d, w) {
                var menu = d.getElementById('menu-toggle'), nav = d.getElementById('site-nav');
                report('menuVisible', visible(menu));
                if (!visible(menu)) return done();
                menu.click();
                var backdrop = d.querySelector('.backdrop'), close = d.querySelector('.drawer-close');
                report('drawerOpen', visible(nav));
                report('backdropVisible', !!backdrop && w.getComputedStyle(backdrop).visibility === 'visible');
                report('closeVisible', visible(close));
                var toc = nav.querySelector('.nav-toc');
                report('drawerContents', toc && visible(toc) ? Array.prototype.map.call(toc.querySelectorAll('a'), function (a) { return a.textContent; }) : []);
                close.click();
                report('closedByButton', !visible(nav) && w.getComputedStyle(backdrop).visibility === 'hidden');
                menu.click();
                backdrop.click();
                report('closedByBackdrop', !visible(nav));
                done();
              });
            }
            next(0);
            """)
        #expect(m["exception"] == nil, "\(m)")
        let widths = try #require(m["widths"] as? [String: Double], "\(m)")
        #expect(widths.count == Self.pages.count)
        for (page, extra) in widths { #expect(extra <= 0, "\(page) is \(extra) px wider than the screen") }
        let headers = try #require(m["headers"] as? [String: Double])
        for (page, height) in headers { #expect(height >= 44 && height <= 56, "\(page): a header of \(height) px") }
        if width < 760 {
            #expect(m["drawerOpen"] as? Bool == true)
            #expect(m["backdropVisible"] as? Bool == true)
            #expect(m["closeVisible"] as? Bool == true)
            // The contents go to toc_depth 4: the fourth level is there, the fifth is not.
            let contents = try #require(m["drawerContents"] as? [String])
            #expect(contents.contains("A fourth level") && !contents.contains("A fifth level"), "\(contents)")
            #expect(m["closedByButton"] as? Bool == true)
            #expect(m["closedByBackdrop"] as? Bool == true)
        } else {
            #expect(m["menuVisible"] as? Bool == false)
        }
    }

    /// The drawer opens where the reader is: the current page's entry, and the first entry of
    /// its contents, are in view however far down the navigation they are (a short screen
    /// stands for a long guide), below the drawer's own header.
    @Test(arguments: ["site-key/index.html", "api/index.html", "pull-requests/index.html", "index.html"])
    func theDrawerOpensAtTheCurrentPage(_ path: String) throws {
        let m = try measure(width: 390, height: 260, steps: """
            load('\(path)', function (d, w) {
              var menu = d.getElementById('menu-toggle'), nav = d.getElementById('site-nav');
              menu.click();
              setTimeout(function () {
                var box = nav.getBoundingClientRect(), head = nav.querySelector('.drawer-head').getBoundingClientRect();
                function inView(e) { if (!e) return null; var r = e.getBoundingClientRect(); return r.top >= head.bottom - 0.5 && r.bottom <= box.bottom + 0.5; }
                var current = nav.querySelector('a[aria-current="page"]');
                report('current', current ? current.textContent : null);
                report('currentInView', inView(current));
                report('tocInView', inView(nav.querySelector('.nav-toc a')));
                report('hasToc', !!nav.querySelector('.nav-toc'));
                done();
              }, 300);
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        #expect(m["current"] is String, "\(m)")
        #expect(m["currentInView"] as? Bool == true, "\(m)")
        if m["hasToc"] as? Bool == true { #expect(m["tocInView"] as? Bool == true, "\(m)") }
    }

    /// While the drawer is open it is a modal dialog: the rest of the page is inert, Tab and
    /// Shift+Tab go round inside it, and Escape closes it and gives the focus back to the menu
    /// button.
    @Test(arguments: ["api/index.html", "wide/index.html", "index.html"])
    func theOpenDrawerKeepsTheFocus(_ path: String) throws {
        let m = try measure(width: 390, height: 844, steps: """
            load('\(path)', function (d, w) {
              var menu = d.getElementById('menu-toggle'), nav = d.getElementById('site-nav');
              function tab(from, shift) {
                from.focus();
                from.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'Tab', shiftKey: !!shift, bubbles: true, cancelable: true }));
                return d.activeElement;
              }
              menu.click();
              report('modal', nav.getAttribute('aria-modal'));
              report('role', nav.getAttribute('role'));
              report('mainInert', !!d.querySelector('main').closest('[inert]'));
              report('headerInert', !!d.querySelector('.topbar').closest('[inert]'));
              report('navInert', !!nav.closest('[inert]'));
              var focusable = Array.prototype.filter.call(nav.querySelectorAll('a[href], button, summary'), function (e) { return e.getClientRects().length > 0; });
              var first = focusable[0], last = focusable[focusable.length - 1];
              report('focusInside', nav.contains(d.activeElement));
              report('fromLast', tab(last) === first);
              report('fromFirstBack', tab(first, true) === last);
              report('middleStays', focusable.length > 2 ? tab(focusable[1]) === focusable[1] : true);
              d.activeElement.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
              report('closed', !nav.classList.contains('open'));
              report('focusOnMenu', d.activeElement === menu);
              report('inertAfter', d.querySelectorAll('[inert]').length);
              report('modalAfter', nav.getAttribute('aria-modal'));
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        #expect(m["modal"] as? String == "true", "\(m)")
        #expect(m["role"] as? String == "dialog", "\(m)")
        #expect(m["mainInert"] as? Bool == true && m["headerInert"] as? Bool == true, "\(m)")
        #expect(m["navInert"] as? Bool == false)
        #expect(m["focusInside"] as? Bool == true)
        #expect(m["fromLast"] as? Bool == true, "\(m)")
        #expect(m["fromFirstBack"] as? Bool == true, "\(m)")
        #expect(m["middleStays"] as? Bool == true, "\(m)")
        #expect(m["closed"] as? Bool == true && m["focusOnMenu"] as? Bool == true, "\(m)")
        #expect(m["inertAfter"] as? Int == 0 && m["modalAfter"] is NSNull, "\(m)")
    }

    /// Tables read as a documentation theme's: top-aligned cells, text a little smaller than
    /// the body's; a table wider than its box scrolls in it and shows it, faded at the edge
    /// where it is cut, and one that fits does not.
    @Test(arguments: [(390, 844), (768, 1024)])
    func aTableThatScrollsShowsIt(width: Int, height: Int) throws {
        let m = try measure(width: width, height: height, steps: """
            load('wide/index.html', function (d, w) {
              var tables = d.querySelectorAll('.page table'), wide = tables[0], small = tables[1];
              function fade(t) { var s = w.getComputedStyle(t); return (s.maskImage || s.webkitMaskImage || 'none') !== 'none'; }
              report('wideScrolls', wide.scrollWidth > wide.clientWidth);
              report('wideFaded', fade(wide));
              report('smallScrolls', small.scrollWidth > small.clientWidth);
              report('smallFaded', fade(small));
              report('pageWider', d.documentElement.scrollWidth > w.innerWidth);
              report('align', Array.prototype.map.call(d.querySelectorAll('.page td, .page th'), function (c) { return w.getComputedStyle(c).verticalAlign; }));
              report('tableFont', parseFloat(w.getComputedStyle(small.querySelector('td')).fontSize));
              report('bodyFont', parseFloat(w.getComputedStyle(d.querySelector('.page p')).fontSize));
              var before = w.getComputedStyle(wide).maskImage || w.getComputedStyle(wide).webkitMaskImage;
              wide.scrollLeft = wide.scrollWidth;
              wide.dispatchEvent(new w.Event('scroll'));
              setTimeout(function () {
                var after = w.getComputedStyle(wide).maskImage || w.getComputedStyle(wide).webkitMaskImage;
                report('fadeMoves', after !== before && after !== 'none');
                done();
              }, 100);
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        #expect(m["wideScrolls"] as? Bool == true && m["wideFaded"] as? Bool == true, "\(m)")
        #expect(m["smallScrolls"] as? Bool == false && m["smallFaded"] as? Bool == false, "\(m)")
        #expect(m["pageWider"] as? Bool == false)
        #expect(m["fadeMoves"] as? Bool == true, "\(m)")
        let align = try #require(m["align"] as? [String])
        #expect(align.count >= 10 && align.allSatisfy { $0 == "top" }, "\(align)")
        let table = try #require(m["tableFont"] as? Double), body = try #require(m["bodyFont"] as? Double)
        #expect(table < body && table >= body * 0.8, "\(m)")
    }

    /// Inline code sits snug in its sentence: no margin, and little more padding than a space,
    /// beside brackets, in a link, alone.
    @Test func inlineCodeHasNoGaps() throws {
        let m = try measure(width: 390, height: 844, steps: """
            load('wide/index.html', function (d, w) {
              report('codes', Array.prototype.map.call(d.querySelectorAll('.page p code, .page td code'), function (c) {
                var s = w.getComputedStyle(c), size = parseFloat(s.fontSize);
                return { text: c.textContent, outside: parseFloat(s.marginLeft) + parseFloat(s.marginRight),
                         inside: Math.max(parseFloat(s.paddingLeft), parseFloat(s.paddingRight)) / size };
              }));
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        let codes = try #require(m["codes"] as? [[String: Any]])
        #expect(codes.count >= 4, "\(codes)")
        for code in codes {
            #expect(code["outside"] as? Double == 0, "\(code)")
            #expect((code["inside"] as? Double ?? 1) <= 0.2, "\(code)")
        }
    }

    /// Each kind of admonition has an icon of its own in its title, besides its colour, and
    /// the title's text reads at WCAG AA on its background, in both themes.
    @Test(arguments: ["light", "dark"])
    func admonitionsHaveIcons(_ theme: String) throws {
        let m = try measure(width: 1280, height: 900, steps: """
            load('wide/index.html', function (d, w) {
              d.documentElement.setAttribute('data-theme', '\(theme)');
              function rgba(c) { var v = c.match(/[0-9.]+/g).map(Number); return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 }; }
              function over(top, under) { return { r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 }; }
              function lum(c) { return [c.r, c.g, c.b].map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                .reduce(function (sum, v, k) { return sum + v * [0.2126, 0.7152, 0.0722][k]; }, 0); }
              var page = rgba(w.getComputedStyle(d.body).backgroundColor);
              report('titles', Array.prototype.map.call(d.querySelectorAll('.page .admonition-title'), function (t) {
                var box = rgba(w.getComputedStyle(t.parentNode).backgroundColor), back = over(rgba(w.getComputedStyle(t).backgroundColor), over(box, page));
                var x = lum(rgba(w.getComputedStyle(t).color)), y = lum(back);
                var icon = w.getComputedStyle(t, '::before');
                return { kind: t.parentNode.className, icon: icon.maskImage || icon.webkitMaskImage || 'none', width: icon.width,
                         contrast: (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05) };
              }));
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        let titles = try #require(m["titles"] as? [[String: Any]])
        #expect(titles.count == 4, "\(titles)")
        let icons = titles.compactMap { $0["icon"] as? String }
        #expect(icons.allSatisfy { $0.contains("data:image/svg+xml") }, "\(icons)")
        #expect(Set(icons).count == titles.count, "each kind its own icon: \(titles)")
        for title in titles { #expect((title["contrast"] as? Double ?? 0) >= 4.5, "\(title)") }
    }

    /// The table of contents at every width: beside the page at 1280 px, under the page's entry
    /// in the navigation at 1024 px; the section in view is marked; the navigation's sections
    /// are a list, not notes.
    @Test(arguments: [(1024, 768), (1280, 900)])
    func theContentsFollowTheReader(width: Int, height: Int) throws {
        let m = try measure(width: width, height: height, steps: """
            load('wide/index.html', function (d, w) {
              var aside = d.querySelector('aside.toc'), inNav = d.querySelector('#site-nav .nav-toc');
              var shown = visible(aside) ? aside : inNav;
              report('asideVisible', visible(aside));
              report('navTocVisible', visible(inNav));
              report('entries', Array.prototype.map.call(shown.querySelectorAll('a'), function (a) { return a.textContent; }));
              var section = d.querySelector('#site-nav details');
              var style = w.getComputedStyle(section);
              report('navSectionBorder', style.borderLeftWidth);
              report('navSectionBackground', style.backgroundColor);
              report('navSummaryBackground', w.getComputedStyle(section.querySelector('summary')).backgroundColor);
              d.getElementById('a-fourth-level').scrollIntoView();
              // Headless Chromium sends no scroll event to a frame in virtual time: the test does.
              w.dispatchEvent(new w.Event('scroll'));
              setTimeout(function () {
                var active = shown.querySelector('a.active');
                report('active', active ? active.textContent : null);
                report('activeCurrent', active ? active.getAttribute('aria-current') : null);
                done();
              }, 300);
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        #expect(m["asideVisible"] as? Bool == (width > 1100))
        #expect(m["navTocVisible"] as? Bool == (width <= 1100))
        let entries = try #require(m["entries"] as? [String])
        #expect(entries == ["A wide table", "A long code line", "A third level", "A fourth level", "The last section"], "\(entries)")
        #expect(m["active"] as? String == "A fourth level", "\(m)")
        #expect(m["activeCurrent"] as? String == "location")
        #expect(m["navSectionBorder"] as? String == "0px")
        #expect(m["navSectionBackground"] as? String == "rgba(0, 0, 0, 0)")
        #expect(m["navSummaryBackground"] as? String == "rgba(0, 0, 0, 0)")
    }

    /// Search on a corpus of the fixture's own: whole words and their beginnings, titles and
    /// headings first, grouped by page, every page listed.
    @Test func searchRanksTitlesAndHeadingsOverText() throws {
        let m = try measure(width: 1280, height: 900, steps: """
            load('index.html', function (d, w) {
              var input = d.getElementById('search-input');
              function ask(q) {
                input.value = q;
                input.dispatchEvent(new w.Event('input'));
                return {
                  pages: Array.prototype.map.call(d.querySelectorAll('#search-results .result-page-title .result-title'), function (e) { return e.textContent; }),
                  count: (d.querySelector('#search-results .result-count') || d.querySelector('#search-results .empty')).textContent,
                  more: Array.prototype.map.call(d.querySelectorAll('#search-results .result-more'), function (b) { return b.textContent; }),
                  marked: Array.prototype.map.call(d.querySelectorAll('#search-results mark'), function (e) { return e.textContent.toLowerCase(); })
                };
              }
              report('cron', ask('cron'));
              report('apiKey', ask('api key'));
              report('job', ask('job'));
              report('prefix', ask('acro'));
              report('none', ask('zebra'));
              report('some', ask('cron restore'));
              report('someLabels', Array.prototype.map.call(d.querySelectorAll('#search-results .result-count'), function (e) { return e.textContent; }));
              var keys = ask('keys');
              report('keys', keys);
              var more = d.querySelector('#search-results .result-more');
              if (more) more.click();
              report('afterMore', d.querySelectorAll('#search-results .result-section').length);
              report('stillOpen', !d.getElementById('search-results').hidden);
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        func result(_ name: String) throws -> [String: Any] { try #require(m[name] as? [String: Any], "\(name): \(m)") }
        // "cron" is a word, not a part of "acronyms"; the page about cron comes before a page
        // that mentions it once.
        let cron = try result("cron")
        #expect(cron["pages"] as? [String] == ["Cron jobs", "Backups"], "\(cron)")
        #expect(cron["count"] as? String == "2 pages, 3 sections", "\(cron)")
        #expect((cron["marked"] as? [String])?.allSatisfy { $0 == "cron" || $0 == "crontab" } == true, "\(cron)")
        // Both words anywhere on a page; the pages whose title or headings hold them first, a
        // page that only says "API" often in its text last.
        let apiKey = try result("apiKey")
        #expect(apiKey["pages"] as? [String] == ["API authentication", "Site key", "Explorer"], "\(apiKey)")
        // Stemming: "job" finds "jobs".
        #expect((try result("job"))["pages"] as? [String] == ["Cron jobs"])
        // The beginning of a word finds the word.
        #expect((try result("prefix"))["pages"] as? [String] == ["Pull requests"])
        #expect((try result("none"))["count"] as? String == "No results")
        // Only pages with every word of the query.
        #expect((try result("some"))["pages"] as? [String] == ["Backups"])
        #expect(m["someLabels"] as? [String] == ["1 page, 2 sections"], "\(m)")
        // Six sections of one page: three shown, the others one click away.
        let keys = try result("keys")
        #expect((keys["pages"] as? [String])?.contains("API authentication") == true, "\(keys)")
        #expect((keys["more"] as? [String])?.contains("3 more on this page") == true, "\(keys)")
        #expect(m["afterMore"] as? Int ?? 0 >= 6, "\(m)")
        #expect(m["stillOpen"] as? Bool == true)
    }

    /// Every word of a query must be on a page; a term joined by hyphens, underscores or dots
    /// is found where its parts stand together, in order; the results are links in lists,
    /// reached with the arrow keys, and Escape on one of them closes them.
    /// A page whose title is the words as typed comes before pages whose titles only begin
    /// with them, however often those mention the words.
    @Test func thePageNamedAsTypedComesFirst() throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("docs"), withIntermediateDirectories: true)
        try "site_name: Hooks\n".write(to: root.appendingPathComponent("mkdocs.yml"), atomically: true, encoding: .utf8)
        let often = String(repeating: "## Calling hook_civicrm_post\n\nAfter hook_civicrm_post runs, hook_civicrm_post again.\n\n", count: 6)
        for (file, text) in [("index.md", "# Hooks\n\nSee the hooks.\n"),
                             ("post-save.md", "# hook_civicrm_postSave\n\n" + often),
                             ("post-commit.md", "# hook_civicrm_postCommit\n\n" + often),
                             ("post.md", "# hook_civicrm_post\n\nRuns after a write.\n")] {
            try text.write(to: root.appendingPathComponent("docs/" + file), atomically: true, encoding: .utf8)
        }
        let site = root.appendingPathComponent("site")
        let build = try keydocs(["build", "--no-check", "--site", site.path], directory: root)
        try #require(build.status == 0, "\(build.stderr)")
        let m = try SiteLayoutTests.measure(site: site, width: 1280, height: 900, steps: """
            load('index.html', function (d, w) {
              var input = d.getElementById('search-input');
              input.value = 'hook_civicrm_post';
              input.dispatchEvent(new w.Event('input'));
              report('titles', Array.prototype.map.call(d.querySelectorAll('#search-results .result-page-title .result-title'), function (e) { return e.textContent; }));
              done();
            });
            """)
        let titles = try #require(m["titles"] as? [String], "\(m)")
        #expect(titles.first == "hook_civicrm_post", "\(titles)")
        #expect(Set(titles) == ["hook_civicrm_post", "hook_civicrm_postSave", "hook_civicrm_postCommit"], "\(titles)")
    }

    @Test func searchFindsEveryWordAndJoinedTermsTogether() throws {
        let m = try measure(width: 1280, height: 900, steps: """
            load('index.html', function (d, w) {
              var input = d.getElementById('search-input'), results = d.getElementById('search-results');
              function ask(q) {
                input.value = q;
                input.dispatchEvent(new w.Event('input'));
                return Array.prototype.map.call(d.querySelectorAll('#search-results .result-page-title .result-title'), function (e) { return e.textContent; });
              }
              var queries = ['X-Civi-Auth', 'x-civi-au', 'x civi auth', 'hook_civicrm_post', 'civicrm_post', 'hook.civicrm.post', 'cron restore', 'cron zebra', 'API explorer'];
              var found = {};
              queries.forEach(function (q) { found[q] = ask(q); });
              report('found', found);
              ask('keys');
              report('nested', d.querySelectorAll('#search-results [role="option"] a, #search-results [role="option"] button, #search-results a a').length);
              report('links', d.querySelectorAll('#search-results a[href]').length);
              input.focus();
              input.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
              var first = d.activeElement;
              report('arrowFocusesResult', results.contains(first) && first.tagName === 'A');
              first.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }));
              report('arrowMoves', d.activeElement !== first && results.contains(d.activeElement));
              d.activeElement.dispatchEvent(new w.KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
              report('closedByEscape', results.hidden);
              report('focusBack', d.activeElement === input);
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        let found = try #require(m["found"] as? [String: [String]], "\(m)")
        #expect(found["X-Civi-Auth"] == ["Authentication headers"], "\(found)")
        #expect(found["x-civi-au"] == ["Authentication headers"], "\(found)")
        #expect(Set(found["x civi auth"] ?? []) == ["Authentication headers", "Explorer"], "\(found)")
        #expect(found["hook_civicrm_post"] == ["Hooks"], "\(found)")
        #expect(found["civicrm_post"] == ["Hooks"], "\(found)")
        #expect(found["hook.civicrm.post"] == ["Hooks"], "\(found)")
        #expect(found["cron restore"] == ["Backups"], "\(found)")
        #expect(found["cron zebra"] == [], "\(found)")
        #expect(found["API explorer"] == ["Explorer"], "\(found)")
        #expect(m["nested"] as? Int == 0)
        #expect((m["links"] as? Int ?? 0) >= 4)
        #expect(m["arrowFocusesResult"] as? Bool == true, "\(m)")
        #expect(m["arrowMoves"] as? Bool == true, "\(m)")
        #expect(m["closedByEscape"] as? Bool == true && m["focusBack"] as? Bool == true, "\(m)")
    }

    /// Remote images, the frame and inline styles are kept; the frame is sandboxed and keeps no
    /// handler; the policy lists exactly the sites the page uses; each site is a note.
    @Test func nothingTheAuthorWroteDisappears() throws {
        let build = try Self.site.get()
        let m = try SiteLayoutTests.measure(site: build.site, width: 1280, height: 900, steps: """
            load('embedded/index.html', function (d, w) {
              report('images', Array.prototype.map.call(d.querySelectorAll('.page img'), function (i) { return i.getAttribute('src'); }));
              report('frames', Array.prototype.map.call(d.querySelectorAll('.page iframe'), function (f) {
                return { src: f.getAttribute('src'), sandbox: f.getAttribute('sandbox'), onload: f.hasAttribute('onload'), srcdoc: f.hasAttribute('srcdoc') };
              }));
              var swatch = d.querySelector('.swatch');
              report('swatch', swatch ? w.getComputedStyle(swatch).backgroundColor : null);
              report('title', d.title);
              report('scriptAsText', d.querySelector('.page').textContent.indexOf('<script>') >= 0);
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        #expect(m["images"] as? [String] == ["https://images.example.org/flow/diagram.png", "https://cdn.example.net/pictures/photo.png"])
        let frames = try #require(m["frames"] as? [[String: Any]])
        #expect(frames.count == 2)
        #expect(frames.first?["src"] as? String == "https://video.example.com/embed/12345")
        #expect(frames.last?["src"] is NSNull, "a javascript: frame has no source: \(frames)")
        for frame in frames {
            let sandbox = (frame["sandbox"] as? String ?? "").split(separator: " ")
            #expect(sandbox.count > 0 && !sandbox.contains("allow-same-origin"), "\(frame)")
            #expect(frame["onload"] as? Bool == false && frame["srcdoc"] as? Bool == false)
        }
        #expect(m["swatch"] as? String == "rgb(255, 0, 0)")
        #expect(m["title"] as? String != "ran")
        #expect(m["scriptAsText"] as? Bool == true)
        let html = try String(contentsOf: build.site.appendingPathComponent("embedded/index.html"), encoding: .utf8)
        #expect(html.contains("img-src 'self' file: data: https://cdn.example.net https://images.example.org;"))
        #expect(html.contains("frame-src https://video.example.com;"))
        // A page without remote content allows none.
        let plain = try String(contentsOf: build.site.appendingPathComponent("wide/index.html"), encoding: .utf8)
        #expect(plain.contains("img-src 'self' file: data:;") && !plain.contains("frame-src"))
        let notes = build.stderr.split(separator: "\n").filter { $0.contains("[html.remote-origin]") }
        #expect(notes.count == 3, "\(build.stderr)")
        for origin in ["https://images.example.org", "https://cdn.example.net", "https://video.example.com"] {
            #expect(notes.filter { $0.contains(origin + ",") }.count == 1, "\(origin): \(notes)")
        }
        #expect(build.stderr.contains("embedded.md:17:1: warning:") && build.stderr.contains("[html.frame-source]"), "\(build.stderr)")
    }

    /// `extra: keydocs: remote_content: false`: the frame is text, the policy names no site.
    @Test func aGuideCanTurnRemoteContentOff() throws {
        let build = try Self.localSite.get()
        let html = try String(contentsOf: build.site.appendingPathComponent("embedded/index.html"), encoding: .utf8)
        #expect(html.contains("img-src 'self' file: data:;") && !html.contains("frame-src"))
        #expect(!html.contains("<iframe") && html.contains("&lt;iframe"))
        #expect(!build.stderr.contains("html.remote-origin"))
    }

    /// The 404 page and the site map say their title once.
    @Test func keydocsOwnPagesHaveOneTitle() throws {
        let site = try Self.site.get().site
        for (page, title) in [("404.html", "Page not found"), ("site-map.html", "All pages")] {
            let html = try String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)
            #expect(html.components(separatedBy: "<h1").count - 1 == 1, "\(page)")
            #expect(html.contains("<h1>\(title)</h1>"), "\(page)")
        }
    }

    /// mkdocs' theme settings a reader sees: "Edit this page", the logo, the favicon, the palette.
    @Test func theThemeSettingsAreShown() throws {
        let build = try Self.site.get()
        let m = try SiteLayoutTests.measure(site: build.site, width: 1280, height: 900, steps: """
            load('cron/index.html', function (d, w) {
              var edit = d.querySelector('a.edit-page');
              report('edit', edit ? edit.getAttribute('href') : null);
              var logo = d.querySelector('.brand img');
              report('logo', logo ? logo.naturalWidth > 0 && logo.getAttribute('src') : null);
              report('icon', d.querySelector('link[rel="icon"]').getAttribute('href'));
              var header = w.getComputedStyle(d.querySelector('.topbar'));
              report('headerBackground', header.backgroundColor);
              report('headerText', header.color);
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        #expect(m["edit"] as? String == "https://git.example.org/reader/fixture/edit/main/docs/cron.md")
        #expect(m["logo"] as? String == "../img/logo.svg")
        #expect(m["icon"] as? String == "../assets/favicon.svg")
        #expect(m["headerBackground"] as? String == "rgb(57, 73, 171)")
        #expect(m["headerText"] as? String == "rgb(255, 255, 255)")
        #expect(FileManager.default.fileExists(atPath: build.site.appendingPathComponent("assets/favicon.svg").path))
        // A guide without a repository has no edit link; one on GitHub gets mkdocs' default.
        var config = SiteConfig()
        #expect(config.editURL(of: "a.md") == nil)
        config.repoURL = "https://github.com/civicrm/civicrm-sysadmin-guide"
        #expect(config.editURL(of: "setup/jobs.md") == "https://github.com/civicrm/civicrm-sysadmin-guide/edit/master/docs/setup/jobs.md")
        config.editURI = ""
        #expect(config.editURL(of: "a.md") == nil)
    }
}
