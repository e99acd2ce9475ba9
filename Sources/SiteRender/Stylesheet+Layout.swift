extension Stylesheet {
    /// The page around the article: a header of one row, the navigation (a column beside the
    /// page, a drawer on a phone), and the table of contents (a column on a wide screen, under
    /// the current page's entry in the navigation otherwise).
    static let layout = #"""
/* MARK: header */
:root { --header-height: 3.25rem; }
[id] { scroll-margin-top: calc(var(--header-height) + .75rem); }
.topbar {
  position: sticky; top: 0; z-index: 5; display: flex; align-items: center; gap: .75rem;
  min-height: var(--header-height); padding: .4rem 1.25rem; background: var(--header-bg, var(--surface));
  color: var(--header-fg, var(--fg)); border-bottom: 1px solid var(--border);
}
.brand {
  display: flex; align-items: center; gap: .5rem; min-width: 0; margin-right: auto;
  font-weight: 700; font-size: 1.1rem; color: inherit; text-decoration: none;
}
.brand-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.brand img { height: 1.75rem; width: auto; flex: none; }
.search { position: relative; width: min(22rem, 40vw); }
.search input {
  width: 100%; padding: .4rem .7rem; font: inherit; font-size: .95rem; color: var(--fg);
  background: var(--bg); border: 1px solid var(--border); border-radius: 6px;
}
#search-results {
  position: absolute; right: 0; left: 0; top: calc(100% + 4px); margin: 0; padding: .25rem 0; list-style: none;
  background: var(--bg); color: var(--fg); border: 1px solid var(--border); border-radius: 6px;
  max-height: calc(100vh - var(--header-height) - 1.5rem); overflow: auto;
  box-shadow: 0 8px 24px rgba(0,0,0,.18); min-width: 20rem; overflow-wrap: anywhere;
}
#search-results ul { list-style: none; margin: 0; padding: 0; }
#search-results .result-count { padding: .3rem .8rem; font-size: .8rem; color: var(--muted); }
#search-results .result-group { border-top: 1px solid var(--border); }
#search-results .result-group:first-of-type { border-top: 0; }
#search-results a { display: block; padding: .45rem .8rem; color: var(--fg); text-decoration: none; }
#search-results .result-page-title { font-weight: 600; }
#search-results .result-section { padding-left: 1.6rem; font-size: .92rem; }
#search-results .result-path { display: block; font-size: .8rem; color: var(--muted); }
#search-results .result-excerpt { display: block; font-size: .82rem; color: var(--muted); margin-top: .15rem; }
#search-results .result-more {
  display: block; width: 100%; text-align: left; padding: .3rem .8rem .45rem 1.6rem; font: inherit; font-size: .82rem;
  color: var(--accent); background: none; border: 0; cursor: pointer;
}
#search-results mark { background: var(--mark); color: inherit; padding: 0; }
#search-results a:focus, #search-results a:hover { background: var(--surface); }
#search-results .empty { padding: .45rem .8rem; color: var(--muted); }
.icon-button, .repo {
  display: inline-flex; align-items: center; justify-content: center; gap: .35rem; min-width: 2.25rem; height: 2.25rem;
  font: inherit; color: inherit; background: transparent; border: 1px solid var(--border);
  border-radius: 6px; padding: 0 .55rem; cursor: pointer; text-decoration: none; flex: none;
}
#menu-toggle, #search-toggle, .drawer-head, .backdrop { display: none; }

.edit-page {
  float: right; display: inline-flex; align-items: center; gap: .3rem; margin: .55rem 0 .5rem 1rem;
  font-size: .85rem; color: var(--muted); text-decoration: none;
}
.edit-page:hover { color: var(--accent); }
.edit-page .icon { width: 1rem; height: 1rem; }

/* MARK: columns */
.layout {
  display: grid; grid-template-columns: 15rem minmax(0, 1fr) 13rem; gap: 2rem;
  max-width: 90rem; margin: 0 auto; padding: 0 1.25rem;
}
main { min-width: 0; padding: 1.25rem 0 3rem; }

/* MARK: navigation, a table of contents rather than a stack of notes */
.sidebar {
  position: sticky; top: var(--header-height); align-self: start; max-height: calc(100vh - var(--header-height));
  overflow: auto; padding: 1.25rem 0; font-size: .93rem; overscroll-behavior: contain;
}
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar ul ul { padding-left: .8rem; }
.sidebar li { margin: .1rem 0; }
.sidebar a { color: var(--fg); text-decoration: none; display: block; padding: .15rem .5rem; border-radius: 4px; overflow-wrap: anywhere; }
.sidebar a:hover { color: var(--accent); }
.sidebar a[aria-current="page"] { color: var(--accent); font-weight: 600; }
.sidebar details { margin: 0; padding: 0; border: 0; background: none; }
.sidebar summary {
  display: flex; justify-content: space-between; align-items: center; cursor: pointer; list-style: none;
  padding: .15rem .5rem; border-radius: 4px; font-weight: 600; color: var(--fg);
}
.sidebar summary::-webkit-details-marker { display: none; }
.sidebar summary::after { content: "›"; color: var(--muted); transition: transform .15s; }
.sidebar details[open] > summary::after { transform: rotate(90deg); }
.sidebar summary:hover { color: var(--accent); }
.nav-home { font-weight: 600; }
.nav-toc { margin: .2rem 0 .4rem .5rem !important; padding-left: .6rem !important; border-left: 1px solid var(--border); font-size: .88rem; }
.nav-toc a { color: var(--muted); padding: .08rem .4rem; }
.nav-repo { display: none; }

/* MARK: table of contents */
.toc {
  position: sticky; top: var(--header-height); align-self: start; max-height: calc(100vh - var(--header-height));
  overflow: auto; padding: 1.25rem 0; font-size: .88rem; overscroll-behavior: contain;
}
.toc h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 0 0 .5rem; }
.toc ul { list-style: none; margin: 0; padding: 0; }
.toc li { margin: .25rem 0; }
.toc a { color: var(--muted); text-decoration: none; display: block; border-left: 2px solid transparent; padding-left: .5rem; overflow-wrap: anywhere; }
.toc a:hover, .nav-toc a:hover { color: var(--accent); }
.toc a.active, .nav-toc a.active { color: var(--accent); font-weight: 600; border-left-color: var(--accent); }
.toc-h3 { padding-left: .8rem; } .toc-h4 { padding-left: 1.6rem; } .toc-h5 { padding-left: 2.4rem; } .toc-h6 { padding-left: 3.2rem; }
@media (min-width: 1101px) {
  .nav-toc { display: none; }
}

/* MARK: tablet: two columns; the table of contents moves into the navigation */
@media (max-width: 1100px) {
  .layout { grid-template-columns: 14rem minmax(0, 1fr); }
  html.js .toc { display: none; }
  html:not(.js) .toc { grid-column: 2; position: static; max-height: none; border-top: 1px solid var(--border); }
}

/* MARK: phone: one header row, the navigation a drawer with a backdrop */
@media (max-width: 760px) {
  /* On a phone the edit link stands above the title, which keeps the whole width. */
  .edit-page { float: none; display: flex; justify-content: flex-end; margin: .5rem 0 0; }
  .topbar { gap: .4rem; padding: .4rem .5rem; }
  .brand { font-size: 1rem; }
  .layout { display: block; padding: 0 1rem; }
  .sidebar { position: static; max-height: none; border-bottom: 1px solid var(--border); }
  .anchor { display: none; }
  html.js #menu-toggle, html.js #search-toggle { display: inline-flex; }
  html.js .search { display: none; }
  html.js .topbar.searching .search {
    display: block; position: absolute; left: .5rem; right: .5rem; top: 50%; transform: translateY(-50%); width: auto;
  }
  html.js .topbar.searching #search-results { position: fixed; left: .5rem; right: .5rem; top: calc(var(--header-height) + .25rem); min-width: 0; }
  .repo { display: none; }
  html.js .sidebar {
    position: fixed; top: 0; left: 0; bottom: 0; z-index: 20; width: min(20rem, 85vw); align-self: stretch;
    max-height: none; padding: 0 0 1rem; background: var(--bg); border: 0; border-right: 1px solid var(--border);
    box-shadow: 4px 0 24px rgba(0,0,0,.25); transform: translateX(-105%); visibility: hidden;
  }
  html.js .sidebar.open { transform: none; visibility: visible; }
  html.js .sidebar > ul, html.js .sidebar > .nav-home { margin: .75rem .5rem; }
  html.js .drawer-head {
    display: flex; align-items: center; gap: .5rem; position: sticky; top: 0; z-index: 1;
    min-height: var(--header-height); padding: .4rem .5rem .4rem 1rem; font-weight: 700;
    background: var(--header-bg, var(--surface)); color: var(--header-fg, var(--fg)); border-bottom: 1px solid var(--border);
  }
  .drawer-head span { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  html.js .nav-repo { display: block; margin: .75rem 1rem 0; }
  .backdrop { display: block; position: fixed; inset: 0; z-index: 15; background: rgba(0,0,0,.54); visibility: hidden; }
  .backdrop.open { visibility: visible; }
  html.drawer-open { overflow: hidden; }
}
@media (prefers-reduced-motion: reduce) {
  .sidebar summary::after { transition: none; }
}
"""#
}
