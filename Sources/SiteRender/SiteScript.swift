/// The site's one behaviour script: the navigation tree (from nav.js), search (from
/// search-index.js), copy buttons, the theme toggle, and links that work when the site is
/// opened from disk. Pages work without it; it only adds.
enum SiteScript {
    /// The whole script, as the site writes it, with its words in `words`' language: one
    /// function, so that nothing leaks into the page.
    static func js(_ words: Translations) -> String {
        "(function () {\n  'use strict';\n" + words.script + searchSettings(words.language) + core + contents + search + "})();\n"
    }

    /// Links, the theme, the navigation and its drawer, copy buttons.
    static let core = #"""
  var doc = document.documentElement;
  var root = doc.getAttribute('data-root') || '';
  var page = doc.getAttribute('data-page') || '';
  var onDisk = location.protocol === 'file:';
  var nav = window.KEYDOCS_NAV || { directoryUrls: false, items: [] };
  doc.classList.add('js');

  // The light or dark choice carries over to the next page. It is the one thing the site
  // stores; the generator never stores a key.
  var storedTheme = null;
  try { storedTheme = localStorage.getItem('keydocs-theme'); } catch (e) { storedTheme = null; }
  if (storedTheme === 'light' || storedTheme === 'dark') doc.setAttribute('data-theme', storedTheme);

  // The sticky header's height, which headings leave free above them when a link jumps to one.
  var topbar = document.querySelector('.topbar');
  var measureHeader = function () {
    if (topbar) doc.style.setProperty('--header-height', topbar.offsetHeight + 'px');
  };
  measureHeader();
  window.addEventListener('resize', measureHeader);

  // An output path ("a/index.html") as an address from this page.
  function address(path) {
    var href = root + path;
    if (nav.directoryUrls && !onDisk) {
      if (href === 'index.html') return './';
      if (/(^|\/)index\.html$/.test(href)) href = href.slice(0, -'index.html'.length);
    }
    return href;
  }

  // On disk a folder address opens a listing, not its index.html: point links at the file.
  if (onDisk) {
    var links = document.querySelectorAll('a[href]');
    for (var i = 0; i < links.length; i++) {
      var raw = links[i].getAttribute('href');
      if (/^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(raw)) continue;
      var cut = raw.search(/[?#]/);
      var path = cut < 0 ? raw : raw.slice(0, cut);
      var rest = cut < 0 ? '' : raw.slice(cut);
      if (path === '' ) continue;
      if (path === '.' || path === './' || /\/$/.test(path)) {
        links[i].setAttribute('href', path.replace(/\/?$/, '/') + 'index.html' + rest);
      }
    }
  }

  // Navigation. A title with markup comes as HTML that the build kept to a few inline tags.
  function setTitle(element, item) {
    if (item.h) element.innerHTML = item.h; else element.textContent = item.t;
  }

  function buildList(items) {
    var ul = document.createElement('ul');
    var holdsCurrent = false;
    items.forEach(function (item) {
      var li = document.createElement('li');
      if (item.c) {
        var details = document.createElement('details');
        var summary = document.createElement('summary');
        setTitle(summary, item);
        details.appendChild(summary);
        var sub = buildList(item.c);
        details.appendChild(sub.list);
        if (sub.current) { details.open = true; holdsCurrent = true; }
        li.appendChild(details);
      } else {
        var a = document.createElement('a');
        setTitle(a, item);
        if (item.u) {
          a.href = item.u;
        } else {
          a.href = address(item.p);
          if (item.p === page) { a.setAttribute('aria-current', 'page'); holdsCurrent = true; }
        }
        li.appendChild(a);
      }
      ul.appendChild(li);
    });
    return { list: ul, current: holdsCurrent };
  }
  var sidebar = document.getElementById('site-nav');
  var built = null;
  if (sidebar && nav.items.length) {
    sidebar.textContent = '';
    built = buildList(nav.items);
    sidebar.appendChild(built.list);
  }
  // What scrolls in its own box (a wide table, a block of the author's HTML) takes the
  // keyboard's focus, so that it can be scrolled without a pointer.
  Array.prototype.forEach.call(document.querySelectorAll('.page pre, .page table'), function (box) {
    if (box.scrollWidth > box.clientWidth + 1 && !box.hasAttribute('tabindex')) box.setAttribute('tabindex', '0');
  });
  // A table that scrolls sideways says so: its cut edges are marked, and the stylesheet fades them.
  var tables = Array.prototype.slice.call(document.querySelectorAll('.page table'));
  var markCut = function (table) {
    var cut = [], over = table.scrollWidth > table.clientWidth + 1, left = Math.abs(table.scrollLeft);
    if (over && left > 1) cut.push('left');
    if (over && left + table.clientWidth < table.scrollWidth - 1) cut.push('right');
    if (cut.length) table.setAttribute('data-cut', cut.join(' ')); else table.removeAttribute('data-cut');
  };
  tables.forEach(function (table) {
    markCut(table);
    table.addEventListener('scroll', function () { markCut(table); }, { passive: true });
  });
  window.addEventListener('resize', function () { tables.forEach(markCut); });

  // Copy buttons.
  var blocks = document.querySelectorAll('.code');
  Array.prototype.forEach.call(blocks, function (block) {
    var bar = block.querySelector('.code-bar');
    var code = block.querySelector('pre code');
    // A recipe shown as a mistake on purpose is not offered for copying.
    // Nor is what a command printed: a sample key is the reader's to generate, not to copy.
    if (!bar || !code || block.getAttribute('data-status') === 'expected-failure' || block.hasAttribute('data-output')) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = T.copy;
    button.setAttribute('aria-label', T.copyCode);
    button.addEventListener('click', function () {
      copyText(code.textContent, function (ok) {
        button.textContent = ok ? T.copied : T.pressCtrlC;
        setTimeout(function () { button.textContent = T.copy; }, 1500);
      });
    });
    bar.appendChild(button);
  });

  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
    } else {
      done(fallbackCopy(text));
    }
  }
  function fallbackCopy(text) {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  window.keydocsCopy = copyText;

  // Theme: follows the system until toggled; the choice is kept for the next pages.
  var toggle = document.getElementById('theme-toggle');
  if (toggle) {
    var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
    var label = function () {
      var isDark = doc.getAttribute('data-theme') ? doc.getAttribute('data-theme') === 'dark' : dark;
      toggle.setAttribute('aria-label', isDark ? T.switchToLight : T.switchToDark);
      return isDark;
    };
    label();
    toggle.hidden = false;
    toggle.addEventListener('click', function () {
      var next = label() ? 'light' : 'dark';
      doc.setAttribute('data-theme', next);
      try { localStorage.setItem('keydocs-theme', next); } catch (e) { /* private mode: this page only */ }
      label();
    });
  }

"""#

    /// The drawer, and the page's table of contents: beside the page on a wide screen, under the
    /// current page's entry in the navigation (and so in the drawer) otherwise, with the section
    /// being read marked as the reader scrolls.
    static let contents = #"""
  // On a phone the navigation is a drawer: a header with a close button, a dimmed backdrop.
  var menu = document.getElementById('menu-toggle');
  if (menu && sidebar) {
    var head = document.createElement('div');
    head.className = 'drawer-head';
    var name = document.createElement('span');
    var brand = document.querySelector('.brand-name');
    name.textContent = brand ? brand.textContent : '';
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'icon-button drawer-close';
    close.setAttribute('aria-label', T.closeMenu);
    close.innerHTML = '<span aria-hidden="true">\u2715</span>';
    head.appendChild(name);
    head.appendChild(close);
    sidebar.insertBefore(head, sidebar.firstChild);
    var repo = document.querySelector('.topbar .repo');
    if (repo) {
      var repoLink = repo.cloneNode(true);
      repoLink.className = 'nav-repo';
      sidebar.appendChild(repoLink);
    }
    var backdrop = document.createElement('div');
    backdrop.className = 'backdrop';
    document.body.appendChild(backdrop);
    // While open, the drawer is a modal dialog: everything around it is inert, from the
    // drawer up to the body, but the backdrop that closes it.
    var inerted = [];
    var setModal = function (open) {
      inerted.forEach(function (e) { e.inert = false; });
      inerted = [];
      if (open) {
        for (var at = sidebar; at && at !== document.body; at = at.parentNode) {
          Array.prototype.forEach.call(at.parentNode.children, function (e) {
            if (e !== at && e !== backdrop && !e.inert && !/^(SCRIPT|STYLE)$/.test(e.tagName)) { e.inert = true; inerted.push(e); }
          });
        }
        sidebar.setAttribute('role', 'dialog');
        sidebar.setAttribute('aria-modal', 'true');
      } else {
        sidebar.removeAttribute('role');
        sidebar.removeAttribute('aria-modal');
      }
    };
    // The drawer opens at the current page: its entry, and its contents under it, just below
    // the drawer's header, however far down a long navigation they are.
    var showCurrent = function () {
      var here = sidebar.querySelector('a[aria-current="page"]');
      if (!here) return;
      var top = here.getBoundingClientRect().top - sidebar.getBoundingClientRect().top;
      sidebar.scrollTop += top - head.offsetHeight - 8;
    };
    var setOpen = function (open) {
      sidebar.classList.toggle('open', open);
      backdrop.classList.toggle('open', open);
      doc.classList.toggle('drawer-open', open);
      menu.setAttribute('aria-expanded', open ? 'true' : 'false');
      setModal(open);
      if (open) { showCurrent(); close.focus({ preventScroll: true }); }
    };
    // What Tab reaches in the drawer, in order: the first and the last are where it goes round.
    var focusables = function () {
      return Array.prototype.filter.call(sidebar.querySelectorAll('a[href], button, summary, [tabindex]'), function (e) {
        return e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0;
      });
    };
    menu.hidden = false;
    menu.addEventListener('click', function () { setOpen(!sidebar.classList.contains('open')); });
    close.addEventListener('click', function () { setOpen(false); menu.focus(); });
    backdrop.addEventListener('click', function () { setOpen(false); });
    // Grown past a phone's width, the page has no drawer: nothing stays inert.
    var phone = window.matchMedia ? window.matchMedia('(max-width: 760px)') : null;
    if (phone && phone.addEventListener) phone.addEventListener('change', function (e) { if (!e.matches) setOpen(false); });
    document.addEventListener('keydown', function (event) {
      if (!sidebar.classList.contains('open')) return;
      if (event.key === 'Escape') { setOpen(false); menu.focus(); return; }
      if (event.key !== 'Tab') return;
      var all = focusables();
      if (!all.length) return;
      var first = all[0], last = all[all.length - 1];
      if (!sidebar.contains(document.activeElement)) { first.focus(); event.preventDefault(); }
      else if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
      else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
    });
    sidebar.addEventListener('click', function (event) {
      if (event.target.closest && event.target.closest('a')) setOpen(false);
    });
  }

  // The table of contents: a copy under the current page's entry of the navigation, shown
  // where the column beside the page is not.
  var toc = document.querySelector('.toc ul');
  var tocLinks = toc ? Array.prototype.slice.call(toc.querySelectorAll('a')) : [];
  if (toc && sidebar) {
    var copy = toc.cloneNode(true);
    copy.className = 'nav-toc';
    copy.setAttribute('aria-label', T.onThisPage);
    var current = sidebar.querySelector('a[aria-current="page"]');
    if (current) current.parentNode.appendChild(copy);
    else sidebar.insertBefore(copy, sidebar.querySelector('.nav-repo'));
    tocLinks = tocLinks.concat(Array.prototype.slice.call(copy.querySelectorAll('a')));
  }
  // The section being read: the last heading of the contents above the top of the window.
  var targets = [];
  tocLinks.forEach(function (a) {
    var id = decodeURIComponent(a.getAttribute('href').slice(1));
    var heading = document.getElementById(id);
    if (heading && targets.indexOf(heading) < 0) targets.push(heading);
  });
  if (targets.length) {
    var active = null;
    var follow = function () {
      var line = (topbar ? topbar.offsetHeight : 0) + 24, found = null;
      for (var k = 0; k < targets.length; k++) {
        if (targets[k].getBoundingClientRect().top <= line) found = targets[k]; else break;
      }
      // At the end of the page the last sections cannot reach the top: the last one is read.
      if (window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2) found = targets[targets.length - 1];
      var id = found ? found.id : null;
      if (id === active) return;
      active = id;
      tocLinks.forEach(function (a) {
        var on = id !== null && decodeURIComponent(a.getAttribute('href').slice(1)) === id;
        a.classList.toggle('active', on);
        if (on) a.setAttribute('aria-current', 'location'); else a.removeAttribute('aria-current');
      });
    };
    // A few headings' positions a scroll event: cheap enough to read on each one.
    window.addEventListener('scroll', follow, { passive: true });
    window.addEventListener('resize', follow);
    follow();
  }
"""#
}
