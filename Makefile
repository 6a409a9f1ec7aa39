# claimgraph: `make run` serves the sample articles, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements/dev.lock
HOST   ?= 127.0.0.1
PORT   ?= 8000
export CLAIMGRAPH_STORE ?= oxigraph:data/store

.PHONY: install run test test-remote test-browser lint eval bench lock clean

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
	@echo "Serving on http://$(HOST):$(PORT)/ (API docs at /docs). Writes are open to anyone who"
	@echo "can reach it; set CLAIMGRAPH_TOKEN=<secret> to require 'Authorization: Bearer <secret>'."
	$(BIN)/claimgraph serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

# The tests that use a store, on a real Virtuoso: installed if missing (needs root), run
# on loopback ports with its own database under build/virtuoso/, and always stopped
# afterwards (even when a test fails or on Ctrl-C); the exit code is pytest's. Writes go
# through the Graph Store Protocol, then once more through INSERT DATA (tests/kg/store).
REMOTE_TESTS := tests/kg/store tests/kg/test_queries.py tests/kg/test_memo.py \
                tests/kg/test_pipeline.py tests/kg/test_export.py tests/api
test-remote: install
	scripts/virtuoso.sh install
	@trap 'scripts/virtuoso.sh stop' EXIT; trap 'exit 130' INT TERM; \
	url="$$(scripts/virtuoso.sh url)"; \
	scripts/virtuoso.sh start && \
	CLAIMGRAPH_TEST_REMOTE="$$url&gsp=/sparql-graph-crud-auth&batch=10000" \
	  $(BIN)/python -m pytest -q -k sparql $(REMOTE_TESTS) && \
	CLAIMGRAPH_TEST_REMOTE="$$url" $(BIN)/python -m pytest -q -k sparql tests/kg/store

test-browser: install
	$(BIN)/python -m pytest -q -m browser

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
