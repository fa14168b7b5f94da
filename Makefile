# `make all`: set up .venv and run the pipeline on seeds/ into outputs/. `make test`: the tests.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: all run test clean

all: run

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m pipeline run --input seeds --output outputs

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) outputs/*.parquet outputs/*.duckdb
