# The README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-dev assets messages migrations-check ci clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## Set up and run the portal with demo content (SQLite unless DATABASE_URL is set).
run: install
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_demo
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py demo_accounts
	@echo "The portal: http://$(HOST):$(PORT)/   admin: http://$(HOST):$(PORT)/admin/"
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Set up and pass every test (PostgreSQL when DATABASE_URL is set, SQLite otherwise).
test: install-dev
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run > /dev/null || \
		(echo "models and migrations disagree: run manage.py makemigrations"; exit 1)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Fetch Bootstrap and Sarabun from the npm registry at the pinned versions (needs Node.js).
assets:
	scripts/update_assets.sh $(UPGRADE)

## Re-extract and compile the English catalogue (needs GNU gettext).
messages: install
	DEBUG=true $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=assets --ignore=staticfiles
	DEBUG=true $(BIN)/python manage.py compilemessages -l en --ignore=.venv

migrations-check: install
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media private_media
