# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv manages the environment; without it on PATH we run the copy pip installs.
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")

.PHONY: run test bench lint types fmt env clean

env:
	@command -v uv >/dev/null 2>&1 || $(PYTHON) -m uv --version >/dev/null 2>&1 \
		|| $(PYTHON) -m pip install --quiet uv
	@$(UV) sync --frozen --quiet

run: env
	@$(BIN)/rootwise rules
	@for example in examples/*.json; do \
		echo; echo "## rootwise triage $$example"; \
		$(BIN)/rootwise triage "$$example"; \
	done

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

types: env
	$(BIN)/mypy

test: lint types
	$(BIN)/pytest

bench: env
	$(BIN)/python bench/triage_batch.py

fmt: env
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis bench/out
