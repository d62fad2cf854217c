# Two commands do all set-up on a fresh machine with Python 3.10+:
#   make run    virtualenv, install, build seeds/ into ./kg-store, write out/
#   make test   virtualenv, install, lint, type-check and run the tests
# and, for contributors:
#   make test-fast   the tests that need neither the spaCy model nor a browser (seconds)
#   make lint        ruff check, ruff format --check, mypy
#   make bench       the benchmark on a corpus of 100 articles
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test test-fast lint bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	mkdir -p out/queries
	$(BIN)/kg build seeds
	$(BIN)/kg export -o out/graph.ttl
	$(BIN)/kg export --format trig -o out/graph.trig
	$(BIN)/kg viz -o out/graph.html
	for q in queries/*.rq; do \
	  out=out/queries/$$(basename $$q .rq).txt; \
	  echo "== $$q"; $(BIN)/kg query "$$q" > $$out && cat $$out || exit 1; \
	done

test: $(STAMP)
	bash scripts/ensure_chromium.sh
	bash scripts/ensure_jena.sh
	$(BIN)/ruff check kg tests scripts benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest
	PYTHON=$(PYTHON) bash scripts/test_wheel.sh

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not model and not browser and not slow"

lint: $(STAMP)
	$(BIN)/ruff check kg tests scripts benchmarks
	$(BIN)/ruff format --check kg tests scripts benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --sizes 100

docs: $(STAMP)
	$(BIN)/python scripts/gen_docs.py

clean:
	rm -rf out kg-store .pytest_cache
