# thidua: two commands do all the set-up on a fresh Debian 12 machine with Python 3.11.
#   make run   install, migrate SQLite, load the demo if the database is empty, serve on http://127.0.0.1:8000
#   make test  install, then ruff, pytest on SQLite, pytest on PostgreSQL, and the browser tests in Chromium

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# PostgreSQL for the second leg of the suite. .ci/run creates this role and database.
PG_URL ?= postgres://thidua:thidua@127.0.0.1:5432/thidua
# python3-venv for .venv (a fresh Debian lacks it); the packages WeasyPrint (PDF) needs at run time, and the browser and fonts the browser tests need.
RUN_DEBS := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext
TEST_DEBS := chromium fonts-liberation2 postgresql-client

.PHONY: run test lint format bench messages system-packages test-system-packages clean-db

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-packages:
	@scripts/apt-ensure $(RUN_DEBS)

test-system-packages: system-packages
	@scripts/apt-ensure $(TEST_DEBS)

run: system-packages $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: test-system-packages $(STAMP) lint
	$(BIN)/python manage.py makemigrations --check --dry-run
	@echo "== pytest on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest -m "not e2e" -q
	@echo "== pytest on PostgreSQL =="
	@scripts/postgres-leg "$(PG_URL)" $(BIN)/pytest -m "not e2e" -q
	@echo "== browser tests (Chromium) =="
	env -u DATABASE_URL $(BIN)/pytest -m e2e -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

messages: $(STAMP)
	cd thidua && ../$(BIN)/django-admin makemessages -l en --no-obsolete --ignore 'static/*'
	cd thidua && ../$(BIN)/django-admin compilemessages

clean-db:
	rm -f var/thidua.sqlite3
