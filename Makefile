# Two commands for a newcomer: `make run` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install setup run test test-fast worker bench messages

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

test: install
	$(PY) -m pytest -q

bench: install
	$(PY) bench/run_all.py
