# CrossRoads: `make run` sets everything up and serves the demo; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := crossroads.config.settings

.PHONY: run test test-browser test-postgres lint bench worker messages demo-totp clean

$(STAMP): requirements.in requirements-dev.in constraints.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python >= 3.11 is required"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.in -r requirements-dev.in -c constraints.txt
	touch $(STAMP)

var:
	mkdir -p var

# The compiled catalogues are committed; recompile when GNU gettext is there.
messages: $(STAMP)
	@if command -v msgfmt >/dev/null; then cd src/crossroads && DEBUG=1 ../../$(PY) ../../manage.py compilemessages -v0; fi

# Links in e-mails and the banner use the address the server listens on: `make run PORT=8001` (or HOST=) moves both.
run: export CROSSROADS_SITE_URL = http://$(HOST):$(PORT)
run: $(STAMP) var messages
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py matching_snapshot
	@echo ""
	@DEBUG=1 $(PY) manage.py load_demo --logins-only
	@echo ""
	@echo "Starting the background worker and the web server at $$CROSSROADS_SITE_URL/ (Ctrl-C stops both)."
	DEBUG=1 $(PY) manage.py db_worker -v0 & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

worker: $(STAMP)
	$(PY) manage.py db_worker

test: $(STAMP) messages
	CROSSROADS_TESTING=1 DEBUG=0 SECRET_KEY=test-only $(BIN)/pytest -q

test-browser: $(STAMP) messages
	CROSSROADS_TESTING=1 DEBUG=0 SECRET_KEY=test-only DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -q -m browser

# ruff (with the complexity rules), then mypy on src/ against mypy-baseline.txt (the settings need these variables).
lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	CROSSROADS_TESTING=1 DEBUG=0 SECRET_KEY=lint-only $(PY) tools/typecheck.py

bench: $(STAMP)
	$(PY) bench/run.py

demo-totp: $(STAMP)
	DEBUG=1 $(PY) manage.py demo_totp

clean:
	rm -rf $(VENV) var
