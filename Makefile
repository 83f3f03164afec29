# The two commands: `make run` (the whole system) and `make test` (lint, types, every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python scripts/run_all.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy .

test: lint
	$(BIN)/pytest -q

bench: install
	$(BIN)/python -m bench.parties_speed

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
