# Stride Prep. `make build` builds the site into _site/, `make test` runs every test.
# Both install what they need into .venv first, and only when pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test check golden clean

build: $(STAMP)
	$(PY) build.py build

check: $(STAMP)
	$(PY) build.py check

test: $(STAMP)
	$(PY) -m pytest

# Re-record the golden site after a deliberate change to templates or the fixture.
golden: $(STAMP)
	$(PY) -m tests.site.update_golden

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $$($(PYTHON) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print(" ".join(p["dependencies"] + p["optional-dependencies"]["test"]))')
	touch $(STAMP)

clean:
	rm -rf _site .cache .pytest_cache
