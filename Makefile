# claimgraph: `make run` serves the sample articles, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements/dev.lock
HOST   ?= 127.0.0.1
PORT   ?= 8000
export CLAIMGRAPH_STORE ?= oxigraph:data/store

.PHONY: install run test lint eval bench lock clean

install: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null \
	  || { echo "error: claimgraph needs Python 3.11 (set PYTHON=/path/to/python3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m kg.nlp --check
	touch $(STAMP)

run: install
	$(BIN)/claimgraph ingest data/articles
	$(BIN)/claimgraph serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff format --check kg api tests bench
	$(BIN)/ruff check kg api tests bench
	$(BIN)/mypy

eval: install
	$(BIN)/python -m kg.evaluate ../shared/eval

bench: install
	$(BIN)/python -m bench

# Re-pin every dependency (needs PyPI); commit the result.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --extra dev -o $(LOCK) pyproject.toml

clean:
	rm -rf $(VENV) data/store .pytest_cache .mypy_cache .ruff_cache
