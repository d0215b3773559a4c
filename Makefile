# newslab — the two commands a teacher needs are `make lab` and `make test`.
# Everything else here is for people who change the lessons.
#
#   make lab           create .venv if missing, then open JupyterLab at the start notebook
#   make test          create .venv if missing, then run the whole test suite
#   make student       write build/student/ and build/instructor/ (never touches notebooks/)
#   make bench         report the performance budgets (build/bench.json)
#   make outputs       re-run every notebook and store its outputs (after editing a lesson)
#   make lock          re-resolve lock/ from pyproject.toml and say what changed (UPGRADE=1 moves every package
#                      to its newest allowed version, UPGRADE=name,name only those); rewrites environment.yml
#   make environment.yml   regenerate the conda/Binder file from lock/binder.txt
#   make sync          pair each notebook with its MyST Markdown twin in notebooks/md/ (jupytext)
#   make site          build the static HTML site in build/site (SITE=instructor for the answers)
#
# Variables: PYTHON (the interpreter that creates .venv), CASE (the case the
# notebooks load), PORT (JupyterLab's port), SITE (student or instructor).

SHELL := /bin/bash
comma := ,
PYTHON ?= $(shell command -v python3.11 || command -v python3 || command -v python)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.newslab-installed
LOCK   := lock/requirements.txt
CASE   ?= iran-taliban-2021
PORT   ?= 8888
SITE   ?= student

.PHONY: lab test student bench outputs venv lock clean help sync site

help:
	@sed -n '2,/^$$/p' Makefile | sed 's/^# \{0,1\}//'

# .venv holds exactly the lock (every package, hash-checked), then newslab itself
# from this checkout without its dependencies (pip's hash mode cannot take an
# editable install, hence two steps).  It is brought up to date when the lock
# or pyproject.toml changes; a lock that disagrees with pyproject.toml stops
# here with the pin at fault (run `make lock`).
$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "newslab needs Python 3.11 or newer: none found on PATH (set PYTHON=/path/to/python3.11)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "newslab needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1). Set PYTHON=/path/to/python3.11"; exit 1; }
	@echo "Creating $(VENV) with $(PYTHON) (first run only)"
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	@$(BIN)/python scripts/lock.py --check
	@echo "Installing $(LOCK) into $(VENV) (a minute or two the first time)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@$(BIN)/python scripts/lock.py --sync-installed
	@touch $(STAMP)

venv: $(STAMP)

# Needs the registry (uv resolves there); installs the pinned uv into .venv first.
# Keeps every version that still fits, unless UPGRADE says otherwise.
lock: | $(BIN)/python
	$(BIN)/python scripts/lock.py $(if $(filter 1,$(UPGRADE)),--upgrade,$(foreach p,$(subst $(comma), ,$(UPGRADE)),--upgrade-package $(p)))

# JupyterLab listens on 127.0.0.1 only and makes a fresh login token each time
# (it prints the address with ?token=...). Root (containers) needs --allow-root.
lab: $(STAMP)
	NEWSLAB_CASE=$(CASE) $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.root_dir="$(CURDIR)" $(if $(filter 0,$(shell id -u)),--allow-root) \
		notebooks/00-start-here.ipynb

# The committed outputs are those of the default case, whatever NEWSLAB_CASE says.
# NEWSLAB_OFFLINE=1 with tests/offline on PYTHONPATH blocks outbound sockets
# (loopback allowed) in pytest, the notebook kernels and the browser tests' lab.
test: $(STAMP)
	NEWSLAB_CASE= NEWSLAB_OFFLINE=1 PYTHONPATH="$(CURDIR)/tests/offline$${PYTHONPATH:+:$$PYTHONPATH}" $(BIN)/python -m pytest

student: $(STAMP)
	$(BIN)/newslab build all

# Prints the budgets, the extractor throughput, the class simulation and the
# README's sizing table (about 10 minutes); figures in build/bench.json.
bench: $(STAMP)
	NEWSLAB_CASE= $(BIN)/python -m newslab.bench
	$(BIN)/python -m newslab.bench --sizing-markdown --update-readme README.md

# Sync first, so that an edit made in a Markdown twin reaches the notebook before
# it runs; sync again after, so that each twin is newer than (and agrees with) its notebook.
outputs: sync
	NEWSLAB_CASE= $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False \
		--ExecutePreprocessor.timeout=300 notebooks/[0-9][0-9]-*.ipynb
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]-*.ipynb

environment.yml: lock/binder.txt scripts/sync_environment.py
	$(PYTHON) scripts/sync_environment.py

# The newer file of each pair wins: edit the .md, `make sync`, then `make outputs`.
sync: $(STAMP)
	$(BIN)/jupytext --sync notebooks/[0-9][0-9]-*.ipynb

site: $(STAMP)
	$(BIN)/newslab site --$(SITE)

clean:
	rm -rf build
