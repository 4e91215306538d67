# Two commands need nothing but Python 3.11+ and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test e2e lint format migrations-check clean up messages

$(STAMP): pyproject.toml
	@echo "Installing into $(VENV) (the first time: a few minutes)..."
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --quiet --upgrade pip
	@$(BIN)/pip install --quiet --quiet -e ".[dev]"
	@touch $(STAMP)

# axe-core, for the accessibility checks in tests/e2e (npm writes this file on every install).
# Without npm those checks skip and say why; nothing else needs Node.
NODE_STAMP := node_modules/.package-lock.json
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility checks in tests/e2e will be skipped"; fi

# The translations (locale/*/LC_MESSAGES/django.po), compiled for gettext with Babel: no GNU
# gettext needed to run or test. locale_third_party/ holds those of installed packages that
# have none in Hindi (country names: `manage.py country_names_hi` writes them), compiled alike.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po locale_third_party/*/LC_MESSAGES/django.po))
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	@$(BIN)/pybabel -q compile -d locale -D django -l $*
locale_third_party/%/LC_MESSAGES/django.mo: locale_third_party/%/LC_MESSAGES/django.po $(STAMP)
	@$(BIN)/pybabel -q compile -d locale_third_party -D django -l $*

# After changing user-facing strings: collect them into the catalogues (needs GNU gettext's
# xgettext), then translate the new entries and `make` compiles them.
messages: $(STAMP)
	DEBUG=1 $(BIN)/python manage.py makemessages -l hi --no-location \
		--ignore=".venv/*" --ignore="node_modules/*" --ignore="tests/*" --ignore="bench/*"

# DEBUG is off unless set (impact_socials/settings.py): the local targets turn it on.
# `PORT=8123 make run` and `HOST=0.0.0.0 make run` serve elsewhere; links in e-mails follow
# (SITE_URL), unless SITE_URL is set.
HOST ?= 127.0.0.1
PORT ?= 8000
RUN_ENV = DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}
run: $(STAMP) $(CATALOGUES)
	@echo "Setting up (the first run imports the registry: about a minute)..."
	@$(RUN_ENV) LOG_LEVEL=$${LOG_LEVEL:-WARNING} $(BIN)/python manage.py set_up --url http://$(HOST):$(PORT)
	@$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP) $(NODE_STAMP) $(CATALOGUES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# The browser tests alone: Playwright and Debian's Chromium (apt-get install chromium).
e2e: $(STAMP) $(NODE_STAMP) $(CATALOGUES)
	$(BIN)/pytest tests/e2e $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts node_modules

# A production-like local run of the Procfile (web, worker, beat) with honcho. Needs
# PostgreSQL and Redis; plain HTTP on 127.0.0.1:8000 unless GUNICORN_BIND says otherwise.
up: $(STAMP)
	@test -n "$$DATABASE_URL" || { echo "make up: set DATABASE_URL (PostgreSQL), e.g. postgres://postgres@127.0.0.1:5432/impact_socials"; exit 1; }
	@test -n "$$REDIS_URL" || { echo "make up: set REDIS_URL, e.g. redis://127.0.0.1:6379/0"; exit 1; }
	@test -n "$$SECRET_KEY" || { echo "make up: set SECRET_KEY (DEBUG=0 refuses the development key), e.g. export SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')"; exit 1; }
	$(BIN)/pip install --quiet -e ".[bench]"
	DEBUG=$${DEBUG:-0} SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-0} $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	PATH="$(CURDIR)/$(BIN):$$PATH" DEBUG=$${DEBUG:-0} SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} \
		GUNICORN_BIND=$${GUNICORN_BIND:-127.0.0.1:8000} $(BIN)/honcho start
