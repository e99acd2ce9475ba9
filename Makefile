# The two commands of the quick start: `make site` and `make test`.
# Each installs the Debian packages it needs first (only what is missing), then builds with SwiftPM.

SWIFT ?= swift
# Build: cmark-gfm for Markdown, MariaDB's client library. Checks: bubblewrap, the MariaDB server.
PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libmariadb-dev mariadb-server-core bubblewrap
# Tests also compare with the cmark-gfm program, load pages in Chromium and validate JSON output
# against schema/ with Python's jsonschema; axe-core, from PyPI with Playwright's driver, runs
# in a virtual environment (python3-venv) under .build.
TEST_PACKAGES := cmark-gfm chromium python3-jsonschema python3-venv
KEYDOCS := .build/release/keydocs
# Installing: the Swift runtime is linked into the binary, so it runs where Swift is not
# installed; Foundation's networking part, which the preview server's library brings in, links
# libcurl, whose development files the static link needs.
PREFIX ?= /usr/local
INSTALL_PACKAGES := libcurl4-openssl-dev
STATIC := .build-static/release/keydocs

.PHONY: site check test packages test-packages release install uninstall clean

## Check every sample in docs/ and render the site into site/.
site: packages release
	$(KEYDOCS) build --strict

## Check every sample in docs/ without building.
check: packages release
	$(KEYDOCS) check --strict

## Run every test (release build: the statistical tests draw millions of keys).
test: packages test-packages
	$(SWIFT) build -c release --build-tests
	$(SWIFT) test -c release --skip-build

packages:
	@scripts/install-packages $(PACKAGES)

test-packages:
	@scripts/install-packages $(TEST_PACKAGES)
	@scripts/install-test-python

release: packages
	$(SWIFT) build -c release --product keydocs

## Install keydocs, its man page and shell completions under PREFIX (default /usr/local).
install: packages
	@scripts/install-packages $(INSTALL_PACKAGES)
	$(SWIFT) build -c release --product keydocs --static-swift-stdlib --scratch-path .build-static
	$(SWIFT) package plugin generate-manual
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -s -m 755 $(STATIC) $(DESTDIR)$(PREFIX)/bin/keydocs
	install -m 644 .build/plugins/GenerateManual/outputs/keydocs/keydocs.1 $(DESTDIR)$(PREFIX)/share/man/man1/keydocs.1
	$(STATIC) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/keydocs
	$(STATIC) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_keydocs
	$(STATIC) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/keydocs.fish

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/keydocs $(DESTDIR)$(PREFIX)/share/man/man1/keydocs.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/keydocs $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_keydocs \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/keydocs.fish

clean:
	rm -rf .build .build-static site
