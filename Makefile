# Two commands for a newcomer: `make run` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Test processes (pytest-xdist; pytest-django gives each its own test database): all cores by default.
TEST_WORKERS ?= auto

.PHONY: install setup run test browser worker bench prod-smoke deploy-check

install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check uv
	$(VENV)/bin/uv pip install -q --python $(PY) -r requirements-dev.txt
	touch $@

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_regions
	$(PY) manage.py load_reference
	$(PY) manage.py load_demo

# Serves the registry and runs the background worker (imports, exports) beside it; Ctrl-C stops both.
run: setup
	@echo "Registri Sentra IKM: http://$(HOST):$(PORT)/  (demo users: see README.md)"
	bash -c 'trap "kill 0" EXIT; $(PY) manage.py run_worker --interval 1 & $(PY) manage.py runserver $(HOST):$(PORT)'

worker: install
	$(PY) manage.py run_worker

test: install browser
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist worksteal

# The production path without containers: gunicorn x2 (DEBUG off), two Redis-queue workers, PostgreSQL and
# Redis; an import and an export end to end over HTTP; everything stopped afterwards (deploy/prod_smoke.py).
prod-smoke: install
	$(PY) deploy/prod_smoke.py

# Dockerfile, compose.yaml, nginx and systemd files (nginx -t / systemd-analyze when installed).
deploy-check: install
	$(PY) -m pytest -q operations/tests/test_deployment_artefacts.py -rs

# Browser tests drive Debian's Chromium (never a downloaded browser); install it once if it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

bench: install
	$(PY) bench/run_all.py
