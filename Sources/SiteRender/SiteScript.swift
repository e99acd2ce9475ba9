/// The site's one behaviour script: the navigation tree (from nav.js), search (from
/// search-index.js), copy buttons, the theme toggle, and links that work when the site is
/// opened from disk. Pages work without it; it only adds.
enum SiteScript {
    static let js = #"""
(function () {
  'use strict';
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
  if (sidebar && nav.items.length) {
    sidebar.textContent = '';
    sidebar.appendChild(buildList(nav.items).list);
  }

  // On a narrow screen the navigation is a drawer that the menu button opens.
  var menu = document.getElementById('menu-toggle');
  if (menu && sidebar) {
    var setOpen = function (open) {
      sidebar.classList.toggle('open', open);
      menu.setAttribute('aria-expanded', open ? 'true' : 'false');
    };
    menu.hidden = false;
    menu.addEventListener('click', function () { setOpen(!sidebar.classList.contains('open')); });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && sidebar.classList.contains('open')) { setOpen(false); menu.focus(); }
    });
    sidebar.addEventListener('click', function (event) {
      if (event.target.closest && event.target.closest('a')) setOpen(false);
    });
  }

  // Copy buttons.
  var blocks = document.querySelectorAll('.code');
  Array.prototype.forEach.call(blocks, function (block) {
    var bar = block.querySelector('.code-bar');
    var code = block.querySelector('pre code');
    // A recipe shown as a mistake on purpose is not offered for copying.
    if (!bar || !code || block.getAttribute('data-status') === 'expected-failure') return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy this code');
    button.addEventListener('click', function () {
      copyText(code.textContent, function (ok) {
        button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
        setTimeout(function () { button.textContent = 'Copy'; }, 1500);
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
      toggle.setAttribute('aria-label', isDark ? 'Switch to the light theme' : 'Switch to the dark theme');
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

  // Search.
  var input = document.getElementById('search-input');
  var results = document.getElementById('search-results');
  var index = window.KEYDOCS_SEARCH || [];
  if (input && results && index.length) {
    input.disabled = false;
    var selected = -1;
    var terms = function (q) { return q.toLowerCase().split(/[^a-z0-9_\u00c0-\uffff]+/).filter(Boolean); };
    var prepared = index.map(function (e) {
      return { e: e, title: (e.p + ' ' + (e.s || '')).toLowerCase(), text: e.x.toLowerCase() };
    });
    var search = function (q) {
      var words = terms(q);
      if (!words.length) return [];
      var hits = [];
      prepared.forEach(function (p) {
        var score = 0;
        for (var i = 0; i < words.length; i++) {
          var w = words[i];
          var inTitle = p.title.indexOf(w) >= 0;
          var inText = p.text.indexOf(w) >= 0;
          if (!inTitle && !inText) return;
          score += (inTitle ? 10 : 0) + (inText ? 1 : 0);
        }
        hits.push({ e: p.e, score: score });
      });
      hits.sort(function (a, b) { return b.score - a.score; });
      return hits.slice(0, 12);
    };
    // A stretch of a section's text around the first word found, whole words, with ellipses.
    var around = function (text, found) {
      var lower = text.toLowerCase(), at = -1;
      for (var i = 0; i < found.length && at < 0; i++) at = lower.indexOf(found[i]);
      if (at < 0) at = 0;
      var start = Math.max(0, at - 60), end = Math.min(text.length, at + 140);
      while (start > 0 && text[start - 1] !== ' ') start--;
      while (end < text.length && text[end] !== ' ') end++;
      return (start > 0 ? '… ' : '') + text.slice(start, end).trim() + (end < text.length ? ' …' : '');
    };
    // Puts `text` into `element` with each found word in a <mark>, as text nodes (never HTML).
    var mark = function (element, text, found) {
      var lower = text.toLowerCase(), at = 0;
      while (at < text.length) {
        var next = -1, length = 0;
        found.forEach(function (w) {
          var k = lower.indexOf(w, at);
          if (k >= 0 && (next < 0 || k < next || (k === next && w.length > length))) { next = k; length = w.length; }
        });
        if (next < 0) { element.appendChild(document.createTextNode(text.slice(at))); break; }
        if (next > at) element.appendChild(document.createTextNode(text.slice(at, next)));
        var m = document.createElement('mark');
        m.textContent = text.slice(next, next + length);
        element.appendChild(m);
        at = next + length;
      }
    };
    var words = [];
    var show = function () {
      words = terms(input.value);
      var hits = search(input.value);
      results.textContent = '';
      selected = -1;
      if (!input.value.trim()) { results.hidden = true; input.setAttribute('aria-expanded', 'false'); return; }
      if (!hits.length) {
        var none = document.createElement('li');
        none.className = 'empty';
        none.textContent = 'No results';
        results.appendChild(none);
      }
      hits.forEach(function (hit, n) {
        var li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = 'search-result-' + n;
        var a = document.createElement('a');
        a.href = address(hit.e.h) + (hit.e.a ? '#' + hit.e.a : '');
        var heading = document.createElement('span');
        heading.className = 'result-title';
        mark(heading, hit.e.s || hit.e.p, words);
        a.appendChild(heading);
        var where = document.createElement('span');
        where.className = 'result-page';
        where.textContent = hit.e.p;
        a.appendChild(where);
        var excerpt = document.createElement('span');
        excerpt.className = 'result-excerpt';
        mark(excerpt, around(hit.e.x, words), words);
        if (excerpt.textContent) a.appendChild(excerpt);
        li.appendChild(a);
        results.appendChild(li);
      });
      results.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    };
    var move = function (step) {
      var items = results.querySelectorAll('li[role="option"]');
      if (!items.length) return;
      if (selected >= 0) items[selected].removeAttribute('aria-selected');
      selected = (selected + step + items.length) % items.length;
      items[selected].setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', items[selected].id);
      items[selected].scrollIntoView({ block: 'nearest' });
    };
    input.addEventListener('input', show);
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') { move(1); event.preventDefault(); }
      else if (event.key === 'ArrowUp') { move(-1); event.preventDefault(); }
      else if (event.key === 'Enter') {
        var items = results.querySelectorAll('li[role="option"] a');
        var target = items[selected >= 0 ? selected : 0];
        if (target) { location.href = target.href; event.preventDefault(); }
      } else if (event.key === 'Escape') { input.value = ''; show(); }
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === '/' && document.activeElement !== input && !/input|textarea|select/i.test(document.activeElement.tagName)) {
        input.focus();
        event.preventDefault();
      }
    });
    document.addEventListener('click', function (event) {
      if (!results.contains(event.target) && event.target !== input) { results.hidden = true; input.setAttribute('aria-expanded', 'false'); }
    });
  }
})();
"""#
}
