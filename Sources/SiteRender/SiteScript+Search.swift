extension SiteScript {
    /// Search over search-index.js, in the page, offline.
    static let search = #"""
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
"""#
}
