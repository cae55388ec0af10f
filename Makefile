# The two commands: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run in parallel on every core; set PYTEST_WORKERS=0 to run them in one process.
PYTEST_WORKERS ?= auto

.PHONY: run test install install-test lint format migrations-check bench cluster clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Welbevinden needs Python 3.11 or newer; set PYTHON=python3.12 (for example)."; exit 1; }
	@$(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); echo "Could not create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
	@$(PY) -m welbevinden.syscheck

install-test: $(VENV)/.installed-test
	@$(PY) -m welbevinden.syscheck

run: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py seed_demo
	@echo "Welbevinden runs on http://$(HOST):$(PORT)/ (stop with Ctrl+C)"
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

test: install-test
	$(PY) -m pytest -n $(PYTEST_WORKERS)

lint: install-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

migrations-check: install
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run

# The page benchmark (bench/README.md): DATABASE_URL picks the database server,
# BENCH_ARGS passes options (BENCH_ARGS=--large). It needs wrk from Debian.
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
bench: install
	@command -v wrk >/dev/null 2>&1 || { echo "Installing wrk (the load generator) with apt-get"; \
		$(SUDO) apt-get install -y -qq --no-install-recommends wrk; }
	$(PY) -m bench.pages $(BENCH_ARGS)

# Two app servers behind nginx on this machine (deploy/cluster.py), in the
# foreground until Ctrl+C. DATABASE_URL (PostgreSQL) and REDIS_URL must be set;
# CLUSTER_ARGS passes options (CLUSTER_ARGS="--demo --port 8080"). It installs
# nginx with apt-get when missing.
cluster: install
	$(PY) -m deploy.cluster $(CLUSTER_ARGS)

clean:
	rm -rf $(VENV) staticfiles
