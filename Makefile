# The Jawzjan enclave compendium: `make all` regenerates everything, `make test` checks it.
# Every output is a file target with real prerequisites, so make rebuilds only what is stale.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ENV_OK := $(VENV)/.installed
STAMPS := build/stamps

ANALYSIS := $(sort $(wildcard analysis/*.py))
DESCRIPTOR := data/datapackage.json
RAW := $(sort $(wildcard data/raw/*.csv))
PROCESSED := $(addprefix data/processed/,claims.csv events.csv affiliations.csv administration.csv roster.csv triangulation.csv displacement.csv)
CODEBOOK := data/CODEBOOK.md
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))

.PHONY: env-check reproduced help all env data notebooks paper validate provenance geocode test lab bench runs clean distclean

help: ## List the targets
	@echo "Jawzjan enclave compendium. Usage: make TARGET"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-zA-Z_-]+):.*## (.*)/  \1\t\2/' | expand -t 14

all: data notebooks paper ## Set up the environment and regenerate every output that is stale

env: $(ENV_OK) ## Create .venv from the hashed lock file

$(ENV_OK): requirements.lock requirements/bootstrap.txt
	@echo "[env] installing the locked environment into $(VENV)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/bootstrap.txt
	@$(VENV)/bin/uv pip sync --quiet --python $(PY) --require-hashes --compile-bytecode requirements.lock
	@echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/jawzjan_compendium.pth"
	@touch $@

# ---------------------------------------------------------------- data

data: $(STAMPS)/validated $(PROCESSED) $(CODEBOOK) ## Validate the data, write data/processed/ and the codebook

validate: $(STAMPS)/validated ## Check every table against datapackage.json and the coding rules

$(STAMPS)/validated: $(DESCRIPTOR) $(RAW) $(ANALYSIS) $(ENV_OK)
	@$(PY) -m analysis validate
	@mkdir -p build && $(VENV)/bin/frictionless validate $(DESCRIPTOR) > build/frictionless.log 2>&1 || { cat build/frictionless.log; exit 1; }
	@echo "[data] frictionless validate: data package valid"
	@mkdir -p $(@D) && touch $@

$(PROCESSED) &: $(STAMPS)/validated
	@$(PY) -m analysis processed

$(CODEBOOK): $(DESCRIPTOR) $(ANALYSIS) $(ENV_OK)
	@$(PY) -m analysis codebook

provenance: $(ENV_OK) ## Check each claim's value and event's date in the cited source paragraph
	@$(PY) -m analysis provenance

geocode: $(ENV_OK) ## Copy gazetteer coordinates into data/raw/places.csv
	@$(PY) -m analysis geocode

# ------------------------------------------------------------ notebooks
# Each run of a notebook (notebooks/runs.toml) is a grouped file target: its figures, tables and
# values depend on the notebook, the run's parameters, the analysis modules and the tables it reads.

include build/runs.mk

build/runs.mk: notebooks/runs.toml analysis/runs.py analysis/paths.py $(NOTEBOOKS)
	@$(PYTHON) -m analysis.runs && touch $@

# A run's parameter file is rewritten (only when it changes) whenever runs.mk is; this rule
# only recreates one that has gone missing.
build/params/%.json:
	@$(PYTHON) -m analysis.runs

notebooks: $(RUN_OUTPUTS) ## Run every notebook whose outputs are stale (default runs and variants)

runs: ## List the declared notebook runs
	@for r in $(RUN_NAMES); do echo "  $$r"; done

# ---------------------------------------------------------------- paper

PAPER_OUT := paper/build/paper.html paper/build/paper.pdf paper/build/paper.docx
PAPER_IN := paper/paper.md paper/references.bib $(RUN_OUTPUTS) $(ANALYSIS) $(ENV_OK) requirements.lock \
	data/raw/sources.csv notebooks/runs.toml

paper: $(PAPER_OUT) ## Build the write-up as HTML, PDF and DOCX in paper/build/

paper/build/paper.html: $(PAPER_IN) paper/style.css
	@$(PY) -m analysis.paper html

paper/build/paper.pdf: $(PAPER_IN) paper/typst-header.typ
	@$(PY) -m analysis.paper pdf

paper/build/paper.docx: $(PAPER_IN)
	@$(PY) -m analysis.paper docx

# --------------------------------------------------------------- checks

test: all ## Bring every output up to date, then run every test (data package first)
	@$(VENV)/bin/frictionless validate $(DESCRIPTOR) > /dev/null && echo "[test] frictionless validate: data package valid"
	@$(PY) -m pytest

env-check: $(ENV_OK) ## Report installed packages that differ from the lock file
	@$(PY) -m analysis env-check

reproduced: all ## Regenerate everything, then fail if any committed output changed
	@changed="$$(git status --porcelain --untracked-files=all -- data notebooks paper)"; \
	if [ -n "$$changed" ]; then \
	  echo "[ci] regenerated outputs differ from the committed ones:"; echo "$$changed"; exit 1; \
	fi; echo "[ci] every committed output was reproduced byte for byte"

lab: $(ENV_OK) ## Open JupyterLab with the project's environment as its kernel
	@$(VENV)/bin/jupyter lab --notebook-dir=notebooks --LabApp.extension_manager=readonly \
	  $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: $(ENV_OK) ## Time full, no-op and single-notebook regeneration against the papermill way
	@$(PY) bench/benchmark.py

clean: ## Remove build stamps and logs (outputs and the environment stay)
	rm -rf build

distclean: clean ## Also remove the environment
	rm -rf $(VENV)
