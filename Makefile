# The two commands of the README: `make site` builds the site, `make test` runs the tests.
# Each sets up what it needs on a fresh machine with Python 3.11 (a virtual environment
# in .venv; Chromium from Debian's packages for the browser tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test offline lint clean browser

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m builder build

offline: $(STAMP)
	$(BIN)/python -m builder offline

browser:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || bash scripts/install-chromium.sh

test: $(STAMP) browser
	$(BIN)/ruff check builder tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check builder tests benchmarks

clean:
	rm -rf site dist .site_src.staging
	find site_src -mindepth 1 -not -name .gitkeep -delete 2>/dev/null || true
