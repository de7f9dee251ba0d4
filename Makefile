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

run: install ## set everything up and run Accord on its built-in playbooks
	$(BIN)/accord playbooks
	@for key in $$($(BIN)/accord playbooks --keys); do $(BIN)/accord lint $$key || true; done

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

bench: install ## run the benchmarks and print their table
	$(BIN)/python -m benchmarks

clean: ## remove the environments and generated files
	rm -rf $(VENV) $(TOOLS) build dist test-artifacts
