PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo/ledger.db

.PHONY: demo test install dev lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/onrecord ingest demo/articles --db $(DEMO_DB)
	$(BIN)/onrecord people --db $(DEMO_DB)
	$(BIN)/onrecord statements --db $(DEMO_DB) --limit 15

test: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info $(DEMO_DB)
