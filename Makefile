# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv manages the environment; without it on PATH we run the copy pip installs.
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")

.PHONY: run test bench lint types fmt env clean i18n

env:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 \
		|| $(PYTHON) -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

# The web app on http://127.0.0.1:8000 with the demo clinic, loaded first if the database
# (ROOTWISE_DATABASE_URL, by default ./rootwise.sqlite3) is empty; prints the log-ins.
run: env
	@$(BIN)/rootwise serve --demo --host 127.0.0.1 --port 8000

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types: env
	$(BIN)/mypy

test: lint types
	$(BIN)/pytest

# Each benchmark prints its figures as ratios to a ceiling measured in the same run;
# bench/README.md records them. The HTTP one drives the server with wrk (Debian package).
bench: env
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -qq wrk >/dev/null
	@command -v valgrind >/dev/null 2>&1 || apt-get install -y -qq valgrind >/dev/null
	$(BIN)/python bench/triage_batch.py
	$(BIN)/python bench/http_checkins.py
	$(BIN)/python bench/checkin_instructions.py
	$(BIN)/python bench/worklist_scale.py

# Translations (babel.cfg says what is read): collect the marked patient text into
# messages.pot, then merge it into each language's messages.po. Translate the new entries
# there (no fuzzy ones: the tests refuse them); the app compiles the .po files at start-up.
i18n: env
	$(BIN)/pybabel extract -F babel.cfg --project=Rootwise --copyright-holder=Rootwise \
		--sort-output --add-location=file --add-comments=Translators: \
		-o src/rootwise/locale/messages.pot .
	$(BIN)/pybabel update -i src/rootwise/locale/messages.pot -d src/rootwise/locale \
		--no-fuzzy-matching --ignore-obsolete

fmt: env
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis bench/out
