# make site  — set everything up and build site/ from the shipped content
# make test  — run every test
# make serve — preview at http://127.0.0.1:8000 (reloads when content/ or docs/ change), the web editor at /admin/
# make deploy — production build, then rsync to $$DEPLOY_TARGET or a dated tarball with checksum
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: site test serve check render deploy clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Sveltia CMS and its fonts (the web editor, site/admin/), axe-core (accessibility checks injected
# into built pages by the browser tests), vnu-jar (the Nu HTML Checker, tests/test_html_valid.py),
# lighthouse (bench/lighthouse.py)
node_modules/.installed-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

site: $(STAMP) node_modules/.installed-stamp
	$(BIN)/python -m generator build

test: $(STAMP) node_modules/.installed-stamp
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/eslint overrides/assets/javascripts tests/*.mjs eslint.config.js
	$(BIN)/python -m pytest

serve: $(STAMP) node_modules/.installed-stamp
	DISABLE_MKDOCS_2_WARNING=true NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty

check: $(STAMP)
	$(BIN)/python -m generator check

render: $(STAMP)
	$(BIN)/python -m generator render

deploy: $(STAMP)
	deploy/deploy.sh

clean: $(STAMP)
	$(BIN)/python -m generator clean
	rm -rf .site.*
