# `make all`: set up .venv and run the pipeline on seeds/ into outputs/. `make test`: the tests.
# `make bench`: the pipeline on a generated corpus (BENCH_DOCS documents) against the lexical floor.
# `make bench-memory`: peak RSS at each size in MEMORY_DOCS.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
BENCH_DOCS ?= 10000
BENCH_WORKERS ?= 1,2
MEMORY_DOCS ?= 10000,100000

.PHONY: all run test docs bench bench-memory clean

all: run

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m pipeline run --input seeds --output outputs

test: $(STAMP)
	$(PY) -m pytest

# docs/data-dictionary.md from the field registry and the views (a test fails when it is stale)
docs: $(STAMP)
	$(PY) -m pipeline.dictionary

bench: $(STAMP)
	$(PY) scripts/bench.py --docs $(BENCH_DOCS) --workers $(BENCH_WORKERS)

# peak RSS of one worker at each corpus size in MEMORY_DOCS (JSON Lines packs; the 100k run takes ~10 min)
bench-memory: $(STAMP)
	$(PY) scripts/bench_memory.py --docs $(MEMORY_DOCS)

clean:
	rm -rf $(VENV) outputs/*.parquet outputs/*.duckdb bench/corpus bench/scratch
