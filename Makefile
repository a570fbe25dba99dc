# Stadtdialog: everyday commands. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: help venv run migrate demo lint test test-postgres test-browser messages vendor clean

help:
	@echo "make run            set up, load Hannover demo data, serve on http://$(HOST):$(PORT) with a task worker"
	@echo "make lint           ruff (lint and format) and import-linter (the layers of the apps)"
	@echo "make test           set up and run the whole test suite (SQLite)"
	@echo "make test-postgres  the suite on PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/stadtdialog)"
	@echo "make test-browser   browser tests in Debian's chromium (/usr/bin/chromium)"
	@echo "make messages       rebuild every app's German catalogue (locale/de) and list strings without German (needs msgfmt)"
	@echo "make vendor         refresh vendored KERN UX, htmx, Leaflet and axe-core from npm"

$(STAMP): pyproject.toml
	@test -x $(PY) || (command -v uv >/dev/null && uv venv -q --python $(PYTHON) $(VENV)) || $(PYTHON) -m venv $(VENV)
	@if command -v uv >/dev/null; then uv pip install -q --python $(PY) -e ".[test,server,lint]"; \
	 else $(PY) -m pip install -q --upgrade pip && $(PY) -m pip install -q -e ".[test,server,lint]"; fi
	@touch $(STAMP)

venv: $(STAMP)

# createcachetable: the shared cache's table when REDIS_URL is not set (does nothing with Redis or when it exists)
migrate: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

# The city's master data comes from its data folder (idempotent: a second run changes nothing), then the demo.
demo: migrate
	$(PY) manage.py load_city hannover
	$(PY) manage.py seed_demo --if-empty

# The task worker (e-mail, letters, sortition runs) runs beside the web server and stops with it. Links in e-mails
# and letters point to the address served (SITE_URL from HOST and PORT unless set); e-mails land in var/mail/.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: demo
	$(PY) manage.py demo_logins
	@$(PY) manage.py db_worker --no-reload --no-startup-delay -v 0 & worker=$$!; \
	 trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	 $(PY) manage.py runserver $(HOST):$(PORT)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: venv
	$(PY) manage.py makemigrations --check --dry-run >/dev/null || (echo "Models changed without a migration" && exit 1)
	$(PY) -m pytest -m "not browser" -n 2 -q

test-postgres: venv
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/stadtdialog} $(PY) -m pytest -m "not browser" -n 2 -q

test-browser: venv
	$(PY) -m pytest -m browser -q

messages: venv
	$(PY) scripts/messages.py
	$(PY) -m pytest -q tests/core/test_translations.py

vendor:
	scripts/vendor.sh

clean:
	rm -rf $(VENV) var staticfiles
