import DocModel

extension SiteScript {
    /// How the site's language splits words for search: English stems, French, Catalan and
    /// Italian elide articles and prepositions before an apostrophe. The script reads it as
    /// `searchLanguage`, for the index and the query alike.
    static func searchSettings(_ language: SiteLanguage.Words) -> String {
        let elisions: [String]
        switch language {
        case .fr: elisions = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "quoiqu"]
        case .ca: elisions = ["l", "d", "m", "n", "s", "t"]
        case .it: elisions = ["l", "d", "c", "m", "n", "s", "t", "v", "un", "dell", "dall", "nell", "sull", "all", "coll", "quell", "bell", "sant"]
        case .en, .es, .de, .nl, .pt, .pl: elisions = []
        }
        return "  var searchLanguage = { stem: \(language == .en), elision: "
            + (elisions.isEmpty ? "null" : SiteData.jsonString(elisions.joined(separator: "|"))) + " };\n"
    }

    /// Search over search-index.js, in the page, offline: whole words and their beginnings,
    /// accents folded, elisions split, with light stemming in English (`searchLanguage`, which
    /// `searchSettings` writes for the site's language); a page must hold every term of the
    /// query, a term joined by hyphens, underscores or dots as its parts together; pages whose
    /// title and headings hold the terms first; results grouped by page, as lists of links.
    static let search = #"""
  var input = document.getElementById('search-input');
  var results = document.getElementById('search-results');
  var searchToggle = document.getElementById('search-toggle');
  var index = window.KEYDOCS_SEARCH || [];
  if (input && results && index.length) {
    input.disabled = false;
    var topbarSearching = function (on) {
      if (!topbar || !searchToggle) return;
      topbar.classList.toggle('searching', on);
      searchToggle.setAttribute('aria-expanded', on ? 'true' : 'false');
    };
    if (searchToggle) {
      searchToggle.hidden = false;
      searchToggle.addEventListener('click', function () { topbarSearching(true); input.focus(); });
      input.addEventListener('blur', function () {
        setTimeout(function () { if (!topbar.contains(document.activeElement) && !input.value) topbarSearching(false); }, 150);
      });
    }

    // Words: letters (with their marks) and digits; anything else separates them, as a reader
    // types them apart. Accents are folded, in the index as in the query, so that "reglage"
    // finds "réglage" and "Ubersicht" finds "Übersicht"; letters that are not a base letter and
    // an accent are written as a reader without them types them.
    var wordPattern = /[\p{L}\p{M}\p{N}]+/gu;
    var fold = function (w) {
      return w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/œ/g, 'oe')
        .replace(/ø/g, 'o').replace(/ł/g, 'l').replace(/[đð]/g, 'd').replace(/þ/g, 'th').replace(/ı/g, 'i');
    };
    // An elided article or preposition (French, Catalan, Italian: l'installation, d'accès,
    // dell'utente) is not a word of its own: the word after the apostrophe is.
    var elision = searchLanguage.elision ? new RegExp('(?<![\\p{L}\\p{M}\\p{N}])(?:' + searchLanguage.elision + ')[\'\u2019](?=\\p{L})', 'gu') : null;
    var words = function (text) {
      var lower = text.toLowerCase();
      if (elision) lower = lower.replace(elision, ' ');
      return (lower.match(wordPattern) || []).map(fold);
    };
    // Light stemming, the same for the index and the query, in English only: plurals, -ing, -ed.
    // Other languages match whole words and their beginnings.
    var stem = !searchLanguage.stem ? function (w) { return w; } : function (w) {
      if (w.length < 4 || /[0-9]/.test(w)) return w;
      if (/ies$/.test(w)) return w.slice(0, -3) + 'y';
      if (/(ss|us|is)$/.test(w)) return w;
      if (/(sses|xes|ches|shes)$/.test(w)) return w.slice(0, -2);
      if (/s$/.test(w)) return w.slice(0, -1);
      if (w.length > 5 && /ing$/.test(w)) return w.slice(0, -3);
      if (w.length > 4 && /ed$/.test(w)) return w.slice(0, -2);
      return w;
    };
    // How `term` (a stem) is found in `counts`: as a word (exact), or as the beginning of words.
    var found = function (counts, term) {
      if (counts[term]) return { exact: true, n: counts[term] };
      var n = 0;
      for (var w in counts) if (w.length > term.length && w.lastIndexOf(term, 0) === 0) n += counts[w];
      return n ? { exact: false, n: n } : null;
    };
    // Where a query's terms are looked for: a text's words as a bag (for a word) and in order
    // (for a phrase).
    var place = function (text) {
      var seq = words(text).map(stem), counts = {};
      seq.forEach(function (w) { counts[w] = (counts[w] || 0) + 1; });
      return { counts: counts, seq: seq };
    };
    // A phrase's parts standing together, in order, in `seq`; the last part may begin a word.
    // Exact when, somewhere, every part is a whole word.
    var together = function (seq, parts) {
      var n = 0, exact = false;
      for (var i = 0; i + parts.length <= seq.length; i++) {
        var all = true, whole = true;
        for (var j = 0; j < parts.length && all; j++) {
          var w = seq[i + j], p = parts[j];
          all = w === p || (j === parts.length - 1 && w.lastIndexOf(p, 0) === 0);
          whole = whole && w === p;
        }
        if (all) { n++; exact = exact || whole; }
      }
      return n ? { exact: exact, n: n } : null;
    };
    var find = function (where, term) {
      return term.length === 1 ? found(where.counts, term[0]) : together(where.seq, term);
    };
    // A query's terms: each word a reader typed apart; a term joined by hyphens, underscores
    // or dots (X-Civi-Auth, hook_civicrm_post) a phrase of its parts.
    var parse = function (query) {
      var terms = [], keys = {};
      query.split(/\s+/).forEach(function (chunk) {
        var parts = words(chunk).map(stem), key = parts.join(' ');
        if (parts.length && !keys[key]) { keys[key] = true; terms.push(parts); }
      });
      return terms;
    };
    var pages = [], byPage = {};
    index.forEach(function (e) {
      var group = byPage[e.h];
      if (!group) {
        group = byPage[e.h] = { h: e.h, title: e.p, titleWords: place(e.p), sections: [], order: pages.length };
        pages.push(group);
      }
      group.sections.push({ e: e, heading: place(e.s || ''), body: place(e.x) });
    });

    // The pages that hold every term of the query: those whose title holds the terms as typed
    // first, then those whose title or headings hold more of them, then by how much and how
    // often the terms are found.
    var search = function (query) {
      var terms = parse(query);
      if (!terms.length) return [];
      var hits = [];
      pages.forEach(function (page) {
        var pageScore = 0, matching = [], titled = 0;
        var seen = terms.map(function () { return false; }), named = terms.map(function () { return false; });
        terms.forEach(function (t, k) {
          var f = find(page.titleWords, t);
          if (f) { pageScore += f.exact ? 10 : 4; seen[k] = named[k] = true; if (f.exact) titled += 1; }
        });
        page.sections.forEach(function (section) {
          var score = 0, all = true;
          terms.forEach(function (t, k) {
            var h = find(section.heading, t), b = find(section.body, t);
            if (h) { score += h.exact ? 6 : 2; named[k] = true; }
            if (b) score += b.exact ? 2 + Math.log(b.n) : 0.5;
            if (h || b) seen[k] = true; else all = false;
          });
          // A section that holds every word of the query is worth more than its parts.
          if (all && terms.length > 1) score = score * 1.5 + 2;
          if (score > 0) matching.push({ e: section.e, score: score });
        });
        if (seen.indexOf(false) >= 0) return;
        matching.sort(function (a, b) { return b.score - a.score; });
        var best = matching.length ? matching[0].score : 0;
        // A page that many sections match is about the words, not a page that names them once.
        hits.push({ page: page, sections: matching, named: named.filter(Boolean).length, titled: titled,
                    score: pageScore + best + 2 * Math.log(Math.max(matching.length, 1)) });
      });
      // A page whose title is the words as typed (hook_civicrm_post, not hook_civicrm_postSave)
      // comes first, then pages whose title or headings hold more of them, then by score.
      hits.sort(function (a, b) {
        return (b.titled - a.titled) || (b.named - a.named) || b.score - a.score || a.page.order - b.page.order;
      });
      return hits;
    };

    // A stretch of a section's text around the first word found, whole words, with ellipses.
    // `word` is as the text has it, lower case; its folded form is what the terms are compared with.
    var matches = function (word, terms) {
      var folded = fold(word), s = stem(folded);
      return terms.some(function (t) { return s === t || s.lastIndexOf(t, 0) === 0 || folded.lastIndexOf(t, 0) === 0; });
    };
    var around = function (text, terms) {
      // The first word found as it is, else the first word a term begins.
      var at = -1, loose = -1, m;
      wordPattern.lastIndex = 0;
      var lower = text.toLowerCase();
      while (at < 0 && (m = wordPattern.exec(lower)) !== null) {
        if (terms.indexOf(stem(fold(m[0]))) >= 0) at = m.index;
        else if (loose < 0 && matches(m[0], terms)) loose = m.index;
      }
      if (at < 0) at = Math.max(loose, 0);
      var start = Math.max(0, at - 60), end = Math.min(text.length, at + 140);
      while (start > 0 && text[start - 1] !== ' ') start--;
      while (end < text.length && text[end] !== ' ') end++;
      return (start > 0 ? '… ' : '') + text.slice(start, end).trim() + (end < text.length ? ' …' : '');
    };
    // Puts `text` into `element` with each word found in a <mark>, as text nodes (never HTML).
    var mark = function (element, text, terms) {
      var lower = text.toLowerCase(), at = 0, m;
      wordPattern.lastIndex = 0;
      while ((m = wordPattern.exec(lower)) !== null) {
        if (!matches(m[0], terms)) continue;
        if (m.index > at) element.appendChild(document.createTextNode(text.slice(at, m.index)));
        var tag = document.createElement('mark');
        tag.textContent = text.slice(m.index, m.index + m[0].length);
        element.appendChild(tag);
        at = m.index + m[0].length;
      }
      if (at < text.length) element.appendChild(document.createTextNode(text.slice(at)));
    };

    var shownPages = 25, sectionsShown = 3;
    // Each result is a link in a list: nothing interactive inside another.
    var option = function (list, href, className, title, excerpt, terms) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = href;
      a.className = className;
      var heading = document.createElement('span');
      heading.className = 'result-title';
      mark(heading, title, terms);
      a.appendChild(heading);
      if (excerpt) {
        var text = document.createElement('span');
        text.className = 'result-excerpt';
        mark(text, excerpt, terms);
        a.appendChild(text);
      }
      li.appendChild(a);
      list.appendChild(li);
    };
    var group = function (hit, terms) {
      var box = document.createElement('div');
      box.className = 'result-group';
      var list = document.createElement('ul');
      list.setAttribute('aria-label', hit.page.title);
      box.appendChild(list);
      var first = hit.sections[0];
      var pageExcerpt = first && !first.e.s ? around(first.e.x, terms) : '';
      option(list, address(hit.page.h), 'result-page-title', hit.page.title, pageExcerpt, terms);
      var rest = hit.sections.filter(function (s) { return s.e.s; });
      var addSections = function (from, to) {
        rest.slice(from, to).forEach(function (s) {
          option(list, address(s.e.h) + (s.e.a ? '#' + s.e.a : ''), 'result-section', s.e.s, around(s.e.x, terms), terms);
        });
      };
      addSections(0, sectionsShown);
      if (rest.length > sectionsShown) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'result-more';
        button.textContent = say(T.moreOnThisPage, rest.length - sectionsShown);
        button.addEventListener('click', function (event) {
          event.stopPropagation();
          box.removeChild(button);
          var next = rest.length > sectionsShown ? list.children.length : -1;
          addSections(sectionsShown, rest.length);
          if (next >= 0 && list.children[next]) list.children[next].querySelector('a').focus(); else input.focus();
        });
        box.appendChild(button);
      }
      return box;
    };
    var show = function (keep) {
      var terms = words(input.value).map(stem);
      var hits = search(input.value);
      results.textContent = '';
      if (!input.value.trim()) { results.hidden = true; return; }
      var count = document.createElement('p');
      count.className = hits.length ? 'result-count' : 'empty';
      var sections = hits.reduce(function (n, h) { return n + h.sections.length; }, 0);
      count.textContent = hits.length ? say(T.pages, hits.length) + ', ' + say(T.sections, sections) : T.noResults;
      results.appendChild(count);
      var limit = keep || shownPages;
      hits.slice(0, limit).forEach(function (hit) { results.appendChild(group(hit, terms)); });
      if (hits.length > limit) {
        var all = document.createElement('button');
        all.type = 'button';
        all.className = 'result-more';
        all.textContent = say(T.showMorePages, hits.length - limit);
        all.addEventListener('click', function (event) { event.stopPropagation(); show(hits.length); input.focus(); });
        results.appendChild(all);
      }
      results.hidden = false;
    };
    // The arrow keys go from the box to the results and along them; Escape, from a result,
    // closes them and goes back to the box.
    var reachable = function () { return Array.prototype.slice.call(results.querySelectorAll('a[href], button')); };
    var move = function (from, step) {
      var items = reachable();
      if (!items.length) return;
      var at = items.indexOf(from) + step;
      if (at < 0) input.focus(); else items[Math.min(at, items.length - 1)].focus();
    };
    input.addEventListener('input', function () { show(); });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') { if (results.hidden) show(); move(null, 1); event.preventDefault(); }
      else if (event.key === 'Enter') {
        var target = results.querySelector('a[href]');
        if (target) { location.href = target.href; event.preventDefault(); }
      } else if (event.key === 'Escape') { input.value = ''; show(); topbarSearching(false); }
    });
    results.addEventListener('keydown', function (event) {
      if (event.key === 'ArrowDown') { move(document.activeElement, 1); event.preventDefault(); }
      else if (event.key === 'ArrowUp') { move(document.activeElement, -1); event.preventDefault(); }
      else if (event.key === 'Escape') { results.hidden = true; input.focus(); event.preventDefault(); }
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === '/' && document.activeElement !== input && !/input|textarea|select/i.test(document.activeElement.tagName)) {
        topbarSearching(true);
        input.focus();
        event.preventDefault();
      }
    });
    document.addEventListener('click', function (event) {
      if (!results.contains(event.target) && event.target !== input && event.target !== searchToggle
          && !(searchToggle && searchToggle.contains(event.target))) {
        results.hidden = true;
      }
    });
    // A search typed into the address (`?q=`), as mkdocs-material's links to a search do.
    var asked = /[?&]q=([^&#]*)/.exec(location.search);
    if (asked) { input.value = decodeURIComponent(asked[1].replace(/\+/g, ' ')); topbarSearching(true); show(); }
  }
"""#
}
