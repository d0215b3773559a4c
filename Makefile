# newslab — the two commands a teacher needs are `make lab` and `make test`.
# Everything else here is for people who change the lessons.
#
#   make lab           create .venv if missing, then open JupyterLab at the start notebook
#   make test          create .venv if missing, then run the whole test suite
#   make student       write build/student/ and build/instructor/ (never touches notebooks/)
#   make bench         report the performance budgets (build/bench.json)
#   make outputs       re-run every notebook and store its outputs (after editing a lesson)
#   make environment.yml   regenerate the conda/Binder file from pyproject.toml
#
# Variables: PYTHON (the interpreter that creates .venv), CASE (the case the
# notebooks load), PORT (JupyterLab's port).

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3 || command -v python)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.newslab-installed
CASE   ?= iran-taliban-2021
PORT   ?= 8888

.PHONY: lab test student bench outputs venv clean help

help:
	@sed -n '2,14p' Makefile | sed 's/^# \{0,1\}//'

# The environment is rebuilt when pyproject.toml (the one list of pins) changes.
$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "newslab needs Python 3.11 or newer: none found on PATH (set PYTHON=/path/to/python3.11)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "newslab needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1). Set PYTHON=/path/to/python3.11"; exit 1; }
	@test -x $(BIN)/python || { echo "Creating $(VENV) with $(PYTHON) (first run only)"; $(PYTHON) -m venv $(VENV); }
	@echo "Installing the pinned packages from pyproject.toml into $(VENV) (a minute or two the first time)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[lab,test]'
	@touch $(STAMP)

venv: $(STAMP)

# JupyterLab listens on 127.0.0.1 only and makes a fresh login token each time
# (it prints the address with ?token=...). Root (containers) needs --allow-root.
lab: $(STAMP)
	NEWSLAB_CASE=$(CASE) $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.root_dir="$(CURDIR)" $(if $(filter 0,$(shell id -u)),--allow-root) \
		notebooks/00-start-here.ipynb

# The committed outputs are those of the default case, whatever NEWSLAB_CASE says.
test: $(STAMP)
	NEWSLAB_CASE= $(BIN)/python -m pytest

student: $(STAMP)
	$(BIN)/newslab build all

bench: $(STAMP)
	$(BIN)/python -m newslab.bench

outputs: $(STAMP)
	NEWSLAB_CASE= $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.timeout=300 notebooks/[0-9][0-9]-*.ipynb

environment.yml: pyproject.toml scripts/sync_environment.py
	$(PYTHON) scripts/sync_environment.py

clean:
	rm -rf build
