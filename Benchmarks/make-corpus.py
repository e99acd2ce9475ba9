#!/usr/bin/env python3
"""Writes a deterministic synthetic docs corpus: N pages in sections of 50, with headings,
prose with inline markup, lists, tables, php code blocks, links between pages and to anchors.

usage: make-corpus.py PAGES OUTPUT_FOLDER
"""
import os
import random
import sys

WORDS = ("key contact api civicrm permission role secret token header request response module "
         "extension field column value record donor member event payment report setting site "
         "server client user account group table index query update select rotate revoke").split()


def sentence(rng, links):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    i = rng.randrange(len(words))
    words[i] = rng.choice(["*%s*", "**%s**", "`%s`"]) % words[i]
    if links and rng.random() < 0.5:
        target, anchor = rng.choice(links)
        j = rng.randrange(len(words))
        words[j] = "[%s](%s%s)" % (words[j], target, "#" + anchor if anchor else "")
    return " ".join(words).capitalize() + "."


def page(rng, number, title, links):
    out = ["# %s" % title, ""]
    for s in range(4):
        out += ["## Part %d" % (s + 1), ""]
        out += [" ".join(sentence(rng, links) for _ in range(4)), ""]
        kind = (number + s) % 4
        if kind == 0:
            out += ["- " + sentence(rng, links) for _ in range(4)] + [""]
        elif kind == 1:
            out += ["| field | type | note |", "| --- | --- | --- |"]
            out += ["| %s | %s | %s |" % (rng.choice(WORDS), rng.choice(["int", "varchar(32)", "text"]), rng.choice(WORDS))
                    for _ in range(4)] + [""]
        elif kind == 2:
            out += ["```php", "$result = civicrm_api3('Contact', 'get', [", "  'id' => %d," % (number + 1),
                    "  'return' => ['display_name', '%s']," % rng.choice(WORDS), "]);", "```", ""]
        else:
            out += ["### Details", "", "1. " + sentence(rng, links), "2. " + sentence(rng, links), ""]
    return "\n".join(out) + "\n"


def main():
    count, folder = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261126)
    docs = os.path.join(folder, "docs")
    os.makedirs(docs, exist_ok=True)
    paths = []
    for n in range(count):
        paths.append("index.md" if n == 0 else "section-%03d/page-%04d.md" % (n // 50, n))
    for n, path in enumerate(paths):
        folder_of = os.path.dirname(path)
        links = []
        for _ in range(3):
            target = paths[rng.randrange(count)]
            rel = os.path.relpath(target, folder_of or ".")
            links.append((rel, rng.choice(["", "part-1", "part-2", "part-4"])))
        full = os.path.join(docs, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(page(rng, n, "Page %d" % n if n else "Corpus", links))
    with open(os.path.join(folder, "mkdocs.yml"), "w") as f:
        f.write("site_name: Corpus of %d pages\nsite_url: https://example.org/corpus/\n" % count)


if __name__ == "__main__":
    main()
