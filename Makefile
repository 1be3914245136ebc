# The README's two commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The settings read it too: SITE_URL (the demo's e-mail links) follows the port.
export PORT
# A throw-away Fernet key: collectstatic needs the production settings to start.
CHECK_FERNET_KEY := Y29sbGVjdHN0YXRpYy1jaGVjay1vbmx5LTAwMDAwMDA=

.PHONY: run test check install install-dev test-tools assets messages migrations-check ci clean

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

# The gates' Node tools (Nu HTML checker, Lighthouse) at the versions in tools/package-lock.json.
# Without npm the gates skip on a developer's machine; CI must have it.
tools/node_modules/.installed: tools/package.json tools/package-lock.json
	scripts/install_test_tools.sh
	touch $@

test-tools:
	@if command -v npm > /dev/null; then $(MAKE) --no-print-directory tools/node_modules/.installed; \
	elif [ "$$CI" = true ]; then echo "CI needs Node.js and npm for the HTML and Lighthouse gates"; exit 1; \
	else echo "skipped: the HTML and Lighthouse gates need Node.js and npm (apt-get install nodejs npm)"; fi

## Set up and run the portal with demo content (SQLite unless DATABASE_URL is set).
run: install
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py migrate --noinput
# Accounts before content: the sample corruption reports are sealed to the demo legal officer.
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py setup_roles
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py demo_accounts
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py load_demo
# Again, for the logins of groups the demo content creates (an E-Service unit's officers).
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py demo_accounts
# The text inside the demo's documents, in the background: text layers in seconds, then the
# scans by OCR (about 5 s a page); the search finds words inside them as they are read.
	@mkdir -p .cache && (DEBUG=$${DEBUG:-true} nice $(BIN)/python manage.py read_documents --seconds 900 \
		>.cache/read_documents.log 2>&1 &) && echo "Reading the demo's documents in the background (.cache/read_documents.log)"
	@echo "The portal: http://$(HOST):$(PORT)/   admin: http://$(HOST):$(PORT)/admin/"
	DEBUG=$${DEBUG:-true} $(BIN)/python manage.py runserver $(HOST):$(PORT)

## What is checked before the tests: lint, import layers, migrations, the English and Thai catalogues, the static manifest.
check: install-dev
	$(BIN)/ruff check .
	# The import contracts in pyproject.toml: the core below the apps, nothing imports complaints.
	$(BIN)/lint-imports --no-cache
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run > /dev/null || \
		(echo "models and migrations disagree: run manage.py makemigrations"; exit 1)
	@if command -v msgfmt > /dev/null; then \
		DEBUG=true $(BIN)/python manage.py compilemessages -l en -l th --ignore=.venv > /dev/null; \
	elif [ "$$CI" = true ]; then echo "CI needs GNU gettext (msgfmt)"; exit 1; \
	else echo "skipped: the catalogues are not compiled without GNU gettext (apt-get install gettext)"; fi
	# Production's storage (hashed, compressed manifest): a CSS url() to a missing file fails here.
	rm -rf $(VENV)/collectstatic-check
	DEBUG=false SECRET_KEY=collectstatic-check-only COMPLAINT_ENCRYPTION_KEYS=$(CHECK_FERNET_KEY) \
		COMPLAINT_RECEIPT_PEPPER=collectstatic-check-only STATIC_ROOT=$(VENV)/collectstatic-check \
		$(BIN)/python manage.py collectstatic --noinput > /dev/null

## Set up and pass every check and test (PostgreSQL when DATABASE_URL is set, SQLite otherwise).
# Two processes by default (the machines have two cores); `load` in chunks of one hands out the
# tests one at a time in the collected order, so each process still runs its transactional tests
# after the others, and the two finish together (in big chunks one took both long gates while
# the other sat idle for the last minute).
TEST_PROCESSES ?= 2
test: check test-tools
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist load --maxschedchunk 1 $(PYTEST_ARGS)

## What CI runs on a clean clone (as root): system packages and services, then `make test`.
ci:
	CI=true bash .ci/run

## Fetch Bootstrap and Sarabun from the npm registry at the pinned versions (needs Node.js).
assets:
	scripts/update_assets.sh $(UPGRADE)

## Re-extract and compile the English catalogue (needs GNU gettext).
messages: install
	DEBUG=true $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=assets --ignore=staticfiles --ignore=tools --ignore=tests
	DEBUG=true $(BIN)/python manage.py compilemessages -l en -l th --ignore=.venv

migrations-check: install
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media private_media
