# Stride Prep. `make build` builds the site into _site/, `make test` runs every test.
# Each installs only what it needs, and only when the file that pins it changed:
#   make build       pyproject.toml's dependencies into .venv (what building needs, nothing else)
#   make test        adds its "test" extra, the npm packages of tests/package.json (axe-core,
#                    html-validate) into tests/node_modules, and on Debian as root the chromium package
#   make lighthouse  adds Lighthouse from tests/lighthouse/package.json, into tests/lighthouse/node_modules
#   make lint        adds its "lint" extra

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := tests/node_modules/.installed
LIGHTHOUSE_STAMP := tests/lighthouse/node_modules/.installed
# One extra of pyproject.toml, by name: pip install $(call extra,test)
extra = $$($(PYTHON) -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["$(1)"]))')

.PHONY: build test check lint golden serve browser clean weight lighthouse

build: $(STAMP)
	$(PY) build.py build

check: $(STAMP)
	$(PY) build.py check

serve: $(STAMP)
	$(PY) build.py serve

test: $(TEST_STAMP) $(NODE_STAMP) browser
	$(PY) -m pytest

LINT_STAMP := $(VENV)/.installed-lint

# The rules are in pyproject.toml: ruff's defaults plus C901 (no function over complexity 10), mypy's files.
lint: $(STAMP) $(LINT_STAMP)
	$(VENV)/bin/ruff check site_gen tests build.py
	$(VENV)/bin/mypy

$(LINT_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check $(call extra,lint)
	touch $(LINT_STAMP)

# What a first visit to each kind of page transfers (gzip), against the budget; make test checks it too.
weight: build
	$(PY) -m tests.site.page_weight _site

# Lighthouse (pinned in tests/lighthouse/package.json) on the home, a routine, a drill and the log page,
# mobile emulation, driving the browser tests' Chromium. Not in `make test`: a performance score also
# measures the machine.
lighthouse: $(TEST_STAMP) $(LIGHTHOUSE_STAMP) browser
	$(PY) -m tests.site.lighthouse

# Re-record the golden site after a deliberate change to templates or the fixture.
golden: $(STAMP)
	$(PY) -m tests.site.update_golden

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $$($(PYTHON) -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))')
	touch $(STAMP)

# pytest, Playwright, Beautiful Soup, jsonschema: on top of what building needs.
$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check $(call extra,test)
	touch $(TEST_STAMP)

# axe-core and html-validate, exactly as tests/package-lock.json pins them.
$(NODE_STAMP): tests/package.json tests/package-lock.json
	@command -v npm > /dev/null || { echo "make test: the browser and HTML tests need Node.js 20 or newer with npm" >&2; exit 1; }
	npm ci --prefix tests --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# Lighthouse, exactly as tests/lighthouse/package-lock.json pins it; only `make lighthouse` asks for it.
$(LIGHTHOUSE_STAMP): tests/lighthouse/package.json tests/lighthouse/package-lock.json
	@command -v npm > /dev/null || { echo "make lighthouse: Lighthouse needs Node.js 20 or newer with npm" >&2; exit 1; }
	npm ci --prefix tests/lighthouse --no-audit --no-fund --loglevel=error
	touch $(LIGHTHOUSE_STAMP)

# A Chromium the browser tests can start. Playwright cannot download its own here, so on
# Debian, as root, install the distribution's, without recommends (upower, printer tools and
# the like are not needed headless), with the two font families (text must measure the same
# on every machine) and libatomic1 (Playwright's bundled driver needs it; a minimal Debian
# lacks it), and poppler-utils and zbar-tools (pdftoppm and zbarimg read the printed cards' QR
# codes back). Anywhere else, say what is missing and stop. The check starts the browser once.
browser: $(TEST_STAMP)
	@if ! $(PY) -m tests.browser.chromium > /dev/null 2>&1 || ! command -v pdftoppm > /dev/null || ! command -v zbarimg > /dev/null; then \
	  if [ "$$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get > /dev/null; then \
	    echo "make test: installing Debian's chromium, poppler-utils and zbar-tools for the browser tests"; \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
	      chromium fonts-liberation fonts-dejavu-core libatomic1 zbar-tools poppler-utils || exit 1; \
	  fi; \
	  $(PY) -m tests.browser.chromium > /dev/null || exit 1; \
	  for tool in pdftoppm zbarimg; do command -v $$tool > /dev/null || { echo "make test: the print tests need $$tool (Debian: poppler-utils, zbar-tools)" >&2; exit 1; }; done; \
	fi

clean:
	rm -rf _site ._site.* .cache .pytest_cache test-artifacts

# Side-by-side benchmark against Hugo, Eleventy, MkDocs and Pelican (benchmarks/README.md).
# Not part of `make test`: only bench-deps installs the peers (apt, npm, pip), and only when asked.
.PHONY: bench-deps bench bench-serve bench-clean

bench-deps:
	PYTHON=$(PYTHON) sh benchmarks/bench_deps.sh

bench: $(STAMP)
	$(PY) benchmarks/bench.py

bench-serve: $(STAMP)
	$(PY) benchmarks/serve_latency.py
	$(PY) benchmarks/make_corpus.py 4000 benchmarks/.work/serve-4000 > /dev/null
	$(PY) benchmarks/serve_latency.py --content benchmarks/.work/serve-4000/content

bench-clean:
	rm -rf benchmarks/.work
