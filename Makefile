# The two commands: `make run` (the whole system) and `make test` (lint, types, every test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint bench bench-system clean

# setup.py compiles the matching engine's hot modules (mypyc): rebuilt when they change.
$(STAMP): pyproject.toml setup.py $(wildcard services/parties/matching/*.py)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python scripts/run_all.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

test: lint
	$(BIN)/pytest -q

# In-process and self-starting benchmarks: match quality, matching speed, the parties service.
bench: install
	$(BIN)/python -m bench.match_pairs
	$(BIN)/python -m bench.match_screening
	$(BIN)/python -m bench.match_speed
	$(BIN)/python -m bench.parties_speed

# Against the running system (`make run` in another terminal).
bench-system: install
	$(BIN)/python -m bench.screening_speed --url http://127.0.0.1:8002
	$(BIN)/python -m bench.gateway_load --url http://127.0.0.1:8000

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
