# The two commands of the README: `make run` serves the dashboard, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED_GEO := $(abspath ../shared/geo/twente_gemeenten.geojson)

.PHONY: run test lint refresh install install-dev bench cluster cluster-stop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# `streamlit run app.py`, started warm (ros.ui.launch); Streamlit options go in ARGS, e.g. ARGS="--server.port 8502".
run: install
	$(BIN)/python -m ros.ui.launch $(ARGS)

# Fetch the newest CBS figures into a new snapshot version (ARGS=--dry-run only prints what would change).
refresh: install
	$(BIN)/python -m ros.data.refresh $(ARGS)

# Lint, format and types (settings in pyproject.toml); `make test` runs them before pytest.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Tests use the development boundaries in ../shared/geo when they exist (never copied into the repository). They run
# in parallel, one test file per worker at a time (a file's module fixtures, such as a server, start once); every
# worker starts its own services on free ports in its own temporary directory. TEST_WORKERS=0 runs them in one process.
TEST_WORKERS ?= auto
test: lint
	ROS_TEST_BOUNDARIES="$(if $(wildcard $(SHARED_GEO)),$(SHARED_GEO),)" $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

bench: install-dev
	$(BIN)/python scripts/benchmark_targets.py
	$(BIN)/python scripts/benchmark_pages.py
	$(BIN)/python scripts/capacity_test.py

# The regional set-up on loopback: PostgreSQL, PROCESSES dashboard processes and nginx in front (deploy/nginx) on
# CLUSTER_PORT; it runs until Ctrl-C or `make cluster-stop` and stops everything it started.
PROCESSES ?= 2
CLUSTER_PORT ?= 8080
cluster: install-dev
	$(BIN)/python scripts/cluster.py --processes $(PROCESSES) --port $(CLUSTER_PORT) $(ARGS)

cluster-stop:
	kill -TERM "$$(cat "$${TMPDIR:-/tmp}/ros-cluster.pid")"

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
