# Two commands for a newcomer: `make run` (the site with its seed content on SQLite, at
# http://127.0.0.1:8000) and `make test` (the whole test suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PYTEST_WORKERS ?= 2
# Example resources (flagged, in French and English) so that the library can be tried.
EXAMPLES ?= 40

.PHONY: run setup test lint format messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

setup: $(VENV)/.runtime-installed
	$(MANAGE) compile_catalogues --verbosity 0
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) load_nec_content --demo $(EXAMPLES)
	$(MANAGE) ensure_admin

run: setup
	$(MANAGE) runserver 127.0.0.1:8000

test: $(VENV)/.dev-installed
	$(MANAGE) compile_catalogues --verbosity 0
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files '*.html')

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files '*.html')

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache

# --- Browser quality gates: axe-core, keyboard, Nu HTML Checker, page weight and
# EcoIndex in Chromium, on one server with the seed content. Needs /usr/bin/chromium and Java
# (apt-get install chromium default-jre-headless); the npm tools come from package-lock.json.
.PHONY: test-browser
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

test-browser: $(VENV)/.dev-installed node_modules/.package-lock.json
	$(BIN)/python -m pytest -m browser tests/browser tests/journeys $(PYTEST_ARGS)
