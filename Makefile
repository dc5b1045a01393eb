# Two commands on a fresh machine: `make report` and `make test`. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_STAMP := $(VENV)/.installed-lab
# The analyst's JupyterLab: project settings from lab/ (tests/test_jupyterlab.py starts it the same way),
# the project's environment first on the PATH of its terminals (`styrkort render …` works there).
LAB := JUPYTER_CONFIG_PATH=$(CURDIR)/lab PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/jupyter lab

.PHONY: setup setup-lab report test lab docs bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# JupyterLab on top, for `make lab` and the tests (the browser test drives it); `make report` needs neither.
$(LAB_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,lab]'
	touch $(LAB_STAMP)

setup: $(STAMP)

setup-lab: $(LAB_STAMP)

## Render the example municipality into outputs/: every report of 2024 of each board (outputs/<board>/) and
## the municipality's summaries, HTML with PDF/A beside it, the indexes; and ASN's June–July 2023.
report: setup
	$(BIN)/styrkort render-all --data data/example --year 2024 --pdf
	$(BIN)/styrkort render monthly --data data/example --board asn --period 2023-06..2023-07 --pdf

## Check the layers (lint-imports), then run the whole test suite, the analyst's session in
## JupyterLab and Chromium included. A quick loop while working: `.venv/bin/pytest -m "not slow"`.
test: setup-lab
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

## Start JupyterLab at the project's root, notebooks/ open, with the project's environment; it opens in your browser.
lab: setup-lab
	$(LAB) --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/notebooks

## Regenerate docs/data.md from the data contract.
docs: setup
	$(BIN)/styrkort docs

## Measure a report's cost against the naive pipeline, the year batch and a large municipality.
bench: setup
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) outputs/*/ build *.egg-info lib/*.egg-info
