import Foundation
import Testing

/// The built guide in headless Chromium at a phone's width (390 × 844) and a desktop's
/// (1280 × 900). A harness page of the test's own loads a site page in a frame of that size,
/// works it as a reader would (the menu, a link to a heading, the theme, search) and writes what
/// it measured into its own DOM, which Chromium prints.
@Suite(.serialized) struct SiteLayoutTests {
    /// The guide built with its checks, so that pages carry their badges.
    static let site: Result<URL, any Error> = Result { () throws -> URL in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-layout-\(UUID().uuidString)")
        let run = try keydocs(["build", "--strict", "--runs", "20", "--site", folder.path], directory: packageRoot)
        guard run.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: run.stderr]) }
        return folder
    }

    /// Runs `steps` (JavaScript with `frame`, `load(path, then)`, `report(name, value)` and
    /// `done()`) in a harness beside the built site, in a frame `width` × `height`.
    func measure(width: Int, height: Int, steps: String) throws -> [String: Any] {
        try #require(FileManager.default.isExecutableFile(atPath: Browser.path), "Chromium is required (Debian package chromium)")
        return try Self.measure(site: try Self.site.get(), width: width, height: height, steps: steps)
    }

    /// `measure(width:height:steps:)` over any built site.
    static func measure(site: URL, width: Int, height: Int, steps: String, budget: Int = 10000) throws -> [String: Any] {
        try #require(FileManager.default.isExecutableFile(atPath: Browser.path), "Chromium is required (Debian package chromium)")
        let harness = site.deletingLastPathComponent().appendingPathComponent("harness-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: harness) }
        try """
            <!DOCTYPE html><html><body style="margin:0">
            <iframe id="frame" width="\(width)" height="\(height)" style="border:0"></iframe>
            <pre id="out">pending</pre>
            <script>
            var frame = document.getElementById('frame');
            var results = {};
            function report(name, value) { results[name] = value; }
            function done() { document.getElementById('out').textContent = JSON.stringify(results); }
            function load(path, then) {
              frame.onload = function () { setTimeout(function () { then(frame.contentDocument, frame.contentWindow); }, 400); };
              frame.src = '\(site.lastPathComponent)/' + path;
            }
            function visible(element) {
              if (!element) return false;
              var style = frame.contentWindow.getComputedStyle(element);
              var box = element.getBoundingClientRect();
              return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.right > 0 && box.left < \(width);
            }
            window.onerror = function (message) { report('exception', String(message)); done(); };
            try { \(steps) } catch (e) { report('exception', String(e)); done(); }
            </script></body></html>
            """.write(to: harness, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Browser.path)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("keydocs-harness-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                             "--allow-file-access-from-files", "--host-resolver-rules=MAP * ~NOTFOUND",
                             "--virtual-time-budget=\(budget)", "--window-size=1400,1000", "--dump-dom", harness.absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let json = try #require(Browser.text(of: "out", in: dom)?.replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&"))
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
    }

    static let readerSteps = """
        load('generating-keys.html', function (d, w) {
          var h1 = d.querySelector('.page h1'), menu = d.getElementById('menu-toggle'), nav = d.getElementById('site-nav');
          report('h1Top', h1.getBoundingClientRect().top);
          report('menuVisible', visible(menu));
          report('navVisible', visible(nav));
          report('navLinks', nav.querySelectorAll('a').length);
          if (visible(menu)) menu.click();
          setTimeout(function () {
            report('navVisibleAfterMenu', visible(nav));
            report('menuExpanded', menu.getAttribute('aria-expanded'));
            report('navBottom', nav.getBoundingClientRect().bottom);
            // A recipe to avoid: a warning, in words, and nothing to copy.
            var avoid = d.querySelectorAll('.code[data-status="expected-failure"]');
            report('avoidBlocks', avoid.length);
            report('avoidCopyButtons', Array.prototype.filter.call(avoid, function (b) { return b.querySelector('button.copy'); }).length);
            report('avoidBadge', avoid.length ? avoid[0].querySelector('.badge').textContent : '');
            report('avoidBadgeVisible', avoid.length ? visible(avoid[0].querySelector('.badge')) : false);
            report('avoidBorder', avoid.length ? w.getComputedStyle(avoid[0]).borderLeftColor : '');
            // What a command printed (a sample key): read, not copied.
            var outputs = d.querySelectorAll('.code[data-output]');
            report('outputBlocks', outputs.length);
            report('outputCopyButtons', Array.prototype.filter.call(outputs, function (b) { return b.querySelector('button.copy'); }).length);
            var good = d.querySelector('.code[data-status="verified"]:not([data-output])');
            report('verifiedBorder', w.getComputedStyle(good).borderLeftColor);
            report('verifiedCopy', !!good.querySelector('button.copy'));
            // What a badge stands for opens by touch and keyboard: it is a focusable summary.
            var badge = good.querySelector('summary.badge');
            report('badgeFocusable', !!badge && badge.tabIndex >= 0);
            report('badgeNoteHidden', !!badge && !badge.parentNode.open);
            if (badge) badge.click();
            report('badgeNoteVisible', visible(good.querySelector('.badge-note')));
            // Every badge's text reads at WCAG AA (4.5:1) on its own background.
            function rgb(c) { return c.match(/[0-9.]+/g).slice(0, 3).map(Number); }
            function lum(c) { return rgb(c).map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
              .reduce(function (sum, v, k) { return sum + v * [0.2126, 0.7152, 0.0722][k]; }, 0); }
            var worst = 99;
            Array.prototype.forEach.call(d.querySelectorAll('.badge'), function (b) {
              var style = w.getComputedStyle(b), x = lum(style.color), y = lum(style.backgroundColor);
              worst = Math.min(worst, (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05));
            });
            report('worstBadgeContrast', worst);
            // Search: an excerpt with the words found marked.
            var input = d.getElementById('search-input');
            input.value = 'openssl rand';
            input.dispatchEvent(new w.Event('input'));
            var first = d.querySelector('#search-results a.result-page-title');
            var excerpt = d.querySelector('#search-results .result-excerpt');
            report('searchExcerpt', excerpt ? excerpt.innerHTML : '');
            report('searchTitle', first ? first.querySelector('.result-title').innerHTML : '');
            // The theme: chosen here, kept on the next page.
            d.getElementById('theme-toggle').click();
            var chosen = d.documentElement.getAttribute('data-theme');
            report('themeChosen', chosen);
            load('assigning-keys.html#with-sql', function (d2, w2) {
              report('themeOnNextPage', d2.documentElement.getAttribute('data-theme'));
              var header = d2.querySelector('.topbar').getBoundingClientRect();
              var target = d2.getElementById('with-sql').getBoundingClientRect();
              report('headerBottom', header.bottom);
              report('targetTop', target.top);
              report('scrolled', w2.scrollY);
              w2.localStorage.removeItem('keydocs-theme');
              done();
            });
          }, 600);
        });
        """

    @Test(arguments: [(390, 844), (1280, 900)])
    func aReaderCanFindTheirWay(width: Int, height: Int) throws {
        let m = try measure(width: width, height: height, steps: Self.readerSteps)
        #expect(m["exception"] == nil, "\(m)")
        let phone = width < 760
        // The page comes first: on a phone the navigation waits behind the menu button.
        let h1Top = try #require(m["h1Top"] as? Double)
        #expect(h1Top < (phone ? 200 : 150), "\(m)")
        #expect(m["menuVisible"] as? Bool == phone)
        #expect(m["navVisible"] as? Bool == !phone)
        #expect((m["navLinks"] as? Int ?? 0) >= 9)
        #expect(m["navVisibleAfterMenu"] as? Bool == true)
        if phone {
            #expect(m["menuExpanded"] as? String == "true")
            // The drawer reaches the bottom of the screen.
            #expect((m["navBottom"] as? Double ?? 0) >= Double(height) - 1, "\(m)")
        }
        // Recipes to avoid look like warnings, say so, and offer nothing to copy.
        #expect((m["avoidBlocks"] as? Int ?? 0) >= 3)
        #expect(m["avoidCopyButtons"] as? Int == 0)
        #expect((m["avoidBadge"] as? String)?.contains("fails as expected: key.too-long") == true)
        #expect(m["avoidBadgeVisible"] as? Bool == true)
        #expect(m["avoidBorder"] as? String != m["verifiedBorder"] as? String)
        #expect(m["verifiedCopy"] as? Bool == true)
        #expect(m["badgeFocusable"] as? Bool == true)
        #expect(m["badgeNoteHidden"] as? Bool == true)
        #expect(m["badgeNoteVisible"] as? Bool == true)
        #expect((m["worstBadgeContrast"] as? Double ?? 0) >= 4.5, "\(m)")
        #expect((m["outputBlocks"] as? Int ?? 0) >= 2, "\(m)")
        #expect(m["outputCopyButtons"] as? Int == 0)
        // Search shows where the words were found, marked.
        let excerpt = try #require(m["searchExcerpt"] as? String)
        #expect(excerpt.contains("<mark>openssl</mark>") && excerpt.contains("<mark>rand</mark>"), "\(excerpt)")
        // The theme carries over.
        let chosen = try #require(m["themeChosen"] as? String)
        #expect(["light", "dark"].contains(chosen))
        #expect(m["themeOnNextPage"] as? String == chosen)
        // A heading a link jumps to is not under the sticky header.
        let headerBottom = try #require(m["headerBottom"] as? Double)
        let targetTop = try #require(m["targetTop"] as? Double)
        #expect((m["scrolled"] as? Double ?? 0) > 0)
        #expect(targetTop >= headerBottom && targetTop <= headerBottom + 40, "\(m)")
    }

    /// A badge's details, opened, sit between the bar and the code and inside the block: they
    /// push the code down rather than covering it, for every kind of badge on the page.
    @Test(arguments: [(390, 844), (768, 1024), (1280, 900)])
    func aBadgesDetailsDoNotCoverTheCode(width: Int, height: Int) throws {
        let m = try measure(width: width, height: height, steps: """
            load('generating-keys.html', function (d, w) {
              var seen = {}, found = [];
              Array.prototype.forEach.call(d.querySelectorAll('.code'), function (block) {
                var badge = block.querySelector('summary.badge');
                var kind = badge ? badge.getAttribute('data-status') + (block.hasAttribute('data-output') ? '-output' : '') : null;
                if (!badge || seen[kind]) return;
                seen[kind] = true;
                badge.click();
                var note = block.querySelector('.badge-note').getBoundingClientRect();
                var pre = block.querySelector('pre').getBoundingClientRect(), box = block.getBoundingClientRect();
                found.push({ kind: kind, overlap: note.bottom > pre.top + 0.5 && note.top < pre.bottom,
                             inside: note.left >= box.left - 0.5 && note.right <= box.right + 0.5, height: note.height });
                badge.click();
              });
              report('badges', found);
              done();
            });
            """)
        #expect(m["exception"] == nil, "\(m)")
        let badges = try #require(m["badges"] as? [[String: Any]], "\(m)")
        #expect(badges.count >= 3, "\(badges)")
        for badge in badges {
            #expect(badge["overlap"] as? Bool == false, "\(badge)")
            #expect(badge["inside"] as? Bool == true, "\(badge)")
            #expect((badge["height"] as? Double ?? 0) > 0, "\(badge)")
        }
    }

    /// Without scripts the sidebar leads to the site map, which lists every page of the nav.
    @Test(arguments: [(390, 844), (1280, 900)])
    func withoutScriptsTheSiteMapIsTheNavigation(width: Int, height: Int) throws {
        let site = try Self.site.get()
        let m = try measure(width: width, height: height, steps: """
            load('site-map.html', function (d) {
              report('pages', Array.prototype.map.call(d.querySelectorAll('.page li a'), function (a) { return a.getAttribute('href'); }));
              report('h1Top', d.querySelector('.page h1').getBoundingClientRect().top);
              done();
            });
            """)
        // Without scripts the page is its HTML: the sidebar holds one link, to the site map.
        let html = try String(contentsOf: site.appendingPathComponent("generating-keys.html"), encoding: .utf8)
        let sidebar = try #require(html.range(of: "<nav class=\"sidebar\" id=\"site-nav\" aria-label=\"Site\">").map { html[$0.upperBound...] }
            .flatMap { $0.range(of: "</nav>").map { html[html.startIndex..<$0.lowerBound] } })
        #expect(sidebar.hasSuffix("<a class=\"nav-home\" href=\"site-map.html\">All pages</a>"), "\(sidebar.suffix(200))")
        let map = try String(contentsOf: site.appendingPathComponent("site-map.html"), encoding: .utf8)
        for page in ["index.html", "good-keys.html", "generating-keys.html", "assigning-keys.html", "using-keys.html",
                     "rotating-and-revoking.html", "generator.html", "ci.html", "moving-from-mkdocs.html", "key-policy.html",
                     "writing-samples.html"] {
            #expect(map.contains("href=\"\(page)\""), "\(page)")
        }
        #expect((m["pages"] as? [String])?.count == 11)
    }
}
