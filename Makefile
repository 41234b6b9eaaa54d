# Two commands on a fresh machine: `make demo` (set up, run the bundled example) and
# `make test` (set up, run the tests). Both create the virtualenv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench web clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	$(BIN)/sitrep gazetteer build
	touch $(STAMP)

demo: setup
	$(BIN)/sitrep extract examples/kunduz-wire-story.txt --format table

test: setup
	$(BIN)/python -m pytest -q -n auto

lint: setup
	$(BIN)/ruff check src tests scripts bench

bench: setup
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_gazetteer.py
	$(BIN)/python bench/bench_api.py

web:
	bash scripts/build_web.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
