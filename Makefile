# Every target does its own set-up: a fresh clone needs only `make run` or `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.synced-$(PYTHON_VERSION)

export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_NO_PROGRESS := 1

.PHONY: help install run test test-fast lint format bench system-deps clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(UV):
	$$(scripts/find-python) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(STAMP): uv.lock pyproject.toml | $(UV)
	$(UV) sync --frozen --python "$$(scripts/find-python)"
	@touch $@

install: $(STAMP) ## create the virtual environment from the lock file

system-deps: ## install PostgreSQL and Chromium from Debian's packages if missing
	@scripts/system-deps

# `make run` is a local trial over plain HTTP: the base settings (not production's, which want
# HTTPS and a real mail server), a secret key generated once into $(RUN_DIR)/secret_key, e-mails
# written as files into $(RUN_DIR)/mail, the SQLite database in $(RUN_DIR) unless DATABASE_URL is set.
RUN_DIR ?= var
RUN_PORT ?= 8000
RUN_ENV = DJANGO_SETTINGS_MODULE=accord.config.settings.base ACCORD_DATA_DIR=$(abspath $(RUN_DIR)) \
	SECRET_KEY="$$(cat $(abspath $(RUN_DIR))/secret_key)" EMAIL_URL=filemail://$(abspath $(RUN_DIR))/mail \
	ALLOWED_HOSTS=127.0.0.1,localhost ACCORD_BASE_URL=http://127.0.0.1:$(RUN_PORT)

run: install ## set up the database and the demo data, then serve Accord on http://127.0.0.1:8000
	mkdir -p $(abspath $(RUN_DIR))/mail
	test -s $(abspath $(RUN_DIR))/secret_key || (umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $(abspath $(RUN_DIR))/secret_key)
	$(RUN_ENV) $(BIN)/python -m django migrate --no-input --verbosity 0
	$(RUN_ENV) $(BIN)/accord demo --base-url http://127.0.0.1:$(RUN_PORT)
	@echo "Open http://127.0.0.1:$(RUN_PORT)/ and log in with one of the demo accounts above (Ctrl-C stops Accord)."
	$(RUN_ENV) $(BIN)/accord serve --host 127.0.0.1 --port $(RUN_PORT)

lint: install ## ruff, mypy, import contracts, migrations check
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m django makemigrations --check --dry-run --settings=accord.config.settings.test

test: install system-deps lint ## lint, then every test against a real PostgreSQL and Chromium
	scripts/with-postgres $(BIN)/pytest
	$(BIN)/pytest tests/config -q

test-fast: install ## the tests without PostgreSQL (SQLite), no lint
	$(BIN)/pytest -x -q -m "not browser"

format: install ## reformat the code
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

bench: install system-deps ## run the benchmarks (pages on a real PostgreSQL) and print their table
	scripts/with-postgres $(BIN)/python -m benchmarks

clean: ## remove the environments and generated files
	rm -rf $(VENV) $(TOOLS) build dist test-artifacts
