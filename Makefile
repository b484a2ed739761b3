# Two entry points: `make demo` (analyse the bundled sample threads) and `make test`.
# Both create the project virtual environment in .venv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test venv lint clean

venv: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first, pinned to the CPU build (see requirements/constraints.txt)
	$(PY) -m pip install --quiet -c requirements/constraints.txt torch
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/linkedins-law demo --out demo_report --force

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check linkedins_law tests benchmarks scripts
	$(VENV)/bin/mypy linkedins_law

clean:
	rm -rf $(VENV) demo_report .pytest_cache
