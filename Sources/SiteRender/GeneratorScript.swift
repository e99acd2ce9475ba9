/// The key generator and checker that run in the reader's browser. Every number and list comes
/// from the policy the build embeds (`assets/policy.js`); the rules and messages are those of
/// `keydocs key check`, and shared test vectors hold the two to each other. The page's own
/// words (buttons, the strength, the checker's verdict) are in the site's language; the
/// validator's findings are in English, as the command line gives them.
enum GeneratorScript {
    /// The script, with its words in `words`' language.
    static func js(_ words: Translations) -> String {
        "(function () {\n  'use strict';\n" + words.script + body
    }

    static let body = #"""
  var P = window.KEYDOCS_POLICY;
  if (!P) return;
  var W = P.weak;
  // Each rule's severity, as the policy states it.
  var SEVERITY = {};
  P.rules.forEach(function (r) { SEVERITY[r.id] = r.severity; });

  // ---- Generation: Web Crypto bytes, rejection sampling to the alphabet.
  var symbols = P.alphabet;
  var m = symbols.length;
  var acceptBelow = 256 - 256 % m;
  var divisor = acceptBelow / m;
  var MAX_REQUEST = 65536;

  function randomString(length) {
    var out = [];
    while (out.length < length) {
      var want = Math.min(MAX_REQUEST, Math.ceil((length - out.length) * 256 / acceptBelow) + 16);
      var bytes = new Uint8Array(want);
      window.crypto.getRandomValues(bytes);
      for (var i = 0; i < bytes.length && out.length < length; i++) {
        if (bytes[i] < acceptBelow) out.push(symbols.charAt(Math.floor(bytes[i] / divisor)));
      }
    }
    return out.join('');
  }

  function generate(length) {
    if (length === undefined) length = P.defaultLength;
    if (!(length >= P.minLength && length <= P.maxLength)) {
      throw new RangeError('length ' + length + ' is outside ' + P.minLength + '–' + P.maxLength);
    }
    return randomString(length);
  }

  // ---- The structure estimator, the same code as the Swift one, on the same numbers.
  function Trie(words) {
    this.children = [new Int32Array(26)];
    this.terminal = [false];
    for (var w = 0; w < words.length; w++) {
      var word = words[w], node = 0;
      for (var k = 0; k < word.length; k++) {
        var c = word.charCodeAt(k) - 97;
        if (c < 0 || c >= 26) { node = -1; break; }
        if (this.children[node][c] === 0) {
          this.children[node][c] = this.terminal.length;
          this.terminal.push(false);
          this.children.push(new Int32Array(26));
        }
        node = this.children[node][c];
      }
      if (node > 0) this.terminal[node] = true;
    }
  }
  // Every word forwards and backwards in one trie, as in the Swift estimator.
  var words = new Trie(W.words.concat(W.words.map(function (w) { return w.split('').reverse().join(''); })));
  var leet = {};
  Object.keys(W.leet).forEach(function (digit) { leet[digit.charCodeAt(0)] = W.leet[digit].split('').map(function (c) { return c.charCodeAt(0); }); });
  var sequences = W.sequences.map(function (s) {
    var index = new Int16Array(256).fill(-1);
    for (var i = 0; i < s.length; i++) index[s.charCodeAt(i)] = i;
    return { bytes: s.split('').map(function (c) { return c.charCodeAt(0); }), index: index };
  });
  var KINDS = [null, 'word', 'sequence', 'repeat', 'year', 'digits'];

  function estimate(key) {
    var n = key.length;
    var b = [];
    for (var i = 0; i < n; i++) {
      var c = key.charCodeAt(i);
      b.push(c >= 65 && c <= 90 ? c | 0x20 : c);
    }
    var bruteForce = n * W.symbolBits;
    if (n > W.maxAnalysedLength || n === 0) return { bits: bruteForce, patterns: [] };
    var best = new Float64Array(n + 1).fill(Infinity);
    var from = new Int32Array(n + 1).fill(-1);
    var kind = new Int32Array(n + 1);
    best[0] = 0;
    function relax(i, j, cost, k) {
      var candidate = best[i] + cost;
      if (candidate < best[j]) { best[j] = candidate; from[j] = i; kind[j] = k; }
    }
    function walk(trie, start, position, node, leetCount) {
      if (position >= n) return;
      var byte = b[position];
      if (byte >= 97 && byte <= 122) {
        follow(trie, start, position, node, byte, leetCount);
      } else if (leet[byte]) {
        var letters = leet[byte];
        for (var l = 0; l < letters.length; l++) follow(trie, start, position, node, letters[l], leetCount + 1);
      }
    }
    function follow(trie, start, position, node, letter, leetCount) {
      var next = trie.children[node][letter - 97];
      if (next <= 0) return;
      if (trie.terminal[next]) relax(start, position + 1, W.tagBits + W.wordBits + leetCount, 1);
      walk(trie, start, position + 1, next, leetCount);
    }
    for (var i = 0; i < n; i++) {
      relax(i, i + 1, W.symbolBits + W.escapeBits, 0);
      walk(words, i, i, 0, 0);
      for (var s = 0; s < sequences.length; s++) {
        var p = sequences[s].index[b[i]];
        if (p < 0) continue;
        var seq = sequences[s].bytes;
        var base = W.tagBits + W.sequenceBits + W.log2[seq.length];
        for (var step = 1; step >= -1; step -= 2) {
          var length = 1;
          while (i + length < n && p + step * length >= 0 && p + step * length < seq.length && b[i + length] === seq[p + step * length]) length++;
          if (length < 3) continue;
          for (var l = 3; l <= length; l++) relax(i, i + l, base + W.gamma[l - 2], 2);
        }
      }
      if (i > 0) {
        var longest = 0;
        for (var source = 0; source < i; source++) {
          var len = 0;
          while (i + len < n && b[source + len] === b[i + len]) len++;
          if (len > longest) longest = len;
        }
        if (longest >= 3) {
          var rbase = W.tagBits + W.log2[i];
          for (var l2 = 3; l2 <= longest; l2++) relax(i, i + l2, rbase + W.gamma[l2 - 2], 3);
        }
      }
      var digits = 0;
      while (i + digits < n && b[i + digits] >= 48 && b[i + digits] <= 57) digits++;
      if (digits >= 4 && ((b[i] === 49 && b[i + 1] === 57) || (b[i] === 50 && b[i + 1] === 48))) relax(i, i + 4, W.tagBits + W.yearBits, 4);
      if (digits >= 4) {
        for (var d = 4; d <= digits; d++) relax(i, i + d, W.tagBits + W.gamma[d - 3] + d * W.digitBits, 5);
      }
    }
    var patterns = [];
    var used = false;
    for (var j = n; j > 0; j = from[j]) {
      if (kind[j] !== 0) { used = true; patterns.push({ kind: KINDS[kind[j]], start: from[j], end: j }); }
    }
    patterns.reverse();
    return { bits: used ? Math.min(best[n], bruteForce) : bruteForce, patterns: patterns };
  }

  // ---- The validator: the rules and messages of `keydocs key check`.
  function formatBits(bits) {
    var rounded = Math.round(bits * 10) / 10;
    return String(rounded);
  }
  // A number of bits as the page's language writes a decimal.
  function shownBits(bits) { return formatBits(bits).replace('.', T.decimalMark); }
  function hex4(code) {
    var h = code.toString(16).toUpperCase();
    while (h.length < 4) h = '0' + h;
    return 'U+' + h;
  }
  function isWhitespace(ch) { return (/^\s$/u.test(ch) && ch !== '\uFEFF') || ch === '\u0085'; }
  function describeChar(ch) {
    var code = ch.codePointAt(0);
    if (ch === ' ') return 'a space';
    if (ch === '\t') return 'a tab';
    if (isWhitespace(ch) || code < 32 || code === 127) return 'an invisible character (' + hex4(code) + ')';
    return "'" + ch + "' (" + hex4(code) + ')';
  }
  var NOUNS = { word: 'a common word', sequence: 'a sequence or keyboard run', repeat: 'a repeat of earlier characters', year: 'a year', digits: 'a run of digits' };
  var published = {};
  P.publishedKeys.forEach(function (k) { published[P.caseInsensitive ? k.toLowerCase() : k] = true; });

  function check(key) {
    var findings = [];
    // What wraps output at this many columns, as KeyValidator.wrapCause says it.
    function wrapCause(column) {
      if (column === 76) return ' (base64 and TO_BASE64 wrap at 76 columns: use base64 -w0, or fewer bytes)';
      if (column === 60) return ' (xxd -p wraps at 60 columns: use xxd -p -c 64, or fewer bytes)';
      if (column === 64) return ' (openssl base64 wraps at 64 columns: use openssl rand -base64 with 48 bytes or fewer)';
      return '';
    }
    var chars = Array.from(key);
    var length = chars.length;
    var breaks = [], others = [];
    chars.forEach(function (ch, i) {
      if (symbols.indexOf(ch) >= 0 && ch.length === 1) return;
      if (ch === '\n' || ch === '\r') breaks.push(i + 1); else others.push([i + 1, ch]);
    });
    if (breaks.length) {
      findings.push({ rule: 'key.charset', severity: SEVERITY['key.charset'], position: breaks[0],
        message: 'the key contains a line break at character ' + breaks[0] + (breaks.length > 1 ? ' (' + breaks.length + ' in all)' : '') +
          ': the generator wraps its output' + wrapCause(breaks[0] - 1) });
    }
    if (others.length) {
      var shown = others.slice(0, 3).map(function (o) { return describeChar(o[1]) + ' at ' + o[0]; }).join(', ');
      var more = others.length > 3 ? ' and ' + (others.length - 3) + ' more' : '';
      var noun = others.length === 1 ? 'a character' : others.length + ' characters';
      findings.push({ rule: 'key.charset', severity: SEVERITY['key.charset'], position: others[0][0],
        message: noun + ' outside ' + P.alphabetDescription + ': ' + shown + more });
    }
    if (length < P.minLength) {
      findings.push({ rule: 'key.too-short', severity: SEVERITY['key.too-short'], position: null,
        message: length === 0 ? 'the key is empty; a key needs ' + P.minLength + ' to ' + P.maxLength + ' characters'
          : 'the key is ' + length + ' characters; it needs at least ' + P.minLength });
    } else if (length > P.maxLength) {
      findings.push({ rule: 'key.too-long', severity: SEVERITY['key.too-long'], position: P.maxLength + 1,
        message: 'the key is ' + length + ' characters; ' + P.storage.column + ' is ' + P.storage.type +
          ' and holds ' + P.storage.capacity + ': ' + P.storage.overflow });
    }
    if (length > 0 && /^[\x00-\x7f]*$/.test(key)) {
      var e = estimate(key);
      if (e.patterns.length && e.bits < P.weakThresholdBits) {
        findings.push({ rule: 'key.weak', severity: SEVERITY['key.weak'], position: e.patterns[0].start + 1,
          message: 'guessable structure: ' + e.patterns.map(function (p) {
            return NOUNS[p.kind] + ' at characters ' + (p.start + 1) + '–' + p.end;
          }).join(', ') + '; about ' + formatBits(e.bits) + ' bits to guess, under ' + formatBits(P.weakThresholdBits) });
      }
    }
    if (published[P.caseInsensitive ? key.replace(/[A-Z]/g, function (c) { return c.toLowerCase(); }) : key]) {
      findings.push({ rule: 'key.published', severity: SEVERITY['key.published'], position: null,
        message: 'this key is published (the list of well-known sample keys); anyone who has read it can use it' });
    }
    if (!findings.length) {
      var bits = length * W.symbolBits;
      if (bits < P.strengthWarningBits) {
        findings.push({ rule: 'key.strength', severity: SEVERITY['key.strength'], position: null,
          message: 'effective strength is ' + formatBits(bits) + ' bits (' + length + ' × log2(' + P.effectiveAlphabetSize + ')' +
            (P.caseInsensitive ? ', since lookups ignore case' : '') + '), under ' + formatBits(P.strengthWarningBits) +
            '; use ' + P.recommendedMinLength + ' characters or more' });
      }
    }
    return findings;
  }

  window.KeydocsKeys = { generate: generate, randomString: randomString, check: check, estimate: estimate, policy: P };

  // ---- The page.
  var output = document.getElementById('generated-key');
  if (!output) return;
  var lengthInput = document.getElementById('key-length');
  var contactInput = document.getElementById('contact-id');
  var strength = document.getElementById('key-strength');
  var current = '';

  // A message beside a field, which describes it to assistive technology: null without the field.
  function fieldMessage(input, id, className, role) {
    if (!input) return null;
    var message = document.createElement('span');
    message.id = id;
    message.className = className;
    message.setAttribute('role', role);
    input.parentNode.insertBefore(message, input.nextSibling);
    input.setAttribute('aria-describedby', id);
    return message;
  }
  // A length outside the policy's becomes the nearest allowed, and the reader is told so.
  var lengthNote = fieldMessage(lengthInput, 'key-length-note', 'field-note', 'status');
  function chosenLength() {
    var n = parseInt(lengthInput && lengthInput.value, 10);
    if (isNaN(n)) n = P.defaultLength;
    var allowed = Math.max(P.minLength, Math.min(P.maxLength, n));
    if (lengthNote) lengthNote.textContent = allowed === n ? '' : fill(fill(T.lengthSet, P.minLength + '\u2013' + P.maxLength), allowed);
    if (lengthInput && String(allowed) !== lengthInput.value) lengthInput.value = String(allowed);
    return allowed;
  }
  // A contact ID is a whole number from 1 to civicrm_contact.id's largest; anything else is
  // refused where the reader typed it, and no command names another contact in its place.
  var contactError = fieldMessage(contactInput, 'contact-id-error', 'field-error', 'alert');
  function contactId() {
    if (!contactInput) return 100;
    var text = contactInput.value.trim();
    var valid = /^[1-9][0-9]{0,9}$/.test(text) && Number(text) <= 4294967295;
    if (valid) contactInput.removeAttribute('aria-invalid'); else contactInput.setAttribute('aria-invalid', 'true');
    contactError.textContent = valid ? '' : (text === '' && contactInput.validity && contactInput.validity.badInput ? T.notANumber + ' ' : '')
      + T.contactRange;
    return valid ? text : null;
  }
  function render() {
    output.textContent = current;
    var bits = current.length * W.symbolBits;
    if (strength) strength.textContent = fill(T.strength, shownBits(bits)) + (bits < P.strengthWarningBits ? ' ' + fill(T.under, shownBits(P.strengthWarningBits)) : '');
    var id = contactId();
    var v3 = document.getElementById('command-v3');
    var v4 = document.getElementById('command-v4');
    var sql = document.getElementById('command-sql');
    var none = T.noCommand;
    // Without a contact there is no command, and nothing to copy.
    Array.prototype.forEach.call(document.querySelectorAll('.generator .copy-command'), function (button) { button.disabled = id === null; });
    if (v3) v3.textContent = id === null ? none : 'cv api contact.create id=' + id + ' api_key=' + current;
    if (v4) v4.textContent = id === null ? none : "cv api4 Contact.update +w 'id = " + id + "' +v api_key=" + current;
    if (sql) sql.textContent = id === null ? none : "UPDATE civicrm_contact SET api_key = '" + current + "' WHERE id = " + id + ';';
  }
  function fresh() { current = generate(chosenLength()); render(); }

  document.getElementById('new-key').addEventListener('click', fresh);
  if (lengthInput) lengthInput.addEventListener('change', fresh);
  if (contactInput) contactInput.addEventListener('input', render);
  // Each command gets a Copy button, as the page's code blocks do.
  ['command-v3', 'command-v4', 'command-sql'].forEach(function (id) {
    var code = document.getElementById(id);
    if (!code || !code.parentNode) return;
    // A command wider than its box scrolls: a keyboard reaches it to scroll it too.
    code.parentNode.setAttribute('tabindex', '0');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-command';
    button.setAttribute('data-copy-target', id);
    // Named by the command it copies, for a screen reader that meets three buttons called Copy.
    button.setAttribute('aria-describedby', id);
    button.textContent = T.copy;
    button.addEventListener('click', function () {
      var done = function (ok) {
        button.textContent = ok ? T.copied : T.selectAndCopy;
        setTimeout(function () { button.textContent = T.copy; }, 1500);
      };
      if (window.keydocsCopy) window.keydocsCopy(code.textContent, done); else done(false);
    });
    code.parentNode.parentNode.insertBefore(button, code.parentNode.nextSibling);
  });
  var copy = document.getElementById('copy-key');
  copy.addEventListener('click', function () {
    var done = function (ok) {
      copy.textContent = ok ? T.copied : T.selectAndCopy;
      setTimeout(function () { copy.textContent = T.copy; }, 1500);
    };
    if (window.keydocsCopy) window.keydocsCopy(current, done); else done(false);
  });
  fresh();

  var checkInput = document.getElementById('check-input');
  var result = document.getElementById('check-result');
  if (checkInput && result) {
    checkInput.addEventListener('input', function () {
      result.textContent = '';
      if (!checkInput.value) return;
      var findings = check(checkInput.value);
      var errors = findings.filter(function (f) { return f.severity === 'error'; });
      var head = document.createElement('p');
      head.className = errors.length ? 'error' : 'ok';
      head.textContent = errors.length ? T.keyFails : (findings.length ? T.keyPassesWithWarning : T.keyPasses);
      result.appendChild(head);
      if (findings.length) {
        var list = document.createElement('ul');
        findings.forEach(function (f) {
          var li = document.createElement('li');
          li.className = f.severity;
          li.textContent = (f.severity === 'error' ? T.error : T.warning) + ': ';
          // The finding as `keydocs key check` words it, in English: said so on a page in another language.
          var message = document.createElement('span');
          if (!/^en(-|$)/i.test(document.documentElement.lang)) message.lang = 'en';
          message.textContent = f.message + ' [' + f.rule + ']';
          li.appendChild(message);
          list.appendChild(li);
        });
        result.appendChild(list);
      }
    });
  }
})();
"""#
}
