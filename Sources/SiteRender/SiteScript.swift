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

  // Copy buttons.
  var blocks = document.querySelectorAll('.code');
  Array.prototype.forEach.call(blocks, function (block) {
    var bar = block.querySelector('.code-bar');
    var code = block.querySelector('pre code');
    if (!bar || !code) return;
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

  // Theme: follows the system until toggled; the choice lasts for this page view only.
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
      doc.setAttribute('data-theme', label() ? 'light' : 'dark');
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
    var show = function () {
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
        a.textContent = hit.e.s || hit.e.p;
        var where = document.createElement('span');
        where.className = 'result-page';
        where.textContent = hit.e.p;
        a.appendChild(where);
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
