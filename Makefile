# The two commands of the README: `make site` builds the site, `make test` runs the tests.
# Each sets up what it needs on a fresh machine with Python 3.11 (a virtual environment
# in .venv; Chromium from Debian's packages for the browser tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The browser tests' JavaScript (axe-core, html-validate), pinned by package-lock.json.
NODE_STAMP := tests/browser/node_modules/.installed

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

$(NODE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	command -v npm >/dev/null 2>&1 || bash scripts/install-node.sh
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

browser: $(NODE_STAMP)
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || bash scripts/install-chromium.sh

# The workflow linters run offline. actionlint's shellcheck and pyflakes are left out:
# they are not pinned here, so a machine that has them would lint differently.
test: $(STAMP) browser
	$(BIN)/ruff check builder tests benchmarks
	$(BIN)/mypy
	$(BIN)/actionlint -shellcheck= -pyflakes= .github/workflows/*.yml
	$(BIN)/zizmor --offline --quiet .github/workflows
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check builder tests benchmarks
	$(BIN)/mypy
	$(BIN)/actionlint -shellcheck= -pyflakes= .github/workflows/*.yml
	$(BIN)/zizmor --offline --quiet .github/workflows

# Everything a build writes: the site and the folders MkDocs swaps it through, the corpus-level files (dist/release/), the offline
# copy and its zip (dist/), the Markdown's staging folder and caches, the benchmarks' corpora
# and builds, the package metadata of the editable install. Never seeds/ or a maintainer's file.
clean:
	rm -rf site .site.staging .site.old dist .site_src.staging .site_src.cache benchmarks/out stenogram.egg-info
	find site_src -mindepth 1 -not -name .gitkeep -delete 2>/dev/null || true
