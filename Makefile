# The Jawzjan enclave compendium: `make all` regenerates everything, `make test` checks it.
# Every output is a file target with real prerequisites, so make rebuilds only what is stale.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

# The interpreter the environment is built on: the system's own Python 3.11 where it has one with
# venv support (Debian builds it with profile-guided and link-time optimisation; a plain source build
# of 3.11, such as pyenv's default, costs about a tenth more CPU in every run and test), else python3.
# Evaluated only when the environment is created; `make env PYTHON=...` chooses another.
PYTHON ?= $(shell /usr/bin/python3.11 -c 'import ensurepip, venv' >/dev/null 2>&1 && echo /usr/bin/python3.11 || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
ENV_OK := $(VENV)/.installed
STAMPS := build/stamps

# The library's layers; each output depends on the layers that make it, not on every module.
BASE := analysis/__init__.py analysis/__main__.py analysis/paths.py analysis/files.py analysis/formatting.py
DATA_LAYER := $(BASE) $(sort $(wildcard analysis/data/*.py))
TOPIC_LAYER := $(DATA_LAYER) $(sort $(wildcard analysis/topics/*.py))
PAPER_LAYER := $(BASE) $(sort $(wildcard analysis/pipeline/*.py))
DESCRIPTOR := data/datapackage.json
RAW := $(sort $(wildcard data/raw/*.csv))
PROCESSED := $(addprefix data/processed/,claims.csv events.csv affiliations.csv administration.csv roster.csv triangulation.csv displacement.csv)
CODEBOOK := data/CODEBOOK.md
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))

.PHONY: check lock env-check reproduced help all env data notebooks paper validate provenance geocode test lab bench runs clean distclean

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
	@echo "import os, sys; sys.path.append(os.path.dirname(sys.prefix))" \
	  > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/jawzjan_compendium.pth"
	@echo "$(CURDIR)" > $@

# An environment belongs to its checkout: a copied .venv (cp -a) would run another checkout's tools.
ifneq ($(wildcard $(ENV_OK)),)
ifeq ($(filter clean distclean,$(MAKECMDGOALS)),)
ifeq ($(shell test -L $(VENV) || echo real),real)
ifneq ($(shell cat $(ENV_OK)),$(CURDIR))
$(error .venv was built for $(shell cat $(ENV_OK)), not this checkout ($(CURDIR)): run `make distclean && make env` here)
endif
endif
endif
endif

# ---------------------------------------------------------------- data

data: $(STAMPS)/validated $(PROCESSED) $(CODEBOOK) ## Validate the data, write data/processed/ and the codebook

validate: $(STAMPS)/validated ## Check every table against datapackage.json and the coding rules

$(STAMPS)/validated: $(DESCRIPTOR) $(RAW) $(DATA_LAYER) $(ENV_OK)
	@$(PY) -m analysis validate
	@mkdir -p $(@D) && touch $@

# Generated files are rewritten only when their bytes change; a stamp records that the step ran.
$(STAMPS)/processed: $(STAMPS)/validated $(TOPIC_LAYER) $(if $(filter-out $(wildcard $(PROCESSED)),$(PROCESSED)),FORCE)
	@$(PY) -m analysis processed
	@touch $@
$(PROCESSED): $(STAMPS)/processed ;

$(STAMPS)/codebook: $(DESCRIPTOR) $(DATA_LAYER) $(ENV_OK) $(if $(wildcard $(CODEBOOK)),,FORCE)
	@$(PY) -m analysis codebook
	@mkdir -p $(@D) && touch $@
$(CODEBOOK): $(STAMPS)/codebook ;

FORCE:
.PHONY: FORCE
provenance: $(ENV_OK) ## Check each claim's value and event's date in the cited source paragraph
	@$(PY) -m analysis provenance

geocode: $(ENV_OK) ## Copy gazetteer coordinates into data/raw/places.csv
	@$(PY) -m analysis geocode

# ------------------------------------------------------------ notebooks
# Each run of a notebook (notebooks/runs.toml) is a grouped file target: its figures, tables and
# values depend on the notebook, the run's parameters, the analysis modules and the tables it reads.

# make clean and make help work even when notebooks/runs.toml is broken
ifeq ($(filter clean distclean help,$(MAKECMDGOALS)),)
include build/runs.mk
endif

# (the module needs only the standard library: the environment's interpreter once it exists, else python3)
RUNS_PY = $(if $(wildcard $(PY)),$(PY),$(PYTHON))

build/runs.mk: notebooks/runs.toml $(NOTEBOOKS) $(wildcard analysis/*.py analysis/*/*.py)
	@$(RUNS_PY) -m analysis.pipeline.runs && touch $@

# A run's parameter file is rewritten (only when it changes) whenever runs.mk is; this rule
# only recreates one that has gone missing.
build/params/%.json:
	@$(RUNS_PY) -m analysis.pipeline.runs

notebooks: $(RUN_OUTPUTS) ## Run every notebook whose outputs are stale (default runs and variants)

runs: ## List the declared notebook runs
	@for r in $(RUN_NAMES); do echo "  $$r"; done

# ---------------------------------------------------------------- paper

PAPER_OUT := paper/build/paper.html paper/build/paper.pdf paper/build/paper.docx \
	paper/build/supplement.html paper/build/supplement.pdf
PAPER_IN := paper/paper.md paper/references.bib $(RUN_OUTPUTS) $(PAPER_LAYER) $(ENV_OK) requirements.lock \
	data/raw/sources.csv notebooks/runs.toml CITATION.cff

paper: $(PAPER_OUT) ## Build the write-up (HTML, PDF, DOCX) and its reproducibility supplement in paper/build/

paper/build/paper.html: $(PAPER_IN) paper/style.css
	@$(PY) -m analysis.pipeline.paper html

paper/build/paper.pdf: $(PAPER_IN) paper/typst-header.typ
	@$(PY) -m analysis.pipeline.paper pdf

paper/build/paper.docx: $(PAPER_IN)
	@$(PY) -m analysis.pipeline.paper docx

# The supplement states a hash over the data, the whole library and the notebooks, so it is rebuilt
# whenever any of them changes.
SUPPLEMENT_IN := $(PAPER_IN) paper/supplement.md $(sort $(wildcard analysis/*.py analysis/*/*.py)) $(RAW) \
	$(wildcard notebooks/*.ipynb)

paper/build/supplement.html: $(SUPPLEMENT_IN) paper/style.css
	@$(PY) -m analysis.pipeline.paper supplement html

paper/build/supplement.pdf: $(SUPPLEMENT_IN) paper/typst-header.typ
	@$(PY) -m analysis.pipeline.paper supplement pdf

# --------------------------------------------------------------- checks

# The tests start many Python processes (nbval's kernels, the runs and builds of the end-to-end
# tests): they may cache compiled modules in __pycache__ (ignored by git) even where
# PYTHONDONTWRITEBYTECODE is set.
TEST_ENV := env -u PYTHONDONTWRITEBYTECODE

# Three test workers for `make test`, whose end-to-end tests spend much of their time waiting on the
# runs and builds they start; two for `make check`, whose tests keep both cores busy (nbval's kernels
# work beside the worker that drives them), so that a third worker would only add its own start.
test: all ## Bring every output up to date, then run every test (lint, unit, notebooks, end-to-end faults)
	@$(VENV)/bin/ruff check --quiet analysis tests bench && echo "[test] ruff: no problems"
	@$(TEST_ENV) $(PY) -m pytest -n 3 --durations=5

check: all ## Everything but the end-to-end fault tests: lint, unit tests, doctests, nbval
	@$(VENV)/bin/ruff check --quiet analysis tests bench && echo "[check] ruff: no problems"
	@$(TEST_ENV) $(PY) -m pytest -n 2 -m "not e2e"

lock: ## Re-resolve requirements.lock from pyproject.toml (rfc3987-syntax and lark left out: see README)
	@$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --no-emit-package rfc3987-syntax --no-emit-package lark \
	  -o requirements.lock

env-check: $(ENV_OK) ## Report installed packages that differ from the lock file
	@$(PY) -m analysis env-check

reproduced: all ## Regenerate everything, then fail if any committed output changed
	@changed="$$(git status --porcelain --untracked-files=all -- data notebooks paper)"; \
	if [ -n "$$changed" ]; then \
	  echo "[ci] regenerated outputs differ from the committed ones:"; echo "$$changed"; exit 1; \
	fi; echo "[ci] every committed output was reproduced byte for byte"

lab: $(ENV_OK) ## Open JupyterLab at the project root (notebooks/ first; figures and build/adhoc/ browsable)
	@$(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --ServerApp.preferred_dir="$(CURDIR)/notebooks" \
	  --LabApp.extension_manager=readonly \
	  $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: $(ENV_OK) ## Time full, no-op and single-notebook regeneration against the papermill way
	@$(PY) bench/benchmark.py

clean: ## Remove build stamps and logs (outputs and the environment stay)
	rm -rf build

distclean: clean ## Also remove the environment
	rm -rf $(VENV)
