# The two commands of the quick start: `make site` and `make test`.
# Each installs the Debian packages it needs first (only what is missing), then builds with SwiftPM.

SWIFT ?= swift
# Build: cmark-gfm for Markdown, MariaDB's client library. Checks: bubblewrap, the MariaDB server.
PACKAGES := pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libmariadb-dev mariadb-server-core bubblewrap
# Tests also compare with the cmark-gfm program, load pages in Chromium and validate JSON output
# against schema/ with Python's jsonschema.
TEST_PACKAGES := cmark-gfm chromium python3-jsonschema
KEYDOCS := .build/release/keydocs

.PHONY: site check test packages test-packages release clean

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

release: packages
	$(SWIFT) build -c release --product keydocs

clean:
	rm -rf .build site
