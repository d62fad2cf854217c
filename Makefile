# Two commands do all set-up on a fresh machine with Python 3.10+:
#   make run    virtualenv, install, build seeds/ into ./kg-store, write out/
#   make test   virtualenv, install, lint and run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint bench clean

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
	$(BIN)/ruff check kg tests scripts
	$(BIN)/python -m pytest

clean:
	rm -rf out kg-store .pytest_cache
