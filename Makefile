# The README's commands. `make run` sets up, builds and serves; `make test` sets up and tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup build run test lint bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: setup
	$(BIN)/ccmkg build

run: build
	$(BIN)/ccmkg serve

lint: setup
	$(BIN)/ruff check graph server tests bench
	$(BIN)/ruff format --check graph server tests bench

test: setup lint
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python bench/build_time.py
