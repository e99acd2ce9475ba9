# The two commands of the quick start: `make site` and `make test`.
# Each installs the Debian packages it needs first, then builds with SwiftPM.

SWIFT ?= swift
# cmark-gfm for Markdown.
PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev
KEYDOCS := .build/release/keydocs

.PHONY: site test packages release clean

## Check every sample in docs/ and render the site into site/.
site: packages release
	$(KEYDOCS) policy

## Run every test (release build: the statistical tests draw millions of keys).
test: packages
	$(SWIFT) build -c release --build-tests
	$(SWIFT) test -c release --skip-build

packages:
	@scripts/install-packages $(PACKAGES)

release: packages
	$(SWIFT) build -c release --product keydocs

clean:
	rm -rf .build site
