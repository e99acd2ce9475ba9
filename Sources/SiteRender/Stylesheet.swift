/// The site's one stylesheet: light and dark themes, the article, code, badges, print; the
/// page around the article (header, navigation, table of contents) is `Stylesheet.layout`.
enum Stylesheet {
    /// The whole stylesheet, as the site writes it.
    static var css: String { base + admonitionIcons + layout + print }

    /// The dark theme's colours: by the reader's system setting, or by the toggle.
    static let dark = #"""

  color-scheme: dark;
  --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --accent: #4493f8;
  --accent-fg: #0d1117; --surface: #151b23; --code-bg: #151b23; --mark: #3b2e00;
  --hl-k: #d2a8ff; --hl-s: #a5d6ff; --hl-c: #9198a1; --hl-n: #79c0ff; --hl-v: #ffa657; --hl-f: #7ee787;
  --ok: #3fb950; --ok-bg: #12261e; --bad: #f85149; --bad-bg: #25171c; --skip: #9198a1; --skip-bg: #212830;
  --warn: #d29922; --warn-bg: #272115;

"""#

    static let base = #"""
:root {
  color-scheme: light;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --accent: #0b5cad;
  --accent-fg: #ffffff; --surface: #f6f8fa; --code-bg: #f6f8fa; --mark: #fff8c5;
  --hl-k: #8250df; --hl-s: #0a3069; --hl-c: #59636e; --hl-n: #0550ae; --hl-v: #953800; --hl-f: #116329;
  --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --skip: #57606a; --skip-bg: #eaeef2;
  --warn: #875b00; --warn-bg: #fff8c5;
}
@media (prefers-color-scheme: dark) {
  :root:not([data-theme="light"]) {\#(dark)}
}
:root[data-theme="dark"] {\#(dark)}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", sans-serif;
}
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible, select:focus-visible {
  outline: 2px solid var(--accent); outline-offset: 2px;
}
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 0; background: var(--accent); color: var(--accent-fg); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 0; }

main { min-width: 0; padding: 1.25rem 0 3rem; }
.breadcrumbs ol { list-style: none; display: flex; gap: .4rem; padding: 0; margin: 0 0 .5rem; color: var(--muted); font-size: .9rem; }
.breadcrumbs li + li::before { content: "›"; margin-right: .4rem; }
.page h1 { font-size: 2rem; line-height: 1.25; margin: .5rem 0 1rem; }
.page h2 { font-size: 1.45rem; margin: 2.2rem 0 .8rem; padding-bottom: .25rem; border-bottom: 1px solid var(--border); }
.page h3 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; }
.page h1, .page h2, .page h3, .page h4, .page h5, .page h6 { position: relative; }
/* A heading or anchor that a link jumps to stays clear of the sticky header, whatever its height. */
:root { --header-height: 3.6rem; }
[id] { scroll-margin-top: calc(var(--header-height) + .75rem); }
.anchor { position: absolute; left: -1.2rem; padding-right: .3rem; text-decoration: none; opacity: 0; }
.anchor::before { content: "#"; }
h1:hover .anchor, h2:hover .anchor, h3:hover .anchor, h4:hover .anchor, .anchor:focus { opacity: 1; }
/* Tables as documentation themes set them: a little smaller than the text, cells aligned at
   their top; a table wider than its box scrolls in it, faded at each edge where it is cut
   (the script marks which, as the reader scrolls). */
.page table { border-collapse: collapse; display: block; overflow-x: auto; margin: 1rem 0; font-size: .875rem; line-height: 1.5; }
.page th, .page td { border: 1px solid var(--border); padding: .35rem .7rem; text-align: left; vertical-align: top; }
.page table[data-cut="right"] {
  -webkit-mask-image: linear-gradient(to right, #000 calc(100% - 2.5rem), transparent); mask-image: linear-gradient(to right, #000 calc(100% - 2.5rem), transparent);
}
.page table[data-cut="left"] {
  -webkit-mask-image: linear-gradient(to left, #000 calc(100% - 2.5rem), transparent); mask-image: linear-gradient(to left, #000 calc(100% - 2.5rem), transparent);
}
.page table[data-cut="left right"] {
  -webkit-mask-image: linear-gradient(to right, transparent, #000 2.5rem, #000 calc(100% - 2.5rem), transparent);
  mask-image: linear-gradient(to right, transparent, #000 2.5rem, #000 calc(100% - 2.5rem), transparent);
}
.page th { background: var(--surface); }
.page blockquote { margin: 1rem 0; padding: .2rem 1rem; color: var(--muted); border-left: 4px solid var(--border); }
.page img { max-width: 100%; height: auto; }
/* A long address or word breaks rather than widening the page; tables and code scroll in their own box. */
.page { overflow-wrap: break-word; }
.page iframe, .page video, .page embed, .page object { max-width: 100%; }
.tabbed-set > .tabbed-content, .page li, .page dd { min-width: 0; }
code, pre, kbd { font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
/* Inline code keeps its tint but adds almost no width: no gap beside the brackets around it. */
:not(pre) > code { background: var(--code-bg); padding: .1em .15em; margin: 0; border-radius: 3px; }
pre { margin: 0; padding: .85rem 1rem; overflow-x: auto; line-height: 1.45; background: var(--code-bg); }
.page > pre, .page li > pre, .page blockquote > pre { border: 1px solid var(--border); border-radius: 6px; }
.code { margin: 1rem 0; border: 1px solid var(--border); border-radius: 6px; background: var(--code-bg); }
.code > pre { border-radius: 0 0 6px 6px; }
.code-bar {
  display: flex; align-items: center; gap: .5rem; padding: .25rem .5rem .25rem .9rem; font-size: .78rem;
  color: var(--muted); border-bottom: 1px solid var(--border);
}
.code-lang { margin-right: auto; text-transform: lowercase; }
.badge { padding: .05rem .5rem; border-radius: 999px; font-weight: 600; }
/* A badge's details open inside the block, between its bar and its code: they push the code
   down instead of covering it, at any width. */
.code-bar { flex-wrap: wrap; }
.code-bar > .copy { order: 1; }
.badge-info[open] { order: 2; flex-basis: 100%; text-align: right; }
.badge-info > summary { display: inline-block; list-style: none; cursor: pointer; }
.badge-info > summary::-webkit-details-marker { display: none; }
.badge-info > summary::after { content: " ▾"; font-size: .75em; }
.badge-info[open] > summary::after { content: " ▴"; }
.badge-note {
  display: block; margin: .35rem 0 .2rem; text-align: left; text-transform: none;
  padding: .45rem .7rem; font-size: .85rem; font-weight: 400; color: var(--fg); background: var(--bg);
  border: 1px solid var(--border); border-radius: 6px; white-space: normal;
}
.badge[data-status="verified"] { color: var(--ok); background: var(--ok-bg); }
.badge[data-status="failed"] { color: var(--bad); background: var(--bad-bg); }
.badge[data-status="skipped"], .badge[data-status="unchecked"], .badge[data-status="other"] { color: var(--skip); background: var(--skip-bg); }
.badge[data-status="not-run"] { color: var(--warn); background: var(--warn-bg); }
.code[data-status="failed"] { border-color: var(--bad); }
.badge[data-status="expected-failure"] { color: var(--warn); background: var(--warn-bg); }
.code[data-status="expected-failure"] { border-color: var(--warn); border-left-width: 4px; }
.code[data-status="expected-failure"] .code-note { color: var(--warn); font-weight: 600; }
.code-note { margin: 0; padding: .35rem .9rem; font-size: .85rem; color: var(--muted); border-top: 1px solid var(--border); }
.copy {
  font: inherit; font-size: .78rem; color: var(--fg); background: var(--bg); border: 1px solid var(--border);
  border-radius: 4px; padding: .1rem .5rem; cursor: pointer;
}
.hl-k { color: var(--hl-k); } .hl-s { color: var(--hl-s); } .hl-c { color: var(--hl-c); font-style: italic; }
.hl-n { color: var(--hl-n); } .hl-v { color: var(--hl-v); } .hl-f { color: var(--hl-f); }
.pager { display: flex; justify-content: space-between; gap: 1rem; margin-top: 3rem; }
.pager a { flex: 1; min-width: 0; overflow-wrap: anywhere; border: 1px solid var(--border); border-radius: 6px; padding: .6rem .9rem; text-decoration: none; }
.pager .next { text-align: right; }
.pager-label { display: block; font-size: .8rem; color: var(--muted); }
.footer { border-top: 1px solid var(--border); color: var(--muted); font-size: .85rem; text-align: center; padding: 1rem; }

.generator { border: 1px solid var(--border); border-radius: 8px; padding: 1rem 1.25rem; margin: 1.25rem 0; background: var(--surface); }
.generator .key-row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
#generated-key {
  font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 1.1rem;
  padding: .45rem .7rem; background: var(--bg); border: 1px solid var(--border); border-radius: 6px;
  word-break: break-all; flex: 1 1 20rem; min-height: 2.4rem;
}
.generator button, .generator input, .generator select {
  font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: .35rem .7rem;
}
.generator button.primary { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.generator label { font-weight: 600; }
.generator .field { margin: .9rem 0 .3rem; display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; }
.generator input[type="text"] { font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace; flex: 1 1 18rem; }
.generator output, .generator .result { display: block; }
.generator .field-error { color: var(--bad); font-weight: 600; }
.generator .field-error:empty { display: none; }
.generator input[aria-invalid="true"] { border-color: var(--bad); border-width: 2px; }
.check-result ul { margin: .4rem 0 0; padding-left: 1.2rem; }
.check-result .ok { color: var(--ok); font-weight: 600; }
.check-result .error { color: var(--bad); }
.check-result .warning { color: var(--warn); }
.generator pre { border: 1px solid var(--border); border-radius: 6px; white-space: pre; overflow-x: auto; margin: .5rem 0 .2rem; }
.generator .copy-command { font-size: .85rem; padding: .15rem .6rem; margin-bottom: .4rem; }
.generator .field-note { color: var(--muted); }
.generator .field-note:empty { display: none; }

.serve-banner { background: var(--bad-bg); color: var(--fg); border-bottom: 2px solid var(--bad); padding: .6rem 1.25rem; font-size: .9rem; }
.serve-banner ul { margin: .3rem 0 0; padding-left: 1.2rem; max-height: 12rem; overflow: auto; }

/* Python-Markdown and pymdown blocks, with their own class names. Only the article's
   <details> are notes: the navigation's sections are <details> too, and read as a list. */
.page .admonition, .page details:not(.badge-info) {
  margin: 1.2rem 0; padding: 0 1rem; border: 1px solid var(--border); border-left: 4px solid var(--adm, var(--accent));
  border-radius: 6px; background: var(--bg); overflow: auto;
}
.page .admonition > :last-child, .page details:not(.badge-info) > :last-child { margin-bottom: .8rem; }
.page .admonition-title, .page details:not(.badge-info) > summary {
  margin: 0 -1rem .6rem; padding: .45rem 1rem; font-weight: 600;
  background: color-mix(in srgb, var(--adm, var(--accent)) 12%, transparent);
}
.page details:not(.badge-info) > summary { cursor: pointer; }
.page details:not(.badge-info):not([open]) > summary { margin-bottom: 0; }
.admonition.tip, .admonition.hint, .admonition.important, details.tip, details.hint, details.important { --adm: #00a896; }
.admonition.check, .admonition.success, .admonition.done, details.check, details.success, details.done { --adm: var(--ok); }
.admonition.question, .admonition.help, .admonition.faq, details.question, details.help, details.faq { --adm: #64a30d; }
.admonition.warning, .admonition.caution, .admonition.attention, details.warning, details.caution, details.attention { --adm: #d97706; }
.admonition.failure, .admonition.fail, .admonition.missing, .admonition.error, .admonition.forbidden,
details.failure, details.fail, details.missing, details.error, details.forbidden { --adm: var(--bad); }
.admonition.danger, .admonition.bug, details.danger, details.bug { --adm: #e11d48; }
.admonition.example, .admonition.abstract, .admonition.summary, .admonition.tldr, details.example, details.abstract { --adm: #7c4dff; }
.admonition.info, .admonition.todo, .admonition.quote, .admonition.cite, details.info, details.todo { --adm: #0891b2; }
.tabbed-set { display: flex; flex-wrap: wrap; margin: 1.2rem 0; border: 1px solid var(--border); border-radius: 6px; }
.tabbed-set > input { position: absolute; opacity: 0; pointer-events: none; }
.tabbed-set > label { order: 0; padding: .45rem 1rem; cursor: pointer; color: var(--muted); border-bottom: 2px solid transparent; }
.tabbed-set > .tabbed-content { order: 1; display: none; width: 100%; padding: 0 1rem; border-top: 1px solid var(--border); }
.tabbed-set > input:checked + label { color: var(--fg); font-weight: 600; border-bottom-color: var(--accent); }
.tabbed-set > input:focus-visible + label { outline: 2px solid var(--accent); outline-offset: -2px; }
.tabbed-set > input:checked + label + .tabbed-content { display: block; }
dl dt { font-weight: 600; margin-top: .6rem; }
dl dd { margin: .2rem 0 .6rem 1.5rem; }
mark { background: var(--mark); color: inherit; padding: 0 .15em; }
.headerlink { margin-left: .4rem; color: var(--muted); text-decoration: none; opacity: 0; }
h1:hover .headerlink, h2:hover .headerlink, h3:hover .headerlink, h4:hover .headerlink, h5:hover .headerlink,
h6:hover .headerlink, .headerlink:focus { opacity: 1; }
code.highlight { background: var(--code-bg); }
"""#

    /// What a printed page leaves out.
    static let print = #"""
@media print {
  .topbar, .sidebar, .toc, .pager, .copy, .skip, .footer { display: none !important; }
  .layout { display: block; padding: 0; }
  body { font-size: 11pt; color: #000; background: #fff; }
  .code, pre { break-inside: avoid; background: #fff; }
  a { color: #000; }
  .page a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
}
"""#
}
