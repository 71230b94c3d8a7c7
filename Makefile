# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve lint clean faults

$(STAMP): pyproject.toml constraints.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	# Bytecode up front: every build starts a new interpreter, and some environments set
	# PYTHONDONTWRITEBYTECODE, which would make each one compile the package again.
	$(BIN)/python -m compileall -q digest
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/digest build --content content --out site

test: $(STAMP)
	$(BIN)/ruff check digest tests
	$(BIN)/mypy
	$(BIN)/pytest -q

serve: $(STAMP)
	$(BIN)/digest serve --content content

# Random kills, parallel builds and corrupted caches, each compared with a clean build
# (tests/faults.py; some fifty builds, so not part of `make test`).
faults: $(STAMP)
	$(BIN)/python -m tests.faults

lint: $(STAMP)
	$(BIN)/ruff check digest tests
	$(BIN)/mypy

clean:
	rm -rf site .build .cache test-artifacts
