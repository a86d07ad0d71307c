# Stride Prep. `make build` builds the site into _site/, `make test` runs every test.
# Both install what they need into .venv first, and only when pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test check lint golden clean

build: $(STAMP)
	$(PY) build.py build

check: $(STAMP)
	$(PY) build.py check

test: $(STAMP)
	$(PY) -m pytest

LINT_STAMP := $(VENV)/.installed-lint

lint: $(STAMP) $(LINT_STAMP)
	$(VENV)/bin/ruff check site_gen tests build.py
	$(VENV)/bin/mypy

$(LINT_STAMP): pyproject.toml
	$(PY) -m pip install --quiet --disable-pip-version-check $$($(PYTHON) -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["lint"]))')
	touch $(LINT_STAMP)

# Re-record the golden site after a deliberate change to templates or the fixture.
golden: $(STAMP)
	$(PY) -m tests.site.update_golden

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $$($(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(p["dependencies"] + p["optional-dependencies"]["test"]))')
	touch $(STAMP)

clean:
	rm -rf _site .cache .pytest_cache
