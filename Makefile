# Two commands for a newcomer: `make run` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install setup run test browser worker bench

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
	bash -c 'trap "kill 0" EXIT; $(PY) manage.py db_worker --interval 1 & $(PY) manage.py runserver $(HOST):$(PORT)'

worker: install
	$(PY) manage.py db_worker

test: install browser
	$(PY) -m pytest -q

# Browser tests drive Debian's Chromium (never a downloaded browser); install it once if it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

bench: install
	$(PY) bench/run_all.py
