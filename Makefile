# Two commands do all the set-up: `make run` (the product on embedded defaults) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: run test lint install install-dev demo bench clean warden-model intent-model

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt constraints.txt pyproject.toml
	$(PIP) -r requirements.txt
	$(PIP) --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## run: the whole product on embedded defaults: database, API on 127.0.0.1:8080, worker, scheduler, bot or console
run: install
	$(BIN)/chronicler run

## demo: the product without a keyboard, on a throwaway database: a synthetic stream, its flags, its ledger
demo: install
	$(BIN)/chronicler demo

## lint: ruff (rules and formatting) over the code, tests and benchmarks; mypy --strict over the package
lint: install-dev
	$(BIN)/ruff check chronicler tests bench tools
	$(BIN)/ruff format --check chronicler tests bench tools
	$(BIN)/mypy

## test: install what the tests need, lint, and run the tests against a real PostgreSQL
test: lint
	$(BIN)/python -m pytest

## bench: every benchmark in bench/, one after another, each printing its figures (minutes; not a test)
bench: install-dev
	@for script in bench/[!_]*.py; do name=$$(basename $$script .py); \
		echo "== bench.$$name"; $(BIN)/python -m bench.$$name || exit 1; done

## warden-model: retrain the Warden's model (tools/train_warden.py) and rewrite chronicler/domain/warden/warden_model.bin
warden-model: install-dev
	$(BIN)/python tools/train_warden.py

## intent-model: retrain the built-in parser's intent and mode models (tools/train_intents.py) from tools/dm_corpus/
intent-model: install-dev
	$(BIN)/python tools/train_intents.py

clean:
	rm -rf $(VENV) .pytest_cache
