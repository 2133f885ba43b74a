# The Makefile only strings commands together; pyproject.toml holds the settings.
# `make run` installs the runtime alone (the demo needs no Ray, pyarrow or DuckDB);
# `make test` adds the dev extra that the tests need.
VENV ?= .venv
PY := $(VENV)/bin/python
RUNTIME := $(VENV)/.installed-runtime
DEV := $(VENV)/.installed-dev

.PHONY: run test lint clean browser

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $(RUNTIME)

$(DEV): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(DEV) $(RUNTIME)

run: $(RUNTIME)
	$(VENV)/bin/newsledger demo

# The report's browser test opens a report in Debian's chromium: as root, install it when
# it is missing (elsewhere that test skips, or fails under CI=true).
browser:
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

test: $(DEV) browser
	$(PY) -m pytest

lint: $(DEV)
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

clean:
	rm -rf $(VENV) newsledger-demo.db*
